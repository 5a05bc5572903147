//! Results (评选结果): from valid ballots and each candidate's current score sheets to
//! every category's ranking ([`compute`]); the office's preview, exclusions and
//! versions; what the public sees of a published version; and the open-data document
//! anyone can recompute the ranking from (an independent verifier lives in `verifier/`).
//!
//! What counts: a ballot neither voided nor excluded; a sheet that no other sheet
//! `replaces` (the last of its correction chain) and that is not excluded. A candidate
//! without a counted sheet has no field score: it is left out of the ranking (as if not
//! shortlisted) and listed as `unscored`, which the office's preview flags before it
//! publishes.

use crate::category::Category;
use crate::error::FieldError;
use crate::phase::Phase;
use crate::round::{RoundConfig, VoteNormalisation};
use crate::score_sheet::{Mark, SheetContent};
use crate::scoring::{self, CandidateTally, ScoringError, TieBreak, Tier};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// The open-data document's format name; a reader checks it before anything else.
pub const OPEN_DATA_FORMAT: &str = "pingxuan-open-data/1";

/// An exclusion's or a correction's reason, in characters after trimming.
pub const REASON_CHARS: std::ops::RangeInclusive<usize> = 2..=200;

/// What an exclusion takes out of the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExclusionKind {
    /// A synced score sheet (by its server id, `sheet_id` of its receipt).
    Sheet,
    /// A ballot (by its id, as the fraud panel lists it).
    Ballot,
}

impl ExclusionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionKind::Sheet => "sheet",
            ExclusionKind::Ballot => "ballot",
        }
    }

    pub fn parse(s: &str) -> Option<ExclusionKind> {
        [ExclusionKind::Sheet, ExclusionKind::Ballot]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A reason of [`REASON_CHARS`] characters, trimmed; otherwise the field error.
pub fn parse_reason(reason: &str) -> Result<String, FieldError> {
    let trimmed = reason.trim();
    let n = trimmed.chars().count();
    if !REASON_CHARS.contains(&n) || trimmed.chars().any(char::is_control) {
        Err(FieldError::new(
            "reason",
            "length",
            "请写明理由（2到200个字）。",
        ))
    } else {
        Ok(trimmed.to_owned())
    }
}

/// `POST /api/v1/rounds/{id}/results/exclusions`: leave one sheet or ballot out of the
/// count, with a reason (kept in the audit log and published in the open data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExclusionRequest {
    pub kind: ExclusionKind,
    /// The sheet's or the ballot's id.
    pub id: i64,
    pub reason: String,
}

/// `POST /api/v1/rounds/{id}/results/corrections`: publish a new version of the results
/// from the data as it is now, saying why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectionRequest {
    pub reason: String,
}

/// One exclusion as the office sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Exclusion {
    pub id: i64,
    pub kind: ExclusionKind,
    pub target_id: i64,
    pub reason: String,
    /// The staff member's display name.
    pub excluded_by: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub excluded_at: DateTime<Utc>,
    /// Set when the exclusion was withdrawn: the item counts again.
    #[serde(default, deserialize_with = "crate::score_sheet::rfc3339_opt")]
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_by: Option<String>,
}

/// What the results show of a candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateInfo {
    pub id: i64,
    pub category: Category,
    /// The shortlist's title, e.g. 黄冈镇综合市场.
    pub title: String,
    pub place_name: String,
    /// The town, street or office held responsible (镇、街道、办事处).
    pub town: String,
    /// The cover photo's URL (`/media/….jpg`), if the candidate has one.
    pub cover_url: Option<String>,
}

/// One line of a category's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultLine {
    pub candidate_id: i64,
    pub title: String,
    pub place_name: String,
    pub town: String,
    pub cover_url: Option<String>,
    /// Valid ballots naming the candidate.
    pub votes: u64,
    pub vote_score: f64,
    pub field_score: f64,
    /// Counted score sheets.
    pub sheets: u32,
    pub total: f64,
    /// 1 = worst.
    pub rank: u32,
    pub tier: Tier,
    /// Set when this line's total equals the next one's and a rule decided.
    pub tie_break: Option<TieBreak>,
}

/// One category's ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryResults {
    pub category: Category,
    /// Worst first; the scored candidates only.
    pub lines: Vec<ResultLine>,
    /// Candidates without a counted sheet, left out of the ranking.
    pub unscored: Vec<i64>,
    /// Valid ballots of the category.
    pub ballots: u64,
}

