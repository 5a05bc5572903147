//! A resident's nomination (网上推荐): which place, what is wrong, photos, and
//! optionally where and how to reach them.

use crate::category::Category;
use crate::error::FieldError;
use crate::geo::GeoPoint;
use crate::place::{validate_place_name, validate_town};
use crate::region::District;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Photos per nomination.
pub const MIN_PHOTOS: usize = 1;
pub const MAX_PHOTOS: usize = 6;
/// "What is wrong", in characters.
pub const DESCRIPTION_MIN_CHARS: usize = 5;
pub const DESCRIPTION_MAX_CHARS: usize = 500;

/// The place a nomination is about: one from the register, or a new one described.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlaceChoice {
    Registered { place_id: i64 },
    New { name: String, town: String },
}

/// `POST /api/v1/nominations`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NominationInput {
    pub category: Category,
    pub place: PlaceChoice,
    /// What is wrong there, in the resident's words.
    pub description: String,
    /// Ids returned by `POST /api/v1/photos`, in the order chosen.
    pub photo_ids: Vec<String>,
    #[serde(default)]
    pub position: Option<GeoPoint>,
    /// A mainland mobile number, if the resident wants to be reachable.
    #[serde(default)]
    pub contact_phone: Option<String>,
}

/// A nomination after parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedNomination {
    pub category: Category,
    pub place: ParsedPlace,
    pub description: String,
    pub photo_ids: Vec<String>,
    pub position: Option<GeoPoint>,
    pub contact_phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ParsedPlace {
    Registered(i64),
    New {
        name: String,
        town: String,
        district: District,
    },
}

/// `1[3-9]` and nine more digits; spaces and dashes are ignored.
pub fn parse_mobile(field: &str, raw: &str) -> Result<String, FieldError> {
    let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let ok = digits.len() == 11
        && digits.starts_with('1')
        && matches!(digits.as_bytes()[1], b'3'..=b'9')
        && digits.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(digits)
    } else {
        Err(FieldError::new(
            field,
            "invalid_phone",
            "请填写11位手机号码。",
        ))
    }
}

impl NominationInput {
    /// Every rule at once, so the form can show all hints together.
    pub fn parse(&self) -> Result<ParsedNomination, Vec<FieldError>> {
        let mut errors = Vec::new();
        let place = match &self.place {
            PlaceChoice::Registered { place_id } => Some(ParsedPlace::Registered(*place_id)),
            PlaceChoice::New { name, town } => {
                let name = validate_place_name("place.name", name)
                    .map_err(|e| errors.push(e))
                    .ok();
                let town = validate_town("place.town", town)
                    .map_err(|e| errors.push(e))
                    .ok();
                match (name, town) {
                    (Some(name), Some((town, district))) => Some(ParsedPlace::New {
                        name,
                        town,
                        district,
                    }),
                    _ => None,
                }
            }
        };
        let description = self.description.trim().to_owned();
        let n = description.chars().count();
        if n < DESCRIPTION_MIN_CHARS {
            errors.push(FieldError::new(
                "description",
                "too_short",
                "请说说这里有什么问题，至少5个字。",
            ));
        } else if n > DESCRIPTION_MAX_CHARS {
            errors.push(FieldError::new(
                "description",
                "too_long",
                "问题描述最多500个字。",
            ));
        } else if description.chars().any(|c| c.is_control() && c != '\n') {
            errors.push(FieldError::new(
                "description",
                "invalid_chars",
                "描述里有不能使用的字符。",
            ));
        }
        let mut ids = self.photo_ids.clone();
        ids.sort();
        ids.dedup();
        if self.photo_ids.len() < MIN_PHOTOS {
            errors.push(FieldError::new(
                "photo_ids",
                "too_few",
                "请至少拍一张照片。",
            ));
        } else if self.photo_ids.len() > MAX_PHOTOS {
            errors.push(FieldError::new(
                "photo_ids",
                "too_many",
                "最多上传6张照片。",
            ));
        } else if ids.len() != self.photo_ids.len() {
            errors.push(FieldError::new(
                "photo_ids",
                "repeated",
                "同一张照片只能用一次。",
            ));
        } else if self.photo_ids.iter().any(|id| !is_photo_id(id)) {
            errors.push(FieldError::new(
                "photo_ids",
                "unknown",
                "有照片没有上传成功，请重新选择。",
            ));
        }
        if let Some(p) = &self.position {
            if let Err(e) = p.validate("position") {
                errors.push(e);
            }
        }
        let phone = match self
            .contact_phone
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(raw) => parse_mobile("contact_phone", raw)
                .map_err(|e| errors.push(e))
                .ok(),
            None => None,
        };
        match place {
            Some(place) if errors.is_empty() => Ok(ParsedNomination {
                category: self.category,
                place,
                description,
                photo_ids: self.photo_ids.clone(),
                position: self.position,
                contact_phone: phone,
            }),
            _ => Err(errors),
        }
    }
}

