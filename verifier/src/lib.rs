//! `pingxuan-verify`: recomputes a round's published ranking from its open data
//! (`GET /api/v1/rounds/{id}/open-data`, format `pingxuan-open-data/1`) with code of its
//! own — it shares nothing with the server or its domain crate but the written rules —
//! and lists every disagreement.
//!
//! The rules, as published with each round (DOMAIN.md):
//! - A ballot counts unless voided or excluded; it gives one vote to each candidate it
//!   names.
//! - A sheet counts unless excluded or replaced (another sheet's `replaces` names its
//!   `client_id`). Its total is recomputed here from the sheet version's items: a graded
//!   item gives its points (0..=max); a deducted item gives `max − findings × per_finding`,
//!   never below 0. Each item's stated points and the stated total must agree.
//! - vote score = 100 × (1 − votes / D), D the category's most votes (`relative_to_max`)
//!   or all its votes (`share_of_total`); 100 when D is 0. field score = the mean of the
//!   counted sheets' totals (summed in ascending order). Both rounded to 1e-6; total =
//!   vote_weight × vote score + field_weight × field score, rounded to 1e-6.
//! - Ascending total; ties: lower field score, then more votes, then lower id. The first
//!   `worst_n` are worst, the next `warned_n` warned.
//! - A candidate without a counted sheet is left out of the ranking (`unscored`); the
//!   vote score's maximum and sum are those of the ranked candidates.

use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

mod snapshots;
pub use snapshots::{verify_snapshots, SnapshotSummary};

/// The format this verifier reads.
pub const FORMAT: &str = "pingxuan-open-data/1";

/// One disagreement between what was published and what the data give.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// A category, or `sheet 12`, `ballot K7QX-…` for checks of single records.
    pub scope: String,
    /// The candidate's id and title, when the mismatch is about one.
    pub candidate: String,
    pub field: String,
    pub published: String,
    pub recomputed: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {} published {} but recomputed {}",
            self.scope, self.candidate, self.field, self.published, self.recomputed
        )
    }
}

/// What was checked, for the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub categories: usize,
    pub candidates: usize,
    pub ballots_counted: usize,
    pub sheets_counted: usize,
    pub mismatches: Vec<Mismatch>,
}

/// Why a document could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable(pub String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read the open data: {}", self.0)
    }
}

fn field<'a>(v: &'a Value, key: &str, at: &str) -> Result<&'a Value, Unreadable> {
    v.get(key)
        .ok_or_else(|| Unreadable(format!("{at}: missing `{key}`")))
}

fn int(v: &Value, key: &str, at: &str) -> Result<i64, Unreadable> {
    field(v, key, at)?
        .as_i64()
        .ok_or_else(|| Unreadable(format!("{at}: `{key}` is not an integer")))
}

fn num(v: &Value, key: &str, at: &str) -> Result<f64, Unreadable> {
    field(v, key, at)?
        .as_f64()
        .ok_or_else(|| Unreadable(format!("{at}: `{key}` is not a number")))
}

fn text<'a>(v: &'a Value, key: &str, at: &str) -> Result<&'a str, Unreadable> {
    field(v, key, at)?
        .as_str()
        .ok_or_else(|| Unreadable(format!("{at}: `{key}` is not a string")))
}

fn list<'a>(v: &'a Value, key: &str, at: &str) -> Result<&'a Vec<Value>, Unreadable> {
    field(v, key, at)?
        .as_array()
        .ok_or_else(|| Unreadable(format!("{at}: `{key}` is not a list")))
}