/// A ballot as published: its receipt and choices, never who cast it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenBallot {
    pub receipt: String,
    pub category: Category,
    pub candidate_ids: Vec<i64>,
    /// The void's reason, when the office voided it.
    pub voided: Option<String>,
    /// The exclusion's reason, when the office excluded it from the results.
    pub excluded: Option<String>,
}

impl OpenBallot {
    /// Counted: neither voided nor excluded.
    pub fn counts(&self) -> bool {
        self.voided.is_none() && self.excluded.is_none()
    }
}

/// One item of a published sheet: the inspector's mark and its points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenItem {
    pub item_id: String,
    pub mark: Mark,
    pub points: u32,
}

/// A synced sheet as published: no inspector's identity, at most the sub-group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenSheet {
    /// The server's id of the sheet (what an exclusion names).
    pub id: i64,
    /// The phone-made UUID that corrections refer to.
    pub client_id: String,
    pub candidate_id: i64,
    pub sheet_version_id: i64,
    /// The sub-group's name, e.g. 第一组A组.
    pub sub_group: String,
    pub items: Vec<OpenItem>,
    pub total: u32,
    /// The client id of the sheet this one corrects.
    pub replaces: Option<String>,
    /// Arrived after the field scoring window closed.
    pub late: bool,
    /// The exclusion's reason, when the office excluded it.
    pub excluded: Option<String>,
}

/// A score sheet version the published sheets were filled on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenSheetVersion {
    pub id: i64,
    pub category: Category,
    pub version: u32,
    pub content: SheetContent,
}

/// Which of `sheets` are live: not replaced by another (excluded ones included).
pub fn live_sheets(sheets: &[OpenSheet]) -> impl Iterator<Item = &OpenSheet> {
    let replaced: HashSet<&str> = sheets
        .iter()
        .filter_map(|s| s.replaces.as_deref())
        .collect();
    sheets
        .iter()
        .filter(move |s| !replaced.contains(s.client_id.as_str()))
}

/// Which of `sheets` count: not replaced by another, not excluded.
pub fn counted_sheets(sheets: &[OpenSheet]) -> impl Iterator<Item = &OpenSheet> {
    live_sheets(sheets).filter(|s| s.excluded.is_none())
}

/// A live sheet in the office's preview: enough to find it and exclude it by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewSheet {
    /// The server's id of the sheet (what an exclusion names).
    pub id: i64,
    pub candidate_id: i64,
    /// The sub-group's name, e.g. 第一组A组.
    pub sub_group: String,
    pub total: u32,
    /// Arrived after the field scoring window closed.
    pub late: bool,
    /// The exclusion's reason, when the office excluded it.
    pub excluded: Option<String>,
}

/// The live sheets of a round (counted or excluded; replaced ones left out), for the
/// office's preview.
pub fn preview_sheets(sheets: &[OpenSheet]) -> Vec<PreviewSheet> {
    live_sheets(sheets)
        .map(|s| PreviewSheet {
            id: s.id,
            candidate_id: s.candidate_id,
            sub_group: s.sub_group.clone(),
            total: s.total,
            late: s.late,
            excluded: s.excluded.clone(),
        })
        .collect()
}

