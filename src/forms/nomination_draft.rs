//! The nomination form as the resident fills it in: what they picked and typed, and
//! the photos already uploaded. It is saved to the phone as they go (see
//! `browser::draft_store`), and becomes the domain's [`NominationInput`], checked with
//! the same `NominationInput::parse()` the server runs.

use crate::i18n::Msg;
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::nomination::{NominationInput, PhotoView, PlaceChoice};
use pingxuan_domain::place::Place;
use pingxuan_domain::{Category, FieldError, Lang};
use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaceDraft {
    /// True when the resident chose "找不到？填写新地点".
    pub new_place: bool,
    /// What they typed into the search box.
    pub query: String,
    /// The place picked from the search results.
    pub chosen: Option<Place>,
    /// A new place's name and town.
    pub name: String,
    pub town: String,
}

/// One chosen photo. Until it is uploaded, its bytes wait in IndexedDB under `key`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored draft; `None` when it cannot be read (then the form starts afresh).
    pub fn from_json(json: &str) -> Option<NominationDraft> {
        serde_json::from_str(json).ok()
    }

    /// The chosen register place, if it belongs to the chosen category.
    pub fn chosen_place(&self) -> Option<&Place> {
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
