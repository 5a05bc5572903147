//! The nomination form as the resident fills it in: what they picked and typed, and
//! the photos already uploaded. It is saved to the phone as they go (see
//! `browser::draft_store`), and becomes the domain's [`NominationInput`], checked with
//! the same `NominationInput::parse()` the server runs.
//!
//! The stored form is a short hand-written format (length-prefixed fields) rather than
//! JSON: it needs no escaping and keeps serde's draft code out of the wasm.

use crate::i18n::Msg;
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::nomination::{NominationInput, PhotoView, PlaceChoice};
use pingxuan_domain::place::Place;
use pingxuan_domain::region::District;
use pingxuan_domain::{Category, FieldError, Lang};

/// Field paths, as the domain and the server name them. `category` and `place` are the
/// form's own: the request cannot be built without them.
pub mod field {
    pub const CATEGORY: &str = "category";
    pub const PLACE: &str = "place";
    pub const PLACE_ID: &str = "place.place_id";
    pub const PLACE_NAME: &str = "place.name";
    pub const PLACE_TOWN: &str = "place.town";
    pub const DESCRIPTION: &str = "description";
    pub const PHOTOS: &str = "photo_ids";
    pub const POSITION: &str = "position";
    pub const PHONE: &str = "contact_phone";
    /// Every path the form shows under an input.
    pub const SHOWN: [&str; 9] = [
        CATEGORY,
        PLACE,
        PLACE_ID,
        PLACE_NAME,
        PLACE_TOWN,
        DESCRIPTION,
        PHOTOS,
        POSITION,
        PHONE,
    ];
}

/// Everything the form holds, in a shape that survives a reload.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NominationDraft {
    pub category: Option<Category>,
    pub place: PlaceDraft,
    pub description: String,
    pub contact_phone: String,
    pub position: Option<GeoPoint>,
    /// The photos in the order chosen, uploaded or still waiting.
    pub photos: Vec<DraftPhoto>,
}

/// The place: one picked from the register, or a new one described.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceDraft {
    /// True when the resident chose "找不到？填写新地点".
    pub new_place: bool,
    /// What they typed into the search box.
    pub query: String,
    /// The place picked from the search results.
    pub chosen: Option<ChosenPlace>,
    /// A new place's name and town.
    pub name: String,
    pub town: String,
}

/// A register place as the form shows it once picked.
#[derive(Debug, Clone, PartialEq)]
pub struct ChosenPlace {
    pub id: i64,
    pub category: Category,
    pub name: String,
    pub town: String,
    pub district: District,
}

impl From<&Place> for ChosenPlace {
    fn from(p: &Place) -> ChosenPlace {
        ChosenPlace {
            id: p.id,
            category: p.category,
            name: p.name.clone(),
            town: p.town.clone(),
            district: p.district,
        }
    }
}

/// One chosen photo. Until it is uploaded, its bytes wait in IndexedDB under `key`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftPhoto {
    pub key: String,
    /// The kept bytes are already shrunk for upload (no need to shrink them again).
    pub shrunk: bool,
    /// The server's answer, once uploaded.
    pub uploaded: Option<PhotoView>,
}

