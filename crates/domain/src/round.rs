//! A round (一期): its name, schedule of phase windows, and per-round configuration,
//! with the validation the app runs for instant feedback and the server runs to decide.

use crate::error::FieldError;
use crate::phase::{Phase, Window};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The scheduled windows of the five timed phases. Each window ends after it starts;
/// each starts no earlier than the previous one ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Schedule {
    pub nomination: Window,
    pub screening: Window,
    pub voting: Window,
    pub field_scoring: Window,
    pub review: Window,
}

impl Schedule {
    /// Back-to-back windows of the default lengths (15, 4, 8, 3, 3 days) from `start`.
    pub fn starting(start: DateTime<Utc>) -> Schedule {
        let mut at = start;
        let mut next = |phase: Phase| {
            let days = phase.default_days().expect("timed phase has a length");
            let w = Window {
                starts_at: at,
                ends_at: at + Duration::days(days),
            };
            at = w.ends_at;
            w
        };
        Schedule {
            nomination: next(Phase::Nomination),
            screening: next(Phase::Screening),
            voting: next(Phase::Voting),
            field_scoring: next(Phase::FieldScoring),
            review: next(Phase::Review),
        }
    }

    /// The window of a timed phase; `None` for `Published`.
    pub fn window(&self, phase: Phase) -> Option<Window> {
        match phase {
            Phase::Nomination => Some(self.nomination),
            Phase::Screening => Some(self.screening),
            Phase::Voting => Some(self.voting),
            Phase::FieldScoring => Some(self.field_scoring),
            Phase::Review => Some(self.review),
            Phase::Published => None,
        }
    }

    fn windows(&self) -> [(Phase, Window); 5] {
        Phase::TIMED.map(|p| (p, self.window(p).expect("timed")))
    }

    /// Every window positive and in order.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut previous_end: Option<DateTime<Utc>> = None;
        for (phase, w) in self.windows() {
            let field = format!("schedule.{}", phase.as_str());
            if w.ends_at <= w.starts_at {
                errors.push(FieldError::new(
                    format!("{field}.ends_at"),
                    "ends_before_start",
                    "结束时间必须晚于开始时间。",
                ));
            }
            if let Some(prev) = previous_end {
                if w.starts_at < prev {
                    errors.push(FieldError::new(
                        format!("{field}.starts_at"),
                        "out_of_order",
                        "开始时间不能早于上一阶段的结束时间。",
                    ));
                }
            }
            previous_end = Some(w.ends_at);
        }
        errors
    }
}

/// How a candidate's vote count becomes a 0–100 score. Votes say "worst", so more votes
/// always mean a lower score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VoteNormalisation {
    /// `100 × (1 − votes / max votes in the category)` — the default.
    #[default]
    RelativeToMax,
    /// `100 × (1 − votes / all votes in the category)`.
    ShareOfTotal,
}

/// Per-round settings for scoring, ranking and voting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundConfig {
    /// Weight of the online vote in the total (default 0.4).
    pub vote_weight: f64,
    /// Weight of the on-site score in the total (default 0.6).
    pub field_weight: f64,
    pub vote_normalisation: VoteNormalisation,
    /// How many are named worst per category (default 10).
    pub worst_n: u32,
    /// How many after the worst are warned (次差, default 10).
    pub warned_n: u32,
    /// How many candidates one ballot may pick (default 1).
    pub max_choices: u32,
    /// Candidates per category after screening (default 20).
    pub candidates_per_category: u32,
    /// Hide live vote counts from the public while voting is open (default true).
    pub hide_live_counts: bool,
}

impl Default for RoundConfig {
    fn default() -> Self {
        RoundConfig {
            vote_weight: 0.4,
            field_weight: 0.6,
            vote_normalisation: VoteNormalisation::RelativeToMax,
            worst_n: 10,
            warned_n: 10,
            max_choices: 1,
            candidates_per_category: 20,
            hide_live_counts: true,
        }
    }
}

/// Weights must each lie in 0..=1 and sum to 1 (to within floating-point noise).
pub const WEIGHT_TOLERANCE: f64 = 1e-9;

