//! Moving the round through its phases as the office (and the end-to-end tests) do:
//! the schedule edited so the next window holds now, then `advance` from the phase the
//! admin saw.

use crate::http::{Body, Person, Phase};
use chrono::{Duration, SecondsFormat, Utc};
use reqwest::Method;
use serde_json::{json, Value};

/// The phases with their default lengths in days.
const PHASES: [(&str, i64); 5] = [
    ("nomination", 15),
    ("screening", 4),
    ("voting", 8),
    ("field_scoring", 3),
    ("review", 3),
];

/// Back-to-back windows of the default lengths, placed so that `phase` opened an hour ago.
fn schedule_with_open(phase: &str) -> Value {
    let before: i64 = PHASES
        .iter()
        .take_while(|(name, _)| *name != phase)
        .map(|(_, days)| days)
        .sum();
    let mut at = Utc::now() - Duration::days(before) - Duration::hours(1);
    let mut schedule = serde_json::Map::new();
    for (name, days) in PHASES {
        let end = at + Duration::days(days);
        schedule.insert(
            name.into(),
            json!({
                "starts_at": at.to_rfc3339_opts(SecondsFormat::Secs, true),
                "ends_at": end.to_rfc3339_opts(SecondsFormat::Secs, true),
            }),
        );
        at = end;
    }
    Value::Object(schedule)
}

/// Edits the round's schedule so `opening`'s window holds now.
pub async fn open_window(admin: &mut Person, phase: &Phase, round_id: i64, opening: &str) {
    let path = format!("/api/v1/rounds/{round_id}");
    let round = admin
        .call(phase, Method::GET, &path, Body::None, &[200])
        .await
        .json;
    let body = json!({
        "name": round["name"],
        "schedule": schedule_with_open(opening),
        "config": round["config"],
    });
    admin
        .call(phase, Method::PUT, &path, Body::Json(body), &[200])
        .await;
}

/// `POST …/advance` from `from`.
pub async fn advance(admin: &mut Person, phase: &Phase, round_id: i64, from: &str) {
    let a = admin
        .call(
            phase,
            Method::POST,
            &format!("/api/v1/rounds/{round_id}/advance"),
            Body::Json(json!({ "from": from })),
            &[200],
        )
        .await;
    if a.status == 200 && a.json["phase"] == from {
        phase.problem(format!("advance from {from} left the round in {from}"));
    }
}
