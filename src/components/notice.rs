//! The line under a form that says how the last write went: a green confirmation or a
//! red error in plain words.

use crate::state::lang_context::use_lang;
use crate::state::mutation::Mutation;
use leptos::prelude::*;

/// Shows `mutation`'s last outcome. Errors that belong to a field are shown under that
/// field instead, so they are left out here.
#[component]
pub fn Notice(
    /// The write whose outcome to show.
    mutation: Mutation,
    /// Only show failures (e.g. signing in, where success navigates away).
    #[prop(optional)]
    errors_only: bool,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        let l = lang.get();
        match mutation.outcome()? {
            Ok(msg) if !errors_only => Some(
                view! {
                    <p class="notice ok" role="status">
                        {msg.text(l)}
                    </p>
                }
                .into_any(),
            ),
            Ok(_) => None,
            Err(e) if !e.field_errors().is_empty() => None,
            Err(e) => Some(
                view! {
                    <p class="form-error" role="alert">
                        {e.message(l)}
                    </p>
                }
                .into_any(),
            ),
        }
    }
}
