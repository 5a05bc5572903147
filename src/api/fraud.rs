//! The office's panel against ballot-stuffing (刷票, admins only): the report, the
//! ballots from one device or network, voiding a ballot with a reason, and the
//! candidates' names the panel shows instead of ids.

use super::{fetch_json, send_json, ClientError};
use gloo_net::http::Method;
use pingxuan_domain::api::paths;
use pingxuan_domain::screening::Candidate;
use pingxuan_domain::voting::{FraudReport, InspectedBallot, VoidRequest};
use pingxuan_domain::Category;

/// Ballots per hour per candidate, bursts, shared devices, busy networks, the voided count.
pub async fn report(round_id: i64) -> Result<FraudReport, ClientError> {
    fetch_json(&paths::fraud(round_id)).await
}

/// The ballots cast from `source`: a device (as the report shows it) or a network.
pub async fn ballots_from(
    round_id: i64,
    source: &str,
) -> Result<Vec<InspectedBallot>, ClientError> {
    let path = format!(
        "{}{}",
        paths::fraud_ballots(round_id),
        String::from(js_sys::encode_uri_component(source))
    );
    fetch_json(&path).await
}

/// Voids one ballot; the reason goes to the audit log. 409 when it is already void.
pub async fn void(round_id: i64, request: &VoidRequest, csrf: &str) -> Result<(), ClientError> {
    send_json(
        Method::POST,
        &paths::void_ballot(round_id),
        Some(request),
        Some(csrf),
    )
    .await
}

/// Every category's candidates (the public shortlists), for their names.
pub async fn candidates(round_id: i64) -> Result<Vec<Candidate>, ClientError> {
    let mut all = Vec::new();
    for category in Category::ALL {
        let list: Vec<Candidate> = fetch_json(&paths::shortlist(round_id, category)).await?;
        all.extend(list);
    }
    Ok(all)
}
