//! A sliding-window rate limiter kept in memory. Enough for one server process; the
//! scale-out issue moves shared limits into the database.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
