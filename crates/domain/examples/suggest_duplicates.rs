//! How long the screening page's duplicate suggestions take for one category at round
//! one's size and beyond: `bench/screening.sh` runs it (release) and prints the numbers.
//! Places and descriptions are generated the way residents write them: a few dozen kinds
//! of problem, each nomination adding its own words. It also prints the size of the
//! JSON a department's phone downloads: the suggestions alone, and the whole screening
//! answer (every place with its nominations, one photo each, as the server sends it).

use chrono::{TimeZone, Utc};
use pingxuan_domain::api::paths;
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::nomination::PhotoView;
use pingxuan_domain::place::Place;
use pingxuan_domain::region::District;
use pingxuan_domain::screening::{
    suggest_duplicates, NominationDetail, PlaceSignals, ScreeningPlace, ScreeningView,
    MAX_SUGGESTIONS,
};
use pingxuan_domain::Category;
use std::time::Instant;

const PROBLEMS: [&str; 12] = [
    "市场门口垃圾堆积，污水横流，苍蝇很多",
    "村道路面破损，下雨积水，车辆难以通行",
    "水沟里漂浮生活垃圾，散发恶臭",
    "菜市场地面湿滑，摊位占道经营",
    "村口堆放建筑垃圾，长期无人清理",
    "沟渠淤塞，水面发黑，蚊虫滋生",
    "道路两侧杂草丛生，乱堆乱放",
    "市场内活禽宰杀区卫生差，异味大",
    "村里公厕无人打扫，粪便外溢",
    "路边垃圾桶满溢，垃圾散落一地",
    "河沟边乱倒垃圾，塑料袋挂满树枝",
    "农贸市场排水不畅，污水横流到路上",
];
const TOWNS: [&str; 8] = [
    "彩塘镇",
    "金石镇",
    "浮洋镇",
    "龙湖镇",
    "东凤镇",
    "庵埠镇",
    "沙溪镇",
    "凤塘镇",
];

/// `places` places with `nominations` nominations spread over them (the first places
/// named more often), one photo hash each.
fn category(places: usize, nominations: usize) -> Vec<PlaceSignals> {
    let mut out: Vec<PlaceSignals> = (0..places)
        .map(|i| PlaceSignals {
            place_id: i as i64 + 1,
            name: format!(
                "{}第{}村农贸市场",
                TOWNS[i % TOWNS.len()],
                i / TOWNS.len() + 1
            ),
            town: TOWNS[i % TOWNS.len()].to_owned(),
            position: Some(GeoPoint {
                latitude: 23.5 + (i as f64 * 0.0137) % 0.3,
                longitude: 116.5 + (i as f64 * 0.0291) % 0.3,
            }),
            photo_hashes: Vec::new(),
            descriptions: Vec::new(),
        })
        .collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for n in 0..nominations {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let place = if n % 3 == 0 {
            n % 10
        } else {
            (seed as usize) % places
        };
        let p = &mut out[place];
        p.descriptions.push(format!(
            "{}，第{}位居民反映，已经持续{}天",
            PROBLEMS[(seed >> 8) as usize % PROBLEMS.len()],
            n + 1,
            seed % 30 + 1
        ));
        p.photo_hashes.push(seed.rotate_left(17));
    }
    out
}

/// The places as the screening answer lists them: each description a nomination with
/// a reference, a phone, a position and one photo.
fn screening_places(signals: &[PlaceSignals]) -> Vec<ScreeningPlace> {
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
    let mut id = 0;
    signals
        .iter()
        .map(|s| ScreeningPlace {
            place: Place {
                id: s.place_id,
                category: Category::Market,
                name: s.name.clone(),
                town: s.town.clone(),
                district: District::Chaoan,
                position: s.position,
                created_at: at,
            },
            nominations: s
                .descriptions
                .iter()
                .map(|d| {
                    id += 1;
                    let photo = format!("{id:0>22}");
                    NominationDetail {
                        id,
                        reference: format!("TJ01-{id:06}"),
                        description: d.clone(),
                        photos: vec![PhotoView {
                            url: format!("{}/{photo}.jpg", paths::MEDIA),
                            thumb_url: format!("{}/{photo}.thumb.jpg", paths::MEDIA),
                            id: photo,
                            width: 1280,
                            height: 960,
                        }],
                        position: s.position,
                        contact_phone: Some("13800001234".into()),
                        rejected_reason: None,
                        created_at: at,
                    }
                })
                .collect(),
        })
        .collect()
}

fn main() {
    println!("places  nominations   found  shown  ms (best of 5)  suggestions KB  answer KB");
    for (places, nominations) in [(50, 640), (200, 640), (400, 1280), (800, 2550)] {
        let signals = category(places, nominations);
        let mut best = f64::MAX;
        let mut found = suggest_duplicates(&[], 0);
        for _ in 0..5 {
            let started = Instant::now();
            found = suggest_duplicates(&signals, MAX_SUGGESTIONS);
            best = best.min(started.elapsed().as_secs_f64() * 1000.0);
        }
        let (suggestions, total) = (found.shown, found.total);
        let shown = suggestions.len();
        let kb = |n: usize| n as f64 / 1024.0;
        let listed = serde_json::to_vec(&suggestions).unwrap().len();
        let answer = ScreeningView {
            round_id: 1,
            category: Category::Market,
            locked: false,
            shortlist_size: 20,
            places: screening_places(&signals),
            suggestions,
            suggestions_total: total as u32,
            shortlist: Vec::new(),
        };
        let answer = serde_json::to_vec(&answer).unwrap().len();
        println!(
            "{places:>6}  {nominations:>11}  {total:>6}  {shown:>5}  {best:>14.1}  {:>14.1}  {:>9.1}",
            kb(listed),
            kb(answer)
        );
    }
}
