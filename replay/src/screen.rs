//! Phase 2, screening: nominations close (the schedule moved on, `advance`), the office
//! merges each second name (`…东门`) into its registered place, checks that every
//! accepted nomination is listed exactly once, sets 20 candidates per category (the most
//! nominated places, each with a resident's photo as its cover) and opens voting.

use crate::http::{Body, Person, Phase};
use crate::nominate::{Nominated, ALIAS};
use crate::schedule::{advance, open_window};
use crate::Ctx;
use pingxuan_domain::Category;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// Each category's candidate ids, in shortlist order.
pub type Shortlist = BTreeMap<Category, Vec<i64>>;

pub async fn run(
    ctx: &Ctx,
    phase: &Phase,
    nominated: &Nominated,
    failures: &mut Vec<String>,
) -> Shortlist {
    let mut admin = ctx.admin(phase).await;
    let id = ctx.round_id;
    open_window(&mut admin, phase, id, "voting").await;
    advance(&mut admin, phase, id, "nomination").await;

    let mut shortlist = Shortlist::new();
    let mut listed: HashMap<i64, usize> = HashMap::new();
    for category in Category::ALL {
        let view = screening_view(&mut admin, phase, id, category).await;
        let places = view["places"].as_array().cloned().unwrap_or_default();
        let by_name: HashMap<&str, i64> = places
            .iter()
            .filter_map(|p| Some((p["place"]["name"].as_str()?, p["place"]["id"].as_i64()?)))
            .chain(
                nominated.register[&category]
                    .iter()
                    .filter_map(|p| Some((p["name"].as_str()?, p["id"].as_i64()?))),
            )
            .collect();
        let mut merges = Vec::new();
        for p in &places {
            let name = p["place"]["name"].as_str().unwrap_or_default();
            if let Some(original) = name.strip_suffix(ALIAS) {
                match by_name.get(original) {
                    Some(into) => merges.push((p["place"]["id"].clone(), *into)),
                    None => failures.push(format!(
                        "no registered place {original} to merge {name} into"
                    )),
                }
            }
        }
        if merges.is_empty() {
            failures.push(format!("{}: no second names to merge", category.as_str()));
        }
        for (from, into) in merges {
            admin
                .call(
                    phase,
                    Method::POST,
                    &format!("/api/v1/rounds/{id}/screening/{}/merge", category.as_str()),
                    Body::Json(json!({"from_place_id": from, "into_place_id": into})),
                    &[200],
                )
                .await;
        }

        // After the merges: every nomination once, none left under a second name.
        let view = screening_view(&mut admin, phase, id, category).await;
        let mut places: Vec<Value> = view["places"].as_array().cloned().unwrap_or_default();
        places.retain(|p| !p["nominations"].as_array().is_none_or(|n| n.is_empty()));
        for p in &places {
            if p["place"]["name"]
                .as_str()
                .unwrap_or_default()
                .ends_with(ALIAS)
            {
                failures.push(format!(
                    "{} still has nominations after its merge",
                    p["place"]["name"]
                ));
            }
            for n in p["nominations"].as_array().into_iter().flatten() {
                *listed.entry(n["id"].as_i64().unwrap_or(-1)).or_default() += 1;
            }
        }

        // The 20 most nominated places; the register fills in if fewer were nominated.
        places.sort_by_key(|p| std::cmp::Reverse(p["nominations"].as_array().map_or(0, Vec::len)));
        let size = view["shortlist_size"].as_u64().unwrap_or(20) as usize;
        let mut candidates: Vec<Value> = places
            .iter()
            .take(size)
            .map(|p| {
                let n = p["nominations"].as_array().map_or(0, Vec::len);
                json!({
                    "place_id": p["place"]["id"],
                    "title": p["place"]["name"],
                    "description": format!("居民推荐{n}次：问题突出，多次整改不到位。"),
                    "cover_photo_id": p["nominations"][0]["photos"][0]["id"],
                })
            })
            .collect();
        for r in &nominated.register[&category] {
            if candidates.len() >= size {
                break;
            }
            if !candidates.iter().any(|c| c["place_id"] == r["id"]) {
                candidates.push(json!({
                    "place_id": r["id"],
                    "title": r["name"],
                    "description": "部门日常巡查发现问题突出。",
                    "department_reason": "部门巡查记录：近三个月三次检查均不合格。",
                }));
            }
        }
        let saved = admin
            .call(
                phase,
                Method::PUT,
                &format!("/api/v1/rounds/{id}/shortlist/{}", category.as_str()),
                Body::Json(json!({ "candidates": candidates })),
                &[200],
            )
            .await;
        let ids: Vec<i64> = saved
            .json
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["id"].as_i64())
            .collect();
        if ids.len() != size {
            failures.push(format!(
                "{}: {} candidates, not {size}",
                category.as_str(),
                ids.len()
            ));
        }
        shortlist.insert(category, ids);
    }

    // Every accepted nomination listed exactly once, nothing else listed.
    let mut accepted: HashMap<i64, usize> = HashMap::new();
    for (nid, _) in &nominated.accepted {
        *accepted.entry(*nid).or_default() += 1;
    }
    if accepted.values().any(|n| *n != 1) || accepted.len() != nominated.accepted.len() {
        failures.push("the server gave two nominations the same id".into());
    }
    let missing = accepted
        .keys()
        .filter(|k| listed.get(k) != Some(&1))
        .count();
    let extra = listed.keys().filter(|k| !accepted.contains_key(k)).count();
    if missing > 0 || extra > 0 {
        failures.push(format!(
            "screening lists {} nominations: {missing} accepted ones not exactly once, {extra} never accepted",
            listed.values().sum::<usize>()
        ));
    }
    advance(&mut admin, phase, id, "screening").await;
    shortlist
}

async fn screening_view(admin: &mut Person, phase: &Phase, id: i64, category: Category) -> Value {
    admin
        .call(
            phase,
            Method::GET,
            &format!("/api/v1/rounds/{id}/screening/{}", category.as_str()),
            Body::None,
            &[200],
        )
        .await
        .json
}
