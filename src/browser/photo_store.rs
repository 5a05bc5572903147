//! Photos chosen but not yet uploaded, kept as Blobs in IndexedDB so that a reload or a
//! dropped network does not lose them. Every call is best effort: where IndexedDB is
//! missing or refuses (some private modes), the form still works, it just cannot
//! resume those photos after a reload.

use super::settle;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

const DB_NAME: &str = "pingxuan";
const STORE: &str = "pending-photos";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Waits for an IndexedDB request and returns its result.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    settle(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    })
    .await?;
    request.result()
}

/// The database, opened (and created on first use) once per page.
async fn database() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = factory.open_with_u32(DB_NAME, 1)?;
    let opening = request.clone();
    let upgrade = Closure::<dyn FnMut()>::new(move || {
        if let Ok(db) = opening.result() {
            let _ = db
                .unchecked_into::<IdbDatabase>()
                .create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db: IdbDatabase = done(&request).await?.unchecked_into();
    request.set_onupgradeneeded(None);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn store(mode: IdbTransactionMode) -> Result<IdbObjectStore, JsValue> {
    database()
        .await?
        .transaction_with_str_and_mode(STORE, mode)?
        .object_store(STORE)
}

/// Keeps `blob` under `key`, replacing what was there. True if it was kept.
pub async fn put(key: &str, blob: &Blob) -> bool {
    async {
        let request = store(IdbTransactionMode::Readwrite)
            .await?
            .put_with_key(blob, &JsValue::from_str(key))?;
        done(&request).await
    }
    .await
    .is_ok()
}

/// The blob kept under `key`, if any.
pub async fn get(key: &str) -> Option<Blob> {
    let found = async {
        let request = store(IdbTransactionMode::Readonly)
            .await?
            .get(&JsValue::from_str(key))?;
        done(&request).await
    }
    .await
    .ok()?;
    found.dyn_into::<Blob>().ok()
}

/// Forgets the blob kept under `key`.
pub async fn delete(key: &str) {
    let _ = async {
        let request = store(IdbTransactionMode::Readwrite)
            .await?
            .delete(&JsValue::from_str(key))?;
        done(&request).await
    }
    .await;
}

/// Forgets every kept photo (after a successful submit).
pub async fn clear() {
    let _ = async {
        let request = store(IdbTransactionMode::Readwrite).await?.clear()?;
        done(&request).await
    }
    .await;
}
