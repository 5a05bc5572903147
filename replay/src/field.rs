//! Phase 4, field scoring: the office assigns the 80 candidates to the demo's 10
//! sub-groups (8 each) and closes voting (schedule edited, `advance`); each sub-group's
//! leader signs in on their phone, downloads the bundle and syncs one sheet per assigned
//! candidate under the phone's UUID. Every fourth sheet is sent twice (the same body:
//! 200 with the same receipt), one sheet is resent with different marks (409, kept for
//! the office), and each sub-group tries a candidate not theirs (422). Then review.

use crate::http::{loopback, Body, Person, Phase};
use crate::schedule::{advance, open_window};
use crate::screen::Shortlist;
use crate::Ctx;
use chrono::{Duration, SecondsFormat, Utc};
use reqwest::Method;
use serde_json::{json, Value};
use std::sync::Mutex;

/// The demo's sub-group leaders (seed.rs): 5 work groups × 2 sub-groups.
const LEADERS: [&str; 10] = [
    "wg1a.lead",
    "wg1b.lead",
    "wg2a.lead",
    "wg2b.lead",
    "wg3a.lead",
    "wg3b.lead",
    "wg4a.lead",
    "wg4b.lead",
    "wg5a.lead",
    "wg5b.lead",
];
const INSPECTOR_PASSWORD: &str = "xianchang-2026";

/// What the sub-groups sent and the server took.
pub struct Synced {
    /// Accepted sheets: (client id, server id, candidate, total).
    pub accepted: Vec<(String, i64, i64, u32)>,
    /// Refused with the expected 4xx (the conflicting resend among them).
    pub refused: usize,
}

