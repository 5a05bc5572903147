//! Phase 1, nominations: residents on their own phones (a device id and an address
//! each, two nominations at most) upload a photo and nominate a place — most from the
//! register, many naming the same places, and in every category a few under a second
//! name (`…东门`) that screening merges. One in forty is refused (a description too
//! short: 422). A 500 is sent again, as the form tells the resident to (counted as an
//! error and listed as a warning).

use crate::http::{for_each, loopback, Body, Person, Phase};
use crate::{Ctx, NOMINATIONS};
use pingxuan_domain::Category;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Mutex;

/// Nominations in flight at most: residents send them over a fortnight, not at once.
const IN_FLIGHT: usize = 8;
/// How often a resident sends a nomination again after a 500.
const RETRIES: u64 = 8;

/// The suffix of the second names screening merges away.
pub const ALIAS: &str = "东门";

/// What the residents sent and the server took.
pub struct Nominated {
    /// Accepted nominations: (id, category).
    pub accepted: Vec<(i64, Category)>,
    /// Refused with the expected 422.
    pub refused: usize,
    /// Each category's register (`GET /api/v1/places`).
    pub register: HashMap<Category, Vec<Value>>,
}

/// Residents' words, pairwise unlike.
const PROBLEMS: [&str; 8] = [
    "门口垃圾堆成小山，好几天没人清运。",
    "地面长期积水发臭，下雨天根本走不进去。",
    "排水沟堵塞，污水漫到路面上。",
    "占道经营严重，三轮车把路口堵死了。",
    "苍蝇老鼠很多，周边卫生很差。",
    "垃圾桶破损缺盖，塑料袋到处乱飞。",
    "杂物乱堆乱放，晚上走路很危险。",
    "墙面小广告贴满，油污很重。",
];

/// One planned nomination.
struct Plan {
    category: Category,
    place: Value,
    description: String,
    photo: usize,
    valid: bool,
}

pub async fn run(ctx: &mut Ctx, phase: &Phase, photos: &[Vec<u8>]) -> Nominated {
    let mut reader = Person::new(&ctx.base, loopback(251, 0), None);
    let current = reader
        .call(
            phase,
            Method::GET,
            "/api/v1/rounds/current",
            Body::None,
            &[200],
        )
        .await;
    ctx.round_id = current.json["round"]["id"].as_i64().unwrap_or(1);
    if current.json["round"]["phase"] != "nomination" {
        phase.problem(format!(
            "the demo round is not taking nominations: {}",
            current.json
        ));
    }
    let mut register = HashMap::new();
    for category in Category::ALL {
        let list = reader
            .call(
                phase,
                Method::GET,
                &format!("/api/v1/places?category={}&limit=50", category.as_str()),
                Body::None,
                &[200],
            )
            .await;
        let places = list.json["places"].as_array().cloned().unwrap_or_default();
        register.insert(category, places);
    }

    let total = ctx.scaled(NOMINATIONS, 8);
    let plans: Vec<Plan> = (0..total)
        .map(|i| {
            let category = Category::ALL[i % 4];
            let j = i / 4;
            let places = &register[&category];
            // Every twelfth names one of three registered places by a second name.
            let place = if j % 12 == 5 {
                let p = &places[(j / 12) % 3];
                json!({"kind": "new", "name": format!("{}{ALIAS}", p["name"].as_str().unwrap_or_default()), "town": p["town"]})
            } else {
                // Spread over the register, the first places named more often.
                let k = if j % 3 == 0 { (j / 3) % 6 } else { (j * 7 / 3) % places.len().max(1) };
                json!({"kind": "registered", "place_id": places[k]["id"]})
            };
            let valid = i % 40 != 39;
            let description = if valid {
                format!("{}（第{}位居民反映）", PROBLEMS[i % PROBLEMS.len()], i + 1)
            } else {
                "脏".to_owned()
            };
            Plan { category, place, description, photo: i % photos.len(), valid }
        })
        .collect();

    // Two nominations per resident.
    let mut residents: Vec<(usize, Vec<Plan>)> = Vec::new();
    for (i, plan) in plans.into_iter().enumerate() {
        if i % 2 == 0 {
            residents.push((i / 2, Vec::new()));
        }
        residents.last_mut().unwrap().1.push(plan);
    }
    let accepted = Mutex::new(Vec::new());
    let refused = Mutex::new(0usize);
    let base = ctx.base.clone();
    for_each(residents, ctx.concurrency.min(IN_FLIGHT), |(n, plans)| {
        let (base, accepted, refused) = (&base, &accepted, &refused);
        async move {
            let device = format!("replay-resident-{n:06}");
            let mut phone = Person::new(base, loopback(200, n), Some(device));
            for plan in plans {
                let up = phone
                    .call(
                        phase,
                        Method::POST,
                        "/api/v1/photos",
                        Body::Jpeg(photos[plan.photo].clone()),
                        &[201],
                    )
                    .await;
                let Some(photo_id) = up.json["id"].as_str().map(str::to_owned) else {
                    continue;
                };
                let body = json!({
                    "category": plan.category.as_str(),
                    "place": plan.place,
                    "description": plan.description,
                    "photo_ids": [photo_id],
                });
                // 服务器出了点问题，请稍后再试: the resident taps 提交 again.
                let mut attempt = 0;
                let a = loop {
                    let expect: &[u16] = match (plan.valid, attempt < RETRIES) {
                        (false, _) => &[422],
                        (true, true) => &[201, 500],
                        (true, false) => &[201],
                    };
                    let path = "/api/v1/nominations";
                    let a = phone
                        .call(phase, Method::POST, path, Body::Json(body.clone()), expect)
                        .await;
                    if a.status != 500 || attempt == RETRIES {
                        break a;
                    }
                    attempt += 1;
                    phase.retried(format!(
                        "POST {path}: 500 {}, sent again",
                        a.json["message"]
                    ));
                    tokio::time::sleep(std::time::Duration::from_millis(100 * attempt)).await;
                };
                match (a.status, a.json["id"].as_i64()) {
                    (201, Some(id)) => accepted.lock().unwrap().push((id, plan.category)),
                    (422, _) => *refused.lock().unwrap() += 1,
                    _ => {}
                }
            }
        }
    })
    .await;
    Nominated {
        accepted: accepted.into_inner().unwrap(),
        refused: refused.into_inner().unwrap(),
        register,
    }
}
