//! The signed-in staff account and its CSRF token, loaded from `GET /api/v1/session`
//! when the app starts. A 401 there simply means nobody is signed in.
//!
//! Residents never sign in, so the app only asks when this browser has signed in
//! before (a flag in localStorage; the session cookie itself is HttpOnly). That spares
//! every resident a request and a 401 in the console.

use crate::api::{self, ClientError};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use pingxuan_domain::api::{SessionResponse, StaffAccount};

/// Set in localStorage while this browser has a staff session.
const HINT_KEY: &str = "pingxuan.staff";

fn remember(signed_in: bool) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = if signed_in {
            storage.set_item(HINT_KEY, "1")
        } else {
            storage.remove_item(HINT_KEY)
        };
    }
}

fn has_hint() -> bool {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(HINT_KEY).ok().flatten())
        .is_some()
}

/// Where the session stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Still asking the server.
    Loading,
    SignedOut,
    SignedIn(SessionResponse),
    /// The server could not be asked (e.g. offline); the person can retry.
    Failed(ClientError),
}

/// The session shared by every view.
#[derive(Debug, Clone, Copy)]
pub struct SessionContext {
    state: RwSignal<SessionState>,
    /// The shell's owner: reloads run under it, so they outlive the page that asked.
    owner: StoredValue<Option<Owner>>,
}

impl SessionContext {
    /// The whole state (reactive).
    pub fn state(self) -> SessionState {
        self.state.get()
    }

    /// Reads the state without cloning it (reactive).
    pub fn state_with<U>(self, f: impl FnOnce(&SessionState) -> U) -> U {
        self.state.with(f)
    }

    /// The signed-in account, if any (reactive).
    pub fn account(self) -> Option<StaffAccount> {
        self.state.with(|s| match s {
            SessionState::SignedIn(session) => Some(session.account.clone()),
            _ => None,
        })
    }

    /// The CSRF token every write must carry; empty when signed out, so the server
    /// answers 401/403 and the page says so.
    pub fn csrf(self) -> String {
        self.state.with_untracked(|s| match s {
            SessionState::SignedIn(session) => session.csrf_token.clone(),
            _ => String::new(),
        })
    }

    /// True when an admin (市创卫办) is signed in (reactive).
    pub fn is_admin(self) -> bool {
        self.state
            .with(|s| matches!(s, SessionState::SignedIn(x) if x.account.role.is_admin()))
    }

    /// The category whose lead department the signed-in account belongs to (reactive).
    pub fn department(self) -> Option<pingxuan_domain::Category> {
        self.account().and_then(|a| match a.role {
            pingxuan_domain::Role::Department { category } => Some(category),
            _ => None,
        })
    }

    /// Records a fresh sign-in.
    pub fn signed_in(self, session: SessionResponse) {
        remember(true);
        self.state.set(SessionState::SignedIn(session));
    }

    /// Records a sign-out, or a session the server no longer knows.
    pub fn signed_out(self) {
        remember(false);
        self.state.set(SessionState::SignedOut);
    }

    /// If `error` says the session has ended, records it; pages call this on failures.
    pub fn note_error(self, error: &ClientError) {
        if error.is_unauthenticated() {
            self.signed_out();
        }
    }

    /// Asks the server again who is signed in.
    pub fn reload(self) {
        let state = self.state;
        state.set(SessionState::Loading);
        let task = async move {
            let next = match api::session::current().await {
                Ok(Some(session)) => SessionState::SignedIn(session),
                Ok(None) => {
                    remember(false);
                    SessionState::SignedOut
                }
                Err(e) => SessionState::Failed(e),
            };
            state.set(next);
        };
        match self.owner.get_value() {
            Some(owner) => owner.with(|| spawn_local_scoped(task)),
            None => spawn_local_scoped(task),
        }
    }
}

/// Provides the session; asks the server only if this browser has signed in before.
pub fn provide_session_context() -> SessionContext {
    if !has_hint() {
        return provide_session_context_with(SessionState::SignedOut);
    }
    let ctx = provide_session_context_with(SessionState::Loading);
    ctx.reload();
    ctx
}

/// Provides a session in a known state, without asking the server (tests).
pub fn provide_session_context_with(state: SessionState) -> SessionContext {
    let ctx = SessionContext {
        state: RwSignal::new(state),
        owner: StoredValue::new(Owner::current()),
    };
    provide_context(ctx);
    ctx
}

/// The session context provided by the app shell.
pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}
