//! The photos of a nomination on their way to the server. Each chosen photo is kept in
//! IndexedDB, shrunk on the phone, and uploaded with a progress bar; a failed upload
//! retries by itself a few times (2 s, 5 s, 12 s), then offers 重试, and tries again by
//! itself when the phone comes back online. After a reload, photos not yet uploaded
//! come back from IndexedDB and carry on.

use crate::api::photos::{upload, PhotoUpload};
use crate::api::ClientError;
use crate::browser::device_id::random_hex;
use crate::browser::{photo_shrink, photo_store, sleep};
use crate::forms::nomination_draft::DraftPhoto;
use leptos::prelude::*;
use leptos::task::{spawn_local, spawn_local_scoped_with_cancellation};
use pingxuan_domain::nomination::{PhotoView, MAX_PHOTOS};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use web_sys::{Blob, Url};

/// Automatic retries after the first attempt, and the wait before each (ms).
const RETRY_DELAYS_MS: [i32; 3] = [2_000, 5_000, 12_000];

/// Where one photo stands.
#[derive(Debug, Clone, PartialEq)]
pub enum PhotoStatus {
    /// Waiting for its bytes, or being shrunk on the phone.
    Preparing,
    /// Going out: the share sent so far, 0–100 (100: the server is checking it).
    Uploading(u8),
    /// The last attempt failed; trying again by itself shortly (retry `n`).
    Retrying(u8),
    /// Failed: the reason. The tile offers 重试 unless the photo itself was refused.
    Failed(ClientError),
    /// The phone cannot read this file as a photo.
    Unreadable,
    /// Stored on the server.
    Uploaded(PhotoView),
}

impl PhotoStatus {
    /// Still on its way (the nomination cannot be sent yet).
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            PhotoStatus::Preparing | PhotoStatus::Uploading(_) | PhotoStatus::Retrying(_)
        )
    }
}

/// Whether trying the same upload again can help: not when the server refused the
/// photo itself or the phase is closed.
pub fn worth_retrying(error: &ClientError) -> bool {
    match error {
        ClientError::Network | ClientError::BadResponse { .. } => true,
        ClientError::Server { status, .. } => *status >= 500 || *status == 408,
    }
}

/// One chosen photo. All handles, so it is `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct PhotoSlot {
    pub key: StoredValue<String>,
    pub status: RwSignal<PhotoStatus>,
    /// What the tile shows: a local `blob:` URL of the shrunk photo, or the server's
    /// thumbnail once restored after a reload.
    pub preview: RwSignal<Option<String>>,
    /// The bytes kept in IndexedDB are already shrunk.
    shrunk: RwSignal<bool>,
    blob: StoredValue<Option<Blob>, LocalStorage>,
    upload: StoredValue<Option<Rc<PhotoUpload>>, LocalStorage>,
}

impl PhotoSlot {
    fn new(key: String, status: PhotoStatus, shrunk: bool) -> PhotoSlot {
        let preview = match &status {
            PhotoStatus::Uploaded(view) => Some(view.thumb_url.clone()),
            _ => None,
        };
        PhotoSlot {
            key: StoredValue::new(key),
            status: RwSignal::new(status),
            preview: RwSignal::new(preview),
            shrunk: RwSignal::new(shrunk),
            blob: StoredValue::new_local(None),
            upload: StoredValue::new_local(None),
        }
    }

    /// Stops its upload and lets go of its local preview.
    fn release(self) {
        if let Some(Some(upload)) = self.upload.try_get_value() {
            upload.abort();
        }
        if let Some(Some(url)) = self.preview.try_get_untracked() {
            if url.starts_with("blob:") {
                let _ = Url::revoke_object_url(&url);
            }
        }
    }
}

/// The photo list of one nomination form.
#[derive(Debug, Clone, Copy)]
pub struct PhotoQueue {
    slots: RwSignal<Vec<PhotoSlot>>,
    device: StoredValue<String>,
    /// Photos of a saved draft that could not be found on the phone any more.
    lost: RwSignal<usize>,
    owner: StoredValue<Option<Owner>>,
}