impl RoundConfig {
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        for (name, w) in [
            ("vote_weight", self.vote_weight),
            ("field_weight", self.field_weight),
        ] {
            if !w.is_finite() || !(0.0..=1.0).contains(&w) {
                errors.push(FieldError::new(
                    format!("config.{name}"),
                    "out_of_range",
                    "权重必须在0到1之间。",
                ));
            }
        }
        if errors.is_empty()
            && (self.vote_weight + self.field_weight - 1.0).abs() > WEIGHT_TOLERANCE
        {
            errors.push(FieldError::new(
                "config.field_weight",
                "weights_not_one",
                "网上投票和现场评分的权重相加必须等于1（即100%）。",
            ));
        }
        let mut range = |field: &str, v: u32, lo: u32, hi: u32, msg: &str| {
            if !(lo..=hi).contains(&v) {
                errors.push(FieldError::new(
                    format!("config.{field}"),
                    "out_of_range",
                    msg,
                ));
            }
        };
        range(
            "worst_n",
            self.worst_n,
            1,
            50,
            "最差名单人数须在1到50之间。",
        );
        range(
            "warned_n",
            self.warned_n,
            0,
            50,
            "次差名单人数须在0到50之间。",
        );
        range(
            "max_choices",
            self.max_choices,
            1,
            20,
            "每张选票可选数量须在1到20之间。",
        );
        range(
            "candidates_per_category",
            self.candidates_per_category,
            1,
            100,
            "每类候选对象数须在1到100之间。",
        );
        if self.max_choices > self.candidates_per_category {
            errors.push(FieldError::new(
                "config.max_choices",
                "more_than_candidates",
                "每张选票可选数量不能多于候选对象数。",
            ));
        }
        errors
    }
}

/// The longest round name, in characters.
pub const NAME_MAX_CHARS: usize = 60;

/// Checks a round's name: 1..=60 characters after trimming, no control characters.
pub fn validate_name(name: &str) -> Vec<FieldError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        vec![FieldError::new("name", "required", "请填写本期名称。")]
    } else if trimmed.chars().count() > NAME_MAX_CHARS {
        vec![FieldError::new("name", "too_long", "名称不能超过60个字。")]
    } else if trimmed.chars().any(char::is_control) {
        vec![FieldError::new(
            "name",
            "invalid_chars",
            "名称里有不能使用的字符。",
        )]
    } else {
        Vec::new()
    }
}

/// What the office sends to create or edit a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundInput {
    /// e.g. 2026年第6期
    pub name: String,
    pub schedule: Schedule,
    #[serde(default)]
    pub config: RoundConfig,
}

impl RoundInput {
    /// All rule breaks at once, so the form can show every hint together.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = validate_name(&self.name);
        errors.extend(self.schedule.validate());
        errors.extend(self.config.validate());
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn input() -> RoundInput {
        RoundInput {
            name: "2026年第6期".into(),
            schedule: Schedule::starting(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()),
            config: RoundConfig::default(),
        }
    }

    #[test]
    fn default_schedule_is_30_plus_3_days_and_valid() {
        let i = input();
        assert_eq!(i.validate(), Ok(()));
        let total = i.schedule.review.ends_at - i.schedule.nomination.starts_at;
        assert_eq!(total.num_days(), 15 + 4 + 8 + 3 + 3);
    }

    #[test]
    fn overlapping_and_inverted_windows_are_named() {
        let mut i = input();
        i.schedule.voting.starts_at = i.schedule.screening.starts_at;
        i.schedule.review.ends_at = i.schedule.review.starts_at;
        let fields: Vec<String> = i
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec!["schedule.voting.starts_at", "schedule.review.ends_at"]
        );
    }

    #[test]
    fn weights_must_sum_to_one() {
        let mut i = input();
        i.config.vote_weight = 0.5;
        let errs = i.validate().unwrap_err();
        assert_eq!(errs[0].code, "weights_not_one");
        i.config.field_weight = 0.5;
        assert_eq!(i.validate(), Ok(()));
        i.config.vote_weight = f64::NAN;
        assert_eq!(i.validate().unwrap_err()[0].code, "out_of_range");
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(validate_name("  ")[0].code, "required");
        assert_eq!(validate_name(&"期".repeat(61))[0].code, "too_long");
        assert!(validate_name(&"期".repeat(60)).is_empty());
        assert_eq!(validate_name("a\u{0007}b")[0].code, "invalid_chars");
    }

    #[test]
    fn config_ranges() {
        let mut i = input();
        i.config.worst_n = 0;
        i.config.max_choices = 30;
        let codes: Vec<String> = i
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert!(codes.contains(&"config.worst_n".to_string()));
        assert!(codes.contains(&"config.max_choices".to_string()));
    }
}
