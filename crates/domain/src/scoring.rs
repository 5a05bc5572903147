//! Scoring and ranking, exactly as DOMAIN.md's defaults and configurable per round:
//! vote score from vote counts, field score = mean of the sheets' totals, total = weighted
//! sum, ranked ascending (the lowest total is the worst), with the tie-break recorded.

use crate::round::{RoundConfig, VoteNormalisation, WEIGHT_TOLERANCE};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// What the server knows of one candidate when computing results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateTally {
    pub candidate_id: i64,
    /// Valid ballots naming this candidate.
    pub votes: u64,
    /// Totals (0–100) of the candidate's valid score sheets.
    pub field_totals: Vec<f64>,
}

/// Which list a ranked candidate lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Among the worst N (最差).
    Worst,
    /// Among the next M (次差), who get a warning.
    Warned,
    /// Neither.
    Other,
}

/// The rule that put a candidate below the next one when their totals were equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// Equal totals; the lower field score ranks worse.
    FieldScore,
    /// Equal totals and field scores; more votes rank worse.
    Votes,
    /// All equal; the earlier candidate id ranks worse.
    CandidateId,
}

/// One line of a category's ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ranked {
    pub candidate_id: i64,
    pub votes: u64,
    /// 0–100; more votes give a lower score.
    pub vote_score: f64,
    /// 0–100; the mean of the sheets' totals.
    pub field_score: f64,
    /// `vote_weight × vote_score + field_weight × field_score`, rounded to 1e-6.
    pub total: f64,
    /// 1 = worst.
    pub rank: u32,
    pub tier: Tier,
    /// Set when this candidate's total equals the next one's and a tie-break decided.
    pub tie_break: Option<TieBreak>,
}

/// Why a ranking cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoringError {
    #[error("weights must each be in 0..=1 and sum to 1, got {vote} + {field}")]
    BadWeights { vote: f64, field: f64 },
    #[error("candidate {0} has no score sheet")]
    NoFieldScore(i64),
    #[error("candidate {candidate_id} has a sheet total {total} outside 0..=100")]
    FieldTotalOutOfRange { candidate_id: i64, total: f64 },
    #[error("candidate {0} appears twice")]
    DuplicateCandidate(i64),
}

/// Totals are rounded to a millionth so that sums equal on paper compare equal.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The vote score of `votes` given the category's maximum and sum of votes.
pub fn vote_score(norm: VoteNormalisation, votes: u64, max_votes: u64, all_votes: u64) -> f64 {
    let denominator = match norm {
        VoteNormalisation::RelativeToMax => max_votes,
        VoteNormalisation::ShareOfTotal => all_votes,
    };
    if denominator == 0 {
        100.0
    } else {
        100.0 * (1.0 - votes as f64 / denominator as f64)
    }
}

/// Ranks one category's candidates: rank 1 is the worst.
pub fn rank(config: &RoundConfig, tallies: &[CandidateTally]) -> Result<Vec<Ranked>, ScoringError> {
    let (wv, wf) = (config.vote_weight, config.field_weight);
    let weights_ok = [wv, wf]
        .iter()
        .all(|w| w.is_finite() && (0.0..=1.0).contains(w))
        && (wv + wf - 1.0).abs() <= WEIGHT_TOLERANCE;
    if !weights_ok {
        return Err(ScoringError::BadWeights {
            vote: wv,
            field: wf,
        });
    }
    let mut ids: Vec<i64> = tallies.iter().map(|t| t.candidate_id).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(ScoringError::DuplicateCandidate(w[0]));
    }
    let max_votes = tallies.iter().map(|t| t.votes).max().unwrap_or(0);
    let all_votes: u64 = tallies.iter().map(|t| t.votes).sum();

    let mut rows = Vec::with_capacity(tallies.len());
    for t in tallies {
        if t.field_totals.is_empty() {
            return Err(ScoringError::NoFieldScore(t.candidate_id));
        }
        if let Some(&bad) = t
            .field_totals
            .iter()
            .find(|x| !x.is_finite() || !(0.0..=100.0).contains(*x))
        {
            return Err(ScoringError::FieldTotalOutOfRange {
                candidate_id: t.candidate_id,
                total: bad,
            });
        }
        // Sum in a fixed order so the mean does not depend on sheet order.
        let mut sheets = t.field_totals.clone();
        sheets.sort_by(f64::total_cmp);
        let field_score = round6(sheets.iter().sum::<f64>() / sheets.len() as f64);
        let vote_score = round6(vote_score(
            config.vote_normalisation,
            t.votes,
            max_votes,
            all_votes,
        ));
        rows.push(Ranked {
            candidate_id: t.candidate_id,
            votes: t.votes,
            vote_score,
            field_score,
            total: round6(wv * vote_score + wf * field_score),
            rank: 0,
            tier: Tier::Other,
            tie_break: None,
        });
    }

    rows.sort_by(compare);
    let worst = config.worst_n as usize;
    let warned = config.warned_n as usize;
    for i in 0..rows.len() {
        rows[i].rank = i as u32 + 1;
        rows[i].tier = if i < worst {
            Tier::Worst
        } else if i < worst + warned {
            Tier::Warned
        } else {
            Tier::Other
        };
        if i + 1 < rows.len() && rows[i].total == rows[i + 1].total {
            rows[i].tie_break = Some(deciding_rule(&rows[i], &rows[i + 1]));
        }
    }
    Ok(rows)
}