/// Whether `key` is absent or null.
fn is_null(v: &Value, key: &str) -> bool {
    v.get(key).is_none_or(Value::is_null)
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// An item's rule: (graded?, max, per_finding).
#[derive(Debug, Clone, Copy)]
struct Rule {
    graded: bool,
    max: i64,
    per_finding: i64,
}

/// The points a mark gives under a rule; `None` when the mark does not fit.
fn points(rule: Rule, mark: &Value) -> Option<i64> {
    match (rule.graded, mark.get("kind")?.as_str()?) {
        (true, "graded") => {
            let p = mark.get("points")?.as_i64()?;
            (0..=rule.max).contains(&p).then_some(p)
        }
        (false, "deducted") => {
            let n = mark.get("findings")?.as_i64()?;
            (0..=999)
                .contains(&n)
                .then(|| (rule.max - n * rule.per_finding).max(0))
        }
        _ => None,
    }
}

struct Line {
    id: i64,
    votes: u64,
    vote_score: f64,
    field_score: f64,
    sheets: usize,
    total: f64,
    rank: usize,
    tier: &'static str,
    tie_break: Option<&'static str>,
}

/// Checks an open-data document; the summary lists every mismatch (none: it agrees).
pub fn verify(doc: &Value) -> Result<Summary, Unreadable> {
    let format = text(doc, "format", "document")?;
    if format != FORMAT {
        return Err(Unreadable(format!(
            "format {format:?}, expected {FORMAT:?}"
        )));
    }
    let config = field(field(doc, "round", "document")?, "config", "round")?;
    let vote_weight = num(config, "vote_weight", "config")?;
    let field_weight = num(config, "field_weight", "config")?;
    let share = match text(config, "vote_normalisation", "config")? {
        "relative_to_max" => false,
        "share_of_total" => true,
        other => return Err(Unreadable(format!("unknown vote_normalisation {other:?}"))),
    };
    let worst_n = int(config, "worst_n", "config")? as usize;
    let warned_n = int(config, "warned_n", "config")? as usize;
    let max_choices = int(config, "max_choices", "config")? as usize;

    let mut out = Summary::default();
    let mut mm: Vec<Mismatch> = Vec::new();

    // Candidates by category.
    let mut category_of: HashMap<i64, String> = HashMap::new();
    let mut title_of: HashMap<i64, String> = HashMap::new();
    let mut by_category: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for c in list(doc, "candidates", "document")? {
        let id = int(c, "id", "candidate")?;
        let cat = text(c, "category", "candidate")?.to_owned();
        title_of.insert(id, text(c, "title", "candidate")?.to_owned());
        by_category.entry(cat.clone()).or_default().push(id);
        category_of.insert(id, cat);
    }
    let who = |id: i64| format!("#{id} {}", title_of.get(&id).map_or("", String::as_str));

    // Ballots.
    let mut votes: HashMap<i64, u64> = HashMap::new();
    let mut ballots_of: HashMap<String, u64> = HashMap::new();
    for b in list(doc, "ballots", "document")? {
        if !is_null(b, "voided") || !is_null(b, "excluded") {
            continue;
        }
        let receipt = text(b, "receipt", "ballot")?;
        let cat = text(b, "category", "ballot")?;
        let ids: Vec<i64> = list(b, "candidate_ids", "ballot")?
            .iter()
            .map(|v| {
                v.as_i64()
                    .ok_or_else(|| Unreadable("a ballot's choice".into()))
            })
            .collect::<Result<_, _>>()?;
        let distinct: HashSet<i64> = ids.iter().copied().collect();
        if ids.is_empty() || distinct.len() != ids.len() || ids.len() > max_choices {
            push(
                &mut mm,
                format!("ballot {receipt}"),
                String::new(),
                "choices",
                format!("{ids:?}"),
                format!("1..={max_choices} distinct candidates"),
            );
        }
        for id in distinct {
            if category_of.get(&id).map(String::as_str) != Some(cat) {
                push(
                    &mut mm,
                    format!("ballot {receipt}"),
                    who(id),
                    "category",
                    cat.to_owned(),
                    category_of
                        .get(&id)
                        .cloned()
                        .unwrap_or("no such candidate".into()),
                );
                continue;
            }
            *votes.entry(id).or_default() += 1;
        }
        *ballots_of.entry(cat.to_owned()).or_default() += 1;
        out.ballots_counted += 1;
    }

    // Sheet definitions.
    let mut definitions: HashMap<i64, Vec<(String, Rule)>> = HashMap::new();
    for v in list(doc, "sheet_versions", "document")? {
        let id = int(v, "id", "sheet version")?;
        let mut items = Vec::new();
        for section in list(field(v, "content", "sheet version")?, "sections", "sheet")? {
            for item in list(section, "items", "section")? {
                let rule = field(item, "rule", "item")?;
                items.push((
                    text(item, "id", "item")?.to_owned(),
                    Rule {
                        graded: text(rule, "kind", "rule")? == "graded",
                        max: int(rule, "max", "rule")?,
                        per_finding: rule.get("per_finding").and_then(Value::as_i64).unwrap_or(0),
                    },
                ));
            }
        }
        definitions.insert(id, items);
    }

    // Sheets: re-totalled; the counted ones' recomputed totals per candidate.
    let sheets = list(doc, "sheets", "document")?;
    let replaced: HashSet<&str> = sheets
        .iter()
        .filter_map(|s| s.get("replaces").and_then(Value::as_str))
        .collect();
    let mut totals: HashMap<i64, Vec<f64>> = HashMap::new();
    for s in sheets {
        let id = int(s, "id", "sheet")?;
        let scope = format!("sheet {id}");
        let candidate = int(s, "candidate_id", "sheet")?;
        let version = int(s, "sheet_version_id", "sheet")?;
        let Some(definition) = definitions.get(&version) else {
            push(
                &mut mm,
                scope,
                who(candidate),
                "sheet_version_id",
                version.to_string(),
                "no such version".into(),
            );
            continue;
        };
        let marks: Vec<&Value> = list(s, "items", "sheet")?.iter().collect();
        let mut seen = HashSet::new();
        let mut total = 0i64;
        for item in &marks {
            let item_id = text(item, "item_id", "sheet item")?;
            let stated = int(item, "points", "sheet item")?;
            let Some((_, rule)) = definition.iter().find(|(i, _)| i == item_id) else {
                push(
                    &mut mm,
                    scope.clone(),
                    who(candidate),
                    &format!("item {item_id}"),
                    "marked".into(),
                    "not on the sheet".into(),
                );
                continue;
            };
            if !seen.insert(item_id) {
                push(
                    &mut mm,
                    scope.clone(),
                    who(candidate),
                    &format!("item {item_id}"),
                    "marked twice".into(),
                    "once".into(),
                );
                continue;
            }
            match points(*rule, field(item, "mark", "sheet item")?) {
                Some(p) => {
                    if p != stated {
                        push(
                            &mut mm,
                            scope.clone(),
                            who(candidate),
                            &format!("item {item_id} points"),
                            stated.to_string(),
                            p.to_string(),
                        );
                    }
                    total += p;
                }
                None => push(
                    &mut mm,
                    scope.clone(),
                    who(candidate),
                    &format!("item {item_id} mark"),
                    "out of range".into(),
                    "a mark the rule allows".into(),
                ),
            }
        }
        for (item_id, _) in definition {
            if !seen.contains(item_id.as_str()) {
                push(
                    &mut mm,
                    scope.clone(),
                    who(candidate),
                    &format!("item {item_id}"),
                    "unmarked".into(),
                    "marked".into(),
                );
            }
        }
        let stated_total = int(s, "total", "sheet")?;
        if stated_total != total {
            push(
                &mut mm,
                scope.clone(),
                who(candidate),
                "total",
                stated_total.to_string(),
                total.to_string(),
            );
        }
        let counted = is_null(s, "excluded") && !replaced.contains(text(s, "client_id", "sheet")?);
        if counted {
            totals.entry(candidate).or_default().push(total as f64);
            out.sheets_counted += 1;
        }
    }

    // Each category's ranking against the published one.
    let published = list(field(doc, "results", "document")?, "categories", "results")?;
    let mut published_by_category: HashMap<&str, &Value> = HashMap::new();
    for c in published {
        published_by_category.insert(text(c, "category", "results")?, c);
    }
    for (cat, ids) in &by_category {
        if !published_by_category.contains_key(cat.as_str()) {
            push(
                &mut mm,
                cat.clone(),
                String::new(),
                "category",
                "missing".into(),
                format!("{} candidates", ids.len()),
            );
        }
    }
    for (&cat, pc) in &published_by_category {
        out.categories += 1;
        let ids = by_category.get(cat).cloned().unwrap_or_default();
        out.candidates += ids.len();
        let scope = cat.to_owned();
        let stated_ballots = int(pc, "ballots", "results")? as u64;
        let ballots = ballots_of.get(cat).copied().unwrap_or(0);
        if stated_ballots != ballots {
            push(
                &mut mm,
                scope.clone(),
                String::new(),
                "ballots",
                stated_ballots.to_string(),
                ballots.to_string(),
            );
        }
        let mut unscored: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| !totals.contains_key(id))
            .collect();
        unscored.sort_unstable();
        let mut stated_unscored: Vec<i64> = list(pc, "unscored", "results")?
            .iter()
            .filter_map(Value::as_i64)
            .collect();
        stated_unscored.sort_unstable();
        if unscored != stated_unscored {
            push(
                &mut mm,
                scope.clone(),
                String::new(),
                "unscored",
                format!("{stated_unscored:?}"),
                format!("{unscored:?}"),
            );
        }
        let scored: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| totals.contains_key(id))
            .collect();
        let lines = rank(
            &scored,
            &votes,
            &totals,
            share,
            vote_weight,
            field_weight,
            worst_n,
            warned_n,
        );
        let stated_lines = list(pc, "lines", "results")?;
        let mut stated_by_id: HashMap<i64, &Value> = HashMap::new();
        for l in stated_lines {
            let id = int(l, "candidate_id", "line")?;
            if !lines.iter().any(|x| x.id == id) {
                push(
                    &mut mm,
                    scope.clone(),
                    who(id),
                    "line",
                    "published".into(),
                    "not ranked".into(),
                );
            }
            stated_by_id.insert(id, l);
        }
        for l in &lines {
            let Some(p) = stated_by_id.get(&l.id) else {
                push(
                    &mut mm,
                    scope.clone(),
                    who(l.id),
                    "line",
                    "missing".into(),
                    format!("rank {}", l.rank),
                );
                continue;
            };
            let mut check = |f: &str, published: String, recomputed: String| {
                if published != recomputed {
                    push(&mut mm, scope.clone(), who(l.id), f, published, recomputed);
                }
            };
            let n = |key: &str| {
                p.get(key)
                    .map(Value::to_string)
                    .unwrap_or_else(|| "missing".into())
            };
            let f = |key: &str| p.get(key).and_then(Value::as_f64);
            let float = |x: Option<f64>, y: f64| match x {
                Some(x) if (x - y).abs() <= 1e-9 => y.to_string(),
                Some(x) => x.to_string(),
                None => "missing".into(),
            };
            check("votes", n("votes"), l.votes.to_string());
            check(
                "vote_score",
                float(f("vote_score"), l.vote_score),
                l.vote_score.to_string(),
            );
            check(
                "field_score",
                float(f("field_score"), l.field_score),
                l.field_score.to_string(),
            );
            check("sheets", n("sheets"), l.sheets.to_string());
            check("total", float(f("total"), l.total), l.total.to_string());
            check("rank", n("rank"), l.rank.to_string());
            check("tier", n("tier"), format!("\"{}\"", l.tier));
            check(
                "tie_break",
                n("tie_break"),
                l.tie_break.map_or("null".into(), |t| format!("\"{t}\"")),
            );
        }
    }
    out.mismatches = mm;
    Ok(out)
}

