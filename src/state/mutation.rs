//! A write to the server in flight: whether it is pending, and how the last one ended.
//!
//! One small non-generic type serves every form, instead of an `Action` per request
//! type: the wasm stays within its size budget, and each form still gets a pending
//! flag for its button and a plain-language outcome.

use crate::api::ClientError;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use std::future::Future;
use std::pin::Pin;

/// How the last write ended: the message to confirm success with, or the error.
pub type Outcome = Result<Msg, ClientError>;

/// A form's write: pending flag, outcome, and a count of successes.
#[derive(Debug, Clone, Copy)]
pub struct Mutation {
    pending: RwSignal<bool>,
    outcome: RwSignal<Option<Outcome>>,
    successes: RwSignal<u32>,
    /// The owner of the view that made it: requests are aborted when that view goes.
    owner: StoredValue<Option<Owner>>,
}

impl Mutation {
    /// A mutation owned by the current view.
    pub fn new() -> Mutation {
        Mutation {
            pending: RwSignal::new(false),
            outcome: RwSignal::new(None),
            successes: RwSignal::new(0),
            owner: StoredValue::new(Owner::current()),
        }
    }

    /// True while a write is on its way (reactive).
    pub fn pending(self) -> bool {
        self.pending.get()
    }

    /// The pending flag as a signal, for components' props.
    pub fn pending_signal(self) -> Signal<bool> {
        self.pending.into()
    }

    /// The last outcome, if any (reactive).
    pub fn outcome(self) -> Option<Outcome> {
        self.outcome.get()
    }

    /// The last error, if the last write failed (reactive).
    pub fn error(self) -> Option<ClientError> {
        self.outcome
            .with(|o| o.as_ref().and_then(|r| r.as_ref().err().cloned()))
    }

    /// How many writes have succeeded (reactive): key reloads on it.
    pub fn successes(self) -> u32 {
        self.successes.get()
    }

    /// Forgets the last outcome (e.g. when the form is opened again).
    pub fn clear(self) {
        self.outcome.set(None);
    }

    /// Runs `task` unless a write is already pending (a double tap sends once).
    pub fn run(self, task: impl Future<Output = Outcome> + 'static) {
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        self.outcome.set(None);
        // Boxed, so every form shares one wrapper future in the wasm.
        let task: Pin<Box<dyn Future<Output = Outcome>>> = Box::pin(task);
        let job = async move {
            let outcome = task.await;
            if outcome.is_ok() {
                self.successes.try_update(|n| *n += 1);
            }
            self.outcome.try_set(Some(outcome));
            self.pending.try_set(false);
        };
        match self.owner.try_get_value().flatten() {
            Some(owner) => owner.with(|| spawn_local_scoped(job)),
            None => spawn_local_scoped(job),
        }
    }
}

impl Default for Mutation {
    fn default() -> Self {
        Mutation::new()
    }
}
