//! What every part of the screening page shares: the category's view as the server last
//! sent it, the shortlist being written, and the decisions (merge, split, reject) that
//! change the view — each answered with the new view, so nothing is fetched twice.

use crate::api;
use crate::forms::screening_shortlist::{find_place, ShortlistDraft};
use crate::i18n::Msg;
use crate::state::mutation::Mutation;
use crate::state::session_context::{use_session, SessionContext};
use leptos::prelude::*;
use pingxuan_domain::nomination::PlaceChoice;
use pingxuan_domain::screening::ScreeningView;
use pingxuan_domain::{Category, Phase};

/// A line of text with `class` (a hint, an error), or nothing. Every such line on the
/// page renders through this one function, which keeps the wasm small.
pub fn line(class: &'static str, text: Option<String>) -> AnyView {
    match text {
        Some(t) => view! { <p class=class>{t}</p> }.into_any(),
        None => ().into_any(),
    }
}

/// Which of the page's two halves is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// Residents' nominations by place, duplicates, merge / split / reject, 入选.
    Places,
    /// The candidates' titles, descriptions and covers, and saving the list.
    Shortlist,
}

/// The form open under one nomination (one at a time on the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NominationForm {
    Split(i64),
    Reject(i64),
}

/// A merge that can still be taken back: the nominations that moved, and the list as
/// it was before.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeUndo {
    pub from: i64,
    pub from_name: String,
    pub into_name: String,
    pub nominations: Vec<i64>,
    pub draft_before: ShortlistDraft,
}

/// The page's shared state; all handles, so it is `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct Screening {
    pub round_id: i64,
    pub category: Category,
    /// Where the round stands (what a locked list is waiting for, or past).
    pub phase: Phase,
    pub data: RwSignal<ScreeningView>,
    pub draft: RwSignal<ShortlistDraft>,
    /// The list as last saved, to tell unsaved changes.
    pub saved: RwSignal<ShortlistDraft>,
    pub half: RwSignal<Half>,
    /// Places whose nominations are unfolded.
    pub expanded: RwSignal<Vec<i64>>,
    pub form: RwSignal<Option<NominationForm>>,
    pub undo: RwSignal<Option<MergeUndo>>,
    /// Merge, split, reject and undo: one at a time.
    pub decision: Mutation,
    pub session: SessionContext,
}

impl Screening {
    /// The state for a freshly loaded view.
    pub fn new(view: ScreeningView, phase: Phase) -> Screening {
        let draft = ShortlistDraft::from_view(&view);
        Screening {
            round_id: view.round_id,
            category: view.category,
            phase,
            saved: RwSignal::new(draft.clone()),
            draft: RwSignal::new(draft),
            data: RwSignal::new(view),
            half: RwSignal::new(Half::Places),
            expanded: RwSignal::new(Vec::new()),
            form: RwSignal::new(None),
            undo: RwSignal::new(None),
            decision: Mutation::new(),
            session: use_session(),
        }
    }

    /// True when nothing can change any more, or not yet (reactive).
    pub fn locked(self) -> bool {
        self.data.with(|v| v.locked)
    }

    /// How many candidates the list must have (reactive).
    pub fn size(self) -> usize {
        self.data.with(|v| v.shortlist_size as usize)
    }

    /// How many candidates are picked (reactive).
    pub fn picked(self) -> usize {
        self.draft.with(ShortlistDraft::len)
    }

    /// True when the list differs from the saved one (reactive).
    pub fn unsaved(self) -> bool {
        self.draft
            .with(|d| self.saved.with(|s| d.input() != s.input()))
    }

    /// The place's name in the current view, if it is nominated.
    pub fn place_name(self, place_id: i64) -> String {
        self.data.with_untracked(|v| {
            find_place(v, place_id)
                .map(|p| p.place.name.clone())
                .unwrap_or_default()
        })
    }

    /// Merges `from` into `into`, offering to take it back.
    pub fn merge(self, from: i64, into: i64) {
        let (from_place, into_place) = self.data.with_untracked(|v| {
            (
                find_place(v, from).cloned(),
                find_place(v, into).map(|p| p.place.clone()),
            )
        });
        let (Some(from_place), Some(into_place)) = (from_place, into_place) else {
            return;
        };
        let undo = MergeUndo {
            from,
            from_name: from_place.place.name.clone(),
            into_name: into_place.name.clone(),
            nominations: from_place.nominations.iter().map(|n| n.id).collect(),
            draft_before: self.draft.get_untracked(),
        };
        self.undo.set(None);
        self.decide(
            move |csrf| async move {
                api::screening::merge(self.round_id, self.category, from, into, &csrf).await
            },
            move || {
                self.draft.update(|d| d.after_merge(from, &into_place));
                self.undo.set(Some(undo));
            },
        );
    }

    /// Takes the last merge back: its nominations return to their own place.
    pub fn undo_merge(self) {
        let Some(undo) = self.undo.get_untracked() else {
            return;
        };
        let MergeUndo {
            from,
            nominations,
            draft_before,
            ..
        } = undo;
        self.decide(
            move |csrf| async move {
                let mut view = None;
                for id in nominations {
                    let place = PlaceChoice::Registered { place_id: from };
                    view = Some(
                        api::screening::split(self.round_id, self.category, id, place, &csrf)
                            .await?,
                    );
                }
                view.ok_or(api::ClientError::BadResponse { status: 0 })
            },
            move || {
                self.draft.set(draft_before);
                self.undo.set(None);
            },
        );
    }

    /// Moves one nomination to another place.
    pub fn split(self, nomination_id: i64, place: PlaceChoice) {
        self.decide(
            move |csrf| async move {
                api::screening::split(self.round_id, self.category, nomination_id, place, &csrf)
                    .await
            },
            move || self.form.set(None),
        );
    }

    /// Sets a nomination aside with the reason.
    pub fn reject(self, nomination_id: i64, reason: String) {
        self.decide(
            move |csrf| async move {
                api::screening::reject(self.round_id, self.category, nomination_id, reason, &csrf)
                    .await
            },
            move || self.form.set(None),
        );
    }

    /// Sends one decision; on success shows the view it answers with and runs `done`.
    fn decide<F, Fut>(self, send: F, done: impl FnOnce() + 'static)
    where
        F: FnOnce(String) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<ScreeningView, api::ClientError>> + 'static,
    {
        let session = self.session;
        let csrf = session.csrf();
        self.decision.run(async move {
            match send(csrf).await {
                Ok(view) => {
                    self.data.set(view);
                    done();
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    }
}
