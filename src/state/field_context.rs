//! The field app's shared state: the session, the bundle downloaded for offline work, the
//! drafts and the outbox — read from IndexedDB when the app starts, so everything is
//! there with no network, and written back on every change.
//!
//! On start (and on the `online` event) the app asks who is signed in, downloads a fresh
//! bundle when it can, and syncs the outbox ([`crate::state::field_sync`]).

use crate::api::{self, ClientError};
use crate::browser::field_store::{self, Store, BUNDLE_KEY};
use crate::browser::service_worker;
use crate::forms::field_sheet_draft::SheetDraft;
use crate::state::field_outbox::{OutboxRecord, OutboxStatus, SyncProgress};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use pingxuan_domain::api::SessionResponse;
use pingxuan_domain::field::{FieldBundle, FieldCandidate};
use pingxuan_domain::score_sheet::SheetVersion;
use pingxuan_domain::Role;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::future::Future;

/// Who downloaded the bundle and when: kept beside it on the phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleMeta {
    pub username: String,
    pub display_name: String,
    /// Phone time (ms) of the download.
    pub fetched_at: f64,
}

/// The bundle as kept on the phone (its text as the server wrote it, under
/// [`BUNDLE_KEY`]; the meta under [`META_KEY`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SavedBundle {
    pub bundle: FieldBundle,
    pub meta: BundleMeta,
}

/// Where the bundle's meta is kept in [`Store::Kv`].
const META_KEY: &str = "bundle-meta";

/// Who is signed in, as far as the app knows.
#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    /// Not asked yet, or no network to ask: the saved bundle is used meanwhile.
    Unknown,
    SignedIn(SessionResponse),
    SignedOut,
}

/// Where syncing stands, for the sync card and the badge.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncState {
    Idle,
    Running(SyncProgress),
    /// The last run sent this many sheets and nothing is waiting.
    Done(usize),
    /// No network: the sheets wait.
    Offline,
    /// The session is gone: sign in again.
    SignIn,
    /// The last run stopped for this reason (Chinese, from the server or ours); it is
    /// tried again by itself.
    Failed(String),
}

/// A candidate's sheet status on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetStatus {
    NotStarted,
    Draft,
    Queued,
    Synced,
    Conflict,
    Refused,
}

/// The field app's state, shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct FieldContext {
    /// IndexedDB has been read.
    pub loaded: RwSignal<bool>,
    pub saved: RwSignal<Option<SavedBundle>>,
    pub session: RwSignal<Session>,
    /// A bundle download in flight, and how the last one failed.
    pub refreshing: RwSignal<bool>,
    pub refresh_error: RwSignal<Option<ClientError>>,
    pub drafts: RwSignal<BTreeMap<i64, SheetDraft>>,
    pub outbox: RwSignal<Vec<OutboxRecord>>,
    pub sync: RwSignal<SyncState>,
    pub online: RwSignal<bool>,
    /// Set when writing to IndexedDB failed: the person must know nothing was kept.
    pub storage_failed: RwSignal<bool>,
    /// The shell's owner: background work runs under it, outliving the page that asked.
    owner: StoredValue<Option<Owner>>,
}

