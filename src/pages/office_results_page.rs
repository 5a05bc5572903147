//! `/office/results` (结果审核与公布), admins only: pick a round (`?round=`, default the
//! current one); per category (`?category=`) the preview ranking as the data stand now —
//! rank, place and town, votes, the three scores, sheets, tier and tie-break — with each
//! candidate's sheets to exclude one with a reason, the unscored flagged; a ballot
//! excluded by its number; the exclusions with 撤销. The preview is fetched again after
//! each change. Then 公布 (in review, through a confirm sheet), the versions, 更正 with a
//! reason, the public page and the exports.

use crate::api::{self, ClientError};
use crate::components::admin_gate::AdminGate;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::office_results_exclusions::ExclusionList;
use crate::components::office_results_line::{OfficeResultLine, UnscoredLine};
use crate::components::office_results_sheets::{PublishSheet, ReasonSheet};
use crate::i18n::office_results::{available_from, points, OfficeResultsMsg as M};
use crate::i18n::results::{ranked_count, version, ResultsMsg};
use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use crate::state::mutation::Mutation;
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use pingxuan_domain::api::RoundView;
use pingxuan_domain::lang::Label;
use pingxuan_domain::results::{
    CorrectionRequest, ExclusionKind, ExclusionRequest, PreviewSheet, ResultsPreview,
};
use pingxuan_domain::time::{format_date, format_datetime};
use pingxuan_domain::{Category, Phase};

/// Which bottom sheet is open.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    ExcludeSheet(PreviewSheet),
    ExcludeBallot,
    Publish,
    Correct,
}

/// Whether version 1 may be published: only in review.
pub fn can_publish(phase: Phase) -> bool {
    phase == Phase::Review
}

/// The page: admins only.
#[component]
pub fn OfficeResultsPage() -> impl IntoView {
    view! {
        <div class="page office-results-page">
            <h1 class="page-title">{tr(M::Title)}</h1>
            <AdminGate external=true>
                <RoundChoice />
            </AdminGate>
        </div>
    }
}

/// Every round; the one asked for (`?round=`) or the newest.
#[component]
fn RoundChoice() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();
    let rounds = Remote::new(|| async { Ok(api::results::rounds().await?.rounds) });
    let asked = Memo::new(move |_| {
        query
            .read()
            .get("round")
            .and_then(|s| s.parse::<i64>().ok())
    });
    move || match rounds.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorState error on_retry=Callback::new(move |_| rounds.reload()) />
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint /> }.into_any()
        }
        Some(Ok(list)) => {
            let chosen = asked
                .get()
                .and_then(|id| list.iter().find(|r| r.id == id).cloned())
                .unwrap_or_else(|| list[0].clone());
            let id = chosen.id;
            let navigate = navigate.clone();
            let picker = (list.len() > 1).then(|| {
                let options = list
                    .iter()
                    .map(|r| {
                        let (rid, name, phase) = (r.id, r.name.clone(), r.phase);
                        view! {
                            <option value=rid.to_string() selected=rid == id>
                                {move || format!("{name}（{}）", phase.label(lang.get()))}
                            </option>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="field round-pick">
                        <label for="results-round" class="section-title">{tr(M::RoundLabel)}</label>
                        <select
                            id="results-round"
                            on:change=move |ev| {
                                navigate(&format!("/office/results?round={}", event_target_value(&ev)), Default::default())
                            }
                        >
                            {options}
                        </select>
                    </div>
                }
            });
            view! {
                {picker}
                <Workbench round=chosen />
            }
            .into_any()
        }
    }
}

/// One round's workbench: before field scoring, when the preview comes; after, the preview.
#[component]
fn Workbench(round: RoundView) -> impl IntoView {
    let lang = use_lang();
    if round.phase < Phase::FieldScoring {
        let starts = round.schedule.field_scoring.starts_at;
        return view! {
            <div class="card state-card empty" data-testid="results-not-yet">
                <p class="state-title">{tr(M::NotYetTitle)}</p>
                <p class="state-hint">{move || available_from(lang.get(), &format_date(starts, lang.get()))}</p>
            </div>
        }
        .into_any();
    }
    let id = round.id;
    let session = use_session();
    let preview = Remote::new(move || async move {
        let answer = api::results::preview(id).await;
        if let Err(e) = &answer {
            session.note_error(e);
        }
        answer
    });
    (move || match preview.get() {
        None => view! { <LoadingState /> }.into_any(),
        Some(Err(ClientError::Server { status: 409, .. })) => view! {
            <EmptyState title=Msg::NoRoundTitle hint=Msg::NoRoundHint />
        }
        .into_any(),
        Some(Err(error)) => view! {
            <ErrorState error on_retry=Callback::new(move |_| preview.reload()) />
        }
        .into_any(),
        Some(Ok(p)) => view! {
            <Review preview=p on_changed=Callback::new(move |_| preview.refresh()) />
        }
        .into_any(),
    })
    .into_any()
}

