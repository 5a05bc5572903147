//! Rate limits of two kinds. [`SharedLimiter`]: fixed-window counters in the database,
//! so every server process behind it counts together — staff sign-in (a security limit)
//! and SMS codes and their checks. [`RateLimiter`] / [`PublicLimiter`]: sliding windows
//! kept in memory, per process — abuse damping on hot paths (ballots, nominations,
//! photos), where N processes allow up to N times the setting (docs/deploy.md).

use crate::db::rate_counters::RateCharge;
use crate::db::Db;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Allows `limit` events per key in each fixed window of `window`, counted in the
/// database (`rate_counters`). A key's count can reach twice the limit across a window
/// boundary, the price of one atomic statement per key; a check of several keys is one
/// transaction.
pub struct SharedLimiter {
    /// Prefixes every key, so limiters never share a counter.
    scope: &'static str,
    limit: u32,
    window: Duration,
}

/// How long old windows are kept: past every limiter's window.
pub const SHARED_WINDOWS_KEPT: Duration = Duration::from_secs(2 * 3600);

impl SharedLimiter {
    pub fn new(scope: &'static str, limit: u32, window: Duration) -> SharedLimiter {
        assert!(
            window <= SHARED_WINDOWS_KEPT / 2,
            "windows are pruned after two hours"
        );
        SharedLimiter {
            scope,
            limit,
            window,
        }
    }

    fn key(&self, key: &str) -> String {
        format!("{}:{key}", self.scope)
    }

    /// The charges of one event to each of `keys`, in order, in the window holding `now`.
    pub fn charges(&self, keys: &[&str], now: DateTime<Utc>) -> Vec<RateCharge> {
        let window_start = window_start(now, self.window);
        keys.iter()
            .map(|key| RateCharge {
                key: self.key(key),
                window_start,
                limit: i64::from(self.limit),
            })
            .collect()
    }

    /// Counts an event for each key in turn, stopping at the first that is over its
    /// limit (the keys after it are not charged); true when none was. One transaction,
    /// one commit ([`Db::count_rate_events`]).
    pub async fn try_acquire(
        &self,
        db: &Db,
        keys: &[&str],
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        db.count_rate_events(&self.charges(keys, now)).await
    }

    /// Forgets a key (a successful login clears that user name's failures).
    pub async fn reset(&self, db: &Db, key: &str) -> Result<(), sqlx::Error> {
        db.forget_rate_key(&self.key(key)).await
    }
}

/// The start of the fixed window of length `window` that holds `now`, in Unix seconds.
fn window_start(now: DateTime<Utc>, window: Duration) -> i64 {
    let length = (window.as_secs() as i64).max(1);
    now.timestamp().div_euclid(length) * length
}

/// [`PublicLimiter`]'s rule, shared through the database: `per_device` per window for
/// one app install, ten times that for one network address.
pub struct SharedPublicLimiter {
    device: SharedLimiter,
    address: SharedLimiter,
}

impl SharedPublicLimiter {
    /// `scopes`: the device's and the address's key prefixes, e.g. `("sms-device",
    /// "sms-address")`.
    pub fn new(
        scopes: (&'static str, &'static str),
        per_device: u32,
        window: Duration,
    ) -> SharedPublicLimiter {
        SharedPublicLimiter {
            device: SharedLimiter::new(scopes.0, per_device, window),
            address: SharedLimiter::new(scopes.1, per_device.saturating_mul(10), window),
        }
    }

    /// The charges of one event: to the device (when known), then to the address (when
    /// known). A caller that writes more in the same request passes them to the `Db`
    /// method doing that write, which counts them first in its own transaction.
    pub fn charges(
        &self,
        device: Option<&str>,
        address: Option<std::net::IpAddr>,
        now: DateTime<Utc>,
    ) -> Vec<RateCharge> {
        let mut charges = device.map_or_else(Vec::new, |d| self.device.charges(&[d], now));
        if let Some(a) = address {
            charges.extend(self.address.charges(&[&a.to_string()], now));
        }
        charges
    }

    /// Charges one event to the device (when known), then to the address (when known),
    /// in one transaction; a device over its limit leaves the address uncharged.
    pub async fn try_acquire(
        &self,
        db: &Db,
        device: Option<&str>,
        address: Option<std::net::IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        db.count_rate_events(&self.charges(device, address, now))
            .await
    }
}

/// Allows `limit` events per key within `window`.
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    events: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit,
            window,
            events: Mutex::new(HashMap::new()),
        }
    }

    /// Records an event for each key if every key is under its limit; otherwise records
    /// nothing and returns false.
    pub fn try_acquire(&self, keys: &[&str], now: Instant) -> bool {
        let mut events = self.events.lock().unwrap_or_else(|e| e.into_inner());
        if events.len() > 100_000 {
            // Bound memory under a flood of distinct keys: drop the idle ones.
            events.retain(|_, q| {
                q.back()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        for key in keys {
            if let Some(q) = events.get_mut(*key) {
                while q
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.window)
                {
                    q.pop_front();
                }
                if q.len() >= self.limit as usize {
                    return false;
                }
            }
        }
        for key in keys {
            events.entry((*key).to_owned()).or_default().push_back(now);
        }
        true
    }

    /// Forgets a key (a successful login clears that user name's failures).
    pub fn reset(&self, key: &str) {
        self.events
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

/// Limits for anonymous public writes: `per_device` per window for one app install,
/// ten times that for one network address (carrier NAT puts many phones behind one).
pub struct PublicLimiter {
    device: RateLimiter,
    address: RateLimiter,
}

impl PublicLimiter {
    pub fn new(per_device: u32, window: Duration) -> PublicLimiter {
        PublicLimiter {
            device: RateLimiter::new(per_device, window),
            address: RateLimiter::new(per_device.saturating_mul(10), window),
        }
    }

    /// Charges one event to the device (when known) and to the address (when known).
    pub fn try_acquire(
        &self,
        device: Option<&str>,
        address: Option<std::net::IpAddr>,
        now: Instant,
    ) -> bool {
        let addr = address.map(|a| a.to_string());
        let device_ok = device.is_none_or(|d| self.device.try_acquire(&[d], now));
        device_ok
            && addr
                .as_deref()
                .is_none_or(|a| self.address.try_acquire(&[a], now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_windows_start_on_their_length() {
        let at = |s: i64| DateTime::<Utc>::from_timestamp(s, 0).unwrap();
        let quarter = Duration::from_secs(900);
        assert_eq!(window_start(at(1_800), quarter), 1_800);
        assert_eq!(window_start(at(2_699), quarter), 1_800);
        assert_eq!(window_start(at(2_700), quarter), 2_700);
        assert_eq!(window_start(at(-1), quarter), -900);
    }

    #[test]
    fn limits_per_key_and_slides() {
        let rl = RateLimiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert!(rl.try_acquire(&["ip:a", "user:x"], t0));
        assert!(rl.try_acquire(&["ip:a", "user:y"], t0));
        // ip:a is full; user:z must not be charged for the refused attempt.
        assert!(!rl.try_acquire(&["ip:a", "user:z"], t0));
        assert!(rl.try_acquire(&["ip:b", "user:z"], t0));
        assert!(rl.try_acquire(&["ip:b", "user:z"], t0));
        assert!(!rl.try_acquire(&["ip:c", "user:z"], t0));
        assert!(rl.try_acquire(&["ip:a"], t0 + Duration::from_secs(61)));
        rl.reset("user:z");
        assert!(rl.try_acquire(&["ip:d", "user:z"], t0));
    }
}