impl NominationDraft {
    /// True when there is nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        *self == NominationDraft::default()
    }

    /// The draft as stored on the phone.
    pub fn to_storage(&self) -> String {
        let mut out = Writer(String::from(FORMAT));
        out.text(self.category.map_or("", Category::as_str));
        let place = &self.place;
        out.flag(place.new_place);
        out.text(&place.query);
        out.text(&place.name);
        out.text(&place.town);
        out.flag(place.chosen.is_some());
        if let Some(c) = &place.chosen {
            out.number(c.id);
            out.text(c.category.as_str());
            out.text(&c.name);
            out.text(&c.town);
            out.number(
                District::ALL
                    .iter()
                    .position(|d| *d == c.district)
                    .unwrap_or(0) as i64,
            );
        }
        out.text(&self.description);
        out.text(&self.contact_phone);
        out.flag(self.position.is_some());
        if let Some(p) = self.position {
            // Millionths of a degree (about 0.1 m): whole numbers keep float
            // formatting out of the wasm.
            out.number((p.latitude * 1e6).round() as i64);
            out.number((p.longitude * 1e6).round() as i64);
        }
        out.number(self.photos.len() as i64);
        for photo in &self.photos {
            out.text(&photo.key);
            out.flag(photo.shrunk);
            out.flag(photo.uploaded.is_some());
            if let Some(v) = &photo.uploaded {
                out.text(&v.id);
                out.text(&v.url);
                out.text(&v.thumb_url);
                out.number(i64::from(v.width));
                out.number(i64::from(v.height));
            }
        }
        out.0
    }

    /// A stored draft; `None` when it cannot be read (then the form starts afresh).
    pub fn from_storage(stored: &str) -> Option<NominationDraft> {
        let mut r = Reader(stored.strip_prefix(FORMAT)?);
        let category = Category::parse(r.text()?);
        let new_place = r.flag()?;
        let query = r.text()?.to_owned();
        let name = r.text()?.to_owned();
        let town = r.text()?.to_owned();
        let chosen = if r.flag()? {
            Some(ChosenPlace {
                id: r.number()?,
                category: Category::parse(r.text()?)?,
                name: r.text()?.to_owned(),
                town: r.text()?.to_owned(),
                district: *District::ALL.get(usize::try_from(r.number()?).ok()?)?,
            })
        } else {
            None
        };
        let description = r.text()?.to_owned();
        let contact_phone = r.text()?.to_owned();
        let position = if r.flag()? {
            Some(GeoPoint {
                latitude: r.number()? as f64 / 1e6,
                longitude: r.number()? as f64 / 1e6,
            })
        } else {
            None
        };
        let count = r.number()?;
        let mut photos = Vec::new();
        for _ in 0..count {
            let key = r.text()?.to_owned();
            let shrunk = r.flag()?;
            let uploaded = if r.flag()? {
                Some(PhotoView {
                    id: r.text()?.to_owned(),
                    url: r.text()?.to_owned(),
                    thumb_url: r.text()?.to_owned(),
                    width: u32::try_from(r.number()?).ok()?,
                    height: u32::try_from(r.number()?).ok()?,
                })
            } else {
                None
            };
            photos.push(DraftPhoto {
                key,
                shrunk,
                uploaded,
            });
        }
        Some(NominationDraft {
            category,
            place: PlaceDraft {
                new_place,
                query,
                chosen,
                name,
                town,
            },
            description,
            contact_phone,
            position,
            photos,
        })
    }

    /// The chosen register place, if it belongs to the chosen category.
    pub fn chosen_place(&self) -> Option<&ChosenPlace> {
        self.place
            .chosen
            .as_ref()
            .filter(|p| Some(p.category) == self.category)
    }

    /// The request as it stands. Missing choices are filled with placeholders that
    /// [`check`](Self::check) reports.
    pub fn input(&self) -> NominationInput {
        let place = match (self.place.new_place, self.chosen_place()) {
            (false, Some(p)) => PlaceChoice::Registered { place_id: p.id },
            (false, None) => PlaceChoice::Registered { place_id: 0 },
            (true, _) => PlaceChoice::New {
                name: self.place.name.clone(),
                town: self.place.town.clone(),
            },
        };
        let phone = self.contact_phone.trim();
        NominationInput {
            category: self.category.unwrap_or(Category::Village),
            place,
            description: self.description.clone(),
            photo_ids: self
                .photos
                .iter()
                .filter_map(|p| p.uploaded.as_ref().map(|u| u.id.clone()))
                .collect(),
            position: self.position,
            contact_phone: (!phone.is_empty()).then(|| phone.to_owned()),
        }
    }

    /// Every problem at once — the form's own (no category, no place) and then the
    /// domain's — or the request to send.
    pub fn check(&self, lang: Lang) -> Result<NominationInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.category.is_none() {
            errors.push(FieldError::new(
                field::CATEGORY,
                "required",
                Msg::ChooseCategory.text(lang),
            ));
        }
        if !self.place.new_place && self.chosen_place().is_none() {
            errors.push(FieldError::new(
                field::PLACE,
                "required",
                Msg::ChoosePlace.text(lang),
            ));
        }
        let input = self.input();
        if let Err(domain) = input.parse() {
            errors.extend(domain);
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

/// The first characters of a stored draft: the format's name and version.
const FORMAT: &str = "pingxuan-draft-1;";

/// Writes fields as `<byte length>:<text>`.
struct Writer(String);

impl Writer {
    fn text(&mut self, s: &str) {
        self.0.push_str(&s.len().to_string());
        self.0.push(':');
        self.0.push_str(s);
    }

    fn number(&mut self, n: i64) {
        self.text(&n.to_string());
    }

    fn flag(&mut self, b: bool) {
        self.text(if b { "1" } else { "0" });
    }
}

/// Reads what [`Writer`] wrote; `None` at the first thing out of place.
struct Reader<'a>(&'a str);

impl<'a> Reader<'a> {
    fn text(&mut self) -> Option<&'a str> {
        let (len, rest) = self.0.split_once(':')?;
        let len: usize = len.parse().ok()?;
        let value = rest.get(..len)?;
        self.0 = &rest[len..];
        Some(value)
    }

    fn number(&mut self) -> Option<i64> {
        self.text()?.parse().ok()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.text()? {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        }
    }
}
