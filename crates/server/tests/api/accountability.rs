//! Accountability across rounds: three published rounds of three markets A, B, C (their
//! versions stored through the database's own publishing transaction with the lists
//! written by hand, so each round names exactly whom the test says) raise 分管领导问责
//! after two rounds in a row and 主要领导问责 after three; a round that only warns breaks
//! a streak; a correction that takes a place out of the worst ten takes its escalation
//! with it; a place's history; the public answers' caching; 404s and the office's
//! endpoint for admins only.

use crate::helpers::*;
use chrono::{Duration, Utc};
use pingxuan_domain::results::{CategoryResults, ResultLine, ResultsSnapshot};
use pingxuan_domain::scoring::Tier;
use pingxuan_domain::{Category, Phase};
use pingxuan_server::db::results::{Frozen, Publication};
use reqwest::{header, Method};
use serde_json::{json, Value};

pub struct History {
    pub app: TestApp,
    pub admin: Signed,
    admin_id: i64,
    /// The three market places' ids, A B C.
    places: [i64; 3],
}

impl History {
    pub async fn new() -> History {
        let app = spawn_app_configured(|c| {
            c.demo = true;
            c.login_attempts = 50;
        })
        .await;
        let admin = app.admin().await;
        let admin_id = app
            .db
            .accounts()
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.username == "admin")
            .unwrap()
            .id;
        let (_, found) = app
            .anon(Method::GET, "/api/v1/places?category=market&limit=50", None)
            .await;
        let ids: Vec<i64> = found["places"].as_array().unwrap()[..3]
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        History {
            app,
            admin,
            admin_id,
            places: [ids[0], ids[1], ids[2]],
        }
    }

    /// Round `id` (1 is the demo's; later ones are created, each two months after the
    /// last) shortlisted with A, B, C and moved to review.
    pub async fn shortlisted(&self, id: i64) -> Vec<i64> {
        self.shortlisted_named(id, &format!("第{id}期")).await
    }

    /// The same, with the round named `name`.
    pub async fn shortlisted_named(&self, id: i64, name: &str) -> Vec<i64> {
        let start = Utc::now() + Duration::days(60 * id);
        let mut input = round_input(name, start);
        input["config"]["candidates_per_category"] = json!(3);
        let (status, body) = if id == 1 {
            self.admin
                .call(Method::PUT, "/api/v1/rounds/1", Some(input))
                .await
        } else {
            self.admin
                .call(Method::POST, "/api/v1/rounds", Some(input))
                .await
        };
        assert!(status.is_success(), "round {id}: {body}");
        assert_eq!(body["id"], id);
        let now = Utc::now();
        let db = &self.app.db;
        db.set_round_phase(id, Phase::Nomination, Phase::Screening, self.admin_id, now)
            .await
            .unwrap()
            .unwrap();
        let list: Vec<Value> = self
            .places
            .iter()
            .map(|p| json!({"place_id": p, "title": format!("市场{p}"), "description": "部门日常巡查发现问题突出。", "department_reason": "部门巡查记录：多次整改不到位。"}))
            .collect();
        let (status, saved) = self
            .admin
            .call(
                Method::PUT,
                &format!("/api/v1/rounds/{id}/shortlist/market"),
                Some(json!({ "candidates": list })),
            )
            .await;
        assert_eq!(status, 200, "{saved}");
        db.set_round_phase(id, Phase::Screening, Phase::Review, self.admin_id, now)
            .await
            .unwrap()
            .unwrap();
        saved
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    }

    /// Stores the next version of round `id` with `tiers` (A, B, C's lists, in rank
    /// order as given).
    pub async fn publish(&self, id: i64, publication: Publication<'_>, tiers: [(usize, Tier); 3]) {
        let stored = self
            .app
            .db
            .publish_results(
                id,
                publication,
                self.admin_id,
                Utc::now(),
                |round, inputs, version| {
                    let lines = tiers
                        .iter()
                        .enumerate()
                        .map(|(rank, &(which, tier))| {
                            let c = &inputs.candidates[which];
                            ResultLine {
                                candidate_id: c.id,
                                title: c.title.clone(),
                                place_name: c.place_name.clone(),
                                town: c.town.clone(),
                                cover_url: None,
                                votes: 3 - rank as u64,
                                vote_score: 50.0,
                                field_score: 60.0 + rank as f64,
                                sheets: 1,
                                total: 56.0 + rank as f64,
                                rank: rank as u32 + 1,
                                tier,
                                tie_break: None,
                            }
                        })
                        .collect();
                    let snapshot = ResultsSnapshot {
                        round_id: round.id,
                        round_name: round.name.clone(),
                        version,
                        reason: match publication {
                            Publication::First => None,
                            Publication::Correction(r) => Some(r.to_owned()),
                        },
                        published_at: Utc::now(),
                        config: round.config,
                        categories: vec![CategoryResults {
                            category: Category::Market,
                            lines,
                            unscored: Vec::new(),
                            ballots: 3,
                        }],
                    };
                    Ok::<_, ()>(Frozen {
                        results: serde_json::to_string(&snapshot).unwrap(),
                        sha256: format!("{:064x}", id * 10 + version as i64),
                        open_data: "{}".into(),
                        open_data_sha256: format!("{:064x}", 0),
                    })
                },
            )
            .await;
        assert!(stored.is_ok(), "publishing round {id}");
    }

    /// The round's named places as (place id, streak, escalation).
    async fn named(&self, id: i64) -> Vec<(i64, u64, String)> {
        let (status, body) = self
            .app
            .anon(
                Method::GET,
                &format!("/api/v1/rounds/{id}/accountability"),
                None,
            )
            .await;
        assert_eq!(status, 200, "{body}");
        places(&body)
    }

    async fn overview(&self) -> Value {
        let (status, body) = self.admin.get("/api/v1/accountability").await;
        assert_eq!(status, 200, "{body}");
        body
    }
}

