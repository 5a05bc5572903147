//! 复制为新版本: starts the category's next draft from a version's content (an approved
//! one, or the example sheet) and opens it in the editor. The server keeps one draft per
//! category; when one exists already its refusal is shown in plain words.

use crate::api;
use crate::components::notice::Notice;
use crate::i18n::sheets::SheetMsg;
use crate::i18n::Msg;
use crate::state::lang_context::tr_when;
use crate::state::mutation::Mutation;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use pingxuan_domain::score_sheet::{SheetContent, SheetDraftInput};
use pingxuan_domain::Category;

/// The button; `primary` for the page's main action.
#[component]
pub fn SheetCopyButton(
    category: Category,
    content: SheetContent,
    /// The button's words (复制为新版本, 复制示例评分表).
    label: SheetMsg,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let copy = Mutation::new();
    let input = StoredValue::new(SheetDraftInput { category, content });
    let click = move |_| {
        let input = input.get_value();
        let csrf = session.csrf();
        let navigate = navigate.clone();
        copy.run(async move {
            match api::sheets::create(&input, &csrf).await {
                Ok(v) => {
                    navigate(&format!("/office/sheets/{}", v.id), Default::default());
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    view! {
        <button
            type="button"
            class=if primary { "button primary" } else { "button" }
            disabled=move || copy.pending()
            on:click=click
        >
            {tr_when(copy.pending_signal(), SheetMsg::Copying, label)}
        </button>
        <Notice mutation=copy errors_only=true />
    }
}
