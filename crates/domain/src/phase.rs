//! The phases of one round and the rules for moving between them.
//!
//! nomination → screening → voting → field scoring → review → published. A round moves
//! one step forward at a time, by the office; it never goes back (a correction after
//! publication is a new version of the results, not a step back).

use crate::error::ErrorCode;
use crate::lang::{Label, Lang};
use crate::round::Schedule;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// 网上推荐: residents nominate places with photos (15 days by default).
    Nomination,
    /// 部门筛选: each lead department picks 20 candidates (4 days).
    Screening,
    /// 网上投票: residents vote, one ballot per person per category (8 days).
    Voting,
    /// 现场评分: inspection sub-groups score on site (3 days).
    FieldScoring,
    /// 结果审核: the office reviews the computed ranking before approval.
    Review,
    /// 公布结果: results are public; rectification runs.
    Published,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Nomination,
        Phase::Screening,
        Phase::Voting,
        Phase::FieldScoring,
        Phase::Review,
        Phase::Published,
    ];

    /// The phases that have a scheduled window (all but `Published`).
    pub const TIMED: [Phase; 5] = [
        Phase::Nomination,
        Phase::Screening,
        Phase::Voting,
        Phase::FieldScoring,
        Phase::Review,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Nomination => "nomination",
            Phase::Screening => "screening",
            Phase::Voting => "voting",
            Phase::FieldScoring => "field_scoring",
            Phase::Review => "review",
            Phase::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The phase after this one, if any.
    pub fn next(self) -> Option<Phase> {
        let i = Phase::ALL.iter().position(|p| *p == self)?;
        Phase::ALL.get(i + 1).copied()
    }

    /// The default length of the phase in days, from the city's first round.
    pub fn default_days(self) -> Option<i64> {
        match self {
            Phase::Nomination => Some(15),
            Phase::Screening => Some(4),
            Phase::Voting => Some(8),
            Phase::FieldScoring => Some(3),
            Phase::Review => Some(3),
            Phase::Published => None,
        }
    }

    /// One sentence for residents on what happens in this phase.
    pub fn description(self, lang: Lang) -> &'static str {
        match self {
            Phase::Nomination => lang.pick(
                "市民可以拍照推荐身边最差的乡村、沟渠、道路和农贸市场。",
                "Residents nominate the worst villages, ditches, roads and markets with photos.",
            ),
            Phase::Screening => lang.pick(
                "各牵头部门正在筛选市民的推荐，每类确定20个候选对象。",
                "Each lead department is screening nominations down to 20 candidates per category.",
            ),
            Phase::Voting => lang.pick(
                "市民网上投票，每人每类投一票。",
                "Residents vote online: one ballot per person per category.",
            ),
            Phase::FieldScoring => lang.pick(
                "现场核查评定工作组正在实地评分。",
                "Inspection teams are scoring the candidates on site.",
            ),
            Phase::Review => lang.pick(
                "市创卫办正在审核评选结果。",
                "The campaign office is reviewing the results.",
            ),
            Phase::Published => lang.pick(
                "评选结果已公布，上榜单位须在一个月内完成整改。",
                "Results are published; named units must rectify within one month.",
            ),
        }
    }
}

impl Label for Phase {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Phase::Nomination => lang.pick("网上推荐", "Nomination"),
            Phase::Screening => lang.pick("部门筛选", "Screening"),
            Phase::Voting => lang.pick("网上投票", "Voting"),
            Phase::FieldScoring => lang.pick("现场评分", "On-site scoring"),
            Phase::Review => lang.pick("结果审核", "Review"),
            Phase::Published => lang.pick("公布结果", "Published"),
        }
    }
}

/// Why a phase change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The caller's view of the phase is stale (e.g. a double tap): nothing changes.
    #[error("the round is in {actual:?}, not {expected:?}")]
    Stale { expected: Phase, actual: Phase },
    /// Published is the last phase.
    #[error("a published round has no next phase")]
    AlreadyPublished,
    /// Voting was announced to the public with its dates; it cannot be cut short.
    #[error("voting cannot close before its scheduled end")]
    VotingStillOpen,
}

