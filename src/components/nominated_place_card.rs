//! One nominated place on the public list: its name, town and district, how many
//! residents nominated it, and a few of their photos (lazy-loaded thumbnails).

use crate::i18n::{nominated_by, photo_alt};
use crate::state::lang_context::use_lang;
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::nomination::NominatedPlace;

/// A card for one place. Thumbnails carry their width and height so the page does not
/// jump while they load; each opens the full photo.
#[component]
pub fn NominatedPlaceCard(place: NominatedPlace) -> impl IntoView {
    let lang = use_lang();
    let n = place.nominations;
    let district = place.district;
    let photos = place
        .photos
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            view! {
                <a class="thumb" href=p.url rel="external">
                    <img
                        src=p.thumb_url
                        loading="lazy"
                        decoding="async"
                        width=p.width
                        height=p.height
                        alt=move || photo_alt(lang.get(), i + 1)
                    />
                </a>
            }
        })
        .collect_view();
    view! {
        <li class="card place-card" data-testid="nominated-place">
            <div class="place-head">
                <h2 class="place-name">{place.name}</h2>
                <span class="badge count">{move || nominated_by(lang.get(), n)}</span>
            </div>
            <p class="place-where">{place.town} " · " {move || district.label(lang.get())}</p>
            <div class="thumbs">{photos}</div>
        </li>
    }
}
