//! Department screening (部门筛选): suggested duplicates among the round's nominations,
//! and the shortlist of candidates each department picks.

use crate::category::Category;
use crate::error::FieldError;
use crate::geo::GeoPoint;
use crate::nomination::{is_photo_id, PhotoView};
use crate::similarity::{hamming, Bigrams, NEAR_IDENTICAL_BITS};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Two places closer than this are suggested as the same place.
pub const NEAR_METRES: f64 = 150.0;
/// Descriptions at least this similar (bigram Jaccard) are suggested.
pub const SIMILAR_TEXT: f64 = 0.5;
/// Names in one town at least this similar (bigram overlap) are suggested.
pub const SIMILAR_NAME: f64 = 0.6;

/// What the duplicate finder knows of one nominated place.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceSignals {
    pub place_id: i64,
    pub name: String,
    pub town: String,
    /// The register's position, or the first nomination's.
    pub position: Option<GeoPoint>,
    pub photo_hashes: Vec<u64>,
    pub descriptions: Vec<String>,
}

/// Why two places look like one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DuplicateReason {
    /// Same town and similar names.
    SimilarName { similarity: f64 },
    /// Positions within [`NEAR_METRES`].
    Near { metres: f64 },
    /// A photo of one is near-identical to a photo of the other.
    SimilarPhotos { differing_bits: u32 },
    /// What residents wrote is much alike.
    SimilarText { similarity: f64 },
}

/// A pair of places that may be one, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateSuggestion {
    pub place_a: i64,
    pub place_b: i64,
    pub reasons: Vec<DuplicateReason>,
}

/// Every pair of places with at least one reason to be the same, strongest first
/// (more reasons first, then by ids for a stable order).
pub fn suggest_duplicates(places: &[PlaceSignals]) -> Vec<DuplicateSuggestion> {
    // Every text's bigrams once, not once per pair it is compared in.
    let names: Vec<Bigrams> = places.iter().map(|p| Bigrams::of(&p.name)).collect();
    let texts: Vec<Vec<Bigrams>> = places
        .iter()
        .map(|p| p.descriptions.iter().map(|d| Bigrams::of(d)).collect())
        .collect();
    let mut out = Vec::new();
    for (i, a) in places.iter().enumerate() {
        for (j, b) in places.iter().enumerate().skip(i + 1) {
            let mut reasons = Vec::new();
            if a.town == b.town {
                let s = names[i].overlap(&names[j]);
                if s >= SIMILAR_NAME {
                    reasons.push(DuplicateReason::SimilarName {
                        similarity: (s * 100.0).round() / 100.0,
                    });
                }
            }
            if let (Some(pa), Some(pb)) = (a.position, b.position) {
                let d = pa.distance_m(&pb);
                if d <= NEAR_METRES {
                    reasons.push(DuplicateReason::Near { metres: d.round() });
                }
            }
            let closest = a
                .photo_hashes
                .iter()
                .flat_map(|x| b.photo_hashes.iter().map(move |y| hamming(*x, *y)))
                .min();
            if let Some(bits) = closest.filter(|b| *b <= NEAR_IDENTICAL_BITS) {
                reasons.push(DuplicateReason::SimilarPhotos {
                    differing_bits: bits,
                });
            }
            let best_text = texts[i]
                .iter()
                .flat_map(|x| texts[j].iter().map(move |y| x.jaccard(y)))
                .fold(0.0f64, f64::max);
            if best_text >= SIMILAR_TEXT {
                reasons.push(DuplicateReason::SimilarText {
                    similarity: (best_text * 100.0).round() / 100.0,
                });
            }
            if !reasons.is_empty() {
                let (place_a, place_b) = (a.place_id.min(b.place_id), a.place_id.max(b.place_id));
                out.push(DuplicateSuggestion {
                    place_a,
                    place_b,
                    reasons,
                });
            }
        }
    }
    out.sort_by(|x, y| {
        y.reasons
            .len()
            .cmp(&x.reasons.len())
            .then((x.place_a, x.place_b).cmp(&(y.place_a, y.place_b)))
    });
    out
}

/// One shortlisted candidate as the department writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateInput {
    pub place_id: i64,
    /// The public title, e.g. 彩塘镇华美农贸市场.
    pub title: String,
    /// Why it is a candidate, for voters: short and plain.
    pub description: String,
    /// A photo from the place's nominations (or the department's own).
    #[serde(default)]
    pub cover_photo_id: Option<String>,
    /// Required when the place was not nominated by residents: the department's reason
    /// (its own inspection records).
    #[serde(default)]
    pub department_reason: Option<String>,
}

/// `PUT /api/v1/rounds/{id}/shortlist/{category}`: the whole shortlist at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShortlistInput {
    pub candidates: Vec<CandidateInput>,
}

