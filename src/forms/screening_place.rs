//! "Which place?" on the screening page — where a misfiled nomination belongs, or which
//! register place to shortlist: the place picker's draft checked with the domain's own
//! name and town rules, and turned into the request's [`PlaceChoice`].

use crate::forms::nomination_draft::{field, PlaceDraft};
use crate::i18n::Msg;
use pingxuan_domain::nomination::PlaceChoice;
use pingxuan_domain::place::{validate_place_name, validate_town};
use pingxuan_domain::Lang;

/// The place picked from the register, or the new one described; `None` until either.
pub fn place_choice(p: &PlaceDraft) -> Option<PlaceChoice> {
    if p.new_place {
        Some(PlaceChoice::New {
            name: p.name.clone(),
            town: p.town.clone(),
        })
    } else {
        p.chosen
            .as_ref()
            .map(|c| PlaceChoice::Registered { place_id: c.id })
    }
}

/// The problem with the picker's field `name` (`place`, `place.name`, `place.town`).
pub fn place_problem(p: &PlaceDraft, name: &str, lang: Lang) -> Option<String> {
    match name {
        field::PLACE if !p.new_place && p.chosen.is_none() => {
            Some(Msg::ChoosePlace.text(lang).to_owned())
        }
        field::PLACE_NAME if p.new_place => {
            validate_place_name(name, &p.name).err().map(|e| e.message)
        }
        field::PLACE_TOWN if p.new_place => validate_town(name, &p.town).err().map(|e| e.message),
        _ => None,
    }
}

/// True when the draft names a place the request can carry.
pub fn place_ready(p: &PlaceDraft, lang: Lang) -> bool {
    [field::PLACE, field::PLACE_NAME, field::PLACE_TOWN]
        .into_iter()
        .all(|f| place_problem(p, f, lang).is_none())
}