/// A sheet on the pinned version `sheet`: graded items at a share of their maximum that
/// depends on the candidate, a deduction found on some.
fn marks(sheet: &Value, candidate: i64, salt: u64) -> Value {
    let mut scores = Vec::new();
    let level = 40 + (candidate as u64 * 37 + salt * 11) % 55;
    for (k, item) in sheet["content"]["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["items"].as_array().cloned().unwrap_or_default())
        .enumerate()
    {
        let max = item["rule"]["max"].as_u64().unwrap_or(0);
        let mark = match item["rule"]["kind"].as_str() {
            Some("graded") => json!({"kind": "graded", "points": max * level / 100}),
            _ => {
                json!({"kind": "deducted", "findings": u64::from((candidate as u64 + k as u64).is_multiple_of(4))})
            }
        };
        scores.push(json!({"item_id": item["id"], "mark": mark}));
    }
    json!({
        "candidate_id": candidate,
        "sheet_version_id": sheet["id"],
        "scores": scores,
        "filled_at": (Utc::now() - Duration::minutes(5)).to_rfc3339_opts(SecondsFormat::Secs, true),
    })
}

pub async fn run(ctx: &Ctx, phase: &Phase, shortlist: &Shortlist) -> Synced {
    let mut admin = ctx.admin(phase).await;
    let id = ctx.round_id;
    // Teams: candidate k to sub-group k mod 10, in the teams view's own order.
    let teams_path = format!("/api/v1/rounds/{id}/teams");
    let mut teams = admin
        .call(phase, Method::GET, &teams_path, Body::None, &[200])
        .await
        .json;
    let all: Vec<i64> = shortlist.values().flatten().copied().collect();
    let mut s = 0;
    for group in teams["work_groups"].as_array_mut().into_iter().flatten() {
        for sub in group["sub_groups"].as_array_mut().into_iter().flatten() {
            let mine: Vec<i64> = all.iter().skip(s).step_by(LEADERS.len()).copied().collect();
            sub["candidate_ids"] = json!(mine);
            s += 1;
        }
    }
    if s != LEADERS.len() {
        phase.problem(format!(
            "the demo has {s} sub-groups, not {}",
            LEADERS.len()
        ));
    }
    admin
        .call(phase, Method::PUT, &teams_path, Body::Json(teams), &[200])
        .await;
    open_window(&mut admin, phase, id, "field_scoring").await;
    advance(&mut admin, phase, id, "voting").await;

    let accepted = Mutex::new(Vec::new());
    let refused = Mutex::new(0usize);
    let jobs = LEADERS.iter().enumerate().map(|(g, leader)| {
        let (accepted, refused, all) = (&accepted, &refused, &all);
        async move {
            let mut phone = Person::new(&ctx.base, loopback(252, g), None);
            if !phone.sign_in(phase, leader, INSPECTOR_PASSWORD).await {
                return;
            }
            let bundle = phone
                .call(
                    phase,
                    Method::GET,
                    "/api/v1/field/bundle",
                    Body::None,
                    &[200],
                )
                .await
                .json;
            let candidates: Vec<(i64, String)> = bundle["candidates"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| Some((c["id"].as_i64()?, c["category"].as_str()?.to_owned())))
                .collect();
            if candidates.len() != all.len() / LEADERS.len() {
                phase.problem(format!(
                    "{leader}'s bundle has {} candidates",
                    candidates.len()
                ));
            }
            let sheet_of = |category: &str| {
                bundle["sheets"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|s| s["category"] == category)
                    .cloned()
                    .unwrap_or(Value::Null)
            };
            for (k, (candidate, category)) in candidates.iter().enumerate() {
                let client_id = format!("{:08x}-{k:04x}-4000-8000-{candidate:012x}", g + 1);
                let path = format!("/api/v1/rounds/{id}/field/sheets/{client_id}");
                let body = marks(&sheet_of(category), *candidate, 0);
                let a = phone
                    .call(phase, Method::PUT, &path, Body::Json(body.clone()), &[201])
                    .await;
                let Some(sheet_id) = a.json["sheet_id"].as_i64() else {
                    continue;
                };
                let total = a.json["total"].as_u64().unwrap_or(0) as u32;
                accepted
                    .lock()
                    .unwrap()
                    .push((client_id.clone(), sheet_id, *candidate, total));
                if k % 4 == 1 {
                    // The outbox did not hear the answer and sends it again.
                    let again = phone
                        .call(phase, Method::PUT, &path, Body::Json(body), &[200])
                        .await;
                    if again.status == 200 && again.json["sheet_id"].as_i64() != Some(sheet_id) {
                        phase.problem(format!("a resend of {client_id} got another receipt"));
                    }
                }
                if g == 0 && k == 0 {
                    // A second phone reused the id with other marks: kept for the office.
                    let other = marks(&sheet_of(category), *candidate, 1);
                    phone
                        .call(phase, Method::PUT, &path, Body::Json(other), &[409])
                        .await;
                    *refused.lock().unwrap() += 1;
                }
            }
            // A candidate another sub-group has.
            let theirs = all[(g + 1) % LEADERS.len()];
            let category = shortlist
                .iter()
                .find(|(_, ids)| ids.contains(&theirs))
                .map(|(c, _)| c.as_str())
                .unwrap_or("market");
            let path = format!(
                "/api/v1/rounds/{id}/field/sheets/{:08x}-ffff-4000-8000-{theirs:012x}",
                g + 1
            );
            let body = marks(&sheet_of(category), theirs, 0);
            phone
                .call(phase, Method::PUT, &path, Body::Json(body), &[422])
                .await;
            *refused.lock().unwrap() += 1;
        }
    });
    futures_util::future::join_all(jobs).await;

    // The office sees the one conflict.
    let conflicts = admin
        .call(
            phase,
            Method::GET,
            &format!("/api/v1/rounds/{id}/field/conflicts"),
            Body::None,
            &[200],
        )
        .await
        .json;
    let n = conflicts
        .as_array()
        .map(Vec::len)
        .or_else(|| conflicts["conflicts"].as_array().map(Vec::len));
    if n != Some(1) {
        phase.problem(format!("the office sees {n:?} conflicts, not 1"));
    }
    advance(&mut admin, phase, id, "field_scoring").await;
    Synced {
        accepted: accepted.into_inner().unwrap(),
        refused: refused.into_inner().unwrap(),
    }
}