impl PhotoQueue {
    /// An empty list owned by the current view; uploads stop when that view goes.
    pub fn new(device: String) -> PhotoQueue {
        let queue = PhotoQueue {
            slots: RwSignal::new(Vec::new()),
            device: StoredValue::new(device),
            lost: RwSignal::new(0),
            owner: StoredValue::new(Owner::current()),
        };
        on_cleanup(move || {
            if let Some(slots) = queue.slots.try_get_untracked() {
                slots.into_iter().for_each(PhotoSlot::release);
            }
        });
        queue
    }

    /// The photos, in order (reactive).
    pub fn slots(self) -> Vec<PhotoSlot> {
        self.slots.get()
    }

    /// How many photos there are (reactive).
    pub fn len(self) -> usize {
        self.slots.with(Vec::len)
    }

    /// True when there are none (reactive).
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// How many more may be added (reactive).
    pub fn room(self) -> usize {
        MAX_PHOTOS.saturating_sub(self.len())
    }

    /// How many are still on their way (reactive).
    pub fn busy(self) -> usize {
        self.slots.with(|s| {
            s.iter()
                .filter(|p| p.status.with(PhotoStatus::is_busy))
                .count()
        })
    }

    /// How many photos of the saved draft had to be dropped (reactive).
    pub fn lost(self) -> usize {
        self.lost.get()
    }

    /// The photos as the draft keeps them (reactive). Unreadable ones are left out.
    pub fn draft(self) -> Vec<DraftPhoto> {
        self.slots.with(|slots| {
            slots
                .iter()
                .filter_map(|s| {
                    let uploaded = s.status.with(|st| match st {
                        PhotoStatus::Unreadable => Err(()),
                        PhotoStatus::Uploaded(view) => Ok(Some(view.clone())),
                        _ => Ok(None),
                    });
                    Some(DraftPhoto {
                        key: s.key.get_value(),
                        shrunk: s.shrunk.get(),
                        uploaded: uploaded.ok()?,
                    })
                })
                .collect()
        })
    }

    /// Adds photos the resident just picked (as many as there is room for); returns
    /// how many were left out. They are shrunk one after another — a phone has memory
    /// for one decoded 12-megapixel photo at a time — and each is uploaded as soon as
    /// it is ready.
    pub fn add_files(self, files: Vec<Blob>) -> usize {
        let room = self.room_untracked();
        let skipped = files.len().saturating_sub(room);
        let added: Vec<PhotoSlot> = files
            .into_iter()
            .take(room)
            .map(|file| {
                let slot = PhotoSlot::new(random_hex(8), PhotoStatus::Preparing, false);
                slot.blob.set_value(Some(file));
                slot
            })
            .collect();
        self.slots.update(|s| s.extend(added.iter().copied()));
        self.spawn(async move {
            for slot in added {
                let Some(file) = slot.blob.get_value() else {
                    continue;
                };
                // Kept first, so a reload while shrinking loses nothing.
                photo_store::put(&slot.key.get_value(), &file).await;
                self.prepare(slot).await;
            }
        });
        skipped
    }

    /// Brings back the photos of a saved draft: uploaded ones as they were, the others
    /// from IndexedDB, carrying on where they stopped.
    pub fn restore(self, photos: &[DraftPhoto]) {
        let mut waiting = Vec::new();
        for photo in photos.iter().take(MAX_PHOTOS) {
            let status = match &photo.uploaded {
                Some(view) => PhotoStatus::Uploaded(view.clone()),
                None => PhotoStatus::Preparing,
            };
            let slot = PhotoSlot::new(photo.key.clone(), status, photo.shrunk);
            self.slots.update(|s| s.push(slot));
            if photo.uploaded.is_none() {
                waiting.push(slot);
            }
        }
        if waiting.is_empty() {
            return;
        }
        self.spawn(async move {
            for slot in waiting {
                match photo_store::get(&slot.key.get_value()).await {
                    Some(blob) => {
                        slot.blob.set_value(Some(blob));
                        self.prepare(slot).await;
                    }
                    None => {
                        self.drop_slot(slot);
                        self.lost.update(|n| *n += 1);
                    }
                }
            }
        });
    }

    /// Removes a photo (and stops its upload).
    pub fn remove(self, slot: PhotoSlot) {
        self.drop_slot(slot);
        let key = slot.key.get_value();
        // Housekeeping that must finish even if the page goes: not tied to the view.
        spawn_local(Box::pin(async move { photo_store::delete(&key).await })
            as Pin<Box<dyn Future<Output = ()>>>);
    }