/// Every category's results from the round's candidates, ballots and sheets (all of
/// them; what does not count is left out here). Categories come in [`Category::ALL`]
/// order; candidates without a counted sheet are ranked out and listed in `unscored`
/// (the vote score's maximum and sum are then those of the ranked candidates).
pub fn compute(
    config: &RoundConfig,
    candidates: &[CandidateInfo],
    ballots: &[OpenBallot],
    sheets: &[OpenSheet],
) -> Result<Vec<CategoryResults>, ScoringError> {
    let mut votes: BTreeMap<i64, u64> = BTreeMap::new();
    let mut valid_ballots: BTreeMap<Category, u64> = BTreeMap::new();
    for b in ballots.iter().filter(|b| b.counts()) {
        *valid_ballots.entry(b.category).or_default() += 1;
        for id in &b.candidate_ids {
            *votes.entry(*id).or_default() += 1;
        }
    }
    let mut totals: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for s in counted_sheets(sheets) {
        totals
            .entry(s.candidate_id)
            .or_default()
            .push(f64::from(s.total));
    }
    let mut out = Vec::with_capacity(Category::ALL.len());
    for category in Category::ALL {
        let of: Vec<&CandidateInfo> = candidates
            .iter()
            .filter(|c| c.category == category)
            .collect();
        let unscored: Vec<i64> = of
            .iter()
            .filter(|c| !totals.contains_key(&c.id))
            .map(|c| c.id)
            .collect();
        let mut lines = Vec::new();
        {
            let tallies: Vec<CandidateTally> = of
                .iter()
                .filter(|c| totals.contains_key(&c.id))
                .map(|c| CandidateTally {
                    candidate_id: c.id,
                    votes: votes.get(&c.id).copied().unwrap_or(0),
                    field_totals: totals.get(&c.id).cloned().unwrap_or_default(),
                })
                .collect();
            for r in scoring::rank(config, &tallies)? {
                let c = of
                    .iter()
                    .find(|c| c.id == r.candidate_id)
                    .expect("ranked candidates come from the list");
                lines.push(ResultLine {
                    candidate_id: c.id,
                    title: c.title.clone(),
                    place_name: c.place_name.clone(),
                    town: c.town.clone(),
                    cover_url: c.cover_url.clone(),
                    votes: r.votes,
                    vote_score: r.vote_score,
                    field_score: r.field_score,
                    sheets: totals.get(&c.id).map_or(0, |t| t.len() as u32),
                    total: r.total,
                    rank: r.rank,
                    tier: r.tier,
                    tie_break: r.tie_break,
                });
            }
        }
        out.push(CategoryResults {
            category,
            lines,
            unscored,
            ballots: valid_ballots.get(&category).copied().unwrap_or(0),
        });
    }
    Ok(out)
}

/// A published version's number, reason and fingerprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionInfo {
    /// 1 for the first publication, then 2, 3 … for corrections.
    pub version: u32,
    /// Why a correction was made; none for version 1.
    pub reason: Option<String>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub published_at: DateTime<Utc>,
    /// SHA-256 (hex) of the version's stored results JSON — the `results` member of the
    /// version's open data, byte for byte as stored.
    pub sha256: String,
}

/// What a version freezes: the whole ranking of every category as it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsSnapshot {
    pub round_id: i64,
    pub round_name: String,
    pub version: u32,
    pub reason: Option<String>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub published_at: DateTime<Utc>,
    pub config: RoundConfig,
    pub categories: Vec<CategoryResults>,
}

/// `GET /api/v1/rounds/{id}/results/preview`: the ranking from the data as it is now,
/// for the office before (and after) publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsPreview {
    pub round_id: i64,
    pub phase: Phase,
    pub config: RoundConfig,
    pub categories: Vec<CategoryResults>,
    /// Every exclusion of the round, withdrawn ones included, newest first.
    pub exclusions: Vec<Exclusion>,
    /// No category has an unscored candidate (check before publishing).
    pub complete: bool,
    /// Published versions, oldest first.
    pub versions: Vec<VersionInfo>,
    /// Every live sheet (no correction replaces it), counted or excluded: what the office
    /// opens per candidate and excludes by id.
    #[serde(default)]
    pub sheets: Vec<PreviewSheet>,
    /// The unscored candidates' names and towns (each category's `unscored` has their ids).
    #[serde(default)]
    pub unscored_candidates: Vec<CandidateInfo>,
}

/// The formula, so the public page can explain it in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Formula {
    /// e.g. 0.4: total = vote_weight × vote score + field_weight × field score.
    pub vote_weight: f64,
    pub field_weight: f64,
    /// How votes become a 0–100 vote score (more votes, lower score).
    pub vote_normalisation: VoteNormalisation,
    pub worst_n: u32,
    pub warned_n: u32,
}

impl From<&RoundConfig> for Formula {
    fn from(c: &RoundConfig) -> Formula {
        Formula {
            vote_weight: c.vote_weight,
            field_weight: c.field_weight,
            vote_normalisation: c.vote_normalisation,
            worst_n: c.worst_n,
            warned_n: c.warned_n,
        }
    }
}

/// A named candidate on the public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicLine {
    pub candidate_id: i64,
    pub title: String,
    pub place_name: String,
    pub town: String,
    pub cover_url: Option<String>,
    pub votes: u64,
    pub vote_score: f64,
    pub field_score: f64,
    pub total: f64,
    pub rank: u32,
}

impl From<&ResultLine> for PublicLine {
    fn from(l: &ResultLine) -> PublicLine {
        PublicLine {
            candidate_id: l.candidate_id,
            title: l.title.clone(),
            place_name: l.place_name.clone(),
            town: l.town.clone(),
            cover_url: l.cover_url.clone(),
            votes: l.votes,
            vote_score: l.vote_score,
            field_score: l.field_score,
            total: l.total,
            rank: l.rank,
        }
    }
}