impl ShortlistInput {
    /// Exactly `size` candidates, distinct places, titles and descriptions in bounds.
    pub fn validate(&self, size: u32) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.candidates.len() != size as usize {
            errors.push(FieldError::new(
                "candidates",
                "wrong_count",
                format!(
                    "每类须确定{size}个候选对象，现在是{}个。",
                    self.candidates.len()
                ),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, c) in self.candidates.iter().enumerate() {
            let at = |f: &str| format!("candidates[{i}].{f}");
            if !seen.insert(c.place_id) {
                errors.push(FieldError::new(
                    at("place_id"),
                    "repeated",
                    "同一个地点只能入选一次。",
                ));
            }
            let title = c.title.trim().chars().count();
            if !(2..=40).contains(&title) {
                errors.push(FieldError::new(
                    at("title"),
                    "length",
                    "标题须为2到40个字。",
                ));
            }
            let desc = c.description.trim().chars().count();
            if !(5..=200).contains(&desc) {
                errors.push(FieldError::new(
                    at("description"),
                    "length",
                    "说明须为5到200个字。",
                ));
            }
            if c.cover_photo_id.as_deref().is_some_and(|p| !is_photo_id(p)) {
                errors.push(FieldError::new(
                    at("cover_photo_id"),
                    "unknown",
                    "封面照片无效。",
                ));
            }
            if c.department_reason
                .as_deref()
                .is_some_and(|r| r.trim().chars().count() > 500)
            {
                errors.push(FieldError::new(
                    at("department_reason"),
                    "too_long",
                    "理由最多500个字。",
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A shortlisted candidate as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Candidate {
    pub id: i64,
    pub round_id: i64,
    pub category: Category,
    pub place_id: i64,
    pub title: String,
    pub description: String,
    pub cover: Option<PhotoView>,
    /// Residents' nominations of this place in the round.
    pub nominations: u32,
    pub department_reason: Option<String>,
    /// The town (镇、街道、办) of its place in the register: the unit held to account.
    #[serde(default)]
    pub town: String,
}

/// One nomination as department staff see it (contact and original GPS included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NominationDetail {
    pub id: i64,
    pub reference: String,
    pub description: String,
    pub photos: Vec<PhotoView>,
    pub position: Option<GeoPoint>,
    pub contact_phone: Option<String>,
    pub rejected_reason: Option<String>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub created_at: DateTime<Utc>,
}

/// A nominated place with its nominations, for screening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreeningPlace {
    pub place: crate::place::Place,
    pub nominations: Vec<NominationDetail>,
}

/// `GET /api/v1/rounds/{id}/screening?category=…`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScreeningView {
    pub round_id: i64,
    pub category: Category,
    /// True once the round has left screening: nothing here can change any more.
    pub locked: bool,
    pub shortlist_size: u32,
    pub places: Vec<ScreeningPlace>,
    pub suggestions: Vec<DuplicateSuggestion>,
    pub shortlist: Vec<Candidate>,
}

/// `POST /api/v1/rounds/{id}/screening/merge`: the round's nominations of `from` move to
/// `into` (the same place described twice).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergeRequest {
    pub from_place_id: i64,
    pub into_place_id: i64,
}

/// `POST /api/v1/rounds/{id}/screening/{category}/split`: one nomination was about a
/// different place than the one it was filed under; move it there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SplitRequest {
    pub nomination_id: i64,
    pub place: crate::nomination::PlaceChoice,
}

/// `POST /api/v1/rounds/{id}/screening/reject`: set a nomination aside, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectRequest {
    pub nomination_id: i64,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(
        id: i64,
        name: &str,
        town: &str,
        pos: Option<(f64, f64)>,
        hashes: &[u64],
        text: &str,
    ) -> PlaceSignals {
        PlaceSignals {
            place_id: id,
            name: name.into(),
            town: town.into(),
            position: pos.map(|(latitude, longitude)| GeoPoint {
                latitude,
                longitude,
            }),
            photo_hashes: hashes.to_vec(),
            descriptions: vec![text.into()],
        }
    }

    #[test]
    fn finds_each_kind_of_duplicate_and_leaves_strangers_alone() {
        let places = [
            sig(
                1,
                "彩塘镇华美农贸市场",
                "彩塘镇",
                Some((23.58, 116.62)),
                &[0xF0F0],
                "门口垃圾堆积，污水横流",
            ),
            sig(
                2,
                "彩塘华美市场",
                "彩塘镇",
                Some((23.5805, 116.6201)),
                &[0xF0F1],
                "门口垃圾堆积污水横流很臭",
            ),
            sig(
                3,
                "黄冈镇新兴市场",
                "黄冈镇",
                Some((23.67, 117.0)),
                &[0x0F0F_0000_0000],
                "地面湿滑，没有排水",
            ),
        ];
        let s = suggest_duplicates(&places);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!((s[0].place_a, s[0].place_b), (1, 2));
        let kinds: Vec<&str> = s[0]
            .reasons
            .iter()
            .map(|r| match r {
                DuplicateReason::SimilarName { .. } => "name",
                DuplicateReason::Near { .. } => "near",
                DuplicateReason::SimilarPhotos { .. } => "photos",
                DuplicateReason::SimilarText { .. } => "text",
            })
            .collect();
        assert_eq!(kinds, vec!["name", "near", "photos", "text"]);
    }

    #[test]
    fn shortlist_must_be_exactly_the_size_with_distinct_places() {
        let c = |id| CandidateInput {
            place_id: id,
            title: "彩塘镇华美农贸市场".into(),
            description: "门口垃圾堆积，污水横流。".into(),
            cover_photo_id: None,
            department_reason: None,
        };
        let ok = ShortlistInput {
            candidates: (1..=20).map(c).collect(),
        };
        assert_eq!(ok.validate(20), Ok(()));
        let short = ShortlistInput {
            candidates: (1..=19).map(c).collect(),
        };
        assert_eq!(short.validate(20).unwrap_err()[0].code, "wrong_count");
        let mut twice = ok.clone();
        twice.candidates[5].place_id = 1;
        assert_eq!(
            twice.validate(20).unwrap_err()[0].field,
            "candidates[5].place_id"
        );
    }
}
