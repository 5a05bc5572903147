//! The server-corrected clock. Phones are often minutes off; every countdown uses the
//! server's `server_time`, corrected by how long ago we received it.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::time::Duration;

/// The difference between the server's clock and the phone's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ServerClock {
    offset_ms: i64,
}

impl ServerClock {
    /// Observes the server's time on an answer that arrived at phone time `phone_ms`.
    pub fn observe(server_time: DateTime<Utc>, phone_ms: f64) -> ServerClock {
        ServerClock {
            offset_ms: server_time.timestamp_millis() - phone_ms as i64,
        }
    }

    /// Observes the server's time on an answer that arrived just now.
    pub fn observe_now(server_time: DateTime<Utc>) -> ServerClock {
        Self::observe(server_time, js_sys::Date::now())
    }

    /// Server time at phone time `phone_ms`.
    pub fn at(self, phone_ms: f64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(phone_ms as i64 + self.offset_ms).unwrap_or_default()
    }

    /// Server time now.
    pub fn now(self) -> DateTime<Utc> {
        self.at(js_sys::Date::now())
    }
}

/// A signal holding the server's time, updated every second while the calling view lives.
pub fn use_server_now(clock: ServerClock) -> ReadSignal<DateTime<Utc>> {
    let (now, set_now) = signal(clock.now());
    if let Ok(handle) =
        set_interval_with_handle(move || set_now.set(clock.now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    now
}