impl TransitionError {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::IllegalTransition
    }

    /// A plain sentence for the office.
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            TransitionError::Stale { .. } => lang.pick(
                "阶段已被其他人切换，请刷新后查看最新状态。",
                "Someone else changed the phase; reload to see the current state.",
            ),
            TransitionError::AlreadyPublished => lang.pick(
                "结果已公布，这是最后一个阶段。",
                "Published is the last phase.",
            ),
            TransitionError::VotingStillOpen => lang.pick(
                "网上投票已向社会公布截止时间，不能提前结束。",
                "Voting was announced with its closing time and cannot end early.",
            ),
        }
    }
}

/// Decides whether a round in `current` may move on, given that the caller saw it in
/// `expected`. Returns the new phase.
pub fn advance(
    current: Phase,
    expected: Phase,
    schedule: &Schedule,
    now: DateTime<Utc>,
) -> Result<Phase, TransitionError> {
    if current != expected {
        return Err(TransitionError::Stale {
            expected,
            actual: current,
        });
    }
    let next = current.next().ok_or(TransitionError::AlreadyPublished)?;
    if current == Phase::Voting && now < schedule.voting.ends_at {
        return Err(TransitionError::VotingStillOpen);
    }
    Ok(next)
}

/// Where "now" stands relative to a phase's scheduled window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WindowStatus {
    /// Before the window opens.
    Upcoming,
    /// Inside the window: it is open.
    Open,
    /// After the window has closed.
    Closed,
}

/// A phase's scheduled window, `[starts_at, ends_at)`, in UTC (shown in Beijing time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Window {
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub ends_at: DateTime<Utc>,
}

impl Window {
    /// Open from `starts_at` inclusive to `ends_at` exclusive, to the second.
    pub fn status(&self, now: DateTime<Utc>) -> WindowStatus {
        if now < self.starts_at {
            WindowStatus::Upcoming
        } else if now < self.ends_at {
            WindowStatus::Open
        } else {
            WindowStatus::Closed
        }
    }

    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        self.status(now) == WindowStatus::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn schedule() -> Schedule {
        Schedule::starting(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap())
    }

    #[test]
    fn phases_advance_one_step_in_order() {
        let s = schedule();
        let late = s.review.ends_at + Duration::days(1);
        let mut p = Phase::Nomination;
        let mut seen = vec![p];
        while let Ok(n) = advance(p, p, &s, late) {
            p = n;
            seen.push(p);
        }
        assert_eq!(seen, Phase::ALL.to_vec());
        assert_eq!(
            advance(p, p, &s, late),
            Err(TransitionError::AlreadyPublished)
        );
    }

    #[test]
    fn a_stale_view_moves_nothing() {
        let s = schedule();
        let err = advance(Phase::Screening, Phase::Nomination, &s, s.review.ends_at).unwrap_err();
        assert_eq!(
            err,
            TransitionError::Stale {
                expected: Phase::Nomination,
                actual: Phase::Screening
            }
        );
    }

    #[test]
    fn voting_cannot_be_cut_short_but_ends_on_the_second() {
        let s = schedule();
        let end = s.voting.ends_at;
        assert_eq!(
            advance(Phase::Voting, Phase::Voting, &s, end - Duration::seconds(1)),
            Err(TransitionError::VotingStillOpen)
        );
        assert_eq!(
            advance(Phase::Voting, Phase::Voting, &s, end),
            Ok(Phase::FieldScoring)
        );
    }

    #[test]
    fn window_is_half_open() {
        let w = schedule().voting;
        assert_eq!(
            w.status(w.starts_at - Duration::seconds(1)),
            WindowStatus::Upcoming
        );
        assert_eq!(w.status(w.starts_at), WindowStatus::Open);
        assert_eq!(
            w.status(w.ends_at - Duration::seconds(1)),
            WindowStatus::Open
        );
        assert_eq!(w.status(w.ends_at), WindowStatus::Closed);
    }

    #[test]
    fn identifiers_round_trip() {
        for p in Phase::ALL {
            assert_eq!(Phase::parse(p.as_str()), Some(p));
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.as_str())
            );
        }
    }
}
