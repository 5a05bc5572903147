//! The shortlist as a department builds it on the screening page: which places, in
//! which order, each with its public title, description, cover photo and — for a place
//! residents did not nominate — the department's reason. Plain data: it becomes the
//! domain's [`ShortlistInput`], checked with the same `ShortlistInput::validate` the
//! server runs, plus the one rule only the nominations can tell (a reason for places
//! nobody nominated).

use pingxuan_domain::nomination::PhotoView;
use pingxuan_domain::place::Place;
use pingxuan_domain::screening::{CandidateInput, ScreeningPlace, ScreeningView, ShortlistInput};
use pingxuan_domain::FieldError;

/// The longest public description, in characters (the domain's bound).
pub const DESCRIPTION_MAX: usize = 200;

/// Field names inside one candidate, as the domain and the server name them
/// (`candidates[3].title`).
pub mod field {
    pub const TITLE: &str = "title";
    pub const DESCRIPTION: &str = "description";
    pub const COVER: &str = "cover_photo_id";
    pub const REASON: &str = "department_reason";
    pub const PLACE: &str = "place_id";
}

/// One candidate being written.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateDraft {
    pub place_id: i64,
    /// The register's name of the place, shown above the fields.
    pub place_name: String,
    /// The public title (by default the place's name).
    pub title: String,
    pub description: String,
    pub cover: Option<PhotoView>,
    /// Photos the department uploaded for this candidate (offered as covers).
    pub own_photos: Vec<PhotoView>,
    pub department_reason: String,
}

/// The whole shortlist, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShortlistDraft {
    pub candidates: Vec<CandidateDraft>,
}

/// The place's nominations that were not rejected.
pub fn live_nominations(place: &ScreeningPlace) -> usize {
    place
        .nominations
        .iter()
        .filter(|n| n.rejected_reason.is_none())
        .count()
}

/// The photos of the place's live nominations, in order, each once.
pub fn place_photos(place: &ScreeningPlace) -> Vec<PhotoView> {
    let mut out: Vec<PhotoView> = Vec::new();
    for n in place
        .nominations
        .iter()
        .filter(|n| n.rejected_reason.is_none())
    {
        for p in &n.photos {
            if !out.iter().any(|o| o.id == p.id) {
                out.push(p.clone());
            }
        }
    }
    out
}

/// The nominated place with this id, if residents nominated it in this round.
pub fn find_place(view: &ScreeningView, place_id: i64) -> Option<&ScreeningPlace> {
    view.places.iter().find(|p| p.place.id == place_id)
}

/// True when residents nominated the place (and not every nomination was rejected).
pub fn is_nominated(view: &ScreeningView, place_id: i64) -> bool {
    find_place(view, place_id).is_some_and(|p| live_nominations(p) > 0)
}

impl CandidateDraft {
    /// A nominated place with sensible defaults: its name as the title, the first
    /// resident's words as the description, their first photo as the cover.
    pub fn nominated(place: &ScreeningPlace) -> CandidateDraft {
        let first = place
            .nominations
            .iter()
            .find(|n| n.rejected_reason.is_none());
        CandidateDraft {
            place_id: place.place.id,
            place_name: place.place.name.clone(),
            title: place.place.name.clone(),
            description: first
                .map(|n| n.description.trim().to_owned())
                .unwrap_or_default(),
            cover: place_photos(place).into_iter().next(),
            own_photos: Vec::new(),
            department_reason: String::new(),
        }
    }

    /// A register place residents did not nominate: the department writes the rest.
    pub fn registered(place_id: i64, name: &str) -> CandidateDraft {
        CandidateDraft {
            place_id,
            place_name: name.to_owned(),
            title: name.to_owned(),
            description: String::new(),
            cover: None,
            own_photos: Vec::new(),
            department_reason: String::new(),
        }
    }

    /// The cover photos to choose from: the place's nomination photos, then the
    /// department's own (and the saved cover, if it is neither).
    pub fn cover_choices(&self, place: Option<&ScreeningPlace>) -> Vec<PhotoView> {
        let mut out = place.map(place_photos).unwrap_or_default();
        for p in self.own_photos.iter().chain(self.cover.as_ref()) {
            if !out.iter().any(|o| o.id == p.id) {
                out.push(p.clone());
            }
        }
        out
    }