/// Ascending total; then lower field score; then more votes; then earlier id.
fn compare(a: &Ranked, b: &Ranked) -> Ordering {
    a.total
        .total_cmp(&b.total)
        .then(a.field_score.total_cmp(&b.field_score))
        .then(b.votes.cmp(&a.votes))
        .then(a.candidate_id.cmp(&b.candidate_id))
}

fn deciding_rule(a: &Ranked, b: &Ranked) -> TieBreak {
    if a.field_score != b.field_score {
        TieBreak::FieldScore
    } else if a.votes != b.votes {
        TieBreak::Votes
    } else {
        TieBreak::CandidateId
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(id: i64, votes: u64, sheets: &[f64]) -> CandidateTally {
        CandidateTally {
            candidate_id: id,
            votes,
            field_totals: sheets.to_vec(),
        }
    }

    #[test]
    fn worked_example_by_hand() {
        // max votes 200. A: vote 100×(1−200/200)=0, field 80 → 0.6×80 = 48.
        // B: vote 100×(1−50/200)=75, field (60+70)/2=65 → 30+39 = 69.
        // C: vote 100, field 40 → 40+24 = 64.
        let cfg = RoundConfig {
            worst_n: 1,
            warned_n: 1,
            ..RoundConfig::default()
        };
        let r = rank(
            &cfg,
            &[
                t(1, 200, &[80.0]),
                t(2, 50, &[60.0, 70.0]),
                t(3, 0, &[40.0]),
            ],
        )
        .unwrap();
        let got: Vec<(i64, f64, u32, Tier)> = r
            .iter()
            .map(|x| (x.candidate_id, x.total, x.rank, x.tier))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 48.0, 1, Tier::Worst),
                (3, 64.0, 2, Tier::Warned),
                (2, 69.0, 3, Tier::Other)
            ]
        );
        assert_eq!(r[2].vote_score, 75.0);
        assert_eq!(r[2].field_score, 65.0);
    }

    #[test]
    fn ties_break_by_field_then_votes_then_id() {
        let cfg = RoundConfig::default();
        // Equal totals 60: (vote 100, field 33.333…) vs … simpler: force equal via weights.
        let cfg_field_only = RoundConfig {
            vote_weight: 0.0,
            field_weight: 1.0,
            ..cfg
        };
        let r = rank(
            &cfg_field_only,
            &[t(5, 3, &[50.0]), t(4, 9, &[50.0]), t(3, 9, &[50.0])],
        )
        .unwrap();
        let order: Vec<i64> = r.iter().map(|x| x.candidate_id).collect();
        assert_eq!(order, vec![3, 4, 5]);
        assert_eq!(r[0].tie_break, Some(TieBreak::CandidateId));
        assert_eq!(r[1].tie_break, Some(TieBreak::Votes));
        assert_eq!(r[2].tie_break, None);
        let cfg_vote_only = RoundConfig {
            vote_weight: 1.0,
            field_weight: 0.0,
            ..cfg
        };
        let r = rank(&cfg_vote_only, &[t(1, 5, &[90.0]), t(2, 5, &[10.0])]).unwrap();
        assert_eq!(r[0].candidate_id, 2);
        assert_eq!(r[0].tie_break, Some(TieBreak::FieldScore));
    }

    #[test]
    fn share_of_total_normalisation() {
        let cfg = RoundConfig {
            vote_normalisation: VoteNormalisation::ShareOfTotal,
            ..RoundConfig::default()
        };
        let r = rank(&cfg, &[t(1, 30, &[100.0]), t(2, 10, &[100.0])]).unwrap();
        assert_eq!(r[0].vote_score, 25.0);
        assert_eq!(r[1].vote_score, 75.0);
    }

    #[test]
    fn no_votes_at_all_scores_everyone_100() {
        let r = rank(&RoundConfig::default(), &[t(1, 0, &[50.0])]).unwrap();
        assert_eq!(r[0].vote_score, 100.0);
        assert_eq!(r[0].total, 70.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let cfg = RoundConfig {
            vote_weight: 0.5,
            ..RoundConfig::default()
        };
        assert!(matches!(
            rank(&cfg, &[]),
            Err(ScoringError::BadWeights { .. })
        ));
        let cfg = RoundConfig::default();
        assert_eq!(
            rank(&cfg, &[t(1, 0, &[])]),
            Err(ScoringError::NoFieldScore(1))
        );
        assert!(matches!(
            rank(&cfg, &[t(1, 0, &[101.0])]),
            Err(ScoringError::FieldTotalOutOfRange { .. })
        ));
        assert!(matches!(
            rank(&cfg, &[t(1, 0, &[f64::NAN])]),
            Err(ScoringError::FieldTotalOutOfRange { .. })
        ));
        assert_eq!(
            rank(&cfg, &[t(1, 0, &[1.0]), t(1, 0, &[1.0])]),
            Err(ScoringError::DuplicateCandidate(1))
        );
    }

    fn tallies() -> impl Strategy<Value = Vec<CandidateTally>> {
        prop::collection::vec(
            (0u64..5_000, prop::collection::vec(0.0f64..=100.0, 1..4)),
            1..40,
        )
        .prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (votes, sheets))| CandidateTally {
                    candidate_id: i as i64 + 1,
                    votes,
                    field_totals: sheets,
                })
                .collect()
        })
    }

    fn config() -> impl Strategy<Value = RoundConfig> {
        (0u32..=100, 1u32..=15, 0u32..=15, any::<bool>()).prop_map(
            |(pct, worst_n, warned_n, share)| {
                let vote_weight = pct as f64 / 100.0;
                RoundConfig {
                    vote_weight,
                    field_weight: 1.0 - vote_weight,
                    worst_n,
                    warned_n,
                    vote_normalisation: if share {
                        VoteNormalisation::ShareOfTotal
                    } else {
                        VoteNormalisation::RelativeToMax
                    },
                    ..RoundConfig::default()
                }
            },
        )
    }

    fn total_of(rows: &[Ranked], id: i64) -> f64 {
        rows.iter().find(|r| r.candidate_id == id).unwrap().total
    }

    proptest! {
        #[test]
        fn more_votes_never_raise_a_total(cfg in config(), ts in tallies(), pick in any::<prop::sample::Index>(), extra in 1u64..1_000) {
            let i = pick.index(ts.len());
            let before = total_of(&rank(&cfg, &ts).unwrap(), ts[i].candidate_id);
            let mut more = ts.clone();
            more[i].votes += extra;
            let after = total_of(&rank(&cfg, &more).unwrap(), ts[i].candidate_id);
            prop_assert!(after <= before, "{after} > {before}");
        }

        #[test]
        fn a_higher_field_score_never_lowers_a_total(cfg in config(), ts in tallies(), pick in any::<prop::sample::Index>(), bump in 0.0f64..50.0) {
            let i = pick.index(ts.len());
            let before = total_of(&rank(&cfg, &ts).unwrap(), ts[i].candidate_id);
            let mut better = ts.clone();
            for s in &mut better[i].field_totals { *s = (*s + bump).min(100.0); }
            let after = total_of(&rank(&cfg, &better).unwrap(), ts[i].candidate_id);
            prop_assert!(after >= before, "{after} < {before}");
        }

        #[test]
        fn ranking_does_not_depend_on_input_order(cfg in config(), ts in tallies(), seed in any::<u64>()) {
            let mut shuffled = ts.clone();
            // Deterministic Fisher–Yates from the seed, and reverse each sheet list too.
            let mut s = seed | 1;
            for i in (1..shuffled.len()).rev() {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                shuffled.swap(i, (s % (i as u64 + 1)) as usize);
            }
            for t in &mut shuffled { t.field_totals.reverse(); }
            prop_assert_eq!(rank(&cfg, &ts).unwrap(), rank(&cfg, &shuffled).unwrap());
        }

        #[test]
        fn exactly_min_n_are_named_worst(cfg in config(), ts in tallies()) {
            let rows = rank(&cfg, &ts).unwrap();
            let worst = rows.iter().filter(|r| r.tier == Tier::Worst).count();
            let warned = rows.iter().filter(|r| r.tier == Tier::Warned).count();
            prop_assert_eq!(worst, (cfg.worst_n as usize).min(ts.len()));
            prop_assert_eq!(warned, (cfg.warned_n as usize).min(ts.len() - worst));
            // Ranks are 1..=n and totals never decrease down the list.
            for (i, r) in rows.iter().enumerate() { prop_assert_eq!(r.rank as usize, i + 1); }
            prop_assert!(rows.windows(2).all(|w| w[0].total <= w[1].total));
        }

        #[test]
        fn weights_not_summing_to_one_are_rejected(v in 0.0f64..=1.0, f in 0.0f64..=1.0, ts in tallies()) {
            prop_assume!((v + f - 1.0).abs() > 1e-6);
            let cfg = RoundConfig { vote_weight: v, field_weight: f, ..RoundConfig::default() };
            prop_assert!(
                matches!(rank(&cfg, &ts), Err(ScoringError::BadWeights { .. })),
                "weights {} + {} accepted", v, f
            );
            prop_assert!(!cfg.validate().is_empty());
        }
    }
}
