//! A button that asks before doing something that cannot be undone.

use crate::i18n::Msg;
use crate::state::lang_context::tr;
use leptos::html;
use leptos::prelude::*;

/// First tap shows the question with 确认 and 取消; only 确认 calls `on_confirm`.
#[component]
pub fn ConfirmButton(
    /// The button's name, e.g. 进入下一阶段：部门筛选.
    #[prop(into)]
    label: TextProp,
    /// The question asked before going ahead.
    #[prop(into)]
    question: TextProp,
    /// The button's name while the action runs, e.g. 正在切换….
    #[prop(into)]
    pending_label: TextProp,
    #[prop(optional, into)] pending: Signal<bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// Styles the button as the main action of its card.
    #[prop(optional)]
    primary: bool,
    /// Called when the person confirms.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let (asking, set_asking) = signal(false);
    let confirm_ref = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if asking.get() {
            if let Some(button) = confirm_ref.get() {
                let _ = button.focus();
            }
        }
    });
    let class = if primary { "button primary" } else { "button" };
    view! {
        <div class="confirm">
            <Show
                when=move || asking.get()
                fallback=move || {
                    let (label, pending_label) = (label.clone(), pending_label.clone());
                    view! {
                        <button
                            type="button"
                            class=class
                            disabled=move || disabled.get() || pending.get()
                            on:click=move |_| set_asking.set(true)
                        >
                            {move || if pending.get() { pending_label.get() } else { label.get() }}
                        </button>
                    }
                }
            >
                <div
                    class="confirm-box"
                    role="group"
                    aria-label={
                        let q = question.clone();
                        move || q.get().to_string()
                    }
                >
                    <p class="confirm-question">
                        {
                            let q = question.clone();
                            move || q.get()
                        }
                    </p>
                    <div class="button-row">
                        <button
                            node_ref=confirm_ref
                            type="button"
                            class="button primary"
                            on:click=move |_| {
                                set_asking.set(false);
                                on_confirm.run(());
                            }
                        >
                            {tr(Msg::Confirm)}
                        </button>
                        <button type="button" class="button" on:click=move |_| set_asking.set(false)>
                            {tr(Msg::Cancel)}
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