impl FieldContext {
    /// Runs `task` under the shell's owner, so leaving a page does not abort it.
    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        match self.owner.get_value() {
            Some(owner) => owner.with(|| spawn_local_scoped(task)),
            None => spawn_local_scoped(task),
        }
    }

    /// The CSRF token of the session, when signed in.
    pub fn csrf(self) -> Option<String> {
        self.session.with_untracked(|s| match s {
            Session::SignedIn(r) => Some(r.csrf_token.clone()),
            _ => None,
        })
    }

    /// The candidate with `id` in the saved bundle (reactive).
    pub fn candidate(self, id: i64) -> Option<FieldCandidate> {
        self.saved.with(|s| {
            s.as_ref()
                .and_then(|s| s.bundle.candidates.iter().find(|c| c.id == id).cloned())
        })
    }

    /// The pinned sheet version for a candidate's category (reactive).
    pub fn sheet_for(self, candidate: &FieldCandidate) -> Option<SheetVersion> {
        self.saved.with(|s| {
            s.as_ref().and_then(|s| {
                s.bundle
                    .sheets
                    .iter()
                    .find(|v| v.category == candidate.category)
                    .cloned()
            })
        })
    }

    /// The newest outbox record for a candidate (reactive).
    pub fn latest_record(self, candidate_id: i64) -> Option<OutboxRecord> {
        self.outbox.with(|o| {
            o.iter()
                .filter(|r| r.candidate_id() == candidate_id)
                .max_by(|a, b| a.queued_at.total_cmp(&b.queued_at))
                .cloned()
        })
    }

    /// Where a candidate's sheet stands (reactive).
    pub fn status(self, candidate_id: i64) -> SheetStatus {
        let record = self.latest_record(candidate_id).map(|r| r.status);
        let draft = self
            .drafts
            .with(|d| d.get(&candidate_id).is_some_and(|d| !d.is_blank()));
        let received = self.saved.with(|s| {
            s.as_ref().is_some_and(|s| {
                s.bundle
                    .received
                    .iter()
                    .any(|r| r.candidate_id == candidate_id)
            })
        });
        match record {
            Some(OutboxStatus::Waiting) => SheetStatus::Queued,
            Some(OutboxStatus::Refused { .. }) => SheetStatus::Refused,
            Some(OutboxStatus::Conflict { .. }) => SheetStatus::Conflict,
            _ if draft => SheetStatus::Draft,
            Some(OutboxStatus::Synced { .. }) => SheetStatus::Synced,
            None if received => SheetStatus::Synced,
            None => SheetStatus::NotStarted,
        }
    }

    /// Sheets not on the server yet: the 待同步 badge (reactive).
    pub fn pending(self) -> usize {
        self.outbox
            .with(|o| o.iter().filter(|r| r.is_pending()).count())
    }

    /// Notes a failed write to the phone's storage.
    fn stored(self, result: Result<(), wasm_bindgen::JsValue>) -> bool {
        let ok = result.is_ok();
        if !ok {
            self.storage_failed.set(true);
        }
        ok
    }

    /// Keeps a draft (in memory at once, on disk right after).
    pub fn save_draft(self, draft: SheetDraft) {
        let key = draft.candidate_id.to_string();
        let text = serde_json::to_string(&draft).unwrap_or_default();
        self.drafts.update(|d| {
            d.insert(draft.candidate_id, draft);
        });
        self.spawn(async move {
            let r = field_store::put_text(Store::Drafts, &key, &text).await;
            self.stored(r);
        });
    }

    /// Writes an outbox record back (after each step of a sync, or a retry).
    pub async fn put_record(self, record: OutboxRecord) -> bool {
        let text = serde_json::to_string(&record).unwrap_or_default();
        let r = field_store::put_text(Store::Outbox, &record.client_id, &text).await;
        self.outbox.update(
            |o| match o.iter_mut().find(|r| r.client_id == record.client_id) {
                Some(slot) => *slot = record,
                None => o.push(record),
            },
        );
        self.stored(r)
    }

    /// Moves a finalised sheet into the outbox, in one transaction with dropping its
    /// draft; true once it is on disk.
    pub async fn finalise(self, record: OutboxRecord) -> bool {
        let text = serde_json::to_string(&record).unwrap_or_default();
        let key = record.candidate_id().to_string();
        let r = field_store::finalise(&key, &record.client_id, &text).await;
        if !self.stored(r) {
            return false;
        }
        let candidate = record.candidate_id();
        self.drafts.update(|d| {
            d.remove(&candidate);
        });
        self.outbox.update(|o| o.push(record));
        true
    }

    /// Asks who is signed in; with a session, downloads a fresh bundle. Without network
    /// the saved bundle stays in use.
    pub async fn check_session(self) {
        match api::session::current().await {
            Ok(Some(session)) => {
                self.session.set(Session::SignedIn(session));
                self.refresh().await;
            }
            Ok(None) => self.session.set(Session::SignedOut),
            Err(e) => self.refresh_error.set(Some(e)),
        }
    }

    /// Records a fresh sign-in and downloads the bundle.
    pub async fn signed_in(self, session: SessionResponse) {
        self.session.set(Session::SignedIn(session));
        self.refresh().await;
    }

    /// Downloads the bundle, keeps it on the phone, and puts the candidates' photos in
    /// the worker's cache.
    pub async fn refresh(self) {
        let account = match self.session.get_untracked() {
            Session::SignedIn(s) if s.account.role == Role::Inspector => s.account,
            _ => return,
        };
        if self.refreshing.get_untracked() {
            return;
        }
        self.refreshing.set(true);
        match api::field::bundle().await {
            Ok((bundle, text)) => {
                let meta = BundleMeta {
                    username: account.username,
                    display_name: account.display_name,
                    fetched_at: js_sys::Date::now(),
                };
                let meta_text = serde_json::to_string(&meta).unwrap_or_default();
                let r = field_store::put_text(Store::Kv, BUNDLE_KEY, &text).await;
                let r = match r {
                    Ok(()) => field_store::put_text(Store::Kv, META_KEY, &meta_text).await,
                    e => e,
                };
                self.stored(r);
                let saved = SavedBundle { bundle, meta };
                let photos = photo_urls(&saved.bundle);
                self.saved.set(Some(saved));
                self.refresh_error.set(None);
                service_worker::cache_photos(&photos).await;
            }
            Err(e) => {
                if e.is_unauthenticated() {
                    self.session.set(Session::SignedOut);
                }
                self.refresh_error.set(Some(e));
            }
        }
        self.refreshing.set(false);
    }
}

