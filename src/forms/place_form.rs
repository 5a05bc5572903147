//! The place form as staff type it (name, town, and a position as two strings), turned
//! into the domain's [`PlaceInput`] and checked with the same `PlaceInput::parse()` the
//! server runs.
//!
//! Coordinates are read and written without Rust's float formatting and parsing
//! machinery (integer arithmetic out, serde_json's reader in), which keeps the wasm small.

use crate::i18n::places::PlacesMsg;
use crate::i18n::Text;
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::place::{Place, PlaceInput};
use pingxuan_domain::{Category, FieldError, Lang};

/// Field paths: `name`, `town` and `position` as the domain and server name them;
/// `latitude` and `longitude` are the form's own two inputs for the position.
pub mod field {
    pub const NAME: &str = "name";
    pub const TOWN: &str = "town";
    pub const POSITION: &str = "position";
    pub const LATITUDE: &str = "latitude";
    pub const LONGITUDE: &str = "longitude";
}

/// What the place form holds while someone types.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceForm {
    pub category: Category,
    pub name: String,
    pub town: String,
    pub latitude: String,
    pub longitude: String,
}

impl PlaceForm {
    /// An empty form for a new place of `category`, its name started with `name`.
    pub fn new(category: Category, name: &str) -> PlaceForm {
        PlaceForm {
            category,
            name: name.trim().to_owned(),
            town: String::new(),
            latitude: String::new(),
            longitude: String::new(),
        }
    }

    /// The form filled in from a registered place, to correct it.
    pub fn from_place(place: &Place) -> PlaceForm {
        let mut form = PlaceForm {
            category: place.category,
            name: place.name.clone(),
            town: place.town.clone(),
            latitude: String::new(),
            longitude: String::new(),
        };
        if let Some(p) = place.position {
            form.set_position(p);
        }
        form
    }

    /// Writes `point` into the two inputs (e.g. from the phone's location).
    pub fn set_position(&mut self, point: GeoPoint) {
        self.latitude = coordinate_text(point.latitude);
        self.longitude = coordinate_text(point.longitude);
    }

    /// Empties both coordinate inputs.
    pub fn clear_position(&mut self) {
        self.latitude.clear();
        self.longitude.clear();
    }

    /// True when either coordinate input holds something.
    pub fn has_position(&self) -> bool {
        !self.latitude.trim().is_empty() || !self.longitude.trim().is_empty()
    }

    /// Reads the coordinates; then runs the domain's validation of the whole place.
    /// Every problem comes back at once, each named by the field to show it under.
    pub fn parse(&self, lang: Lang) -> Result<PlaceInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let position = self.read_position(lang, &mut errors);
        let input = PlaceInput {
            category: self.category,
            name: self.name.trim().to_owned(),
            town: self.town.trim().to_owned(),
            position,
        };
        if let Err(domain) = input.parse() {
            errors.extend(domain);
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }

    /// The position typed, if both halves are there and readable. A pair pasted into
    /// the latitude ("23.66, 116.64", as map apps copy it) counts as both.
    fn read_position(&self, lang: Lang, errors: &mut Vec<FieldError>) -> Option<GeoPoint> {
        let (lat, lng) = match (self.latitude.trim(), self.longitude.trim()) {
            (lat, "") => match lat.split_once([',', '，']) {
                Some((a, b)) => (a.trim(), b.trim()),
                None => (lat, ""),
            },
            pair => pair,
        };
        if lat.is_empty() && lng.is_empty() {
            return None;
        }
        let mut read = |text: &str, name: &str| {
            let problem = if text.is_empty() {
                PlacesMsg::BothCoordinates
            } else if let Some(v) = read_coordinate(text) {
                return Some(v);
            } else {
                PlacesMsg::InvalidNumber
            };
            errors.push(FieldError::new(name, "invalid", problem.text(lang)));
            None
        };
        let latitude = read(lat, field::LATITUDE);
        let longitude = read(lng, field::LONGITUDE);
        Some(GeoPoint {
            latitude: latitude?,
            longitude: longitude?,
        })
    }
}

/// A coordinate as people write it: up to six decimals (about 10 cm), no trailing zeros.
pub fn coordinate_text(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let micro = (value * 1_000_000.0).round() as i64;
    let sign = if micro < 0 { "-" } else { "" };
    let (whole, frac) = (micro.abs() / 1_000_000, micro.abs() % 1_000_000);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:06}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// Reads a decimal number as typed on a phone, full-width digits included; `None` when
/// it is not one.
pub fn read_coordinate(text: &str) -> Option<f64> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' => '-',
            c => c,
        })
        .collect();
    // JSON's number grammar, without exponents: digits, one point, an optional sign.
    let plain = ascii.strip_prefix('-').unwrap_or(&ascii);
    let (whole, frac) = plain.split_once('.').unwrap_or((plain, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(frac) {
        return None;
    }
    // JSON forbids leading zeros ("023.5"), people do not.
    let whole = whole.trim_start_matches('0');
    let sign = if plain.len() < ascii.len() { "-" } else { "" };
    serde_json::from_str(&format!(
        "{sign}{}.{frac}",
        if whole.is_empty() { "0" } else { whole }
    ))
    .ok()
}
