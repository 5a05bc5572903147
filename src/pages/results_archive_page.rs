//! `/results` (历期评选结果): every round with published results, newest first.

use crate::api;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::i18n::results::{version, ResultsMsg};
use crate::state::lang_context::{tr, use_lang};
use crate::state::remote::Remote;
use leptos::prelude::*;
use pingxuan_domain::time::format_date;

/// The archive.
#[component]
pub fn ResultsArchivePage() -> impl IntoView {
    let lang = use_lang();
    let archive = Remote::new(api::results::archive);
    view! {
        <div class="page results-archive-page">
            <h1 class="page-title">{tr(ResultsMsg::ArchiveTitle)}</h1>
            <p class="page-intro">{tr(ResultsMsg::ArchiveIntro)}</p>
            {move || match archive.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Err(error)) => view! {
                    <ErrorState error on_retry=Callback::new(move |_| archive.reload()) />
                }
                .into_any(),
                Some(Ok(a)) if a.rounds.is_empty() => view! {
                    <div class="card state-card empty">
                        <p class="state-title">{tr(ResultsMsg::NoResultsTitle)}</p>
                        <p class="state-hint">{tr(ResultsMsg::NoResultsHint)}</p>
                    </div>
                }
                .into_any(),
                Some(Ok(a)) => view! {
                    <ul class="link-list card" data-testid="results-archive">
                        {a
                            .rounds
                            .into_iter()
                            .map(|r| {
                                let (published, latest) = (r.published_at, r.latest_version);
                                view! {
                                    <li>
                                        <a class="link-row archive-row" href=format!("/results/{}", r.round_id)>
                                            <span class="archive-name">{r.round_name}</span>
                                            <span class="archive-meta">
                                                {move || format_date(published, lang.get())}
                                                {(latest > 1).then(|| view! {
                                                    " · " {move || version(lang.get(), latest)}
                                                })}
                                            </span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </div>
    }
}
