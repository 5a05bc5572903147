//! "Use my location": the phone's position, once, with the reasons it may not come.

use super::settle;
use pingxuan_domain::geo::GeoPoint;
use wasm_bindgen::JsCast;
use web_sys::{Position, PositionError, PositionOptions};

/// Why there is no position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocateError {
    /// The browser has no geolocation (or the page is not on HTTPS).
    Unsupported,
    /// The resident (or WeChat) said no.
    Denied,
    /// The phone could not work out where it is.
    Unavailable,
    /// It took too long.
    Timeout,
}

/// A position and how precise it is, in metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Located {
    pub point: GeoPoint,
    pub accuracy_m: f64,
}

/// Asks the phone where it is (the browser asks the resident's permission first).
pub async fn locate() -> Result<Located, LocateError> {
    let geolocation = web_sys::window()
        .and_then(|w| w.navigator().geolocation().ok())
        .ok_or(LocateError::Unsupported)?;
    let options = PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(20_000);
    options.set_maximum_age(60_000);
    let mut unsupported = false;
    let answer = settle(&mut |resolve, reject| {
        if geolocation
            .get_current_position_with_error_callback_and_options(&resolve, Some(&reject), &options)
            .is_err()
        {
            unsupported = true;
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        }
    })
    .await;
    if unsupported {
        return Err(LocateError::Unsupported);
    }
    match answer {
        Ok(value) => {
            let coords = value.unchecked_into::<Position>().coords();
            Ok(Located {
                point: GeoPoint {
                    latitude: coords.latitude(),
                    longitude: coords.longitude(),
                },
                accuracy_m: coords.accuracy(),
            })
        }
        Err(error) => Err(match error.unchecked_into::<PositionError>().code() {
            1 => LocateError::Denied,
            3 => LocateError::Timeout,
            _ => LocateError::Unavailable,
        }),
    }
}
