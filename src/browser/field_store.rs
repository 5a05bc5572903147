//! The field app's own IndexedDB database, `pingxuan-field`: what an inspector needs to
//! work with no network and what must never be lost before the server confirms it.
//!
//! - `kv`: the downloaded bundle (JSON text under [`BUNDLE_KEY`]);
//! - `drafts`: sheets being filled in, JSON text by candidate id;
//! - `outbox`: finalised sheets, JSON text by client id;
//! - `photos`: evidence photos as Blobs, by their upload id.
//!
//! Every write waits for its transaction to commit, asking for `durability: "strict"`
//! (flushed to disk before `complete`) where the browser supports it; browsers that do
//! not know the option ignore it.

use super::settle;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction};

const DB_NAME: &str = "pingxuan-field";
const VERSION: u32 = 1;

/// One of the database's object stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    Kv,
    Drafts,
    Outbox,
    Photos,
}

impl Store {
    const ALL: [Store; 4] = [Store::Kv, Store::Drafts, Store::Outbox, Store::Photos];

    fn name(self) -> &'static str {
        match self {
            Store::Kv => "kv",
            Store::Drafts => "drafts",
            Store::Outbox => "outbox",
            Store::Photos => "photos",
        }
    }
}

/// Where the bundle is kept in [`Store::Kv`].
pub const BUNDLE_KEY: &str = "bundle";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
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
    let request = factory.open_with_u32(DB_NAME, VERSION)?;
    let opening = request.clone();
    let upgrade = Closure::<dyn FnMut()>::new(move || {
        if let Ok(db) = opening.result() {
            let db: IdbDatabase = db.unchecked_into();
            let names = db.object_store_names();
            for store in Store::ALL {
                if !names.contains(store.name()) {
                    let _ = db.create_object_store(store.name());
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let opened = settle(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    })
    .await;
    request.set_onupgradeneeded(None);
    opened?;
    let db: IdbDatabase = request.result()?.unchecked_into();
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// `db.transaction(stores, mode, { durability: "strict" })`, through `Reflect` because
/// the options argument is still behind web-sys's unstable flag.
fn transaction(db: &IdbDatabase, stores: &[Store], write: bool) -> Result<IdbTransaction, JsValue> {
    let names = js_sys::Array::new();
    for s in stores {
        names.push(&JsValue::from_str(s.name()));
    }
    let mode = JsValue::from_str(if write { "readwrite" } else { "readonly" });
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())?;
    let open: js_sys::Function = js_sys::Reflect::get(db, &"transaction".into())?.dyn_into()?;
    Ok(open.call3(db, &names, &mode, &options)?.unchecked_into())
}

/// Runs `work` in one transaction over `stores` and waits until it has committed;
/// answers the result of the request `work` returned, if any.
async fn run(
    stores: &[Store],
    write: bool,
    work: &mut dyn FnMut(&IdbTransaction) -> Result<Option<IdbRequest>, JsValue>,
) -> Result<JsValue, JsValue> {
    let db = database().await?;
    let tx = transaction(&db, stores, write)?;
    let request = match work(&tx) {
        Ok(r) => r,
        Err(e) => {
            let _ = tx.abort();
            return Err(e);
        }
    };
    settle(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    })
    .await?;
    match request {
        Some(r) => r.result(),
        None => Ok(JsValue::UNDEFINED),
    }
}

fn store(tx: &IdbTransaction, s: Store) -> Result<IdbObjectStore, JsValue> {
    tx.object_store(s.name())
}

/// The text kept under `key`, if any.
pub async fn get_text(s: Store, key: &str) -> Result<Option<String>, JsValue> {
    let key = JsValue::from_str(key);
    let found = run(&[s], false, &mut |tx| Ok(Some(store(tx, s)?.get(&key)?))).await?;
    Ok(found.as_string())
}

/// Keeps `text` under `key`; returns once it is on disk.
pub async fn put_text(s: Store, key: &str, text: &str) -> Result<(), JsValue> {
    let (key, value) = (JsValue::from_str(key), JsValue::from_str(text));
    run(&[s], true, &mut |tx| {
        Ok(Some(store(tx, s)?.put_with_key(&value, &key)?))
    })
    .await
    .map(drop)
}

/// Forgets what is kept under `key`.
pub async fn delete(s: Store, key: &str) -> Result<(), JsValue> {
    let key = JsValue::from_str(key);
    run(&[s], true, &mut |tx| Ok(Some(store(tx, s)?.delete(&key)?)))
        .await
        .map(drop)
}

/// Every text in a store, in key order.
pub async fn all_texts(s: Store) -> Result<Vec<String>, JsValue> {
    let all = run(&[s], false, &mut |tx| Ok(Some(store(tx, s)?.get_all()?))).await?;
    Ok(js_sys::Array::from(&all)
        .iter()
        .filter_map(|v| v.as_string())
        .collect())
}

/// Moves a finalised sheet from the drafts to the outbox in one transaction: after a
/// crash it is in exactly one of the two.
pub async fn finalise(draft_key: &str, client_id: &str, record: &str) -> Result<(), JsValue> {
    let (draft_key, id, value) = (
        JsValue::from_str(draft_key),
        JsValue::from_str(client_id),
        JsValue::from_str(record),
    );
    run(&[Store::Drafts, Store::Outbox], true, &mut |tx| {
        store(tx, Store::Drafts)?.delete(&draft_key)?;
        Ok(Some(store(tx, Store::Outbox)?.put_with_key(&value, &id)?))
    })
    .await
    .map(drop)
}

/// Keeps an evidence photo under its upload id.
pub async fn put_photo(id: &str, blob: &Blob) -> Result<(), JsValue> {
    let key = JsValue::from_str(id);
    run(&[Store::Photos], true, &mut |tx| {
        Ok(Some(store(tx, Store::Photos)?.put_with_key(blob, &key)?))
    })
    .await
    .map(drop)
}

/// The evidence photo kept under `id`, if any.
pub async fn get_photo(id: &str) -> Option<Blob> {
    let key = JsValue::from_str(id);
    run(&[Store::Photos], false, &mut |tx| {
        Ok(Some(store(tx, Store::Photos)?.get(&key)?))
    })
    .await
    .ok()?
    .dyn_into::<Blob>()
    .ok()
}
