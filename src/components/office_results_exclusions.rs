//! The round's exclusions (排除记录), newest first: what, why, who and when; active ones
//! with 撤销 (the item counts again), withdrawn ones marked. A failed withdrawal says why
//! next to its row.

use crate::api::{self, ClientError};
use crate::i18n::office_results::{target, OfficeResultsMsg as M};
use crate::state::lang_context::{tr, use_lang};
use crate::state::session_context::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use pingxuan_domain::results::Exclusion;
use pingxuan_domain::time::format_datetime;

/// The list. `on_changed` runs after a withdrawal (the preview is fetched again).
#[component]
pub fn ExclusionList(
    round_id: i64,
    exclusions: Vec<Exclusion>,
    /// Describes a target (e.g. a sheet's candidate and sub-group), when known.
    describe: Callback<(pingxuan_domain::results::ExclusionKind, i64), Option<String>>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    // The row being withdrawn, and the last failure with its row.
    let busy = RwSignal::new(None::<i64>);
    let failed = RwSignal::new(None::<(i64, ClientError)>);
    if exclusions.is_empty() {
        return view! { <p class="muted">{tr(M::NoExclusions)}</p> }.into_any();
    }
    let rows = exclusions
        .into_iter()
        .map(|x| {
            let id = x.id;
            let what = describe.run((x.kind, x.target_id));
            let (kind, target_id, at) = (x.kind, x.target_id, x.excluded_at);
            let withdrawn = x.withdrawn_at.is_some();
            let withdraw = move |_| {
                if busy.get_untracked().is_some() {
                    return;
                }
                busy.set(Some(id));
                failed.set(None);
                let csrf = session.csrf();
                spawn_local_scoped(async move {
                    match api::results::withdraw(round_id, id, &csrf).await {
                        Ok(()) => on_changed.run(()),
                        Err(e) => {
                            session.note_error(&e);
                            failed.try_set(Some((id, e)));
                        }
                    }
                    busy.try_set(None);
                });
            };
            view! {
                <li class="exclusion-row" class:withdrawn=withdrawn data-testid="exclusion">
                    <div class="exclusion-what">
                        <strong>{move || target(lang.get(), kind, target_id)}</strong>
                        {what.map(|w| view! { " · " {w} })}
                        {withdrawn.then(|| view! { " " <span class="tag">{tr(M::Withdrawn)}</span> })}
                    </div>
                    <p class="exclusion-reason">{x.reason}</p>
                    <p class="muted small">
                        {x.excluded_by} " · " {move || format_datetime(at, lang.get())}
                    </p>
                    {(!withdrawn).then(|| view! {
                        <button
                            type="button"
                            class="button small"
                            disabled=move || busy.get().is_some()
                            on:click=withdraw
                        >
                            {move || lang.t(if busy.get() == Some(id) { M::Withdrawing } else { M::Withdraw })}
                        </button>
                    })}
                    {move || failed.with(|f| f.as_ref().filter(|(row, _)| *row == id).map(|(_, e)| {
                        let l = lang.get();
                        view! { <p class="form-error" role="alert">{e.message(l)}</p> }
                    }))}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="exclusion-list">{rows}</ul> }.into_any()
}
