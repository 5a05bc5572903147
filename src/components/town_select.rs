//! The town (镇、街道) picker: every town of Chaozhou, grouped by county and district,
//! from the domain's `District::towns()`.

use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::region::District;

/// A labelled `<select>` of towns with its error underneath.
#[component]
pub fn TownSelect(
    /// The select's id.
    id: &'static str,
    /// The town chosen so far (read once: only this select changes it).
    initial: String,
    /// Called with the town picked ("" for none).
    on_change: Callback<String>,
    /// The problem to show underneath, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let groups = District::ALL
        .into_iter()
        .map(|d| {
            let options = d
                .towns()
                .iter()
                .map(|&t| view! { <option value=t selected=initial == t>{t}</option> })
                .collect_view();
            view! { <optgroup label=move || d.label(lang.get())>{options}</optgroup> }
        })
        .collect_view();
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{tr(Msg::Town)}</label>
            <select
                id=id
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=move || error.get().map(|_| error_id.clone())
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                <option value="" selected=initial.is_empty()>{tr(Msg::ChooseTown)}</option>
                {groups}
            </select>
            {move || {
                error
                    .get()
                    .map(|e| view! { <p class="field-error" id=format!("{id}-error")>{e}</p> })
            }}
        </div>
    }
}
