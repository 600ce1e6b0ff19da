//! Which addresses a webhook may never reach unless private addresses are allowed: loopback,
//! private networks, link-local (where cloud metadata services live), shared and unspecified
//! addresses, multicast and broadcast. Guards against server-side request forgery.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Whether a webhook delivery must not go to `ip`.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_forbidden_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_forbidden_v4(v4),
            None => is_forbidden_v6(v6),
        },
    }
}

fn is_forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        // Carrier-grade NAT, shared address space (100.64.0.0/10).
        || (a == 100 && (64..128).contains(&b))
        // "This network" (0.0.0.0/8) and reserved (240.0.0.0/4).
        || a == 0
        || a >= 240
}

fn is_forbidden_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // Unique local addresses (fc00::/7), which include fd00:ec2::254, a metadata service.
        || (first & 0xfe00) == 0xfc00
        // Link-local (fe80::/10).
        || (first & 0xffc0) == 0xfe80
        // IPv4-compatible and NAT64 forms of IPv4 addresses.
        || ip.to_ipv4().is_some_and(is_forbidden_v4)
        || (first == 0x0064 && ip.segments()[1] == 0xff9b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_internal_addresses() {
        for text in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "::",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
        ] {
            assert!(is_forbidden(text.parse().unwrap()), "{text}");
        }
    }

    #[test]
    fn allows_public_addresses() {
        for text in ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"] {
            assert!(!is_forbidden(text.parse().unwrap()), "{text}");
        }
    }
}
