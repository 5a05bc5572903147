//! The demo round, seeded into an empty database when `PINGXUAN_DEMO=1`: a round in its
//! nomination phase that started three days ago (Beijing midnight).

use crate::db::Db;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::time::{beijing_offset, to_beijing};
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
}
