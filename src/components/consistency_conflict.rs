//! A conflicting resend: the stored sheet and the different body sent under its id, side
//! by side (who, when, total, the items scored differently, notes), with 采用新版本 and
//! 保留原版本 — each confirmed in a sheet that requires a reason.

use crate::api;
use crate::components::bottom_sheet::BottomSheet;
use crate::components::fraud_ballots::cast_time;
use crate::components::notice::Notice;
use crate::components::text_area_field::TextAreaField;
use crate::forms::field_errors::message_for;
use crate::i18n::teams::TeamsMsg;
use crate::i18n::{Msg, Text};
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use pingxuan_domain::field::{
    ConflictKeep, ConflictSide, OpenConflict, ResolveConflict, MAX_RESOLVE_REASON_CHARS,
};
use pingxuan_domain::lang::Label;

/// The card. `on_resolved` runs once the server has resolved it.
#[component]
pub fn ConflictCard(
    round_id: i64,
    conflict: OpenConflict,
    resolvable: bool,
    on_resolved: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let asking = RwSignal::new(None::<ConflictKeep>);
    let side = |label: TeamsMsg, s: &ConflictSide| {
        let total = s.total.map_or("–".to_owned(), |t| t.to_string());
        view! {
            <div class="conflict-side">
                <p class="eyebrow">{tr(label)}</p>
                <p class="conflict-total">{total}</p>
                <p class="muted">{s.submitted_by.clone()} " · " {cast_time(s.received_at)}</p>
                {s
                    .body
                    .note
                    .clone()
                    .map(|n| view! { <p class="conflict-note">{tr(TeamsMsg::Note)} "：" {n}</p> })}
            </div>
        }
    };
    let sides = view! {
        <div class="conflict-sides">
            {side(TeamsMsg::Stored, &conflict.stored)} {side(TeamsMsg::Incoming, &conflict.incoming)}
        </div>
    };
    let differing: Vec<_> = conflict
        .items
        .iter()
        .filter(|i| i.stored != i.incoming)
        .cloned()
        .collect();
    let items = if differing.is_empty() {
        view! { <p class="muted">{tr(TeamsMsg::NoDiffItems)}</p> }.into_any()
    } else {
        let rows = differing
            .into_iter()
            .map(|i| {
                let p = |x: Option<u32>| x.map_or("–".to_owned(), |x| x.to_string());
                view! {
                    <li class="diff-row">
                        <span class="cmp-item">{i.text}</span>
                        <span class="cmp-cell">{p(i.stored)}</span>
                        <span class="cmp-cell">{p(i.incoming)}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="eyebrow">{tr(TeamsMsg::DiffItems)}</p>
            <ul class="diff-list">{rows}</ul>
        }
        .into_any()
    };
    let corrected = conflict.replaced_by.is_some();
    let actions = if !resolvable {
        view! { <p class="muted">{tr(TeamsMsg::Closed)}</p> }.into_any()
    } else {
        view! {
            {corrected.then(|| view! { <p class="muted">{tr(TeamsMsg::AlreadyCorrected)}</p> })}
            <div class="button-row">
                <button
                    type="button"
                    class="button primary"
                    disabled=corrected
                    on:click=move |_| asking.set(Some(ConflictKeep::Incoming))
                >
                    {tr(TeamsMsg::KeepIncoming)}
                </button>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| asking.set(Some(ConflictKeep::Stored))
                >
                    {tr(TeamsMsg::KeepStored)}
                </button>
            </div>
        }
        .into_any()
    };
    let (id, c) = (conflict.id, conflict.candidate);
    let category = c.category;
    view! {
        <article class="card conflict" data-testid="conflict">
            <h3 class="card-title">{c.title}</h3>
            <p class="muted">
                {move || category.label(lang.get())} " · " {conflict.work_group_name} " · "
                {conflict.sub_group_name}
            </p>
            {sides}
            {items}
            {actions}
            {move || {
                asking
                    .get()
                    .map(|keep| {
                        view! {
                            <ResolveSheet
                                round_id
                                conflict_id=id
                                keep
                                on_close=Callback::new(move |_| asking.set(None))
                                on_resolved
                            />
                        }
                    })
            }}
        </article>
    }
}

/// The confirm sheet: what the choice does, and the required reason.
#[component]
fn ResolveSheet(
    round_id: i64,
    conflict_id: i64,
    keep: ConflictKeep,
    on_close: Callback<()>,
    on_resolved: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let send = Mutation::new();
    let request = move || ResolveConflict {
        keep,
        reason: reason.get_untracked(),
    };
    let error = Signal::derive(move || {
        let fits = reason.with(|r| request_fits(keep, r));
        (attempted.get() && !fits)
            .then(|| TeamsMsg::ReasonLength.text(lang.get()).to_owned())
            .or_else(|| {
                send.error()
                    .and_then(|e| message_for(e.field_errors(), "reason"))
            })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let req = request();
        if req.reason().is_err() {
            return;
        }
        let csrf = session.csrf();
        send.run(async move {
            match api::teams::resolve(round_id, conflict_id, &req, &csrf).await {
                Ok(_) => {
                    on_resolved.run(());
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    let (title, lead) = match keep {
        ConflictKeep::Incoming => (
            TeamsMsg::ConfirmIncomingTitle,
            TeamsMsg::ConfirmIncomingLead,
        ),
        ConflictKeep::Stored => (TeamsMsg::ConfirmStoredTitle, TeamsMsg::ConfirmStoredLead),
    };
    let confirm = match keep {
        ConflictKeep::Incoming => TeamsMsg::KeepIncoming,
        ConflictKeep::Stored => TeamsMsg::KeepStored,
    };
    let reason_id = "resolve-reason";
    view! {
        <BottomSheet title_id="resolve-title" title close=TeamsMsg::Close on_close>
            <p class="sheet-lead">{tr(lead)}</p>
            <form class="form" novalidate=true on:submit=submit>
                <TextAreaField
                    id=reason_id
                    label=tr(TeamsMsg::Reason)
                    value=reason
                    on_input=Callback::new(move |v| reason.set(v))
                    on_blur=Callback::new(|_| {})
                    error
                    max_chars=MAX_RESOLVE_REASON_CHARS
                />
                <Notice mutation=send errors_only=true />
                <div class="sheet-actions">
                    <button type="submit" class="button primary block" disabled=move || send.pending()>
                        {tr_when(send.pending_signal(), TeamsMsg::Resolving, confirm)}
                    </button>
                    <button type="button" class="button block" on:click=move |_| on_close.run(())>
                        {tr(Msg::Cancel)}
                    </button>
                </div>
            </form>
        </BottomSheet>
    }
}

/// Whether the reason is one the server takes (the domain's own check).
fn request_fits(keep: ConflictKeep, reason: &str) -> bool {
    ResolveConflict {
        keep,
        reason: reason.to_owned(),
    }
    .reason()
    .is_ok()
}
