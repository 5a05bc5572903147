//! Beijing time: every date a user sees, and every phase boundary, is in UTC+8.
//! Formatting lives here so the app and tests agree on what a date looks like.

use crate::lang::Lang;
use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

/// UTC+8, China Standard Time. China has no daylight saving.
pub fn beijing_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The instant as Beijing wall-clock time.
pub fn to_beijing(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&beijing_offset())
}

/// A date and minute, e.g. `2026年12月4日 18:00` or `2026-12-04 18:00`.
pub fn format_datetime(t: DateTime<Utc>, lang: Lang) -> String {
    let b = to_beijing(t);
    match lang {
        Lang::Zh => format!(
            "{}年{}月{}日 {:02}:{:02}",
            b.year(),
            b.month(),
            b.day(),
            b.hour(),
            b.minute()
        ),
        Lang::En => format!(
            "{}-{:02}-{:02} {:02}:{:02}",
            b.year(),
            b.month(),
            b.day(),
            b.hour(),
            b.minute()
        ),
    }
}

/// A short date, e.g. `12月4日` or `Dec 4`.
pub fn format_date(t: DateTime<Utc>, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let b = to_beijing(t);
    match lang {
        Lang::Zh => format!("{}月{}日", b.month(), b.day()),
        Lang::En => format!("{} {}", MONTHS[b.month0() as usize], b.day()),
    }
}

/// The parts of a countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub days: i64,
    pub hours: i64,
    pub minutes: i64,
    pub seconds: i64,
}

impl Countdown {
    /// Splits a non-negative number of seconds; negative counts as zero.
    pub fn from_seconds(total: i64) -> Countdown {
        let total = total.max(0);
        Countdown {
            days: total / 86_400,
            hours: total % 86_400 / 3_600,
            minutes: total % 3_600 / 60,
            seconds: total % 60,
        }
    }

    /// e.g. `3天 04小时 05分 06秒`, or `3d 04h 05m 06s`.
    pub fn format(self, lang: Lang) -> String {
        let (d, h, m, s) = match lang {
            Lang::Zh => ("天", "小时", "分", "秒"),
            Lang::En => ("d", "h", "m", "s"),
        };
        if self.days > 0 {
            format!(
                "{}{d} {:02}{h} {:02}{m} {:02}{s}",
                self.days, self.hours, self.minutes, self.seconds
            )
        } else {
            format!(
                "{:02}{h} {:02}{m} {:02}{s}",
                self.hours, self.minutes, self.seconds
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn beijing_is_eight_hours_ahead_across_midnight() {
        let t = Utc.with_ymd_and_hms(2026, 12, 31, 16, 30, 0).unwrap();
        assert_eq!(format_datetime(t, Lang::Zh), "2027年1月1日 00:30");
        assert_eq!(format_datetime(t, Lang::En), "2027-01-01 00:30");
        assert_eq!(format_date(t, Lang::En), "Jan 1");
    }

    #[test]
    fn countdown_splits_and_formats() {
        let c = Countdown::from_seconds(3 * 86_400 + 4 * 3_600 + 5 * 60 + 6);
        assert_eq!(
            c,
            Countdown {
                days: 3,
                hours: 4,
                minutes: 5,
                seconds: 6
            }
        );
        assert_eq!(c.format(Lang::Zh), "3天 04小时 05分 06秒");
        assert_eq!(Countdown::from_seconds(59).format(Lang::En), "00h 00m 59s");
        assert_eq!(Countdown::from_seconds(-5), Countdown::from_seconds(0));
    }
}

/// Reads a timestamp as RFC 3339 (what the server writes: `2026-12-04T08:00:00Z`) with
/// chrono's strict RFC 3339 parser. Serde's default for `DateTime` goes through chrono's
/// general-purpose format parser, which costs the phone's download several kilobytes.
pub fn rfc3339<'de, D>(deserializer: D) -> Result<DateTime<Utc>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let text: std::borrow::Cow<'de, str> = serde::Deserialize::deserialize(deserializer)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod rfc3339_tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct At {
        #[serde(deserialize_with = "rfc3339")]
        at: DateTime<Utc>,
    }

    #[test]
    fn reads_what_serde_writes_and_offsets() {
        let t = DateTime::parse_from_rfc3339("2026-12-04T08:30:15.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        let json = serde_json::to_string(&At { at: t }).unwrap();
        assert_eq!(serde_json::from_str::<At>(&json).unwrap().at, t);
        let beijing: At =
            serde_json::from_str(r#"{"at":"2026-12-04T16:30:15.123456+08:00"}"#).unwrap();
        assert_eq!(beijing.at, t);
        assert!(serde_json::from_str::<At>(r#"{"at":"4 Dec 2026"}"#).is_err());
        assert!(serde_json::from_str::<At>(r#"{"at":"2026-13-04T08:30:15Z"}"#).is_err());
    }
}
