//! The demo round, seeded into an empty database when `PINGXUAN_DEMO=1`: a round in its
//! nomination phase that started three days ago (Beijing midnight).

use crate::db::places::Source;
use crate::db::sheets::SheetError;
use crate::db::{Db, WriteError};
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use pingxuan_domain::api::CreateStaffRequest;
use pingxuan_domain::field::{
    teams_editable, MemberInput, MemberKind, TeamsInput, DEFAULT_SUB_GROUPS, DEFAULT_WORK_GROUPS,
};
use pingxuan_domain::place::PlaceInput;
use pingxuan_domain::region::{District, Town};
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::score_sheet::SheetStatus;
use pingxuan_domain::time::{beijing_offset, to_beijing};
use pingxuan_domain::Category;
use pingxuan_domain::{Phase, Role};
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

/// The demo inspectors' password (demo mode only; every demo inspector shares it).
pub const DEMO_INSPECTOR_PASSWORD: &str = "xianchang-2026";

pub use pingxuan_domain::score_sheet_demo::demo_sheet;

/// Work group leaders (带队领导) for the demo's five work groups.
const DEMO_LEADERS: [&str; 5] = [
    "市创卫办 林副主任",
    "市市场监管局 陈副局长",
    "市农业农村局 黄副局长",
    "市水务局 郑副局长",
    "市交通运输局 蔡副局长",
];

/// `(username suffix, kind, leader)` of each demo sub-group's four members.
const DEMO_MEMBERS: [(&str, MemberKind, bool); 4] = [
    ("lead", MemberKind::DepartmentStaff, true),
    ("npc", MemberKind::NpcDeputy, false),
    ("cppcc", MemberKind::CppccMember, false),
    ("expert", MemberKind::Specialist, false),
];

const SURNAMES: [&str; 10] = ["陈", "林", "黄", "郑", "蔡", "吴", "许", "李", "谢", "王"];
const GIVEN: [&str; 8] = [
    "志强", "丽华", "建国", "少玲", "伟东", "晓燕", "俊杰", "秀英",
];

/// `(username, display name, kind, leader)` of the demo inspectors, by sub-group: 5 work
/// groups × 2 sub-groups × 4 members, e.g. `wg1a.lead` (第一工作组第一小组组长).
pub fn demo_inspectors() -> Vec<Vec<(String, String, MemberKind, bool)>> {
    let mut n = 0;
    (0..DEFAULT_WORK_GROUPS * DEFAULT_SUB_GROUPS)
        .map(|sub| {
            let (g, s) = (sub / DEFAULT_SUB_GROUPS + 1, sub % DEFAULT_SUB_GROUPS);
            let letter = (b'a' + s as u8) as char;
            DEMO_MEMBERS
                .iter()
                .map(|(suffix, kind, leader)| {
                    n += 1;
                    let name = format!(
                        "{}{}",
                        SURNAMES[n % SURNAMES.len()],
                        GIVEN[(n / 3) % GIVEN.len()]
                    );
                    (format!("wg{g}{letter}.{suffix}"), name, *kind, *leader)
                })
                .collect()
        })
        .collect()
}

