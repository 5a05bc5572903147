//! A failed load: what went wrong in plain words, and a retry button.

use crate::api::ClientError;
use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;

/// Shown when a page's data could not be loaded.
#[component]
pub fn ErrorState(
    /// What went wrong; its message is shown in the chosen language.
    error: ClientError,
    /// Called by the 重试 button; without it no button is shown.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="card state-card error" role="alert">
            <p class="state-title">{tr(Msg::ErrorTitle)}</p>
            <p class="state-hint">{move || error.message(lang.get())}</p>
            {on_retry
                .map(|retry| {
                    view! {
                        <div class="button-row center">
                            <button type="button" class="button primary" on:click=move |_| retry.run(())>
                                {tr(Msg::Retry)}
                            </button>
                        </div>
                    }
                })}
        </div>
    }
}
