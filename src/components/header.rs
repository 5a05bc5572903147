//! The top bar: the app's name and the 中文/EN language switch.

use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::Lang;

/// The app header. The language switch is a pair of toggle buttons so each has a
/// clear name and its pressed state is announced. In the staff app the brand links to
/// the public site, another app: `external` makes that a full page load.
#[component]
pub fn Header(#[prop(optional)] external: bool) -> impl IntoView {
    let lang = use_lang();
    let pressed = move |l: Lang| move || if lang.get() == l { "true" } else { "false" };
    view! {
        <header class="app-header">
            <a class="brand" href="/" rel=external.then_some("external")>
                <span class="brand-mark" aria-hidden="true">"评"</span>
                <span class="brand-name">{tr(Msg::AppName)}</span>
            </a>
            <div class="lang-toggle" role="group" aria-label=tr(Msg::LanguageGroup)>
                <button
                    type="button"
                    lang="zh-CN"
                    aria-pressed=pressed(Lang::Zh)
                    on:click=move |_| lang.set(Lang::Zh)
                >
                    "中文"
                </button>
                <button
                    type="button"
                    lang="en"
                    aria-pressed=pressed(Lang::En)
                    on:click=move |_| lang.set(Lang::En)
                >
                    "EN"
                </button>
            </div>
        </header>
    }
}