/// Field scoring for the demo: an approved sheet per category (when there are none),
/// pinned for the current round; demo inspector accounts (password
/// [`DEMO_INSPECTOR_PASSWORD`]) in 5 work groups × 2 sub-groups with their kinds; and,
/// once the round's shortlist is locked, every shortlisted candidate assigned (on a
/// start after screening). Each step is skipped when its data already exists.
pub async fn demo_field(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    if !db.has_sheet_versions().await? {
        for category in Category::ALL {
            db.insert_sheet_version(
                category,
                &demo_sheet(category),
                SheetStatus::Approved,
                None,
                now,
            )
            .await
            .map_err(|e| anyhow::anyhow!("demo sheet for {}: {e}", category.as_str()))?;
        }
        tracing::info!("seeded the demo score sheets");
    }
    let Some(round) = db.current_round().await? else {
        return Ok(());
    };
    let pinned = db.round_sheets(round.id).await?;
    for category in Category::ALL {
        if pinned.iter().any(|s| s.category == category) {
            continue;
        }
        let latest = db
            .sheet_versions(category)
            .await?
            .into_iter()
            .find(|v| v.status == SheetStatus::Approved);
        if let Some(v) = latest {
            match db.pin_sheet(round.id, category, v.id, None, now).await {
                Ok(_) | Err(SheetError::Locked) => {}
                Err(e) => anyhow::bail!("pinning the demo sheet: {e}"),
            }
        }
    }
    let teams = db.teams(round.id).await?;
    if teams.is_empty() {
        let people = demo_inspectors();
        let hash = crate::auth::hash_password(DEMO_INSPECTOR_PASSWORD)?;
        let mut ids = Vec::new();
        for (username, display_name, _, _) in people.iter().flatten() {
            let new = CreateStaffRequest {
                username: username.clone(),
                display_name: display_name.clone(),
                role: Role::Inspector,
                password: DEMO_INSPECTOR_PASSWORD.to_owned(),
            }
            .parse()
            .map_err(|e| anyhow::anyhow!("demo inspector {username}: {e:?}"))?;
            let id = match db.insert_account(&new, &hash, None, now).await {
                Ok(a) => a.id,
                Err(WriteError::Duplicate) => match db.account_for_login(username).await? {
                    Some((a, _)) if a.role == Role::Inspector => a.id,
                    _ => anyhow::bail!("demo inspector {username}: the name is taken"),
                },
                Err(WriteError::Db(e)) => return Err(e.into()),
            };
            ids.push(id);
        }
        let mut input = TeamsInput::skeleton(DEFAULT_WORK_GROUPS, DEFAULT_SUB_GROUPS);
        let mut at = ids.into_iter();
        for (g, group) in input.work_groups.iter_mut().enumerate() {
            group.leader_name = DEMO_LEADERS[g % DEMO_LEADERS.len()].to_owned();
            for (s, sub) in group.sub_groups.iter_mut().enumerate() {
                sub.members = people[g * DEFAULT_SUB_GROUPS + s]
                    .iter()
                    .zip(at.by_ref())
                    .map(|((_, _, kind, leader), account_id)| MemberInput {
                        account_id,
                        kind: *kind,
                        leader: *leader,
                    })
                    .collect();
            }
        }
        db.replace_teams(round.id, &input, None, now)
            .await
            .map_err(|e| anyhow::anyhow!("demo teams: {e}"))?;
        tracing::info!(
            password = DEMO_INSPECTOR_PASSWORD,
            "seeded 40 demo inspectors (wg1a.lead … wg5b.expert) in 5 work groups × 2 sub-groups"
        );
    }
    assign_demo_candidates(db, round.id, round.phase, now).await
}

/// Assigns every shortlisted candidate when the round's teams have no assignments yet
/// and its shortlist is locked: round-robin over the sub-groups, and every fifth
/// candidate to a second sub-group too (so the consistency view has pairs to compare).
async fn assign_demo_candidates(
    db: &Db,
    round_id: i64,
    phase: Phase,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let teams = db.teams(round_id).await?;
    let subs: Vec<i64> = teams
        .iter()
        .flat_map(|g| g.sub_groups.iter().map(|s| s.id))
        .collect();
    let assigned = teams
        .iter()
        .flat_map(|g| &g.sub_groups)
        .any(|s| !s.candidate_ids.is_empty());
    if assigned || subs.is_empty() || phase <= Phase::Screening || !teams_editable(phase) {
        return Ok(());
    }
    let candidates = db.candidate_briefs(round_id).await?;
    if candidates.is_empty() {
        return Ok(());
    }
    let mut of_sub: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        of_sub.entry(subs[i % subs.len()]).or_default().push(c.id);
        if i % 5 == 0 {
            of_sub
                .entry(subs[(i + 1) % subs.len()])
                .or_default()
                .push(c.id);
        }
    }
    let mut input = TeamsInput::keeping(&teams);
    for sub in input.work_groups.iter_mut().flat_map(|g| &mut g.sub_groups) {
        sub.candidate_ids = sub.id.and_then(|id| of_sub.remove(&id)).unwrap_or_default();
    }
    db.replace_teams(round_id, &input, None, now)
        .await
        .map_err(|e| anyhow::anyhow!("demo assignments: {e}"))?;
    tracing::info!(
        candidates = candidates.len(),
        "assigned the demo round's candidates"
    );
    Ok(())
}

/// The demo town accounts' password (demo mode only; every demo town account shares it).
pub const DEMO_TOWN_PASSWORD: &str = "zhenggai-2026";

