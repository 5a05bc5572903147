//! A labelled input with its hint and its error underneath, and an optional
//! show/hide switch for passwords.

use crate::i18n::Msg;
use crate::state::lang_context::{tr, tr_when, use_lang};
use leptos::html;
use leptos::prelude::*;

/// One form field. The input is controlled, but its DOM value is only written when it
/// differs, so typing with a Chinese input method is never interrupted.
#[component]
pub fn TextField(
    /// The input's id; the label, hint and error are tied to it.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: TextProp,
    /// Words read before the label by screen readers only (e.g. the phase's name).
    #[prop(optional_no_strip)]
    label_prefix: Option<TextProp>,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new value on every keystroke.
    on_input: Callback<String>,
    /// Called when the input loses focus (e.g. to check it only once typed).
    #[prop(optional)]
    on_blur: Option<Callback<()>>,
    /// The problem to show under the input, if any.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// A short help text under the input.
    #[prop(optional_no_strip)]
    hint: Option<Msg>,
    /// An example of what to type.
    #[prop(optional_no_strip)]
    placeholder: Option<Msg>,
    /// `text`, `datetime-local`, …
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The phone keyboard to show: `numeric`, `decimal`, …
    #[prop(optional_no_strip)]
    inputmode: Option<&'static str>,
    /// A password input with a 显示/隐藏 switch.
    #[prop(optional)]
    password: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let input_ref = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        let v = value.get();
        if let Some(el) = input_ref.get() {
            if el.value() != v {
                el.set_value(&v);
            }
        }
    });
    let (revealed, set_revealed) = signal(false);
    let kind = move || {
        if password && !revealed.get() {
            "password"
        } else if password {
            "text"
        } else {
            input_type
        }
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            if has_hint {
                ids.push(hint_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let toggle = password.then(|| {
        view! {
            <button
                type="button"
                class="reveal"
                aria-pressed=move || if revealed.get() { "true" } else { "false" }
                aria-label=move || {
                    lang.t(if revealed.get() { Msg::HidePassword } else { Msg::ShowPassword })
                }
                on:click=move |_| set_revealed.update(|r| *r = !*r)
            >
                {tr_when(revealed.into(), Msg::Hide, Msg::Show)}
            </button>
        }
    });
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>
                {label_prefix
                    .map(|p| view! { <span class="visually-hidden">{move || p.get()}" "</span> })}
                {move || label.get()}
            </label>
            <div class="input-wrap">
                <input
                    node_ref=input_ref
                    id=id
                    type=kind
                    autocomplete=autocomplete
                    inputmode=inputmode
                    placeholder=move || placeholder.map(|p| lang.t(p))
                    disabled=move || disabled.get()
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=described_by
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                    on:blur=move |_| {
                        if let Some(f) = on_blur {
                            f.run(())
                        }
                    }
                />
                {toggle}
            </div>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id>{tr(h)}</p> })}
            {move || {
                error
                    .get()
                    .map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> }.into_any())
            }}
        </div>
    }
}
