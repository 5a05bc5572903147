//! The demo round, seeded into an empty database when `PINGXUAN_DEMO=1`: a round in its
//! nomination phase that started three days ago (Beijing midnight).

use crate::db::places::Source;
use crate::db::{Db, WriteError};
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use pingxuan_domain::place::PlaceInput;
use pingxuan_domain::region::District;
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::time::{beijing_offset, to_beijing};
use pingxuan_domain::Category;
use pingxuan_domain::{RoundConfig, Schedule};

/// The round's name in the office's style: `2026年第6期` (one round every two months).
pub fn round_name(at: DateTime<Utc>) -> String {
    let b = to_beijing(at);
    format!("{}年第{}期", b.year(), b.month0() / 2 + 1)
}

/// Seeds the demo round if there is no round yet. Returns whether it did.
pub async fn demo_round(db: &Db, now: DateTime<Utc>) -> anyhow::Result<bool> {
    if db.has_rounds().await? {
        return Ok(false);
    }
    let today = to_beijing(now).date_naive() - Duration::days(3);
    let start = beijing_offset()
        .from_local_datetime(&today.and_time(NaiveTime::MIN))
        .single()
        .expect("UTC+8 has no gaps")
        .with_timezone(&Utc);
    let input = RoundInput {
        name: round_name(now),
        schedule: Schedule::starting(start),
        config: RoundConfig::default(),
    };
    db.insert_round(&input, None, now).await?;
    tracing::info!(name = %input.name, "seeded the demo round");
    Ok(true)
}

/// Village names in the local style, combined with real towns for the demo register.
const VILLAGES: [&str; 16] = [
    "金砂村",
    "仙乐村",
    "大吴村",
    "东里村",
    "西林村",
    "南桥村",
    "后陇村",
    "上社村",
    "下埔村",
    "新乡村",
    "陈厝村",
    "林厝村",
    "沙头村",
    "石美村",
    "龙头村",
    "溪口村",
];

/// `(category, name, town)` for a realistic register: 24 places per category spread over
/// all four districts' towns.
pub fn demo_places() -> Vec<(Category, String, String)> {
    let towns: Vec<&str> = District::ALL
        .iter()
        .flat_map(|d| d.towns().iter().copied())
        .collect();
    let mut out = Vec::new();
    for i in 0..24 {
        // Step through the towns so every district appears.
        let town = towns[(i * 7) % towns.len()];
        let village = VILLAGES[i % VILLAGES.len()];
        let short = town.trim_end_matches(['镇', '街', '道']);
        out.push((
            Category::Village,
            format!("{short}{village}"),
            town.to_owned(),
        ));
        let ditch = if i % 2 == 0 { "排水沟" } else { "灌溉渠" };
        out.push((
            Category::Ditch,
            format!("{short}{}{ditch}", village.trim_end_matches('村')),
            town.to_owned(),
        ));
        let road = if i % 3 == 0 {
            format!("{short}{}村道", village.trim_end_matches('村'))
        } else {
            format!(
                "{short}{}至{}乡道",
                village.trim_end_matches('村'),
                VILLAGES[(i + 5) % VILLAGES.len()].trim_end_matches('村')
            )
        };
        out.push((Category::Road, road, town.to_owned()));
        let market = ["农贸市场", "综合市场", "新兴市场"][i % 3];
        out.push((
            Category::Market,
            format!("{short}{market}"),
            town.to_owned(),
        ));
    }
    out
}

/// Seeds the demo place register if the register is empty. Returns how many it added.
pub async fn demo_register(db: &Db, now: DateTime<Utc>) -> anyhow::Result<usize> {
    if db.place_count().await? > 0 {
        return Ok(0);
    }
    let mut added = 0;
    for (category, name, town) in demo_places() {
        let input = PlaceInput {
            category,
            name,
            town,
            position: None,
        };
        let new = input
            .parse()
            .map_err(|e| anyhow::anyhow!("demo place {:?}: {e:?}", input.name))?;
        match db.insert_place(&new, Source::Register, now).await {
            Ok(_) => added += 1,
            Err(WriteError::Duplicate) => {}
            Err(WriteError::Db(e)) => return Err(e.into()),
        }
    }
    tracing::info!(added, "seeded the demo place register");
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_count_two_month_periods_in_beijing_time() {
        let t = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
        assert_eq!(round_name(t(2026, 12, 4, 0)), "2026年第6期");
        assert_eq!(round_name(t(2026, 1, 1, 0)), "2026年第1期");
        assert_eq!(round_name(t(2026, 2, 28, 17)), "2026年第2期"); // 3月1日 01:00 in Beijing
    }

    #[test]
    fn the_demo_register_is_valid_distinct_and_covers_every_district() {
        let places = demo_places();
        assert_eq!(places.len(), 96);
        let mut districts = std::collections::HashSet::new();
        let mut keys = std::collections::HashSet::new();
        for (category, name, town) in &places {
            let p = PlaceInput {
                category: *category,
                name: name.clone(),
                town: town.clone(),
                position: None,
            };
            districts.insert(p.parse().unwrap().district);
            assert!(
                keys.insert((*category, name.clone(), town.clone())),
                "{name} twice"
            );
        }
        assert_eq!(districts.len(), 4);
    }
}
