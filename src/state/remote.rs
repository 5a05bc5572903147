//! A value read from the server: loading, loaded or failed, with `reload()`.
//!
//! This plays the part of Leptos's `LocalResource` with an explicit loading state (a
//! retry shows the skeleton again, not the old error) and much less generated code,
//! which keeps the wasm inside its size budget. Answers to superseded requests are
//! dropped, so a slow old answer never overwrites a newer one.

use crate::api::ClientError;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

type Fetch<T> = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<T, ClientError>>>>>;

/// A server value: `None` while loading, then the answer.
pub struct Remote<T: Send + Sync + 'static> {
    state: RwSignal<Option<Result<T, ClientError>>>,
    generation: StoredValue<u32>,
    fetch: StoredValue<Fetch<T>, LocalStorage>,
    /// The owner of the view that reads it: requests are aborted when that view goes.
    owner: StoredValue<Option<Owner>>,
}

impl<T: Send + Sync + 'static> Clone for Remote<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Remote<T> {}

impl<T: Clone + Send + Sync + 'static> Remote<T> {
    /// Starts loading with `fetch`, owned by the current view.
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Remote<T>
    where
        Fut: Future<Output = Result<T, ClientError>> + 'static,
    {
        let fetch: Fetch<T> = Rc::new(move || Box::pin(fetch()));
        let remote = Remote {
            state: RwSignal::new(None),
            generation: StoredValue::new(0),
            fetch: StoredValue::new_local(fetch),
            owner: StoredValue::new(Owner::current()),
        };
        remote.reload();
        remote
    }

    /// The answer, or `None` while loading (reactive).
    pub fn get(self) -> Option<Result<T, ClientError>> {
        self.state.get()
    }

    /// Asks again, showing the loading state meanwhile (e.g. the 重试 button).
    pub fn reload(self) {
        self.state.set(None);
        self.refresh();
    }

    /// Asks again while still showing the current answer (e.g. after a save).
    pub fn refresh(self) {
        let Some(fetch) = self.fetch.try_get_value() else {
            return;
        };
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let job = async move {
            let answer = fetch().await;
            if self.generation.try_get_value() == Some(generation) {
                self.state.try_set(Some(answer));
            }
        };
        match self.owner.try_get_value().flatten() {
            Some(owner) => owner.with(|| spawn_local_scoped(job)),
            None => spawn_local_scoped(job),
        }
    }

    /// Replaces the answer with one a write just returned, without asking again.
    pub fn set(self, value: T) {
        self.generation.update_value(|g| *g += 1);
        self.state.set(Some(Ok(value)));
    }
}
