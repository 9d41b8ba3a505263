//! Failed-login throttling as a fixed window per scope (an account, a client address).
//! Pure: the caller loads the window, asks what to do, and stores the answer.

/// How many failures a scope may have in one window, and how long a window lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub max_failures: u32,
    pub window_secs: i64,
}

impl ThrottlePolicy {
    /// Per account: five wrong passwords in 15 minutes, then wait. Slows guessing of one
    /// password to 480 a day while a forgetful owner is barely inconvenienced.
    pub const PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy {
        max_failures: 5,
        window_secs: 15 * 60,
    };
    /// Per client address: more room, since offices and mobile carriers share addresses.
    pub const PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
        max_failures: 30,
        window_secs: 15 * 60,
    };

    /// Per pickup: five wrong codes typed at the till in 15 minutes, then wait. An
    /// 8-character code cannot be guessed at that pace.
    pub const PER_PICKUP: ThrottlePolicy = ThrottlePolicy {
        max_failures: 5,
        window_secs: 15 * 60,
    };

    /// Per shop's tills: twenty unknown hand-off codes in 15 minutes, then wait. Codes
    /// live 15 minutes among 10¹² possible: guessing another shopper's cart gets nowhere.
    pub const PER_TILL: ThrottlePolicy = ThrottlePolicy {
        max_failures: 20,
        window_secs: 15 * 60,
    };

    /// Seconds to wait before trying again, or `None` when a try is allowed now.
    pub fn retry_after(&self, window: ThrottleWindow, now_secs: i64) -> Option<u64> {
        let window_ends = window.started_at_secs + self.window_secs;
        if now_secs >= window_ends || window.failures < self.max_failures {
            return None;
        }
        Some(u64::try_from(window_ends - now_secs).unwrap_or(1).max(1))
    }

    /// The window after one more failure at `now_secs`: a new window once the old one ended.
    pub fn record_failure(&self, window: ThrottleWindow, now_secs: i64) -> ThrottleWindow {
        if now_secs >= window.started_at_secs + self.window_secs {
            ThrottleWindow {
                started_at_secs: now_secs,
                failures: 1,
            }
        } else {
            ThrottleWindow {
                failures: window.failures.saturating_add(1),
                ..window
            }
        }
    }
}

/// The failures counted in the current window of one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleWindow {
    pub started_at_secs: i64,
    pub failures: u32,
}

#[cfg(test)]
mod tests {
    use super::{ThrottlePolicy, ThrottleWindow};

    const POLICY: ThrottlePolicy = ThrottlePolicy {
        max_failures: 3,
        window_secs: 60,
    };

    #[test]
    fn failures_accumulate_within_a_window_and_reset_after_it() {
        let mut window = ThrottleWindow {
            started_at_secs: 0,
            failures: 0,
        };
        for t in [0, 10, 20] {
            window = POLICY.record_failure(window, t);
        }
        assert_eq!(window.failures, 3);
        assert_eq!(POLICY.retry_after(window, 30), Some(30));
        assert_eq!(POLICY.retry_after(window, 60), None);
        assert_eq!(
            POLICY.record_failure(window, 61),
            ThrottleWindow {
                started_at_secs: 61,
                failures: 1
            }
        );
    }

    #[test]
    fn a_scope_under_the_limit_is_never_made_to_wait() {
        let window = ThrottleWindow {
            started_at_secs: 100,
            failures: 2,
        };
        assert_eq!(POLICY.retry_after(window, 101), None);
    }
}