    /// Tries a failed upload again (the 重试 button).
    pub fn retry(self, slot: PhotoSlot) {
        if matches!(slot.status.get_untracked(), PhotoStatus::Failed(_)) {
            self.spawn(self.send(slot));
        }
    }

    /// Tries again every upload that failed for want of a network (the phone is back
    /// online).
    pub fn retry_network_failures(self) {
        for slot in self.slots.get_untracked() {
            if let PhotoStatus::Failed(e) = slot.status.get_untracked() {
                if worth_retrying(&e) {
                    self.retry(slot);
                }
            }
        }
    }

    /// Forgets every photo after the nomination went through.
    pub fn finish(self) {
        for slot in self.slots.get_untracked() {
            slot.release();
        }
        spawn_local(Box::pin(photo_store::clear()) as Pin<Box<dyn Future<Output = ()>>>);
    }

    fn room_untracked(self) -> usize {
        MAX_PHOTOS.saturating_sub(self.slots.with_untracked(Vec::len))
    }

    fn drop_slot(self, slot: PhotoSlot) {
        slot.release();
        let key = slot.key.get_value();
        self.slots
            .update(|s| s.retain(|p| p.key.with_value(|k| *k != key)));
    }

    fn contains(self, slot: PhotoSlot) -> bool {
        let Some(key) = slot.key.try_get_value() else {
            return false;
        };
        self.slots
            .try_with_untracked(|s| s.iter().any(|p| p.key.with_value(|k| *k == key)))
            .unwrap_or(false)
    }

    fn spawn(self, task: impl Future<Output = ()> + 'static) {
        // Boxed, so the wasm holds one copy of the spawning code, not one per task.
        let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task);
        match self.owner.try_get_value().flatten() {
            Some(owner) => owner.with(|| spawn_local_scoped_with_cancellation(task)),
            None => spawn_local_scoped_with_cancellation(task),
        }
    }

    /// Shrinks the photo if that is not done yet, then starts its upload.
    async fn prepare(self, slot: PhotoSlot) {
        let Some(mut blob) = slot.blob.get_value() else {
            return;
        };
        if !slot.shrunk.get_untracked() {
            slot.status.set(PhotoStatus::Preparing);
            match photo_shrink::shrink(&blob).await {
                Ok(small) => {
                    blob = small;
                    slot.blob.set_value(Some(blob.clone()));
                    photo_store::put(&slot.key.get_value(), &blob).await;
                    slot.shrunk.set(true);
                }
                Err(_) => {
                    slot.status.set(PhotoStatus::Unreadable);
                    photo_store::delete(&slot.key.get_value()).await;
                    return;
                }
            }
        }
        if !self.contains(slot) {
            return;
        }
        if slot.preview.get_untracked().is_none() {
            slot.preview
                .set(Url::create_object_url_with_blob(&blob).ok());
        }
        self.spawn(self.send(slot));
    }

    /// Uploads the shrunk photo, retrying by itself while retrying can help.
    async fn send(self, slot: PhotoSlot) {
        let Some(blob) = slot.blob.get_value() else {
            return;
        };
        let mut retries = 0;
        loop {
            slot.status.set(PhotoStatus::Uploading(0));
            let status = slot.status;
            let sending = Rc::new(upload(&blob, &self.device.get_value(), move |p| {
                status.try_set(PhotoStatus::Uploading(p));
            }));
            slot.upload.set_value(Some(sending.clone()));
            let answer = sending.answer().await;
            if !self.contains(slot) {
                return;
            }
            slot.upload.set_value(None);
            match answer {
                Ok(view) => {
                    slot.status.set(PhotoStatus::Uploaded(view));
                    photo_store::delete(&slot.key.get_value()).await;
                    return;
                }
                Err(e) if worth_retrying(&e) && retries < RETRY_DELAYS_MS.len() => {
                    slot.status.set(PhotoStatus::Retrying(retries as u8 + 1));
                    sleep(RETRY_DELAYS_MS[retries]).await;
                    retries += 1;
                    if !self.contains(slot) {
                        return;
                    }
                }
                Err(e) => {
                    slot.status.set(PhotoStatus::Failed(e));
                    return;
                }
            }
        }
    }
}
