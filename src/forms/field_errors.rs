//! Matching field problems (from the domain's validation or the server's 422) to inputs.

use pingxuan_domain::FieldError;

/// The first message for `field`, e.g. `schedule.voting.ends_at`.
pub fn message_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// The problems no shown input claims, so the form can list them at the top.
pub fn unclaimed(errors: &[FieldError], shown: &[&str]) -> Vec<FieldError> {
    errors
        .iter()
        .filter(|e| !shown.contains(&e.field.as_str()))
        .cloned()
        .collect()
}
