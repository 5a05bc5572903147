//! The office's part on a version's page: 批准 for a draft (in a confirm sheet), and
//! 本轮使用 for an approved version — pinning it for the current round, explained when
//! refused because field scoring runs. Departments see who decides instead.

use crate::api;
use crate::components::notice::Notice;
use crate::components::sheet_approve_sheet::SheetApproveSheet;
use crate::i18n::sheets::SheetMsg;
use crate::i18n::Msg;
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use pingxuan_domain::score_sheet::{RoundSheets, SheetStatus, SheetVersion};

/// The current round's pins (loaded once for the page).
pub type Pins = Remote<Option<RoundSheets>>;

/// Whether `id` is pinned for the current round.
pub fn in_use(pins: &Option<RoundSheets>, id: i64) -> bool {
    pins.as_ref()
        .is_some_and(|p| p.pinned.iter().any(|v| v.id == id))
}

/// The actions for `version`.
#[component]
pub fn SheetOfficeActions(
    version: SheetVersion,
    pins: Pins,
    /// Unsaved changes in the editor: approve what is saved, so save first.
    #[prop(into)]
    dirty: Signal<bool>,
    on_approved: Callback<SheetVersion>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let asking = RwSignal::new(false);
    let pin = Mutation::new();
    let (id, category) = (version.id, version.category);
    let draft = version.status == SheetStatus::Draft;
    let stored = StoredValue::new(version);
    let do_pin = move |round_id: i64| {
        let csrf = session.csrf();
        pin.run(async move {
            match api::sheets::pin(round_id, category, id, &csrf).await {
                Ok(answer) => {
                    pins.set(Some(answer));
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    let body = move || {
        if !session.is_admin() {
            return view! { <p class="muted">{tr(SheetMsg::OfficeOnly)}</p> }.into_any();
        }
        if draft {
            return view! {
                <button
                    type="button"
                    class="button primary block"
                    disabled=move || dirty.get()
                    on:click=move |_| asking.set(true)
                >
                    {tr(SheetMsg::Approve)}
                </button>
                <p class="field-hint" hidden=move || !dirty.get()>{tr(SheetMsg::SaveBeforeApprove)}</p>
            }
            .into_any();
        }
        match pins.get() {
            None => view! { <p class="muted">{tr(Msg::Loading)}</p> }.into_any(),
            Some(Err(e)) => {
                view! { <p class="form-error" role="alert">{move || e.message(lang.get())}</p> }
                    .into_any()
            }
            Some(Ok(None)) => view! { <p class="muted">{tr(SheetMsg::NoRound)}</p> }.into_any(),
            Some(Ok(Some(round))) => {
                let used = round.pinned.iter().any(|v| v.id == id);
                let locked = !round.editable && round.pinned.iter().any(|v| v.category == category);
                if used {
                    view! { <p class="notice ok" data-testid="pin-state">{tr(SheetMsg::Pinned)}</p> }.into_any()
                } else if locked {
                    view! { <p class="notice warn" data-testid="pin-state">{tr(SheetMsg::PinsLocked)}</p> }.into_any()
                } else {
                    let round_id = round.round_id;
                    view! {
                        <p class="field-hint">{tr(SheetMsg::PinHint)}</p>
                        <button
                            type="button"
                            class="button primary block"
                            disabled=move || pin.pending()
                            on:click=move |_| do_pin(round_id)
                        >
                            {tr_when(pin.pending_signal(), SheetMsg::Pinning, SheetMsg::Pin)}
                        </button>
                        <Notice mutation=pin errors_only=true />
                    }
                    .into_any()
                }
            }
        }
    };
    view! {
        <section class="card office-actions" aria-label=tr(SheetMsg::Approve)>
            {body}
        </section>
        {move || {
            asking
                .get()
                .then(|| {
                    view! {
                        <SheetApproveSheet
                            version=stored.get_value()
                            on_close=Callback::new(move |_| asking.set(false))
                            on_approved=Callback::new(move |v| {
                                asking.set(false);
                                on_approved.run(v);
                            })
                        />
                    }
                })
        }}
    }
}
