//! The four categories as four big radio cards, two by two: the kind of place in big
//! type (农贸市场) and the list it is for underneath (十个最差农贸市场).

use crate::state::lang_context::use_lang;
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::Category;

/// Picks one category. A real radio group, so it is announced and keyboard-usable.
#[component]
pub fn CategoryChoice(
    /// The group's id (the error underneath is tied to it).
    id: &'static str,
    /// The question above the cards.
    #[prop(into)]
    legend: TextProp,
    /// The chosen category, if any.
    #[prop(into)]
    value: Signal<Option<Category>>,
    /// Called with the category tapped.
    on_change: Callback<Category>,
    /// The problem to show underneath, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let error_id = format!("{id}-error");
    let cards = Category::ALL
        .into_iter()
        .map(|c| {
            view! {
                <label class="choice-card" class:chosen=move || value.get() == Some(c)>
                    <input
                        type="radio"
                        name=id
                        value=c.as_str()
                        prop:checked=move || value.get() == Some(c)
                        on:change=move |_| on_change.run(c)
                    />
                    <span class="choice-text">
                        <span class="choice-title">{move || c.label(lang.get())}</span>
                        <span class="choice-sub">{move || c.list_title(lang.get())}</span>
                    </span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="form-section"
            id=id
            class:has-error=move || error.get().is_some()
            aria-describedby=move || error.get().map(|_| error_id.clone())
        >
            <legend class="section-title">{move || legend.get()}</legend>
            <div class="choice-grid">{cards}</div>
            {move || {
                error
                    .get()
                    .map(|e| view! { <p class="field-error" id=format!("{id}-error")>{e}</p> })
            }}
        </fieldset>
    }
}
