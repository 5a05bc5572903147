//! `<input type="datetime-local">` values are wall-clock time with no zone; in this app
//! they are always Beijing time (UTC+8), whatever zone the phone is set to.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};
use pingxuan_domain::time::{beijing_offset, to_beijing};

/// `2026-12-05T00:00` for the Beijing wall-clock time of `t`.
pub fn to_input_value(t: DateTime<Utc>) -> String {
    let b = to_beijing(t);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        b.year(),
        b.month(),
        b.day(),
        b.hour(),
        b.minute()
    )
}

/// Reads `YYYY-MM-DDTHH:MM` (seconds optional) as Beijing time.
pub fn from_input_value(value: &str) -> Option<DateTime<Utc>> {
    let (date, time) = value.trim().split_once('T')?;
    let mut d = date.split('-');
    let year: i32 = d.next()?.parse().ok()?;
    let month: u32 = d.next()?.parse().ok()?;
    let day: u32 = d.next()?.parse().ok()?;
    if d.next().is_some() {
        return None;
    }
    let mut t = time.split(':');
    let hour: u32 = t.next()?.parse().ok()?;
    let minute: u32 = t.next()?.parse().ok()?;
    let second: u32 = match t.next() {
        // Browsers may add seconds and milliseconds: `00:00:00.000`.
        Some(s) => s.split('.').next()?.parse().ok()?,
        None => 0,
    };
    let naive = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, second)?;
    let local = beijing_offset().from_local_datetime(&naive).single()?;
    Some(local.with_timezone(&Utc))
}

/// The next 00:00 in Beijing after `now`: where a new round starts by default.
pub fn next_beijing_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    let tomorrow = to_beijing(now)
        .date_naive()
        .succ_opt()
        .unwrap_or(NaiveDate::MAX);
    let midnight = tomorrow.and_hms_opt(0, 0, 0).unwrap_or_default();
    beijing_offset()
        .from_local_datetime(&midnight)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now)
}