/// One category on the public page: the worst and the warned (次差), worst first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicCategory {
    pub category: Category,
    pub worst: Vec<PublicLine>,
    pub warned: Vec<PublicLine>,
    /// How many candidates were ranked.
    pub candidates: u32,
}

/// `GET /api/v1/rounds/{id}/results` (the latest version) and
/// `GET /api/v1/rounds/{id}/results/versions/{n}`: what the public sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicResults {
    pub round_id: i64,
    pub round_name: String,
    pub version: u32,
    pub reason: Option<String>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub published_at: DateTime<Utc>,
    pub sha256: String,
    pub formula: Formula,
    pub categories: Vec<PublicCategory>,
    /// Every published version, oldest first: all stay readable.
    pub versions: Vec<VersionInfo>,
}

impl PublicResults {
    /// The public view of a stored version.
    pub fn from_snapshot(
        s: &ResultsSnapshot,
        sha256: String,
        versions: Vec<VersionInfo>,
    ) -> PublicResults {
        let tier = |c: &CategoryResults, t: Tier| -> Vec<PublicLine> {
            c.lines
                .iter()
                .filter(|l| l.tier == t)
                .map(PublicLine::from)
                .collect()
        };
        PublicResults {
            round_id: s.round_id,
            round_name: s.round_name.clone(),
            version: s.version,
            reason: s.reason.clone(),
            published_at: s.published_at,
            sha256,
            formula: Formula::from(&s.config),
            categories: s
                .categories
                .iter()
                .map(|c| PublicCategory {
                    category: c.category,
                    worst: tier(c, Tier::Worst),
                    warned: tier(c, Tier::Warned),
                    candidates: c.lines.len() as u32,
                })
                .collect(),
            versions,
        }
    }
}

/// A round in the public archive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArchivedRound {
    pub round_id: i64,
    pub round_name: String,
    /// When version 1 was published.
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub published_at: DateTime<Utc>,
    pub latest_version: u32,
}

/// `GET /api/v1/results`: rounds with published results, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultsArchive {
    pub rounds: Vec<ArchivedRound>,
}

/// The round as the open data describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenRound {
    pub id: i64,
    pub name: String,
    /// Weights, vote normalisation, worst/warned sizes, choices per ballot.
    pub config: RoundConfig,
}

/// An exclusion as published: what, why and when; never who.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenExclusion {
    pub kind: ExclusionKind,
    /// The ballot's receipt or the sheet's id (as in `sheets`).
    pub target: String,
    pub reason: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub excluded_at: DateTime<Utc>,
    #[serde(default, deserialize_with = "crate::score_sheet::rfc3339_opt")]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/rounds/{id}/open-data`: everything a published version was computed