    fn input(&self) -> CandidateInput {
        let reason = self.department_reason.trim();
        CandidateInput {
            place_id: self.place_id,
            title: self.title.trim().to_owned(),
            description: self.description.trim().to_owned(),
            cover_photo_id: self.cover.as_ref().map(|c| c.id.clone()),
            department_reason: (!reason.is_empty()).then(|| reason.to_owned()),
        }
    }
}

impl ShortlistDraft {
    /// The shortlist as saved, with the places' names from the view.
    pub fn from_view(view: &ScreeningView) -> ShortlistDraft {
        let candidates = view
            .shortlist
            .iter()
            .map(|c| {
                let place = find_place(view, c.place_id);
                let photos = place.map(place_photos).unwrap_or_default();
                // A cover that is none of the nominations' photos is the department's own.
                let own_photos = c
                    .cover
                    .iter()
                    .filter(|p| !photos.iter().any(|o| o.id == p.id))
                    .cloned()
                    .collect();
                CandidateDraft {
                    place_id: c.place_id,
                    place_name: place.map_or_else(|| c.title.clone(), |p| p.place.name.clone()),
                    title: c.title.clone(),
                    description: c.description.clone(),
                    cover: c.cover.clone(),
                    own_photos,
                    department_reason: c.department_reason.clone().unwrap_or_default(),
                }
            })
            .collect();
        ShortlistDraft { candidates }
    }

    /// How many places are on the list.
    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    /// True when no place is on the list.
    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// The place's position on the list, if it is on it.
    pub fn position(&self, place_id: i64) -> Option<usize> {
        self.candidates.iter().position(|c| c.place_id == place_id)
    }

    /// True when the place is on the list.
    pub fn contains(&self, place_id: i64) -> bool {
        self.position(place_id).is_some()
    }

    /// The place's candidate, to read or edit.
    pub fn get_mut(&mut self, place_id: i64) -> Option<&mut CandidateDraft> {
        self.candidates.iter_mut().find(|c| c.place_id == place_id)
    }

    /// Puts a candidate at the end of the list, unless its place is on it already.
    pub fn add(&mut self, candidate: CandidateDraft) {
        if !self.contains(candidate.place_id) {
            self.candidates.push(candidate);
        }
    }

    /// Takes the place off the list.
    pub fn remove(&mut self, place_id: i64) {
        self.candidates.retain(|c| c.place_id != place_id);
    }

    /// Moves a candidate one step up (`up`) or down the list.
    pub fn shift(&mut self, place_id: i64, up: bool) {
        let Some(i) = self.position(place_id) else {
            return;
        };
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        if let Some(j) = j.filter(|j| *j < self.candidates.len()) {
            self.candidates.swap(i, j);
        }
    }

    /// After `from` was merged into `into`: a candidate for `from` now stands for
    /// `into` (keeping what was written, and its name as title only if it was the
    /// default), unless `into` is on the list already, when it is dropped.
    pub fn after_merge(&mut self, from: i64, into: &Place) {
        if self.contains(into.id) {
            self.remove(from);
            return;
        }
        if let Some(c) = self.get_mut(from) {
            if c.title == c.place_name {
                c.title = into.name.clone();
            }
            c.place_id = into.id;
            c.place_name = into.name.clone();
        }
    }

    /// The request as it stands.
    pub fn input(&self) -> ShortlistInput {
        ShortlistInput {
            candidates: self.candidates.iter().map(CandidateDraft::input).collect(),
        }
    }

    /// Every problem at once — the domain's rules, and a reason for each place residents
    /// did not nominate — or the request to send. `reason_required` is the message for
    /// the latter, in the person's language.
    pub fn check(
        &self,
        view: &ScreeningView,
        reason_required: &str,
    ) -> Result<ShortlistInput, Vec<FieldError>> {
        let input = self.input();
        let mut errors = input
            .validate(view.shortlist_size)
            .err()
            .unwrap_or_default();
        for (i, c) in input.candidates.iter().enumerate() {
            if c.department_reason.is_none() && !is_nominated(view, c.place_id) {
                errors.push(FieldError::new(
                    candidate_field(i, field::REASON),
                    "required",
                    reason_required,
                ));
            }
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

/// `candidates[3].title`: the name the domain and the server give a candidate's field.
pub fn candidate_field(index: usize, name: &str) -> String {
    format!("candidates[{index}].{name}")
}

/// The index of the candidate a problem belongs to (`candidates[3].title` → 3), or
/// `None` for a problem with the whole list (`candidates`).
pub fn candidate_index(field: &str) -> Option<usize> {
    field
        .strip_prefix("candidates[")?
        .split_once(']')?
        .0
        .parse()
        .ok()
}
