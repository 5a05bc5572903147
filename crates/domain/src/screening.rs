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

/// At most this many suggestions reach the screening page for one category: the
/// strongest (see [`DuplicateSuggestion::strength`]). Each asks a person to look at two
/// places and decide — half a minute to a minute on a phone — so 50 is about half an
/// hour's work, a sitting of the four screening days, and about 6 KB of JSON where 2,550
/// nominations in a few dozen kinds of complaint find over 100,000 pairs (10 MB). Every
/// merge answers with a fresh view, so the next strongest move up as pairs are merged;
/// a pair judged *not* one place stays on the list (there is no dismissing yet).
pub const MAX_SUGGESTIONS: usize = 50;

impl DuplicateReason {
    /// How far past its threshold this reason is, 0.0 (just at it) to 1.0 (the same
    /// name, position, photo or words). Computed from the values the reason carries (as
    /// rounded for the page), so anyone holding the JSON can check the order.
    pub fn strength(&self) -> f64 {
        let past =
            |value: f64, threshold: f64| ((value - threshold) / (1.0 - threshold)).clamp(0.0, 1.0);
        match *self {
            DuplicateReason::SimilarName { similarity } => past(similarity, SIMILAR_NAME),
            DuplicateReason::Near { metres } => (1.0 - metres / NEAR_METRES).clamp(0.0, 1.0),
            DuplicateReason::SimilarPhotos { differing_bits } => {
                1.0 - f64::from(differing_bits.min(NEAR_IDENTICAL_BITS))
                    / f64::from(NEAR_IDENTICAL_BITS)
            }
            DuplicateReason::SimilarText { similarity } => past(similarity, SIMILAR_TEXT),
        }
    }
}

/// A pair of places that may be one, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateSuggestion {
    pub place_a: i64,
    pub place_b: i64,
    pub reasons: Vec<DuplicateReason>,
}

impl DuplicateSuggestion {
    /// How strongly the pair looks like one place: first the number of independent
    /// reasons (name, position, photo, words), then the sum of their
    /// [`DuplicateReason::strength`]s. Reasons count first because one sign alone says
    /// little when a category has thousands of nominations: residents describe different
    /// markets in the same words (垃圾堆积，污水横流), while two signs that agree rarely
    /// happen by chance.
    pub fn strength(&self) -> (usize, f64) {
        let sum = self.reasons.iter().map(DuplicateReason::strength).sum();
        (self.reasons.len(), sum)
    }
}

/// Strongest first; equally strong pairs by their place ids, so the order never depends
/// on the order places were read in.
fn stronger_first(x: &DuplicateSuggestion, y: &DuplicateSuggestion) -> std::cmp::Ordering {
    let ((xn, xs), (yn, ys)) = (x.strength(), y.strength());
    yn.cmp(&xn)
        .then(ys.total_cmp(&xs))
        .then((x.place_a, x.place_b).cmp(&(y.place_a, y.place_b)))
}

/// The strongest suggestions and how many pairs were found in all.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateSuggestions {
    /// At most the limit asked for, strongest first.
    pub shown: Vec<DuplicateSuggestion>,
    /// Every pair with at least one reason, shown or not.
    pub total: usize,
}

