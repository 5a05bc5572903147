//! The strip under the field app's header, on every page: online or offline, and the
//! 待同步 badge — how many finalised sheets the server has not confirmed yet — which
//! leads to the outbox.

use crate::i18n::field::FieldMsg;
use crate::state::field_context::use_field;
use crate::state::lang_context::{tr, tr_when};
use leptos::prelude::*;

/// Network state and the outbox badge.
#[component]
pub fn FieldStatusBar() -> impl IntoView {
    let field = use_field();
    let online = move || field.online.get();
    let pending = move || field.pending();
    view! {
        <div class="field-status" role="status">
            <span class="net" class:off=move || !online()>
                <span class="net-dot" aria-hidden="true"></span>
                {tr_when(Signal::derive(online), FieldMsg::Online, FieldMsg::Offline)}
            </span>
            <a href="/field/outbox" class="outbox-badge" data-testid="outbox-badge">
                {tr(FieldMsg::WaitingBadge)}
                <span class="badge-count" class:zero=move || pending() == 0>
                    {pending}
                </span>
            </a>
        </div>
    }
}
