//! The real `claimdesk` binary, for tests of its commands and tests that need a second server
//! process or must kill one: run as a command, or served on a port of its own and killed
//! (SIGKILL) when dropped. The tests of the server crate pass `env!("CARGO_BIN_EXE_claimdesk")`.

use std::{
    ffi::OsStr,
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::Duration,
};

/// Runs `binary` with `args`, outside any `CLAIMDESK_DATABASE_URL` of the environment; returns
/// whether it succeeded, and what it logged (its standard error).
pub fn run_claimdesk(binary: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(binary)
        .args(args)
        .env_remove("CLAIMDESK_DATABASE_URL")
        .output()
        .expect("the binary runs");
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), log)
}

/// Runs `binary` with `args` on the database at `database_url` (as `CLAIMDESK_DATABASE_URL`),
/// which must succeed; returns what it wrote to standard output.
pub fn claimdesk_on(binary: impl AsRef<OsStr>, database_url: &str, args: &[&str]) -> String {
    let output = Command::new(binary)
        .args(args)
        .env("CLAIMDESK_DATABASE_URL", database_url)
        .output()
        .expect("claimdesk runs");
    assert!(
        output.status.success(),
        "claimdesk {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// A `claimdesk serve` child process, killed when dropped.
pub struct ChildServer {
    process: Child,
    /// Where it listens, as `127.0.0.1:<port>`.
    pub address: String,
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl ChildServer {
    /// Starts `binary serve` on `database_url` without the seed, the rate limit or open
    /// development access, its output discarded, after `configure` has added its own
    /// arguments, environment or output; waits until `/readyz` answers 200.
    pub async fn start(
        binary: &str,
        database_url: &str,
        configure: impl FnOnce(&mut Command),
    ) -> ChildServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let address = format!("127.0.0.1:{port}");
        let mut command = Command::new(binary);
        command
            .args(["serve", "--database-url", database_url, "--bind", &address])
            .args(["--no-seed", "--rate-limit-per-minute", "1000000"])
            .env_remove("CLAIMDESK_DEV_OPEN")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        configure(&mut command);
        let process = command.spawn().expect("the binary starts");
        let server = ChildServer { process, address };
        let client = reqwest::Client::new();
        for _ in 0..300 {
            let ready = client
                .get(format!("http://{}/readyz", server.address))
                .send()
                .await;
            if ready.is_ok_and(|response| response.status() == 200) {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the child server did not become ready");
    }
}
