//! When a failed delivery is tried again: a schedule of delays, by default the Standard
//! Webhooks one (at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), each spread by jitter so
//! that the retries of many deliveries do not all arrive at once.

use std::{str::FromStr, time::Duration};

use thiserror::Error;

/// The default schedule, as `--webhook-retry-schedule` takes it.
pub const DEFAULT_SCHEDULE: &str = "0s,5s,5m,30m,2h,5h,10h,10h";

/// The delays before each attempt of a delivery: the first before the first attempt, each
/// next one after a failure. A delivery that fails its last attempt has failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrySchedule(Vec<Duration>);

/// Why a schedule cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0:?} is not a delay: use a number and s, m or h, such as 5s,5m,2h")]
pub struct MalformedSchedule(String);

impl FromStr for RetrySchedule {
    type Err = MalformedSchedule;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let delays = text
            .split(',')
            .map(|part| {
                let part = part.trim();
                let unit = match part.chars().last() {
                    Some('s') => 1,
                    Some('m') => 60,
                    Some('h') => 3600,
                    _ => return Err(MalformedSchedule(part.to_owned())),
                };
                let count: u64 = part[..part.len() - 1]
                    .parse()
                    .map_err(|_| MalformedSchedule(part.to_owned()))?;
                Ok(Duration::from_secs(count * unit))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self(delays))
    }
}

impl Default for RetrySchedule {
    fn default() -> Self {
        DEFAULT_SCHEDULE
            .parse()
            .expect("the default schedule is well formed")
    }
}

impl RetrySchedule {
    /// The delay before the attempt that follows `failed` failed attempts, spread by
    /// `jitter` (from 0 to 1, drawn by the caller) over ±20 %; `None` when the schedule has
    /// no attempt left.
    pub fn delay_after(&self, failed: usize, jitter: f64) -> Option<Duration> {
        let delay = *self.0.get(failed)?;
        let spread = 0.8 + 0.4 * jitter.clamp(0.0, 1.0);
        Some(delay.mul_f64(spread))
    }

    /// How many attempts a delivery gets.
    pub fn attempts(&self) -> usize {
        self.0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_default_schedule() {
        let schedule = RetrySchedule::default();
        assert_eq!(schedule.attempts(), 8);
        assert_eq!(schedule.delay_after(0, 0.5), Some(Duration::ZERO));
        assert_eq!(schedule.delay_after(2, 0.5), Some(Duration::from_mins(5)));
        assert_eq!(schedule.delay_after(8, 0.5), None);
        assert_eq!(schedule.delay_after(1, 0.0), Some(Duration::from_secs(4)));
        assert!("5x".parse::<RetrySchedule>().is_err());
    }
}
