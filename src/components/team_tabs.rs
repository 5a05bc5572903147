//! The two field-scoring pages of the office side by side: 工作组与分配 and 评分核对.

use crate::i18n::teams::TeamsMsg;
use crate::state::lang_context::tr;
use leptos::prelude::*;
use leptos_router::components::A;

/// Links between `/office/teams` and `/office/consistency`; the current one is marked.
#[component]
pub fn FieldTabs() -> impl IntoView {
    view! {
        <nav class="field-tabs" aria-label=tr(TeamsMsg::NavField)>
            <A href="/office/teams" attr:class="tab">
                {tr(TeamsMsg::TabTeams)}
            </A>
            <A href="/office/consistency" attr:class="tab">
                {tr(TeamsMsg::TabConsistency)}
            </A>
        </nav>
    }
}

/// The four categories as tabs (buttons: the page keeps which one is shown).
#[component]
pub fn CategoryTabs(category: RwSignal<pingxuan_domain::Category>) -> impl IntoView {
    use crate::state::lang_context::use_lang;
    use pingxuan_domain::lang::Label;
    let lang = use_lang();
    pingxuan_domain::Category::ALL
        .into_iter()
        .map(|c| {
            view! {
                <button
                    type="button"
                    class="tab"
                    aria-current=move || (category.get() == c).then_some("page")
                    on:click=move |_| category.set(c)
                >
                    {move || c.label(lang.get())}
                </button>
            }
        })
        .collect_view()
}
