//! Score sheets (现场评分表): each category's department writes its standard as sections
//! of items, each item either graded 0..=max or deducted per finding (floored at 0),
//! the items' maxima totalling exactly 100. Versions are drafts until the office
//! approves them; a round pins one approved version per category.
//!
//! The app and the server score a filled sheet with the same code: [`SheetContent::score`]
//! checks the marks against the version and computes the total the server stores, and
//! [`SheetContent::running_total`] is what the app shows while an inspector fills it in.

use crate::category::Category;
use crate::error::FieldError;
use crate::lang::{Label, Lang};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Every sheet's items add up to this.
pub const SHEET_TOTAL: u32 = 100;
/// Sections per sheet, and items per section.
pub const MAX_SECTIONS: usize = 20;
pub const MAX_ITEMS_PER_SECTION: usize = 40;
/// An item or section id: 1–16 of `A-Z a-z 0-9 . _ -` (e.g. `1.2`, `weishi-3`).
pub const MAX_ID_CHARS: usize = 16;
/// The standard's wording of one item, in characters.
pub const MAX_ITEM_TEXT_CHARS: usize = 300;
/// A sheet's or a section's title, in characters.
pub const MAX_TITLE_CHARS: usize = 60;
/// Findings an inspector may count against one deducted item.
pub const MAX_FINDINGS: u32 = 999;

/// How one item is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemRule {
    /// The inspector gives 0..=max points.
    Graded { max: u32 },
    /// Starts at `max`; each finding takes `per_finding` points off, never below 0
    /// (每发现一处扣 per_finding 分，扣完为止).
    Deducted { per_finding: u32, max: u32 },
}

impl ItemRule {
    /// The most the item can give.
    pub fn max(self) -> u32 {
        match self {
            ItemRule::Graded { max } | ItemRule::Deducted { max, .. } => max,
        }
    }
}

/// One line of the standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetItem {
    /// Unique within the sheet; marks refer to items by it.
    pub id: String,
    /// The standard's wording, e.g. 市场内地面干净，无积水、无垃圾堆积。
    pub text: String,
    pub rule: ItemRule,
}

/// A group of items under a heading, e.g. 环境卫生.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetSection {
    /// Unique within the sheet.
    pub id: String,
    pub title: String,
    pub items: Vec<SheetItem>,
}

/// What a department writes: the sheet's title and its sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetContent {
    /// e.g. 潮州市农贸市场现场评分表.
    pub title: String,
    pub sections: Vec<SheetSection>,
}

/// `POST /api/v1/sheets` (a new draft) and `PUT /api/v1/sheets/{id}` (edit a draft).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetDraftInput {
    pub category: Category,
    pub content: SheetContent,
}

/// Where a version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SheetStatus {
    /// The department is still writing it; it can change. One draft per category.
    Draft,
    /// The office approved it; it never changes again and rounds may pin it.
    Approved,
}

impl SheetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SheetStatus::Draft => "draft",
            SheetStatus::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<SheetStatus> {
        [SheetStatus::Draft, SheetStatus::Approved]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

impl Label for SheetStatus {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            SheetStatus::Draft => lang.pick("草稿", "Draft"),
            SheetStatus::Approved => lang.pick("已审定", "Approved"),
        }
    }
}