/// `(username, town)` of the demo's town accounts: one for every town of the demo
/// register, named by district and the town's place in the domain's list, e.g.
/// `town.chaoan.04` for 浮洋镇 (`town.xiangqiao.…`, `town.raoping.…`, `town.fengxi.…`).
pub fn demo_town_accounts() -> Vec<(String, Town)> {
    let mut towns: Vec<Town> = demo_places()
        .into_iter()
        .filter_map(|(_, _, town)| Town::parse(&town))
        .collect();
    towns.sort();
    towns.dedup();
    towns
        .into_iter()
        .map(|town| {
            let district = town.district();
            let n = district
                .towns()
                .iter()
                .position(|t| *t == town.name())
                .expect("a town is in its district")
                + 1;
            let key = match district {
                District::Xiangqiao => "xiangqiao",
                District::Chaoan => "chaoan",
                District::Raoping => "raoping",
                District::Fengxi => "fengxi",
            };
            (format!("town.{key}.{n:02}"), town)
        })
        .collect()
}

/// Seeds the demo town accounts (password [`DEMO_TOWN_PASSWORD`]) that do not exist yet.
pub async fn demo_towns(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    let accounts = demo_town_accounts();
    if db.account_for_login(&accounts[0].0).await?.is_some() {
        return Ok(());
    }
    let hash = crate::auth::hash_password(DEMO_TOWN_PASSWORD)?;
    for (username, town) in &accounts {
        let new = CreateStaffRequest {
            username: username.clone(),
            display_name: format!("{}整改专员", town.name()),
            role: Role::Town { town: *town },
            password: DEMO_TOWN_PASSWORD.to_owned(),
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("demo town account {username}: {e:?}"))?;
        match db.insert_account(&new, &hash, None, now).await {
            Ok(_) | Err(WriteError::Duplicate) => {}
            Err(WriteError::Db(e)) => return Err(e.into()),
        }
    }
    tracing::info!(
        password = DEMO_TOWN_PASSWORD,
        count = accounts.len(),
        "seeded the demo town accounts (town.<district>.<nn>: the town's place in its district's list)"
    );
    Ok(())
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

    #[test]
    fn every_demo_sheet_is_valid_and_totals_100() {
        use pingxuan_domain::score_sheet::ItemRule;
        for category in Category::ALL {
            let sheet = demo_sheet(category);
            assert_eq!(sheet.validate(), Ok(()), "{}", category.as_str());
            assert_eq!(sheet.max_total(), 100);
            assert!(sheet
                .items()
                .any(|i| matches!(i.rule, ItemRule::Deducted { .. })));
        }
        let market: Vec<String> = demo_sheet(Category::Market)
            .sections
            .into_iter()
            .map(|s| s.title)
            .collect();
        assert_eq!(
            market,
            vec!["环境卫生", "设施设备", "病媒生物防制", "管理制度"]
        );
    }

    #[test]
    fn demo_inspectors_make_valid_distinct_accounts_with_one_leader_each() {
        let people = demo_inspectors();
        assert_eq!(people.len(), 10);
        let mut names = std::collections::HashSet::new();
        for sub in &people {
            assert_eq!(sub.iter().filter(|p| p.3).count(), 1);
            let kinds: std::collections::HashSet<_> = sub.iter().map(|p| p.2).collect();
            assert_eq!(kinds.len(), 4, "every kind in every sub-group");
            for (username, display_name, _, _) in sub {
                assert!(names.insert(username.clone()), "{username} twice");
                CreateStaffRequest {
                    username: username.clone(),
                    display_name: display_name.clone(),
                    role: Role::Inspector,
                    password: DEMO_INSPECTOR_PASSWORD.into(),
                }
                .parse()
                .unwrap();
            }
        }
        assert_eq!(people[9][3].0, "wg5b.expert");
    }

    #[test]
    fn every_demo_town_gets_one_account_with_a_valid_name() {
        let accounts = demo_town_accounts();
        let towns: std::collections::HashSet<String> =
            demo_places().into_iter().map(|p| p.2).collect();
        assert_eq!(accounts.len(), towns.len());
        for (username, town) in &accounts {
            assert!(towns.contains(town.name()));
            pingxuan_domain::Username::parse(username).unwrap();
        }
        let names: std::collections::HashSet<_> = accounts.iter().map(|a| &a.0).collect();
        assert_eq!(names.len(), accounts.len());
    }
}