/// The candidates' photos to keep for offline: thumbnails for the list and the cover
/// and residents' photos at full size for the sheet page.
fn photo_urls(bundle: &FieldBundle) -> Vec<String> {
    let mut urls = Vec::new();
    for c in &bundle.candidates {
        for p in c.cover.iter().chain(c.photos.iter()) {
            for url in [&p.thumb_url, &p.url] {
                if !urls.contains(url) {
                    urls.push(url.clone());
                }
            }
        }
    }
    urls
}

/// Reads a store's JSON records, skipping any that no longer parse.
async fn read_all<T: serde::de::DeserializeOwned>(store: Store) -> Result<Vec<T>, ()> {
    let texts = field_store::all_texts(store).await.map_err(drop)?;
    Ok(texts
        .iter()
        .filter_map(|t| serde_json::from_str(t).ok())
        .collect())
}

/// Provides the field state and starts loading it from the phone.
pub fn provide_field_context() -> FieldContext {
    let ctx = FieldContext {
        loaded: RwSignal::new(false),
        saved: RwSignal::new(None),
        session: RwSignal::new(Session::Unknown),
        refreshing: RwSignal::new(false),
        refresh_error: RwSignal::new(None),
        drafts: RwSignal::new(BTreeMap::new()),
        outbox: RwSignal::new(Vec::new()),
        sync: RwSignal::new(SyncState::Idle),
        online: RwSignal::new(service_worker::online()),
        storage_failed: RwSignal::new(false),
        owner: StoredValue::new(Owner::current()),
    };
    provide_context(ctx);
    ctx
}

/// Reads the bundle, drafts and outbox from IndexedDB into the state.
pub async fn load_from_phone(ctx: FieldContext) {
    let bundle = field_store::get_text(Store::Kv, BUNDLE_KEY).await;
    let meta = field_store::get_text(Store::Kv, META_KEY).await;
    let drafts = read_all::<SheetDraft>(Store::Drafts).await;
    let outbox = read_all::<OutboxRecord>(Store::Outbox).await;
    if bundle.is_err() || meta.is_err() || drafts.is_err() || outbox.is_err() {
        ctx.storage_failed.set(true);
    }
    let parse = |r: Result<Option<String>, _>| r.ok().flatten();
    let saved = match (parse(bundle), parse(meta)) {
        (Some(b), Some(m)) => serde_json::from_str(&b)
            .ok()
            .zip(serde_json::from_str(&m).ok())
            .map(|(bundle, meta)| SavedBundle { bundle, meta }),
        _ => None,
    };
    ctx.saved.set(saved);
    ctx.drafts.set(
        drafts
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.candidate_id, d))
            .collect(),
    );
    ctx.outbox.set(outbox.unwrap_or_default());
    ctx.loaded.set(true);
}

/// The field state provided by the shell.
pub fn use_field() -> FieldContext {
    expect_context::<FieldContext>()
}