/// from, frozen with it, so anyone can recompute the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenData {
    /// [`OPEN_DATA_FORMAT`].
    pub format: String,
    pub round: OpenRound,
    pub candidates: Vec<CandidateInfo>,
    /// Every ballot of the round, voided and excluded ones with their reasons.
    pub ballots: Vec<OpenBallot>,
    pub sheet_versions: Vec<OpenSheetVersion>,
    /// Every synced sheet: replaced and excluded ones too, for the record.
    pub sheets: Vec<OpenSheet>,
    pub exclusions: Vec<OpenExclusion>,
    /// The published version these data produce.
    pub results: ResultsSnapshot,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(id: i64, category: Category) -> CandidateInfo {
        CandidateInfo {
            id,
            category,
            title: format!("候选{id}"),
            place_name: format!("地点{id}"),
            town: "黄冈镇".into(),
            cover_url: None,
        }
    }

    fn ballot(receipt: &str, ids: &[i64]) -> OpenBallot {
        OpenBallot {
            receipt: receipt.into(),
            category: Category::Market,
            candidate_ids: ids.to_vec(),
            voided: None,
            excluded: None,
        }
    }

    fn sheet(id: i64, candidate_id: i64, total: u32, replaces: Option<i64>) -> OpenSheet {
        OpenSheet {
            id,
            client_id: format!("c{id}"),
            candidate_id,
            sheet_version_id: 1,
            sub_group: "第一组A组".into(),
            items: Vec::new(),
            total,
            replaces: replaces.map(|r| format!("c{r}")),
            late: false,
            excluded: None,
        }
    }

    #[test]
    fn only_valid_ballots_and_current_sheets_count() {
        let cfg = RoundConfig {
            worst_n: 1,
            warned_n: 1,
            ..RoundConfig::default()
        };
        let candidates = [
            cand(1, Category::Market),
            cand(2, Category::Market),
            cand(3, Category::Village),
        ];
        let mut voided = ballot("V", &[2]);
        voided.voided = Some("刷票".into());
        let mut excluded = ballot("X", &[2]);
        excluded.excluded = Some("重复".into());
        let ballots = [ballot("A", &[1]), ballot("B", &[1]), voided, excluded];
        // Sheet 11 is corrected by 12, which is corrected by 13 (arriving first); sheet
        // 14 is excluded.
        let mut out_sheet = sheet(14, 2, 0, None);
        out_sheet.excluded = Some("填错对象".into());
        let sheets = [
            sheet(13, 1, 90, Some(12)),
            sheet(11, 1, 10, None),
            sheet(12, 1, 20, Some(11)),
            sheet(15, 2, 50, None),
            sheet(16, 2, 70, None),
            out_sheet,
        ];
        let r = compute(&cfg, &candidates, &ballots, &sheets).unwrap();
        assert_eq!(
            r.iter().map(|c| c.category).collect::<Vec<_>>(),
            Category::ALL
        );
        // Live sheets: 13 (the last of its chain), 15, 16 and the excluded 14.
        let live: Vec<(i64, bool)> = preview_sheets(&sheets)
            .iter()
            .map(|s| (s.id, s.excluded.is_some()))
            .collect();
        assert_eq!(
            live,
            vec![(13, false), (15, false), (16, false), (14, true)]
        );
        let village = &r[0];
        assert_eq!(village.unscored, vec![3]);
        assert!(village.lines.is_empty());
        // An unscored market is ranked out; the other is ranked alone.
        let partly = compute(&cfg, &candidates, &ballots, &sheets[3..]).unwrap();
        assert_eq!(partly[3].unscored, vec![1]);
        assert_eq!(partly[3].lines.len(), 1);
        assert_eq!(partly[3].lines[0].candidate_id, 2);
        assert_eq!(partly[3].lines[0].rank, 1);
        let market = &r[3];
        assert_eq!(market.ballots, 2);
        // 1: 2 votes (max) → vote 0, field 90 → 54. 2: 0 votes → 100, field 60 → 76.
        let got: Vec<(i64, u64, f64, u32, f64, Tier)> = market
            .lines
            .iter()
            .map(|l| {
                (
                    l.candidate_id,
                    l.votes,
                    l.field_score,
                    l.sheets,
                    l.total,
                    l.tier,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 2, 90.0, 1, 54.0, Tier::Worst),
                (2, 0, 60.0, 2, 76.0, Tier::Warned)
            ]
        );
    }

    #[test]
    fn the_public_sees_the_worst_and_the_warned_only() {
        let cfg = RoundConfig {
            worst_n: 1,
            warned_n: 1,
            ..RoundConfig::default()
        };
        let candidates: Vec<CandidateInfo> = (1..=3).map(|i| cand(i, Category::Road)).collect();
        let sheets: Vec<OpenSheet> = (1..=3).map(|i| sheet(i, i, 10 * i as u32, None)).collect();
        let snapshot = ResultsSnapshot {
            round_id: 1,
            round_name: "第1期".into(),
            version: 1,
            reason: None,
            published_at: DateTime::<Utc>::UNIX_EPOCH,
            config: cfg,
            categories: compute(&cfg, &candidates, &[], &sheets).unwrap(),
        };
        let public = PublicResults::from_snapshot(&snapshot, "00".into(), Vec::new());
        let road = public
            .categories
            .iter()
            .find(|c| c.category == Category::Road)
            .unwrap();
        assert_eq!(road.worst.len(), 1);
        assert_eq!(road.worst[0].candidate_id, 1);
        assert_eq!(road.warned[0].candidate_id, 2);
        assert_eq!(road.candidates, 3);
        assert_eq!(public.formula.vote_weight, 0.4);
    }

    #[test]
    fn reasons_are_required() {
        assert!(parse_reason(" ").is_err());
        assert!(parse_reason("x").is_err());
        assert_eq!(parse_reason(" 重复提交 ").unwrap(), "重复提交");
        assert!(parse_reason(&"理".repeat(201)).is_err());
    }
}