/// The loaded preview and every action on it.
#[component]
fn Review(preview: ResultsPreview, on_changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let query = use_query_map();
    // The first category with a ranking unless one is asked for.
    let first = preview
        .categories
        .iter()
        .find(|c| !c.lines.is_empty())
        .map_or(Category::Village, |c| c.category);
    let category = Memo::new(move |_| {
        query
            .read()
            .get("category")
            .and_then(|c| Category::parse(&c))
            .unwrap_or(first)
    });
    let p = StoredValue::new(preview);
    let (id, phase, complete) = p.with_value(|p| (p.round_id, p.phase, p.complete));
    let open = RwSignal::new(None::<Open>);
    let write = Mutation::new();
    let close = Callback::new(move |_| {
        write.clear();
        open.set(None);
    });
    let on_exclude = Callback::new(move |s: PreviewSheet| {
        write.clear();
        open.set(Some(Open::ExcludeSheet(s)));
    });

    // Runs a write; on success closes the sheet and fetches the preview again.
    let run = move |task: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<(), ClientError>>>,
    >| {
        write.run(async move {
            match task.await {
                Ok(()) => {
                    open.set(None);
                    on_changed.run(());
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    let exclude = move |kind: ExclusionKind, target: i64, reason: String| {
        let csrf = session.csrf();
        let request = ExclusionRequest {
            kind,
            id: target,
            reason,
        };
        run(Box::pin(async move {
            api::results::exclude(id, &request, &csrf).await.map(|_| ())
        }));
    };

    let phase_note = match phase {
        Phase::Review => M::PhaseReview,
        Phase::Published => M::PhasePublished,
        _ => M::PhaseFieldScoring,
    };
    let tabs = Category::ALL
        .into_iter()
        .map(|c| {
            view! {
                <a
                    class="tab"
                    href=format!("/office/results?round={id}&category={}", c.as_str())
                    aria-current=move || (category.get() == c).then_some("page")
                >
                    {move || c.label(lang.get())}
                </a>
            }
        })
        .collect_view();
    let lines = move || {
        let c = category.get();
        p.with_value(|p| {
            let Some(cr) = p.categories.iter().find(|r| r.category == c) else {
                return view! { <p class="muted">{tr(M::NoneRanked)}</p> }.into_any();
            };
            let sheets_of = |cand: i64| -> Vec<PreviewSheet> {
                p.sheets.iter().filter(|s| s.candidate_id == cand).cloned().collect()
            };
            let ranked = cr
                .lines
                .iter()
                .map(|l| {
                    view! { <OfficeResultLine line=l.clone() sheets=sheets_of(l.candidate_id) on_exclude /> }
                })
                .collect_view();
            let unscored: Vec<_> = p
                .unscored_candidates
                .iter()
                .filter(|u| cr.unscored.contains(&u.id))
                .cloned()
                .collect();
            let unscored_view = (!unscored.is_empty()).then(|| {
                let rows = unscored
                    .into_iter()
                    .map(|u| {
                        let sheets = sheets_of(u.id);
                        view! { <UnscoredLine candidate=u sheets on_exclude /> }
                    })
                    .collect_view();
                view! {
                    <section class="card unscored-card" data-testid="unscored">
                        <h2 class="results-h2">{tr(M::Unscored)}</h2>
                        <p class="muted">{tr(M::UnscoredHint)}</p>
                        <ul class="unscored-list">{rows}</ul>
                    </section>
                }
            });
            let empty = cr
                .lines
                .is_empty()
                .then(|| view! { <p class="card muted">{tr(M::NoneRanked)}</p> });
            let n = cr.lines.len() as u32;
            view! {
                <p class="list-summary">
                    {move || format!("{} · {}", c.list_title(lang.get()), ranked_count(lang.get(), n))}
                </p>
                {empty}
                <ol class="office-lines" data-testid="office-lines">{ranked}</ol>
                {unscored_view}
            }
            .into_any()
        })
    };

    let describe = Callback::new(move |(kind, target): (ExclusionKind, i64)| {
        (kind == ExclusionKind::Sheet)
            .then(|| {
                p.with_value(|p| {
                    let s = p.sheets.iter().find(|s| s.id == target)?;
                    let title = p
                        .categories
                        .iter()
                        .flat_map(|c| c.lines.iter())
                        .find(|l| l.candidate_id == s.candidate_id)
                        .map(|l| l.title.clone())
                        .or_else(|| {
                            p.unscored_candidates
                                .iter()
                                .find(|u| u.id == s.candidate_id)
                                .map(|u| u.title.clone())
                        })?;
                    Some(format!("{title} · {}", s.sub_group))
                })
            })
            .flatten()
    });
    let exclusions = p.with_value(|p| p.exclusions.clone());
    let versions = p.with_value(|p| p.versions.clone());
    let latest = versions.last().map(|v| v.version);
    let version_rows = versions
        .iter()
        .rev()
        .map(|v| {
            let (n, at, reason) = (v.version, v.published_at, v.reason.clone());
            view! {
                <li class="version-row" data-testid="office-version">
                    <strong>{move || version(lang.get(), n)}</strong>
                    " · "
                    {move || format_datetime(at, lang.get())}
                    {reason.map(|why| view! { <p class="version-reason">{why}</p> })}
                    <div class="button-row">
                        <a class="button small" href=api::results::export_csv_href(id, n) rel="external" download="">
                            {tr(M::ExportCsv)}
                        </a>
                        <a class="button small" href=api::results::export_xlsx_href(id, n) rel="external" download="">
                            {tr(M::ExportXlsx)}
                        </a>
                    </div>
                </li>
            }
        })
        .collect_view();
    let publication = view! {
        <section class="card publication-card" data-testid="publication">
            <h2 class="results-h2">{tr(M::VersionsTitle)}</h2>
            {if latest.is_none() {
                view! { <p class="muted">{tr(M::NoVersions)}</p> }.into_any()
            } else {
                view! {
                    <ul class="version-list">{version_rows}</ul>
                    <p class="muted small">{tr(M::ExportHint)}</p>
                }
                .into_any()
            }}
            <div class="button-row">
                {if latest.is_none() {
                    view! {
                        <button
                            type="button"
                            class="button primary"
                            disabled=!can_publish(phase)
                            on:click=move |_| {
                                write.clear();
                                open.set(Some(Open::Publish));
                            }
                        >
                            {tr(M::Publish)}
                        </button>
                    }
                    .into_any()
                } else {
                    view! {
                        <a class="button" href=format!("/results/{id}") rel="external">{tr(M::PublicPage)}</a>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| {
                                write.clear();
                                open.set(Some(Open::Correct));
                            }
                        >
                            {tr(M::Correct)}
                        </button>
                    }
                    .into_any()
                }}
            </div>
            {(latest.is_none() && !can_publish(phase)).then(|| view! { <p class="muted small">{tr(M::PublishOnlyInReview)}</p> })}
        </section>
    };

    let sheet = move || {
        let which = open.get()?;
        Some(match which {
            Open::ExcludeSheet(s) => {
                let (target, total) = (s.id, s.total);
                let title = describe.run((ExclusionKind::Sheet, target)).unwrap_or_default();
                let subject = format!("{title} · {}（#{target}）", points(lang.get_untracked(), total));
                view! {
                    <ReasonSheet
                        title=M::ExcludeSheetTitle
                        lead=M::ExcludeLead
                        label=M::Reason
                        confirm=M::ConfirmExclude
                        pending=M::Excluding
                        subject
                        danger=true
                        mutation=write
                        on_close=close
                        on_submit=Callback::new(move |(_, reason): (Option<i64>, String)| {
                            exclude(ExclusionKind::Sheet, target, reason)
                        })
                    />
                }
                .into_any()
            }
            Open::ExcludeBallot => view! {
                <ReasonSheet
                    title=M::ExcludeBallotTitle
                    lead=M::ExcludeLead
                    label=M::Reason
                    confirm=M::ConfirmExclude
                    pending=M::Excluding
                    ask_ballot=true
                    danger=true
                    mutation=write
                    on_close=close
                    on_submit=Callback::new(move |(ballot, reason): (Option<i64>, String)| {
                        if let Some(b) = ballot {
                            exclude(ExclusionKind::Ballot, b, reason)
                        }
                    })
                />
            }
            .into_any(),
            Open::Publish => view! {
                <PublishSheet
                    incomplete=!complete
                    mutation=write
                    on_close=close
                    on_confirm=Callback::new(move |_| {
                        let csrf = session.csrf();
                        run(Box::pin(async move { api::results::publish(id, &csrf).await.map(|_| ()) }));
                    })
                />
            }
            .into_any(),
            Open::Correct => view! {
                <ReasonSheet
                    title=M::CorrectTitle
                    lead=M::CorrectLead
                    label=M::CorrectionReason
                    confirm=M::ConfirmCorrect
                    pending=M::Correcting
                    mutation=write
                    on_close=close
                    on_submit=Callback::new(move |(_, reason): (Option<i64>, String)| {
                        let csrf = session.csrf();
                        let request = CorrectionRequest { reason };
                        run(Box::pin(async move { api::results::correct(id, &request, &csrf).await.map(|_| ()) }));
                    })
                />
            }
            .into_any(),
        })
    };

    view! {
        <p class="card card-lead">{tr(M::Intro)}</p>
        <p class="notice" data-testid="results-phase">{tr(phase_note)}</p>
        {(!complete).then(|| view! { <p class="notice warn" role="status">{tr(M::Incomplete)}</p> })}
        <nav class="tabs" aria-label=tr(ResultsMsg::NavResults)>{tabs}</nav>
        <div class="office-category">{lines}</div>
        <section class="card">
            <h2 class="results-h2">{tr(M::ExclusionsTitle)}</h2>
            <ExclusionList round_id=id exclusions describe on_changed />
            <div class="button-row">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        write.clear();
                        open.set(Some(Open::ExcludeBallot));
                    }
                >
                    {tr(M::ExcludeBallot)}
                </button>
            </div>
        </section>
        {publication}
        {sheet}
    }
}
