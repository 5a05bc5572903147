//! A labelled multi-line input with a live character counter ("12/500") and its error.

use crate::i18n::Msg;
use crate::state::lang_context::use_lang;
use leptos::html;
use leptos::prelude::*;

/// A textarea. Like `TextField`, the DOM value is only written when it differs, so a
/// Chinese input method is never interrupted.
#[component]
pub fn TextAreaField(
    /// The textarea's id; the label, counter and error are tied to it.
    id: &'static str,
    /// The visible label (a question).
    #[prop(into)]
    label: TextProp,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new value on every keystroke.
    on_input: Callback<String>,
    /// Called when the textarea loses focus.
    on_blur: Callback<()>,
    /// The problem to show underneath, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The most characters allowed; the counter turns red above it.
    max_chars: usize,
    /// An example of what to write.
    #[prop(optional_no_strip)]
    placeholder: Option<Msg>,
) -> impl IntoView {
    let lang = use_lang();
    let area = NodeRef::<html::Textarea>::new();
    Effect::new(move |_| {
        let v = value.get();
        if let Some(el) = area.get() {
            if el.value() != v {
                el.set_value(&v);
            }
        }
    });
    let count = move || value.with(|v| v.trim().chars().count());
    let counter_id = format!("{id}-count");
    let error_id = format!("{id}-error");
    let described_by = {
        let (counter_id, error_id) = (counter_id.clone(), error_id.clone());
        move || match error.get() {
            Some(_) => format!("{error_id} {counter_id}"),
            None => counter_id.clone(),
        }
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id class="section-title">{move || label.get()}</label>
            <textarea
                node_ref=area
                id=id
                rows="5"
                placeholder=move || placeholder.map(|p| lang.t(p))
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| on_blur.run(())
            ></textarea>
            <div class="field-foot">
                {move || error.get().map(|e| view! { <p class="field-error" id=format!("{id}-error")>{e}</p> })}
                <p class="counter" class:over=move || { count() > max_chars } id=counter_id>
                    {move || format!("{}/{max_chars}", count())}
                </p>
            </div>
        </div>
    }
}
