//! The last step before a ballot is cast: "确认投给：…" with 确认投票 and 返回, and the
//! reason in plain words when the server refuses.

use crate::components::bottom_sheet::BottomSheet;
use crate::i18n::vote::VoteMsg;
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use leptos::prelude::*;

/// The confirmation sheet. `casting` is the ballot's write: its pending flag disables the
/// button (a double tap casts once) and its error is shown above it.
#[component]
pub fn VoteConfirmSheet(
    /// The chosen candidates' titles.
    titles: Vec<String>,
    /// The write that casts the ballot.
    casting: Mutation,
    /// Called by 确认投票.
    on_confirm: Callback<()>,
    /// Called by 返回 (and the backdrop): back to the list, the choice kept.
    on_back: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let chosen = titles
        .into_iter()
        .map(|t| view! { <li>{t}</li> })
        .collect_view();
    view! {
        <BottomSheet title_id="confirm-title" title=VoteMsg::ConfirmTitle close=VoteMsg::Close on_close=on_back>
            <ul class="confirm-choices" data-testid="confirm-choices">
                {chosen}
            </ul>
            <p class="sheet-lead">{tr(VoteMsg::ConfirmHint)}</p>
            {move || {
                casting
                    .error()
                    .map(|e| {
                        // A refused choice says why in its field; anything else in general.
                        let text = e
                            .field_errors()
                            .first()
                            .map(|f| f.message.clone())
                            .unwrap_or_else(|| e.message(lang.get()));
                        view! { <p class="form-error" role="alert">{text}</p> }
                    })
            }}
            <div class="sheet-actions">
                <button
                    type="button"
                    class="button primary block big"
                    disabled=move || casting.pending()
                    on:click=move |_| on_confirm.run(())
                >
                    {tr_when(casting.pending_signal(), VoteMsg::Casting, VoteMsg::ConfirmVote)}
                </button>
                <button type="button" class="button block" on:click=move |_| on_back.run(())>
                    {tr(VoteMsg::Back)}
                </button>
            </div>
        </BottomSheet>
    }
}
