//! "Use my location" (optional): explains why, asks the phone once, and says plainly
//! when the position cannot be had — the nomination goes ahead without it.

use crate::browser::geolocation::{locate, LocateError};
use crate::i18n::{accuracy_text, Msg};
use crate::state::lang_context::{tr, tr_when, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use pingxuan_domain::geo::GeoPoint;
use std::future::Future;
use std::pin::Pin;

/// The location section of the nomination form.
#[component]
pub fn LocationChoice(
    /// The question above it.
    #[prop(into)]
    legend: TextProp,
    /// The position to send, if the resident added one.
    position: RwSignal<Option<GeoPoint>>,
    /// The server's problem with the position, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let locating = RwSignal::new(false);
    let problem = RwSignal::new(None::<Msg>);
    let accuracy = RwSignal::new(None::<f64>);
    let ask = move |_| {
        if locating.get_untracked() {
            return;
        }
        locating.set(true);
        problem.set(None);
        // Boxed like the photo queue's tasks, so both share one spawning function.
        let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(async move {
            let answer = locate().await;
            locating.set(false);
            match answer {
                // Positions outside the city are refused by the server; say so here.
                Ok(found) if found.point.validate("position").is_err() => {
                    problem.set(Some(Msg::LocationOutside))
                }
                Ok(found) => {
                    accuracy.set(Some(found.accuracy_m));
                    position.set(Some(found.point));
                }
                Err(e) => problem.set(Some(match e {
                    LocateError::Denied => Msg::LocationDenied,
                    LocateError::Unsupported => Msg::LocationUnsupported,
                    LocateError::Timeout | LocateError::Unavailable => Msg::LocationUnavailable,
                })),
            }
        });
        spawn_local_scoped_with_cancellation(task);
    };
    view! {
        <fieldset class="form-section" id="nominate-position" class:has-error=move || error.get().is_some()>
            <legend class="section-title">{move || legend.get()}</legend>
            <p class="field-hint">{tr(Msg::LocationWhy)}</p>
            {move || {
                if position.with(Option::is_some) {
                    view! {
                        <div class="location-added">
                            <p class="notice ok" role="status">
                                {move || {
                                    let l = lang.get();
                                    match accuracy.get() {
                                        Some(m) => format!("{}{}", Msg::LocationAdded.text(l), accuracy_text(l, m)),
                                        None => Msg::LocationAdded.text(l).to_owned(),
                                    }
                                }}
                            </p>
                            <button type="button" class="button block subtle" on:click=move |_| position.set(None)>
                                {tr(Msg::LocationRemove)}
                            </button>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="button block"
                            disabled=move || locating.get()
                            on:click=ask
                        >
                            {tr_when(locating.into(), Msg::Locating, Msg::UseMyLocation)}
                        </button>
                    }
                        .into_any()
                }
            }}
            {move || problem.get().map(|m| view! { <p class="field-hint warn" role="status">{tr(m)}</p> })}
            {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
        </fieldset>
    }
}
