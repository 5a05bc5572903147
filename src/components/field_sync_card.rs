//! The sync card on the assignments page: where the outbox stands in plain words, the
//! progress of a run (第 n / m 份, the photo's percentage), and 立即同步.

use crate::i18n::field::{photo_progress, sheet_of, synced_count, FieldMsg};
use crate::i18n::Text;
use crate::state::field_context::{use_field, SyncState};
use crate::state::lang_context::{tr, tr_when, use_lang};
use leptos::prelude::*;

/// The outbox's state and the button that sends it.
#[component]
pub fn FieldSyncCard(
    /// Leaves out the link to the outbox (on the outbox page itself).
    #[prop(optional)]
    on_outbox: bool,
) -> impl IntoView {
    let lang = use_lang();
    let field = use_field();
    let running = move || matches!(field.sync.get(), SyncState::Running(_));
    let line = move || {
        let l = lang.get();
        let pending = field.pending();
        match field.sync.get() {
            SyncState::Running(p) => {
                let mut s = format!(
                    "{} {}",
                    FieldMsg::Syncing.text(l),
                    sheet_of(l, p.sheet, p.of)
                );
                if let Some((k, n, percent)) = p.photo {
                    s.push_str(" · ");
                    s.push_str(&photo_progress(l, k, n, percent));
                }
                s
            }
            SyncState::Offline if pending > 0 => FieldMsg::SyncOffline.text(l).to_owned(),
            SyncState::SignIn if pending > 0 => FieldMsg::SyncSignIn.text(l).to_owned(),
            SyncState::Failed(why) if pending > 0 => {
                format!("{}{why}", FieldMsg::SyncRetryLater.text(l))
            }
            SyncState::Done(n) if n > 0 && pending == 0 => {
                format!("{}{}", synced_count(l, n), FieldMsg::AllSynced.text(l))
            }
            _ if pending > 0 => FieldMsg::QueuedHint.text(l).to_owned(),
            _ if field.outbox.with(|o| o.is_empty()) => FieldMsg::NothingToSync.text(l).to_owned(),
            _ => FieldMsg::AllSynced.text(l).to_owned(),
        }
    };
    let percent = move || match field.sync.get() {
        SyncState::Running(p) => Some(
            ((p.sheet - 1) * 100 + p.photo.map_or(0, |(_, _, pc)| pc as usize / 2)) / p.of.max(1),
        ),
        _ => None,
    };
    let warn = move || {
        matches!(field.sync.get(), SyncState::Failed(_) | SyncState::SignIn) && field.pending() > 0
    };
    view! {
        <section class="card field-sync" aria-labelledby="sync-title">
            <div class="field-sync-head">
                <h2 class="card-title" id="sync-title">{tr(FieldMsg::SyncTitle)}</h2>
                <span class="sync-count" data-testid="sync-count">
                    {move || format!("{} {}", FieldMsg::WaitingBadge.text(lang.get()), field.pending())}
                </span>
            </div>
            <p class="sync-line" class:warn=warn role="status" aria-live="polite" data-testid="sync-line">
                {line}
            </p>
            {move || {
                percent()
                    .map(|p| view! { <progress class="sync-progress" max="100" value=p.to_string()></progress> })
            }}
            <div class="button-row">
                <button
                    type="button"
                    class="button primary"
                    disabled=move || running() || field.pending() == 0
                    on:click=move |_| {
                        field.sync.set(SyncState::Idle);
                        field.sync_now();
                    }
                >
                    {tr_when(Signal::derive(running), FieldMsg::Syncing, FieldMsg::SyncNow)}
                </button>
                {(!on_outbox)
                    .then(|| view! { <a href="/field/outbox" class="button subtle">{tr(FieldMsg::SeeOutbox)}</a> })}
            </div>
        </section>
    }
}
