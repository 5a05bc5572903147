//! The place register: villages, ditches, roads and markets as lasting records that
//! carry their history from round to round.

use crate::category::Category;
use crate::error::FieldError;
use crate::geo::GeoPoint;
use crate::region::District;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A registered place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub id: i64,
    pub category: Category,
    /// e.g. 彩塘镇金砂村, 浮洋镇大吴村排水沟, 黄冈镇新兴农贸市场
    pub name: String,
    /// The town or subdistrict held to account (镇、街道、办).
    pub town: String,
    pub district: District,
    pub position: Option<GeoPoint>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub created_at: DateTime<Utc>,
}

/// What staff send to add or edit a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceInput {
    pub category: Category,
    pub name: String,
    pub town: String,
    #[serde(default)]
    pub position: Option<GeoPoint>,
}

/// A place's name: 2–40 characters, no control characters.
pub fn validate_place_name(field: &str, name: &str) -> Result<String, FieldError> {
    let s = name.trim();
    let n = s.chars().count();
    if n < 2 {
        Err(FieldError::new(
            field,
            "too_short",
            "请写出地点名称，至少2个字。",
        ))
    } else if n > 40 {
        Err(FieldError::new(field, "too_long", "地点名称最多40个字。"))
    } else if s.chars().any(char::is_control) {
        Err(FieldError::new(
            field,
            "invalid_chars",
            "地点名称里有不能使用的字符。",
        ))
    } else {
        Ok(s.to_owned())
    }
}

/// A town of Chaozhou, returned with its district.
pub fn validate_town(field: &str, town: &str) -> Result<(String, District), FieldError> {
    let t = town.trim();
    District::of_town(t)
        .map(|d| (t.to_owned(), d))
        .ok_or_else(|| FieldError::new(field, "unknown_town", "请从列表中选择所在的镇（街道）。"))
}

/// A place input after parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlace {
    pub category: Category,
    pub name: String,
    pub town: String,
    pub district: District,
    pub position: Option<GeoPoint>,
}

impl PlaceInput {
    pub fn parse(&self) -> Result<NewPlace, Vec<FieldError>> {
        let name = validate_place_name("name", &self.name);
        let town = validate_town("town", &self.town);
        let position = self.position.map(|p| p.validate("position")).transpose();
        match (name, town, position) {
            (Ok(name), Ok((town, district)), Ok(_)) => Ok(NewPlace {
                category: self.category,
                name,
                town,
                district,
                position: self.position,
            }),
            (n, t, p) => Err([n.err(), t.err(), p.err()].into_iter().flatten().collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_needs_a_name_and_a_real_town() {
        let ok = PlaceInput {
            category: Category::Market,
            name: " 黄冈镇新兴农贸市场 ".into(),
            town: "黄冈镇".into(),
            position: Some(GeoPoint {
                latitude: 23.677,
                longitude: 117.003,
            }),
        };
        let p = ok.parse().unwrap();
        assert_eq!(
            (p.name.as_str(), p.district),
            ("黄冈镇新兴农贸市场", District::Raoping)
        );
        let bad = PlaceInput {
            name: "市".into(),
            town: "天河区".into(),
            position: Some(GeoPoint {
                latitude: 0.0,
                longitude: 0.0,
            }),
            ..ok
        };
        let fields: Vec<String> = bad
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["name", "town", "position"]);
    }
}
