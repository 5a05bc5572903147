//! Phase 3, voting: every voter on a phone (device id) and address of their own asks
//! for an SMS code, reads it from the development provider's line in the server's log,
//! verifies, and votes in all four categories. Voters come in waves, every fourth a
//! burst at four times the concurrency. Mixed in, with the answers expected: a ballot
//! before verifying (401), a ballot naming another category's candidate (422), the same
//! ballot sent again (409 with the first ballot's receipt).

use crate::http::{for_each, loopback, Body, Person, Phase};
use crate::screen::Shortlist;
use crate::{Ctx, VOTERS};
use pingxuan_domain::Category;
use reqwest::Method;
use serde_json::json;
use std::sync::Mutex;

/// What the voters sent and the server took.
pub struct Voted {
    /// Accepted ballots: (category, receipt, candidate ids).
    pub accepted: Vec<(Category, String, Vec<i64>)>,
    /// Refused with the expected 4xx.
    pub refused: usize,
}

/// Voter `i`'s mobile number: four prefixes × 10,000 distinct last four digits, so the
/// log's masked form (`+86138****0042`) names exactly one voter.
fn phone(i: usize) -> (String, String) {
    let prefix = ["138", "139", "137", "136", "135", "134"][(i / 10_000) % 6];
    let tail = format!("{:04}", i % 10_000);
    let middle = format!("{:04}", (i * 7) % 10_000);
    (
        format!("{prefix}{middle}{tail}"),
        format!("+86{prefix}****{tail}"),
    )
}

/// A well-mixed hash for the voter's choices.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ceb9fe1a85ec53);
    x ^ (x >> 33)
}

/// The candidate voter `i` picks in `category`: skewed, so rankings have clear leaders.
fn choice(i: usize, c: usize, n: usize) -> usize {
    let u = (mix((i as u64) << 3 | c as u64) % 10_000) as f64 / 10_000.0;
    ((u * u * n as f64) as usize).min(n - 1)
}

pub async fn run(ctx: &Ctx, phase: &Phase, shortlist: &Shortlist) -> Voted {
    let total = ctx.scaled(VOTERS, 8);
    let accepted = Mutex::new(Vec::with_capacity(total * 4));
    let refused = Mutex::new(0usize);
    let voters: Vec<usize> = (0..total).collect();
    let wave = ctx.concurrency * 16;
    for (w, chunk) in voters.chunks(wave).enumerate() {
        let concurrency = if w % 4 == 3 {
            ctx.concurrency * 4
        } else {
            ctx.concurrency
        };
        for_each(chunk.to_vec(), concurrency, |i| {
            let (accepted, refused) = (&accepted, &refused);
            async move {
                let (ballots, wrong) = voter(ctx, phase, shortlist, i).await;
                accepted.lock().unwrap().extend(ballots);
                *refused.lock().unwrap() += wrong;
            }
        })
        .await;
    }
    Voted {
        accepted: accepted.into_inner().unwrap(),
        refused: refused.into_inner().unwrap(),
    }
}

/// One voter's visit: their accepted ballots and how many attempts were refused.
async fn voter(
    ctx: &Ctx,
    phase: &Phase,
    shortlist: &Shortlist,
    i: usize,
) -> (Vec<(Category, String, Vec<i64>)>, usize) {
    let mut person = Person::new(
        &ctx.base,
        loopback(10, i),
        Some(format!("replay-voter-{i:08}")),
    );
    let round = ctx.round_id;
    let (number, masked) = phone(i);
    let mut refused = 0;
    let ballot_path = |c: Category| format!("/api/v1/rounds/{round}/ballots/{}", c.as_str());
    let first = &shortlist[&Category::ALL[0]];
    if i % 97 == 3 {
        let body = Body::Json(json!({ "candidate_ids": [first[0]] }));
        person
            .call(
                phase,
                Method::POST,
                &ballot_path(Category::ALL[0]),
                body,
                &[401],
            )
            .await;
        refused += 1;
    }
    let sent = person
        .call(
            phase,
            Method::POST,
            "/api/v1/voting/sms-code",
            Body::Json(json!({ "phone": number })),
            &[202],
        )
        .await;
    if sent.status != 202 {
        return (Vec::new(), refused);
    }
    let Some(code) = ctx.codes.wait(&masked).await else {
        phase.problem(format!("no code in the server's log for {masked}"));
        return (Vec::new(), refused);
    };
    let body = Body::Json(json!({ "phone": number, "code": code }));
    if person
        .call(phase, Method::POST, "/api/v1/voting/verify", body, &[200])
        .await
        .status
        != 200
    {
        return (Vec::new(), refused);
    }
    let mut ballots = Vec::new();
    for (c, category) in Category::ALL.into_iter().enumerate() {
        let candidates = &shortlist[&category];
        if candidates.is_empty() {
            continue;
        }
        if i % 31 == 7 && c == 1 {
            // Another category's candidate.
            let body = Body::Json(json!({ "candidate_ids": [first[i % first.len()]] }));
            person
                .call(phase, Method::POST, &ballot_path(category), body, &[422])
                .await;
            refused += 1;
        }
        let pick = vec![candidates[choice(i, c, candidates.len())]];
        let body = || Body::Json(json!({ "candidate_ids": pick }));
        let a = person
            .call(phase, Method::POST, &ballot_path(category), body(), &[201])
            .await;
        let Some(receipt) = a.json["receipt"].as_str().map(str::to_owned) else {
            continue;
        };
        if i % 23 == 5 && c == 3 {
            // The confirm button pressed again: the first ballot's receipt comes back.
            let again = person
                .call(phase, Method::POST, &ballot_path(category), body(), &[409])
                .await;
            refused += 1;
            if again.status == 409 && again.json["receipt"]["receipt"].as_str() != Some(&receipt) {
                phase.problem(format!(
                    "a repeat ballot's 409 did not carry the receipt {receipt}: {}",
                    again.json
                ));
            }
        }
        ballots.push((category, receipt, pick));
    }
    (ballots, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_numbers_name_one_voter_each() {
        let masked: std::collections::HashSet<String> = (0..60_000).map(|i| phone(i).1).collect();
        assert_eq!(masked.len(), 60_000);
        assert_eq!(phone(42), ("13802940042".into(), "+86138****0042".into()));
    }

    #[test]
    fn choices_stay_on_the_list_and_lean_to_the_front() {
        let picks: Vec<usize> = (0..10_000).map(|i| choice(i, 0, 20)).collect();
        assert!(picks.iter().all(|p| *p < 20));
        let front = picks.iter().filter(|p| **p < 5).count();
        assert!(front > 4_000, "{front}");
    }
}
