//! Phase 5, results: the office previews and publishes (in review); anyone fetches the
//! published results, the open data and the ballot box's snapshots. Then the checks:
//! every accepted ballot and sheet in the open data exactly once and nothing else, the
//! published rankings equal to the domain's `results::compute` over the open data (and
//! to the preview), and the independent verifier agreeing with both documents.

use crate::field::Synced;
use crate::http::{loopback, Body, Person, Phase};
use crate::vote::Voted;
use crate::Ctx;
use pingxuan_domain::results::{compute, OpenData};
use reqwest::Method;
use serde_json::Value;
use std::collections::HashMap;

pub async fn run(
    ctx: &Ctx,
    phase: &Phase,
    voted: &Voted,
    synced: &Synced,
    failures: &mut Vec<String>,
) {
    let id = ctx.round_id;
    let mut admin = ctx.admin(phase).await;
    let preview = admin
        .call(
            phase,
            Method::GET,
            &format!("/api/v1/rounds/{id}/results/preview"),
            Body::None,
            &[200],
        )
        .await
        .json;
    if preview["complete"] != true {
        failures.push("the preview says scoring is not complete".into());
    }
    admin
        .call(
            phase,
            Method::POST,
            &format!("/api/v1/rounds/{id}/results/publish"),
            Body::None,
            &[201],
        )
        .await;

    let mut public = Person::new(&ctx.base, loopback(251, 1), None);
    let results = public
        .call(
            phase,
            Method::GET,
            &format!("/api/v1/rounds/{id}/results"),
            Body::None,
            &[200],
        )
        .await
        .json;
    let open = public
        .call(
            phase,
            Method::GET,
            &format!("/api/v1/rounds/{id}/open-data"),
            Body::None,
            &[200],
        )
        .await
        .json;
    // The server takes the closing snapshot when the office closes voting (field.rs
    // advanced out of voting), not at its next minute tick: it must be there already.
    let snapshots = public
        .call(
            phase,
            Method::GET,
            &format!("/api/v1/rounds/{id}/ballot-snapshots"),
            Body::None,
            &[200],
        )
        .await
        .json;
    let closed = snapshots["snapshots"]
        .as_array()
        .and_then(|l| l.last())
        .is_some_and(|l| l["last"] == true);
    if !closed {
        failures.push("no closing ballot-box snapshot once voting had closed".into());
    }
    check_counts(&open, voted, synced, failures);
    check_computation(&open, &preview, &results, failures);
    check_verifier(&open, &snapshots, failures);
}

/// The records of a list by `key`: how many times each occurs, and the first.
fn tally<'a>(list: &'a Value, key: &str) -> HashMap<&'a str, (usize, &'a Value)> {
    let mut out: HashMap<&str, (usize, &Value)> = HashMap::new();
    for r in list.as_array().into_iter().flatten() {
        out.entry(r[key].as_str().unwrap_or_default())
            .or_insert((0, r))
            .0 += 1;
    }
    out
}

/// Every accepted ballot and sheet exactly once; nothing the replay was not told of.
fn check_counts(open: &Value, voted: &Voted, synced: &Synced, failures: &mut Vec<String>) {
    let seen = tally(&open["ballots"], "receipt");
    let mut wrong = 0;
    for (category, receipt, ids) in &voted.accepted {
        match seen.get(receipt.as_str()) {
            Some((1, b))
                if b["category"] == category.as_str()
                    && b["candidate_ids"] == serde_json::json!(ids)
                    && b["voided"].is_null() => {}
            _ => wrong += 1,
        }
    }
    if wrong > 0 || seen.len() != voted.accepted.len() {
        failures.push(format!(
            "ballots: {} accepted, {} in the open data, {wrong} not there exactly once as cast",
            voted.accepted.len(),
            seen.len()
        ));
    }
    let sheets = tally(&open["sheets"], "client_id");
    let mut wrong = 0;
    for (client_id, sheet_id, candidate, total) in &synced.accepted {
        match sheets.get(client_id.as_str()) {
            Some((1, s))
                if s["id"] == *sheet_id
                    && s["candidate_id"] == *candidate
                    && s["total"] == *total => {}
            _ => wrong += 1,
        }
    }
    if wrong > 0 || sheets.len() != synced.accepted.len() {
        failures.push(format!(
            "sheets: {} accepted, {} in the open data, {wrong} not there exactly once as sent",
            synced.accepted.len(),
            sheets.len()
        ));
    }
}

/// The published version is the domain's computation over its own open data, and what
/// the preview showed; the public answer lists the same candidates in the same order.
fn check_computation(open: &Value, preview: &Value, results: &Value, failures: &mut Vec<String>) {
    let data: OpenData = match serde_json::from_value(open.clone()) {
        Ok(d) => d,
        Err(e) => return failures.push(format!("the open data does not parse: {e}")),
    };
    match compute(
        &data.results.config,
        &data.candidates,
        &data.ballots,
        &data.sheets,
    ) {
        Ok(categories) if categories == data.results.categories => {}
        Ok(_) => failures
            .push("the published results differ from results::compute over the open data".into()),
        Err(e) => failures.push(format!("results::compute failed: {e:?}")),
    }
    if serde_json::to_value(&data.results.categories).ok().as_ref() != Some(&preview["categories"])
    {
        failures.push("the published results differ from the preview".into());
    }
    let order = |categories: &Value, key: &str| -> Vec<(String, Vec<i64>)> {
        categories
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                let ids = c[key]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|l| l["candidate_id"].as_i64())
                    .collect();
                (c["category"].as_str().unwrap_or_default().to_owned(), ids)
            })
            .collect()
    };
    let published = order(&open["results"]["categories"], "lines");
    if published.iter().map(|(_, ids)| ids.len()).sum::<usize>() != data.candidates.len() {
        failures.push("not every candidate is ranked (some unscored)".into());
    }
    let public_ids: Vec<i64> = results["categories"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| ["worst", "warned"].map(|k| c[k].clone()))
        .flat_map(|l| l.as_array().cloned().unwrap_or_default())
        .filter_map(|l| l["candidate_id"].as_i64())
        .collect();
    let expected = data.results.config.worst_n as usize + data.results.config.warned_n as usize;
    if public_ids.len() != expected * data.results.categories.len() {
        failures.push(format!(
            "the public results name {} candidates, not {} per category",
            public_ids.len(),
            expected
        ));
    }
}

/// `pingxuan-verify` on the open data and the ballot-box snapshots.
fn check_verifier(open: &Value, snapshots: &Value, failures: &mut Vec<String>) {
    match pingxuan_verify::verify(open) {
        Ok(s) if s.mismatches.is_empty() && s.candidates > 0 => {}
        Ok(s) => failures.push(format!(
            "the verifier disagrees: {:?}",
            s.mismatches.iter().take(3).collect::<Vec<_>>()
        )),
        Err(e) => failures.push(format!("the verifier: {e}")),
    }
    match pingxuan_verify::verify_snapshots(open, snapshots) {
        Ok(s) if s.mismatches.is_empty() && s.snapshots > 0 => {}
        Ok(s) if s.snapshots == 0 => failures.push("no ballot-box snapshot was published".into()),
        Ok(s) => failures.push(format!(
            "the snapshots disagree: {:?}",
            s.mismatches.iter().take(3).collect::<Vec<_>>()
        )),
        Err(e) => failures.push(format!("the snapshot verifier: {e}")),
    }
}
