//! The round form as typed: strings for every input, turned into a domain
//! [`RoundInput`] and checked with the domain's own `RoundInput::validate()`.

use super::beijing_datetime::{from_input_value, to_input_value};
use crate::i18n::{percent, Msg};
use pingxuan_domain::phase::Window;
use pingxuan_domain::round::{validate_name, RoundInput, Schedule};
use pingxuan_domain::{FieldError, Lang, Phase, RoundConfig};

/// Field paths of the inputs the form shows, as the domain and server name them.
pub mod field {
    pub const NAME: &str = "name";
    pub const VOTE_WEIGHT: &str = "config.vote_weight";
    pub const FIELD_WEIGHT: &str = "config.field_weight";
    pub const WORST_N: &str = "config.worst_n";
    pub const WARNED_N: &str = "config.warned_n";
    pub const MAX_CHOICES: &str = "config.max_choices";
}

/// `schedule.voting.starts_at` or `schedule.voting.ends_at`.
pub fn window_field(phase: Phase, end: bool) -> String {
    let edge = if end { "ends_at" } else { "starts_at" };
    format!("schedule.{}.{edge}", phase.as_str())
}

/// Every field path the form shows an input for.
pub fn shown_fields() -> Vec<String> {
    let mut all: Vec<String> = [
        field::NAME,
        field::VOTE_WEIGHT,
        field::FIELD_WEIGHT,
        field::WORST_N,
        field::WARNED_N,
        field::MAX_CHOICES,
    ]
    .map(String::from)
    .to_vec();
    for phase in Phase::TIMED {
        all.push(window_field(phase, false));
        all.push(window_field(phase, true));
    }
    all
}

/// What the round form holds while someone types.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundDraft {
    pub name: String,
    /// Beijing `datetime-local` values, in the order of [`Phase::TIMED`].
    pub starts: [String; 5],
    pub ends: [String; 5],
    pub vote_percent: String,
    pub field_percent: String,
    pub worst_n: String,
    pub warned_n: String,
    pub max_choices: String,
    /// Settings the form does not show, carried through unchanged.
    pub base: RoundConfig,
}

impl RoundDraft {
    /// The form filled in from an existing or proposed round.
    pub fn from_input(input: &RoundInput) -> RoundDraft {
        let window = |i: usize| input.schedule.window(Phase::TIMED[i]).expect("timed phase");
        RoundDraft {
            name: input.name.clone(),
            starts: std::array::from_fn(|i| to_input_value(window(i).starts_at)),
            ends: std::array::from_fn(|i| to_input_value(window(i).ends_at)),
            vote_percent: percent(input.config.vote_weight),
            field_percent: percent(input.config.field_weight),
            worst_n: input.config.worst_n.to_string(),
            warned_n: input.config.warned_n.to_string(),
            max_choices: input.config.max_choices.to_string(),
            base: input.config,
        }
    }

    /// Reads every input; then, if all could be read, runs the domain's validation.
    /// All problems come back at once so the form can show each under its input.
    pub fn parse(&self, lang: Lang) -> Result<RoundInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut windows = Vec::with_capacity(5);
        for (i, phase) in Phase::TIMED.into_iter().enumerate() {
            let start = read_datetime(
                &self.starts[i],
                window_field(phase, false),
                lang,
                &mut errors,
            );
            let end = read_datetime(&self.ends[i], window_field(phase, true), lang, &mut errors);
            windows.push(
                start
                    .zip(end)
                    .map(|(starts_at, ends_at)| Window { starts_at, ends_at }),
            );
        }
        let vote_weight =
            read_percent_field(&self.vote_percent, field::VOTE_WEIGHT, lang, &mut errors);
        let field_weight =
            read_percent_field(&self.field_percent, field::FIELD_WEIGHT, lang, &mut errors);
        let worst_n = read_count(&self.worst_n, field::WORST_N, lang, &mut errors);
        let warned_n = read_count(&self.warned_n, field::WARNED_N, lang, &mut errors);
        let max_choices = read_count(&self.max_choices, field::MAX_CHOICES, lang, &mut errors);

        if !errors.is_empty() {
            let mut all = validate_name(&self.name);
            all.extend(errors);
            return Err(all);
        }
        let w: Vec<Window> = windows.into_iter().flatten().collect();
        let input = RoundInput {
            name: self.name.trim().to_owned(),
            schedule: Schedule {
                nomination: w[0],
                screening: w[1],
                voting: w[2],
                field_scoring: w[3],
                review: w[4],
            },
            config: RoundConfig {
                vote_weight: vote_weight.unwrap_or_default(),
                field_weight: field_weight.unwrap_or_default(),
                worst_n: worst_n.unwrap_or_default(),
                warned_n: warned_n.unwrap_or_default(),
                max_choices: max_choices.unwrap_or_default(),
                ..self.base
            },
        };
        input.validate().map(|()| input)
    }
}

fn read_datetime(
    raw: &str,
    field: String,
    lang: Lang,
    errors: &mut Vec<FieldError>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let parsed = from_input_value(raw);
    if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            "invalid_datetime",
            Msg::InvalidDatetime.text(lang),
        ));
    }
    parsed
}

fn read_percent_field(
    raw: &str,
    field: &str,
    lang: Lang,
    errors: &mut Vec<FieldError>,
) -> Option<f64> {
    let weight = read_percent(raw);
    if weight.is_none() {
        errors.push(FieldError::new(
            field,
            "invalid_percent",
            Msg::InvalidPercent.text(lang),
        ));
    }
    weight
}

/// Reads a percentage from 0 to 100 with up to two decimals (`40`, `33.5`) as a weight
/// from 0 to 1. Done by hand on integers: exact, and it keeps float parsing out of the
/// wasm.
pub fn read_percent(raw: &str) -> Option<f64> {
    let raw = raw.trim();
    let (whole, frac) = raw.split_once('.').unwrap_or((raw, ""));
    if whole.is_empty() || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let frac: u32 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    let hundredths = whole.checked_mul(100)?.checked_add(frac)?;
    (hundredths <= 10_000).then(|| f64::from(hundredths) / 10_000.0)
}

fn read_count(raw: &str, field: &str, lang: Lang, errors: &mut Vec<FieldError>) -> Option<u32> {
    match raw.trim().parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(FieldError::new(
                field,
                "invalid_integer",
                Msg::InvalidInteger.text(lang),
            ));
            None
        }
    }
}