/// Every pair of places with at least one reason to be the same is counted; the
/// strongest `limit` are kept, strongest first (see [`DuplicateSuggestion::strength`];
/// ties by place ids). The screening page asks for [`MAX_SUGGESTIONS`].
///
/// Flat pairs, not groups: joining pairs that share a place (A~B, B~C) would be cheap,
/// but likeness is not transitive — with a few dozen kinds of complaint every place is
/// linked to every other through some chain (in `examples/suggest_duplicates.rs` all 800
/// places fall into one group), and a merge is decided two places at a time anyway.
///
/// Memory stays proportional to `limit`, not to the pairs found: whenever twice the
/// limit has gathered, only the strongest `limit` are kept.
pub fn suggest_duplicates(places: &[PlaceSignals], limit: usize) -> DuplicateSuggestions {
    // Every text's bigrams once, not once per pair it is compared in.
    let names: Vec<Bigrams> = places.iter().map(|p| Bigrams::of(&p.name)).collect();
    let texts: Vec<Vec<Bigrams>> = places
        .iter()
        .map(|p| p.descriptions.iter().map(|d| Bigrams::of(d)).collect())
        .collect();
    let keep_strongest = |found: &mut Vec<DuplicateSuggestion>| {
        if found.len() > limit {
            found.select_nth_unstable_by(limit, stronger_first);
            found.truncate(limit);
        }
    };
    let mut out = Vec::new();
    let mut total = 0;
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
                total += 1;
                out.push(DuplicateSuggestion {
                    place_a,
                    place_b,
                    reasons,
                });
                if out.len() >= limit.saturating_mul(2).max(64) {
                    keep_strongest(&mut out);
                }
            }
        }
    }
    keep_strongest(&mut out);
    out.sort_by(stronger_first);
    DuplicateSuggestions { shown: out, total }
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
    /// The strongest suggested duplicates, at most [`MAX_SUGGESTIONS`].
    pub suggestions: Vec<DuplicateSuggestion>,
    /// How many pairs were found in all; more than `suggestions` holds when capped.
    #[serde(default)]
    pub suggestions_total: u32,
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
    use proptest::strategy::{Just, Strategy};

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
        let found = suggest_duplicates(&places, MAX_SUGGESTIONS);
        assert_eq!(found.total, 1);
        let s = found.shown;
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

    /// The pairs with at least one reason, by the public similarity functions directly.
    fn reference_pairs(places: &[PlaceSignals]) -> std::collections::BTreeSet<(i64, i64)> {
        use crate::similarity::{name_similarity, text_similarity};
        let mut out = std::collections::BTreeSet::new();
        for (i, a) in places.iter().enumerate() {
            for b in &places[i + 1..] {
                let name = a.town == b.town && name_similarity(&a.name, &b.name) >= SIMILAR_NAME;
                let near = matches!((a.position, b.position), (Some(x), Some(y)) if x.distance_m(&y) <= NEAR_METRES);
                let photo = a.photo_hashes.iter().any(|x| {
                    b.photo_hashes
                        .iter()
                        .any(|y| hamming(*x, *y) <= NEAR_IDENTICAL_BITS)
                });
                let text = a.descriptions.iter().any(|x| {
                    b.descriptions
                        .iter()
                        .any(|y| text_similarity(x, y) >= SIMILAR_TEXT)
                });
                if name || near || photo || text {
                    out.insert((a.place_id.min(b.place_id), a.place_id.max(b.place_id)));
                }
            }
        }
        out
    }

    /// Up to 24 places that often look alike: few names, two towns, positions within a
    /// few hundred metres, a handful of photo hashes and words.
    fn alike_places() -> impl Strategy<Value = Vec<PlaceSignals>> {
        use proptest::prelude::prop;
        let place = (
            "[华美市场彩塘]{2,5}",
            prop::bool::ANY,
            prop::option::of((0u32..40, 0u32..40)),
            prop::collection::vec(
                prop::sample::select(vec![0u64, 1, 3, 0xFF, 0xF0F0, u64::MAX]),
                0..3,
            ),
            prop::collection::vec("[市场门口垃圾堆积，]{0,8}", 0..3),
        );
        prop::collection::vec(place, 0..24).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(
                    |(i, (name, town, pos, hashes, descriptions))| PlaceSignals {
                        place_id: i as i64 * 7 + 3,
                        name,
                        town: if town { "彩塘镇" } else { "金石镇" }.into(),
                        position: pos.map(|(x, y)| GeoPoint {
                            latitude: 23.58 + f64::from(x) * 0.0001,
                            longitude: 116.62 + f64::from(y) * 0.0001,
                        }),
                        photo_hashes: hashes,
                        descriptions,
                    },
                )
                .collect()
        })
    }

    proptest::proptest! {
        #[test]
        fn the_cap_keeps_exactly_the_strongest_and_counts_every_pair(
            places in alike_places(),
            limit in 0usize..12,
        ) {
            use proptest::prop_assert_eq;
            let all = suggest_duplicates(&places, usize::MAX);
            let pairs: std::collections::BTreeSet<(i64, i64)> =
                all.shown.iter().map(|s| (s.place_a, s.place_b)).collect();
            prop_assert_eq!(&pairs, &reference_pairs(&places));
            prop_assert_eq!(all.total, pairs.len());
            prop_assert_eq!(all.shown.len(), all.total);
            // Strongest first, each pair once.
            for w in all.shown.windows(2) {
                proptest::prop_assert!(stronger_first(&w[0], &w[1]).is_lt(), "{:?}", w);
            }
            let capped = suggest_duplicates(&places, limit);
            prop_assert_eq!(capped.total, all.total);
            prop_assert_eq!(capped.shown.len(), limit.min(all.total));
            prop_assert_eq!(&capped.shown[..], &all.shown[..capped.shown.len()]);
            // No pair left out is stronger than the weakest one shown.
            if let Some(weakest) = capped.shown.last() {
                for left_out in &all.shown[capped.shown.len()..] {
                    let (w, l) = (weakest.strength(), left_out.strength());
                    proptest::prop_assert!(w.0 > l.0 || (w.0 == l.0 && w.1 >= l.1));
                }
            }
        }

        #[test]
        fn the_order_does_not_depend_on_the_order_places_come_in(
            (places, shuffled) in alike_places()
                .prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
            limit in 0usize..12,
        ) {
            proptest::prop_assert_eq!(
                suggest_duplicates(&places, limit),
                suggest_duplicates(&shuffled, limit)
            );
        }
    }

    #[test]
    fn more_reasons_beat_stronger_ones_and_ties_go_by_place_ids() {
        let text = "门口垃圾堆积，污水横流";
        let places = [
            // Same words only (the strongest a single reason gets).
            sig(1, "甲市场", "彩塘镇", None, &[], text),
            sig(2, "乙菜场", "金石镇", None, &[], text),
            // Near each other (at the edge) and similar words (at the edge).
            sig(
                3,
                "丙市场",
                "浮洋镇",
                Some((23.6, 116.7)),
                &[],
                "村道路面破损，下雨积水",
            ),
            sig(
                4,
                "丁菜场",
                "龙湖镇",
                Some((23.6013, 116.7)),
                &[],
                "村道路面破损积水严重",
            ),
            // Two pairs exactly alike: equal strength, so by ids.
            sig(10, "戊", "东凤镇", Some((23.7, 116.8)), &[0xAB], "戊戌"),
            sig(11, "己", "庵埠镇", Some((23.7, 116.8)), &[0xAB], "戊戌"),
            sig(
                8,
                "庚",
                "沙溪镇",
                Some((23.75, 116.85)),
                &[0xFFFF_FFFF_0000_0000],
                "庚辛",
            ),
            sig(
                9,
                "辛",
                "凤塘镇",
                Some((23.75, 116.85)),
                &[0xFFFF_FFFF_0000_0000],
                "庚辛",
            ),
        ];
        let found = suggest_duplicates(&places, MAX_SUGGESTIONS);
        let order: Vec<(i64, i64)> = found.shown.iter().map(|s| (s.place_a, s.place_b)).collect();
        assert_eq!(
            order,
            vec![(8, 9), (10, 11), (3, 4), (1, 2)],
            "{:?}",
            found.shown
        );
        assert_eq!(found.total, 4);
        assert_eq!(found.shown[3].strength(), (1, 1.0));
        let (n, sum) = found.shown[2].strength();
        assert!(n == 2 && sum < 1.0, "{:?}", found.shown[2]);
        let top = suggest_duplicates(&places, 1);
        assert_eq!((top.shown.len(), top.total), (1, 4));
        assert_eq!((top.shown[0].place_a, top.shown[0].place_b), (8, 9));
        let none = suggest_duplicates(&places, 0);
        assert_eq!((none.shown.len(), none.total), (0, 4));
    }

    #[test]
    fn each_reason_is_zero_at_its_threshold_and_one_when_identical() {
        use DuplicateReason::*;
        let cases = [
            (
                SimilarName {
                    similarity: SIMILAR_NAME,
                },
                0.0,
            ),
            (SimilarName { similarity: 1.0 }, 1.0),
            (
                Near {
                    metres: NEAR_METRES,
                },
                0.0,
            ),
            (Near { metres: 0.0 }, 1.0),
            (Near { metres: 75.0 }, 0.5),
            (
                SimilarPhotos {
                    differing_bits: NEAR_IDENTICAL_BITS,
                },
                0.0,
            ),
            (SimilarPhotos { differing_bits: 0 }, 1.0),
            (
                SimilarText {
                    similarity: SIMILAR_TEXT,
                },
                0.0,
            ),
            (SimilarText { similarity: 0.75 }, 0.5),
        ];
        for (reason, want) in cases {
            assert!(
                (reason.strength() - want).abs() < 1e-9,
                "{reason:?}: {}",
                reason.strength()
            );
        }
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
