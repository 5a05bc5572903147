//! 批准: a confirm sheet over the editor that names the version and says it will never
//! change again; the office approves it from here.

use crate::api;
use crate::components::bottom_sheet::BottomSheet;
use crate::components::notice::Notice;
use crate::i18n::sheets::{version_no, SheetMsg};
use crate::i18n::Msg;
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use pingxuan_domain::lang::Label;
use pingxuan_domain::score_sheet::SheetVersion;

/// The sheet. `on_approved` gets the approved version from the server.
#[component]
pub fn SheetApproveSheet(
    version: SheetVersion,
    /// The close button, 取消, a tap beside the sheet and Escape.
    on_close: Callback<()>,
    on_approved: Callback<SheetVersion>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let approve = Mutation::new();
    let id = version.id;
    let confirm = move |_| {
        let csrf = session.csrf();
        approve.run(async move {
            match api::sheets::approve(id, &csrf).await {
                Ok(v) => {
                    on_approved.run(v);
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    let (category, number) = (version.category, version.version);
    view! {
        <BottomSheet title_id="approve-title" title=SheetMsg::ApproveTitle close=SheetMsg::Close on_close>
            <p class="void-ballot">
                <strong>{version.content.title.clone()}</strong>
                " · "
                {move || category.label(lang.get())}
                " · "
                {move || version_no(lang.get(), number)}
            </p>
            <p class="sheet-lead">{tr(SheetMsg::ApproveLead)}</p>
            <Notice mutation=approve errors_only=true />
            {move || {
                approve
                    .error()
                    .filter(|e| !e.field_errors().is_empty())
                    .map(|e| {
                        let l = lang.get();
                        view! {
                            <ul class="form-problems" role="alert">
                                {e.field_errors().iter().map(|f| view! { <li>{f.message.clone()}</li> }).collect_view()}
                                <li>{e.message(l)}</li>
                            </ul>
                        }
                    })
            }}
            <div class="sheet-actions">
                <button type="button" class="button primary block" disabled=move || approve.pending() on:click=confirm>
                    {tr_when(approve.pending_signal(), SheetMsg::Approving, SheetMsg::ConfirmApprove)}
                </button>
                <button type="button" class="button block" on:click=move |_| on_close.run(())>
                    {tr(Msg::Cancel)}
                </button>
            </div>
        </BottomSheet>
    }
}
