//! How long the screening page's duplicate suggestions take for one category at round
//! one's size and beyond: `bench/screening.sh` runs it (release) and prints the numbers.
//! Places and descriptions are generated the way residents write them: a few dozen kinds
//! of problem, each nomination adding its own words.

use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::screening::{suggest_duplicates, PlaceSignals};
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

fn main() {
    println!("places  nominations  suggestions  ms (best of 5)");
    for (places, nominations) in [(50, 640), (200, 640), (400, 1280), (800, 2550)] {
        let signals = category(places, nominations);
        let mut best = f64::MAX;
        let mut found = 0;
        for _ in 0..5 {
            let started = Instant::now();
            found = suggest_duplicates(&signals).len();
            best = best.min(started.elapsed().as_secs_f64() * 1000.0);
        }
        println!("{places:>6}  {nominations:>11}  {found:>11}  {best:>6.1}");
    }
}