fn places(body: &Value) -> Vec<(i64, u64, String)> {
    body["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["place_id"].as_i64().unwrap(),
                p["streak"].as_u64().unwrap(),
                p["escalation"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

pub const A: usize = 0;
pub const B: usize = 1;
pub const C: usize = 2;

#[tokio::test]
async fn two_and_three_rounds_in_a_row_escalate_and_a_correction_takes_it_back() {
    let h = History::new().await;
    let [a, b, c] = h.places;

    // Nothing is published yet: no escalations, and round 1 has no answer.
    let o = h.overview().await;
    assert_eq!(o["round_id"], Value::Null);
    let r = h
        .app
        .anon(Method::GET, "/api/v1/rounds/1/accountability", None)
        .await;
    assert_error(&r, 404, "not_found");

    // Round 1: A and B worst, C warned.
    h.shortlisted(1).await;
    h.publish(
        1,
        Publication::First,
        [(A, Tier::Worst), (B, Tier::Worst), (C, Tier::Warned)],
    )
    .await;
    assert_eq!(
        h.named(1).await,
        vec![(a, 1, "none".into()), (b, 1, "none".into())]
    );

    // Round 2: A and C worst, B only warned (B's streak breaks).
    let cand2 = h.shortlisted(2).await;
    h.publish(
        2,
        Publication::First,
        [(A, Tier::Worst), (C, Tier::Worst), (B, Tier::Warned)],
    )
    .await;
    let two = h.named(2).await;
    assert_eq!(
        two,
        vec![(a, 2, "deputy_leader".into()), (c, 1, "none".into())]
    );
    let (_, body) = h
        .app
        .anon(Method::GET, "/api/v1/rounds/2/accountability", None)
        .await;
    assert_eq!(
        body["places"][0]["candidate_id"], cand2[A],
        "the badge's line"
    );
    assert_eq!(body["places"][0]["history"].as_array().unwrap().len(), 2);
    let o = h.overview().await;
    assert_eq!(o["round_id"], 2);
    assert_eq!(places(&o), vec![(a, 2, "deputy_leader".into())]);

    // Round 3: A and B worst — A three in a row, B starts again at 1.
    h.shortlisted(3).await;
    h.publish(
        3,
        Publication::First,
        [(A, Tier::Worst), (B, Tier::Worst), (C, Tier::Other)],
    )
    .await;
    assert_eq!(
        h.named(3).await,
        vec![(a, 3, "principal_leader".into()), (b, 1, "none".into())]
    );
    let o = h.overview().await;
    assert_eq!(places(&o), vec![(a, 3, "principal_leader".into())]);
    let a_town = o["places"][0]["town"].as_str().unwrap().to_owned();
    let town = o["towns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["town"] == a_town.as_str())
        .unwrap_or_else(|| panic!("A's town {a_town} in {o}"));
    assert_eq!(town["escalation"], "principal_leader");
    assert_eq!(town["history"].as_array().unwrap().len(), 3);
    // Earlier rounds keep their own standing.
    assert_eq!(h.named(2).await, two);

    // The public answer is cached a minute and revalidated by its ETag.
    let res = h
        .app
        .client
        .get(h.app.url("/api/v1/rounds/3/accountability"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()[header::CACHE_CONTROL],
        "public, max-age=60, must-revalidate"
    );
    let etag = res.headers()[header::ETAG].clone();
    let again = h
        .app
        .client
        .get(h.app.url("/api/v1/rounds/3/accountability"))
        .header(header::IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    // A correction (version 2 of round 3) takes A out of the worst: its escalation goes.
    h.publish(
        3,
        Publication::Correction("复核后更正"),
        [(B, Tier::Worst), (A, Tier::Warned), (C, Tier::Other)],
    )
    .await;
    assert_eq!(h.named(3).await, vec![(b, 1, "none".into())]);
    let o = h.overview().await;
    assert!(places(&o).is_empty(), "{o}");
    assert!(
        o["towns"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["town"] != a_town.as_str()
                || t["streak"].as_u64() == Some(1)
                || t["history"][2]["named"] != json!([])),
        "{o}"
    );
    let changed = h
        .app
        .client
        .get(h.app.url("/api/v1/rounds/3/accountability"))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200, "a correction changes the ETag");

    // A's history: ranked in all three, worst, worst, then warned; no streak now.
    let (status, hist) = h
        .app
        .anon(Method::GET, &format!("/api/v1/places/{a}/history"), None)
        .await;
    assert_eq!(status, 200, "{hist}");
    let tiers: Vec<&str> = hist["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tier"].as_str().unwrap())
        .collect();
    assert_eq!(tiers, vec!["worst", "worst", "warned"]);
    assert_eq!(hist["rounds"][2]["rank"], 2);
    assert_eq!(
        (hist["streak"].as_u64(), hist["escalation"].as_str()),
        (Some(0), Some("none"))
    );

    // A round never published is skipped: round 4 is running, and asked about, 404.
    let (status, _) = h
        .admin
        .call(
            Method::POST,
            "/api/v1/rounds",
            Some(round_input("第4期", Utc::now() + Duration::days(240))),
        )
        .await;
    assert_eq!(status, 201);
    let r = h
        .app
        .anon(Method::GET, "/api/v1/rounds/4/accountability", None)
        .await;
    assert_error(&r, 404, "not_found");
    let r = h
        .app
        .anon(Method::GET, "/api/v1/places/999999/history", None)
        .await;
    assert_error(&r, 404, "not_found");
    assert_eq!(h.overview().await["round_id"], 3);
}