/// One version of a category's sheet, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetVersion {
    /// The version's own id: submissions name the version they were filled on by it.
    pub id: i64,
    pub category: Category,
    /// 1, 2, 3 … within the category.
    pub version: u32,
    pub status: SheetStatus,
    pub content: SheetContent,
    /// Who wrote (or last edited) it.
    pub edited_by: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub updated_at: DateTime<Utc>,
    /// Who approved it and when; both set once approved.
    pub approved_by: Option<String>,
    #[serde(default, deserialize_with = "rfc3339_opt")]
    pub approved_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/sheets?category=…`: a category's versions, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetList {
    pub versions: Vec<SheetVersion>,
}

/// `PUT /api/v1/rounds/{id}/sheets/{category}`: the approved version a round uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PinSheetRequest {
    pub sheet_id: i64,
}

/// `GET /api/v1/rounds/{id}/sheets`: the version pinned for each category, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundSheets {
    pub round_id: i64,
    /// False once field scoring runs: the pins cannot change any more.
    pub editable: bool,
    pub pinned: Vec<SheetVersion>,
}

/// What an inspector records against one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mark {
    /// For a graded item: the points given.
    Graded { points: u32 },
    /// For a deducted item: how many findings (problems seen).
    Deducted { findings: u32 },
}

/// An item's points for a mark, when the mark fits the rule: graded points within
/// 0..=max, or `max − findings × per_finding` floored at 0.
pub fn item_points(rule: ItemRule, mark: Mark) -> Option<u32> {
    match (rule, mark) {
        (ItemRule::Graded { max }, Mark::Graded { points }) => (points <= max).then_some(points),
        (ItemRule::Deducted { per_finding, max }, Mark::Deducted { findings }) => (findings
            <= MAX_FINDINGS)
            .then(|| max.saturating_sub(findings.saturating_mul(per_finding))),
        _ => None,
    }
}

/// One item's computed points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemPoints {
    pub item_id: String,
    pub points: u32,
}

/// A filled sheet checked against its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoredSheet {
    /// In the sheet's order.
    pub items: Vec<ItemPoints>,
    /// 0..=100.
    pub total: u32,
}

/// [`crate::time::rfc3339`] for an optional timestamp (`null` or absent is `None`).
pub(crate) fn rfc3339_opt<'de, D>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    struct At(#[serde(deserialize_with = "crate::time::rfc3339")] DateTime<Utc>);
    Ok(Option::<At>::deserialize(deserializer)?.map(|a| a.0))
}

fn valid_id(id: &str) -> bool {
    (1..=MAX_ID_CHARS).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// A well-formed id not seen before in `seen`.
fn check_id<'a>(
    id: &'a str,
    field: String,
    seen: &mut std::collections::HashSet<&'a str>,
    repeated: &str,
) -> Option<FieldError> {
    if !valid_id(id) {
        Some(FieldError::new(
            field,
            "invalid",
            "编号须为1到16个字母、数字或 . _ -。",
        ))
    } else if !seen.insert(id) {
        Some(FieldError::new(field, "repeated", repeated))
    } else {
        None
    }
}

fn text_ok(s: &str, min: usize, max: usize) -> bool {
    let n = s.trim().chars().count();
    (min..=max).contains(&n) && !s.chars().any(char::is_control)
}

impl SheetContent {
    /// Every item in the sheet's order.
    pub fn items(&self) -> impl Iterator<Item = &SheetItem> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn item(&self, id: &str) -> Option<&SheetItem> {
        self.items().find(|i| i.id == id)
    }

    /// The sum of the items' maxima (100 for a valid sheet).
    pub fn max_total(&self) -> u32 {
        self.items().map(|i| i.rule.max()).sum()
    }

    /// A title; 1..=20 sections of 1..=40 items; ids well-formed and unique across the
    /// sheet; wording present; numbers sane (maxima 1..=100, a deduction 1..=its max);
    /// items totalling exactly 100. Collects every problem, each at its field path.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if !text_ok(&self.title, 2, MAX_TITLE_CHARS) {
            errors.push(FieldError::new(
                "content.title",
                "length",
                format!("评分表名称须为2到{MAX_TITLE_CHARS}个字。"),
            ));
        }
        if self.sections.is_empty() || self.sections.len() > MAX_SECTIONS {
            errors.push(FieldError::new(
                "content.sections",
                "count",
                format!("评分表须有1到{MAX_SECTIONS}个部分。"),
            ));
        }
        let mut section_ids = std::collections::HashSet::new();
        let mut item_ids = std::collections::HashSet::new();
        for (s, section) in self.sections.iter().enumerate() {
            let at = |f: &str| format!("content.sections[{s}].{f}");
            errors.extend(check_id(
                &section.id,
                at("id"),
                &mut section_ids,
                "部分编号重复了。",
            ));
            if !text_ok(&section.title, 1, MAX_TITLE_CHARS) {
                errors.push(FieldError::new(
                    at("title"),
                    "length",
                    format!("部分名称须为1到{MAX_TITLE_CHARS}个字。"),
                ));
            }
            if section.items.is_empty() || section.items.len() > MAX_ITEMS_PER_SECTION {
                errors.push(FieldError::new(
                    at("items"),
                    "count",
                    format!("每个部分须有1到{MAX_ITEMS_PER_SECTION}项。"),
                ));
            }
            for (i, item) in section.items.iter().enumerate() {
                let at = |f: &str| format!("content.sections[{s}].items[{i}].{f}");
                errors.extend(check_id(
                    &item.id,
                    at("id"),
                    &mut item_ids,
                    "评分项编号重复了。",
                ));
                if !text_ok(&item.text, 1, MAX_ITEM_TEXT_CHARS) {
                    errors.push(FieldError::new(
                        at("text"),
                        "length",
                        format!("评分标准须为1到{MAX_ITEM_TEXT_CHARS}个字。"),
                    ));
                }
                match item.rule {
                    ItemRule::Graded { max } | ItemRule::Deducted { max, .. }
                        if !(1..=SHEET_TOTAL).contains(&max) =>
                    {
                        errors.push(FieldError::new(
                            at("rule.max"),
                            "out_of_range",
                            "每项分值须为1到100分。",
                        ));
                    }
                    ItemRule::Deducted { per_finding, max }
                        if !(1..=max).contains(&per_finding) =>
                    {
                        errors.push(FieldError::new(
                            at("rule.per_finding"),
                            "out_of_range",
                            "每处扣分须至少1分，且不超过这一项的分值。",
                        ));
                    }
                    _ => {}
                }
            }
        }
        let total = self.max_total();
        if total != SHEET_TOTAL && !self.sections.is_empty() {
            errors.push(FieldError::new(
                "content.sections",
                "total",
                format!("各项分值合计须为100分，现在是{total}分。"),
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Checks a filled sheet: every item marked exactly once, no unknown items, each
    /// mark of the item's kind and in range. Returns each item's points and the total —
    /// what the server stores. `field` prefixes the paths (e.g. `scores`).
    pub fn score(
        &self,
        marks: &[(&str, Mark)],
        field: &str,
    ) -> Result<ScoredSheet, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut seen = std::collections::HashMap::new();
        for (i, (id, mark)) in marks.iter().enumerate() {
            let at = |f: &str| format!("{field}[{i}].{f}");
            match self.item(id) {
                None => errors.push(FieldError::new(
                    at("item_id"),
                    "unknown",
                    "评分表里没有这一项。",
                )),
                Some(_) if seen.insert(*id, *mark).is_some() => errors.push(FieldError::new(
                    at("item_id"),
                    "repeated",
                    "同一项只能评一次。",
                )),
                Some(item) => {
                    if item_points(item.rule, *mark).is_none() {
                        let message = match (item.rule, mark) {
                            (ItemRule::Graded { max }, Mark::Graded { .. }) => {
                                format!("这一项最多{max}分。")
                            }
                            (ItemRule::Deducted { .. }, Mark::Deducted { .. }) => {
                                format!("问题处数最多{MAX_FINDINGS}处。")
                            }
                            _ => "这一项的评分方式不对，请刷新评分表。".to_owned(),
                        };
                        errors.push(FieldError::new(at("mark"), "out_of_range", message));
                    }
                }
            }
        }
        let missing: Vec<&str> = self
            .items()
            .filter(|it| !seen.contains_key(it.id.as_str()))
            .map(|it| it.id.as_str())
            .collect();
        if !missing.is_empty() {
            errors.push(FieldError::new(
                field,
                "incomplete",
                format!("还有{}项没有评分：{}。", missing.len(), missing.join("、")),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let items: Vec<ItemPoints> = self
            .items()
            .map(|it| ItemPoints {
                item_id: it.id.clone(),
                points: item_points(it.rule, seen[it.id.as_str()]).expect("checked above"),
            })
            .collect();
        let total = items.iter().map(|i| i.points).sum();
        Ok(ScoredSheet { items, total })
    }

    /// The running total while a sheet is being filled in: marked items count their
    /// points; an unmarked graded item counts 0 and an unmarked deducted item its full
    /// value (nothing found yet). Marks that do not fit are ignored.
    pub fn running_total(&self, marks: &[(&str, Mark)]) -> u32 {
        self.items()
            .map(|it| {
                let mark = marks.iter().rev().find(|(id, _)| *id == it.id).map(|m| m.1);
                match (mark.and_then(|m| item_points(it.rule, m)), it.rule) {
                    (Some(p), _) => p,
                    (None, ItemRule::Graded { .. }) => 0,
                    (None, ItemRule::Deducted { max, .. }) => max,
                }
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, rule: ItemRule) -> SheetItem {
        SheetItem {
            id: id.into(),
            text: "市场内地面干净，无积水、无垃圾堆积。".into(),
            rule,
        }
    }

    /// 40 + 30 + 30 = 100.
    fn sheet() -> SheetContent {
        SheetContent {
            title: "潮州市农贸市场现场评分表".into(),
            sections: vec![
                SheetSection {
                    id: "1".into(),
                    title: "环境卫生".into(),
                    items: vec![
                        item("1.1", ItemRule::Graded { max: 20 }),
                        item(
                            "1.2",
                            ItemRule::Deducted {
                                per_finding: 2,
                                max: 20,
                            },
                        ),
                    ],
                },
                SheetSection {
                    id: "2".into(),
                    title: "病媒生物防制".into(),
                    items: vec![
                        item(
                            "2.1",
                            ItemRule::Deducted {
                                per_finding: 5,
                                max: 30,
                            },
                        ),
                        item("2.2", ItemRule::Graded { max: 30 }),
                    ],
                },
            ],
        }
    }

    fn codes(e: &[FieldError]) -> Vec<(&str, &str)> {
        e.iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect()
    }

    #[test]
    fn a_sound_sheet_passes_and_totals_100() {
        assert_eq!(sheet().validate(), Ok(()));
        assert_eq!(sheet().max_total(), 100);
    }

    #[test]
    fn items_must_total_exactly_100() {
        let mut s = sheet();
        s.sections[1].items[1].rule = ItemRule::Graded { max: 29 };
        assert_eq!(
            codes(&s.validate().unwrap_err()),
            vec![("content.sections", "total")]
        );
        s.sections[1].items[1].rule = ItemRule::Graded { max: 31 };
        let e = s.validate().unwrap_err();
        assert!(e[0].message.contains("101"), "{e:?}");
    }

    #[test]
    fn ids_wording_and_numbers_are_checked_where_they_are() {
        let mut s = sheet();
        s.sections[1].items[0].id = "1.1".into();
        s.sections[0].items[0].text = "  ".into();
        s.sections[0].items[1].rule = ItemRule::Deducted {
            per_finding: 0,
            max: 20,
        };
        s.sections[1].id = "1".into();
        s.sections[1].items[1].id = "有中文".into();
        assert_eq!(
            codes(&s.validate().unwrap_err()),
            vec![
                ("content.sections[0].items[0].text", "length"),
                (
                    "content.sections[0].items[1].rule.per_finding",
                    "out_of_range"
                ),
                ("content.sections[1].id", "repeated"),
                ("content.sections[1].items[0].id", "repeated"),
                ("content.sections[1].items[1].id", "invalid"),
            ]
        );
        let mut big = sheet();
        big.sections[0].items[1].rule = ItemRule::Deducted {
            per_finding: 25,
            max: 20,
        };
        assert_eq!(
            codes(&big.validate().unwrap_err()),
            vec![(
                "content.sections[0].items[1].rule.per_finding",
                "out_of_range"
            )]
        );
        let mut zero = sheet();
        zero.sections[0].items[0].rule = ItemRule::Graded { max: 0 };
        zero.sections[0].items[1].rule = ItemRule::Deducted {
            per_finding: 1,
            max: 40,
        };
        assert_eq!(
            codes(&zero.validate().unwrap_err()),
            vec![("content.sections[0].items[0].rule.max", "out_of_range")]
        );
        let empty = SheetContent {
            title: "x".into(),
            sections: vec![],
        };
        assert_eq!(
            codes(&empty.validate().unwrap_err()),
            vec![("content.title", "length"), ("content.sections", "count")]
        );
    }

    #[test]
    fn deductions_are_floored_at_zero_and_graded_points_capped() {
        let d = ItemRule::Deducted {
            per_finding: 5,
            max: 30,
        };
        assert_eq!(item_points(d, Mark::Deducted { findings: 0 }), Some(30));
        assert_eq!(item_points(d, Mark::Deducted { findings: 4 }), Some(10));
        assert_eq!(item_points(d, Mark::Deducted { findings: 7 }), Some(0));
        assert_eq!(
            item_points(
                d,
                Mark::Deducted {
                    findings: MAX_FINDINGS
                }
            ),
            Some(0)
        );
        assert_eq!(
            item_points(
                d,
                Mark::Deducted {
                    findings: MAX_FINDINGS + 1
                }
            ),
            None
        );
        assert_eq!(item_points(d, Mark::Graded { points: 3 }), None);
        let g = ItemRule::Graded { max: 20 };
        assert_eq!(item_points(g, Mark::Graded { points: 20 }), Some(20));
        assert_eq!(item_points(g, Mark::Graded { points: 21 }), None);
        assert_eq!(item_points(g, Mark::Deducted { findings: 0 }), None);
    }

    #[test]
    fn a_filled_sheet_is_scored_item_by_item() {
        let marks = [
            ("2.2", Mark::Graded { points: 25 }),
            ("1.1", Mark::Graded { points: 18 }),
            ("1.2", Mark::Deducted { findings: 3 }),
            ("2.1", Mark::Deducted { findings: 9 }),
        ];
        let scored = sheet().score(&marks, "scores").unwrap();
        assert_eq!(scored.total, 18 + 14 + 25, "2.1 floors at 0");
        let order: Vec<&str> = scored.items.iter().map(|i| i.item_id.as_str()).collect();
        assert_eq!(order, vec!["1.1", "1.2", "2.1", "2.2"]);
    }

    #[test]
    fn a_filled_sheet_must_mark_every_item_once_in_range() {
        let marks = [
            ("1.1", Mark::Graded { points: 21 }),
            ("1.1", Mark::Graded { points: 1 }),
            ("1.2", Mark::Graded { points: 1 }),
            ("9.9", Mark::Graded { points: 1 }),
        ];
        let e = sheet().score(&marks, "scores").unwrap_err();
        assert_eq!(
            codes(&e),
            vec![
                ("scores[0].mark", "out_of_range"),
                ("scores[1].item_id", "repeated"),
                ("scores[2].mark", "out_of_range"),
                ("scores[3].item_id", "unknown"),
                ("scores", "incomplete"),
            ]
        );
        assert!(e[0].message.contains("20"));
        assert!(e[4].message.contains("2.1、2.2"), "{}", e[4].message);
    }

    #[test]
    fn the_running_total_counts_what_is_entered() {
        let s = sheet();
        // Nothing entered: deducted items stand at their full value.
        assert_eq!(s.running_total(&[]), 50);
        let marks = [
            ("1.1", Mark::Graded { points: 10 }),
            ("2.1", Mark::Deducted { findings: 1 }),
            ("2.2", Mark::Graded { points: 99 }), // out of range: ignored
        ];
        assert_eq!(s.running_total(&marks), 10 + 20 + 25);
    }

    #[test]
    fn rules_and_marks_serialise_tagged() {
        let json = serde_json::to_value(ItemRule::Deducted {
            per_finding: 2,
            max: 10,
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "deducted", "per_finding": 2, "max": 10})
        );
        let m: Mark =
            serde_json::from_value(serde_json::json!({"kind": "graded", "points": 7})).unwrap();
        assert_eq!(m, Mark::Graded { points: 7 });
        assert_eq!(SheetStatus::parse("approved"), Some(SheetStatus::Approved));
    }
}
