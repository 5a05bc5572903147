//! `/field/outbox` (同步记录): every finalised sheet on this phone, newest first, with
//! where it stands — waiting, synced, refused with the server's reason, or in conflict —
//! the sync card, and 导出文件 for each as a last resort.

use crate::components::field_record_card::FieldRecordCard;
use crate::components::field_sync_card::FieldSyncCard;
use crate::components::loading_state::LoadingState;
use crate::i18n::field::FieldMsg;
use crate::state::field_context::use_field;
use crate::state::lang_context::tr;
use leptos::prelude::*;

/// The outbox.
#[component]
pub fn FieldOutboxPage() -> impl IntoView {
    let field = use_field();
    let records = move || {
        let mut all = field.outbox.get();
        all.sort_by(|a, b| b.queued_at.total_cmp(&a.queued_at));
        all
    };
    let title_of = move |id: i64| {
        field
            .candidate(id)
            .map(|c| c.title)
            .unwrap_or_else(|| format!("#{id}"))
    };
    view! {
        <div class="page field-page">
            <a href="/field/" class="back-link">{tr(FieldMsg::BackToList)}</a>
            <h1 class="page-title">{tr(FieldMsg::OutboxTitle)}</h1>
            <FieldSyncCard on_outbox=true />
            {move || {
                if !field.loaded.get() {
                    return view! { <LoadingState /> }.into_any();
                }
                let list = records();
                if list.is_empty() {
                    return view! {
                        <div class="card state-card empty">
                            <p class="state-title">{tr(FieldMsg::OutboxEmptyTitle)}</p>
                            <p class="state-hint">{tr(FieldMsg::OutboxEmptyHint)}</p>
                        </div>
                    }
                        .into_any();
                }
                list.into_iter()
                    .map(|r| {
                        let title = title_of(r.candidate_id());
                        view! { <FieldRecordCard record=r title with_title=true /> }
                    })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}
