//! Positions on the ground: validation for Chaozhou, and distances for duplicate checks.

use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// A WGS-84 position as a phone reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GeoPoint {
    pub latitude: f64,
    pub longitude: f64,
}

/// A generous box around Chaozhou (一县三区): positions outside it are a mistake or a
/// phone far away, and are refused rather than stored.
const LAT_RANGE: (f64, f64) = (23.0, 24.6);
const LNG_RANGE: (f64, f64) = (116.0, 117.6);

impl GeoPoint {
    /// Checks the point is a real number inside the city's box; `field` names it.
    pub fn validate(&self, field: &str) -> Result<(), FieldError> {
        let inside = |v: f64, (lo, hi): (f64, f64)| v.is_finite() && (lo..=hi).contains(&v);
        if inside(self.latitude, LAT_RANGE) && inside(self.longitude, LNG_RANGE) {
            Ok(())
        } else {
            Err(FieldError::new(
                field,
                "outside_city",
                "位置不在潮州市范围内。",
            ))
        }
    }

    /// Great-circle distance in metres (haversine; plenty for "same place" checks).
    pub fn distance_m(&self, other: &GeoPoint) -> f64 {
        const EARTH_RADIUS_M: f64 = 6_371_000.0;
        let (la1, la2) = (self.latitude.to_radians(), other.latitude.to_radians());
        let dla = la2 - la1;
        let dlo = (other.longitude - self.longitude).to_radians();
        let a = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * a.sqrt().asin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_plausible() {
        // 湘桥区 (Guangji Bridge) to 黄冈镇 (Raoping) is about 50 km as the crow flies.
        let bridge = GeoPoint {
            latitude: 23.6631,
            longitude: 116.6476,
        };
        let huanggang = GeoPoint {
            latitude: 23.6770,
            longitude: 117.0030,
        };
        let d = bridge.distance_m(&huanggang);
        assert!((35_000.0..40_000.0).contains(&d), "{d}");
        assert_eq!(bridge.distance_m(&bridge), 0.0);
    }

    #[test]
    fn only_points_in_chaozhou_are_valid() {
        assert!(GeoPoint {
            latitude: 23.66,
            longitude: 116.64
        }
        .validate("position")
        .is_ok());
        assert!(GeoPoint {
            latitude: 39.9,
            longitude: 116.4
        }
        .validate("position")
        .is_err()); // Beijing
        assert!(GeoPoint {
            latitude: f64::NAN,
            longitude: 116.4
        }
        .validate("position")
        .is_err());
    }
}