/// Photo ids are the server's random tokens: 22 URL-safe base64 characters.
pub fn is_photo_id(id: &str) -> bool {
    id.len() == 22
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The reference a resident keeps, e.g. `TJ06-000123`.
pub fn reference(round_id: i64, nomination_id: i64) -> String {
    format!("TJ{round_id:02}-{nomination_id:06}")
}

/// What the resident gets back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NominationReceipt {
    pub id: i64,
    pub reference: String,
    pub place_id: i64,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub created_at: DateTime<Utc>,
}

/// A stored photo as the public sees it (re-encoded, no metadata).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoView {
    pub id: String,
    pub url: String,
    pub thumb_url: String,
    pub width: u32,
    pub height: u32,
}

/// One place on the public list of a round's nominations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NominatedPlace {
    pub place_id: i64,
    pub category: Category,
    pub name: String,
    pub town: String,
    pub district: District,
    pub nominations: u32,
    /// A few thumbnails from the nominations, newest first.
    pub photos: Vec<PhotoView>,
}

/// `GET /api/v1/rounds/{id}/nominations?category=…`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NominationList {
    pub round_id: i64,
    pub category: Category,
    pub total_nominations: u32,
    pub places: Vec<NominatedPlace>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> NominationInput {
        NominationInput {
            category: Category::Market,
            place: PlaceChoice::New {
                name: "彩塘镇华美农贸市场".into(),
                town: "彩塘镇".into(),
            },
            description: "市场门口垃圾堆积，污水横流。".into(),
            photo_ids: vec!["a".repeat(22), "b".repeat(22)],
            position: None,
            contact_phone: Some("138 0000-1234".into()),
        }
    }

    #[test]
    fn a_good_nomination_parses() {
        let p = input().parse().unwrap();
        assert_eq!(p.contact_phone.as_deref(), Some("13800001234"));
        assert!(matches!(
            p.place,
            ParsedPlace::New {
                district: District::Chaoan,
                ..
            }
        ));
    }

    #[test]
    fn every_problem_is_named() {
        let mut i = input();
        i.place = PlaceChoice::New {
            name: "".into(),
            town: "某镇".into(),
        };
        i.description = "脏".into();
        i.photo_ids = vec![];
        i.contact_phone = Some("12345".into());
        let fields: Vec<String> = i
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                "place.name",
                "place.town",
                "description",
                "photo_ids",
                "contact_phone"
            ]
        );
    }

    #[test]
    fn photo_rules() {
        let mut i = input();
        i.photo_ids = (0..7).map(|n| format!("{n}").repeat(22)).collect();
        assert_eq!(i.parse().unwrap_err()[0].code, "too_many");
        i.photo_ids = vec!["a".repeat(22), "a".repeat(22)];
        assert_eq!(i.parse().unwrap_err()[0].code, "repeated");
        i.photo_ids = vec!["../../etc/passwd".into()];
        assert_eq!(i.parse().unwrap_err()[0].code, "unknown");
    }

    #[test]
    fn description_limits_count_characters_not_bytes() {
        let mut i = input();
        i.description = "脏".repeat(500);
        assert!(i.parse().is_ok());
        i.description = "脏".repeat(501);
        assert_eq!(i.parse().unwrap_err()[0].code, "too_long");
    }

    #[test]
    fn mobiles() {
        assert!(parse_mobile("p", "13912345678").is_ok());
        assert!(parse_mobile("p", "12912345678").is_err());
        assert!(parse_mobile("p", "1391234567").is_err());
        assert!(parse_mobile("p", "1391234567x").is_err());
        assert_eq!(reference(6, 123), "TJ06-000123");
    }
}