fn push(mm: &mut Vec<Mismatch>, scope: String, candidate: String, f: &str, p: String, r: String) {
    mm.push(Mismatch {
        scope,
        candidate,
        field: f.to_owned(),
        published: p,
        recomputed: r,
    })
}

/// One category's ranking, by the rules in this file's header.
#[allow(clippy::too_many_arguments)]
fn rank(
    ids: &[i64],
    votes: &HashMap<i64, u64>,
    totals: &HashMap<i64, Vec<f64>>,
    share: bool,
    vote_weight: f64,
    field_weight: f64,
    worst_n: usize,
    warned_n: usize,
) -> Vec<Line> {
    let votes_of = |id: &i64| votes.get(id).copied().unwrap_or(0);
    let denominator = if share {
        ids.iter().map(votes_of).sum::<u64>()
    } else {
        ids.iter().map(votes_of).max().unwrap_or(0)
    };
    let mut lines: Vec<Line> = ids
        .iter()
        .map(|id| {
            let v = votes_of(id);
            let vote_score = round6(if denominator == 0 {
                100.0
            } else {
                100.0 * (1.0 - v as f64 / denominator as f64)
            });
            let mut t = totals.get(id).cloned().unwrap_or_default();
            t.sort_by(f64::total_cmp);
            let field_score = round6(t.iter().sum::<f64>() / t.len() as f64);
            Line {
                id: *id,
                votes: v,
                vote_score,
                field_score,
                sheets: t.len(),
                total: round6(vote_weight * vote_score + field_weight * field_score),
                rank: 0,
                tier: "other",
                tie_break: None,
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        a.total
            .total_cmp(&b.total)
            .then(a.field_score.total_cmp(&b.field_score))
            .then(b.votes.cmp(&a.votes))
            .then(a.id.cmp(&b.id))
    });
    for i in 0..lines.len() {
        lines[i].rank = i + 1;
        lines[i].tier = if i < worst_n {
            "worst"
        } else if i < worst_n + warned_n {
            "warned"
        } else {
            "other"
        };
        if i + 1 < lines.len() && lines[i].total == lines[i + 1].total {
            let (a, b) = (&lines[i], &lines[i + 1]);
            lines[i].tie_break = Some(if a.field_score != b.field_score {
                "field_score"
            } else if a.votes != b.votes {
                "votes"
            } else {
                "candidate_id"
            });
        }
    }
    lines
}
