//! Sending the outbox: oldest sheet first, each one's evidence photos first through the
//! resumable chunked upload (announce → pieces → after a failure, ask how much arrived
//! and go on from there), then the sheet under its client id. Every step is written back
//! to IndexedDB, so a closed app or a dropped network resumes where it stopped. What an
//! answer does to a sheet is decided in [`crate::state::field_outbox`].

use crate::api::{self, ClientError};
use crate::browser::field_crypto::{blob_bytes, sha256_hex};
use crate::browser::{field_store, service_worker, sleep};
use crate::state::field_context::{FieldContext, Session, SyncState};
use crate::state::field_outbox::{send_order, SyncProgress, Verdict};
use leptos::prelude::*;
use pingxuan_domain::field::UploadRequest;
use std::time::Duration;

/// The size of one piece of a photo: a dropped connection costs at most this much.
const CHUNK: usize = 128 * 1024;
/// Tries of one piece (each after asking the server where the upload stands).
const PIECE_TRIES: u32 = 4;
/// After a failed run, the outbox tries again by itself this long after.
const RETRY_AFTER: Duration = Duration::from_secs(30);

/// How a photo's upload ended.
enum PhotoEnd {
    Done,
    /// Not on the phone any more, or refused by the server: the sheet goes without it.
    Skipped,
    Stopped(Verdict),
}

impl FieldContext {
    /// Starts a sync run in the background unless one is running.
    pub fn sync_now(self) {
        if matches!(self.sync.get_untracked(), SyncState::Running(_)) {
            return;
        }
        self.spawn(async move { self.run_sync().await });
    }

    /// Sends every waiting sheet, oldest first.
    async fn run_sync(self) {
        let order = self.outbox.with_untracked(|o| send_order(o));
        if order.is_empty() {
            return;
        }
        if !service_worker::online() {
            self.sync.set(SyncState::Offline);
            return;
        }
        self.sync.set(SyncState::Running(SyncProgress {
            sheet: 1,
            of: order.len(),
            photo: None,
        }));
        let csrf = match self.csrf() {
            Some(t) => t,
            None => match api::session::current().await {
                Ok(Some(s)) => {
                    let token = s.csrf_token.clone();
                    self.session.set(Session::SignedIn(s));
                    token
                }
                Ok(None) => {
                    self.session.set(Session::SignedOut);
                    self.sync.set(SyncState::SignIn);
                    return;
                }
                Err(e) => return self.stop(Verdict::of_error(&e)),
            },
        };
        let of = order.len();
        let mut sent = 0;
        for (n, client_id) in order.iter().enumerate() {
            let progress = SyncProgress {
                sheet: n + 1,
                of,
                photo: None,
            };
            self.sync.set(SyncState::Running(progress));
            let Some(mut record) = self
                .outbox
                .with_untracked(|o| o.iter().find(|r| &r.client_id == client_id).cloned())
            else {
                continue;
            };
            let all = record.photo_ids().len();
            for photo in record.photos_to_send() {
                let k = record.uploaded.len() + record.skipped.len() + 1;
                let show = move |percent: u8| {
                    self.sync.set(SyncState::Running(SyncProgress {
                        photo: Some((k, all, percent)),
                        ..progress
                    }))
                };
                match upload_photo(&photo, &csrf, &show).await {
                    PhotoEnd::Done => record.uploaded.push(photo),
                    PhotoEnd::Skipped => record.skipped.push(photo),
                    PhotoEnd::Stopped(verdict) => {
                        record.apply(&verdict);
                        self.put_record(record).await;
                        return self.stop(verdict);
                    }
                }
                self.put_record(record.clone()).await;
            }
            self.sync.set(SyncState::Running(progress));
            let answer = api::field::send_sheet(
                record.round_id,
                &record.client_id,
                &record.submission,
                &csrf,
            )
            .await;
            let verdict = Verdict::of(answer);
            record.apply(&verdict);
            let synced = record.is_synced();
            let photos = record.photo_ids();
            self.put_record(record).await;
            if synced {
                sent += 1;
                for p in photos {
                    let _ = field_store::delete(field_store::Store::Photos, &p).await;
                }
            }
            if !verdict.batch_goes_on() {
                return self.stop(verdict);
            }
        }
        self.sync.set(SyncState::Done(sent));
    }

    /// Ends a run that could not go on, and plans the next try.
    fn stop(self, verdict: Verdict) {
        match verdict {
            Verdict::SignIn => {
                self.session.set(Session::SignedOut);
                self.sync.set(SyncState::SignIn);
            }
            Verdict::RetryLater(_) if !service_worker::online() => {
                self.sync.set(SyncState::Offline)
            }
            Verdict::RetryLater(message) => {
                self.sync.set(SyncState::Failed(message));
                set_timeout(move || self.sync_now(), RETRY_AFTER);
            }
            _ => self.sync.set(SyncState::Idle),
        }
    }
}

/// Uploads one evidence photo in pieces, resuming after failures.
async fn upload_photo(id: &str, csrf: &str, progress: &dyn Fn(u8)) -> PhotoEnd {
    let Some(blob) = field_store::get_photo(id).await else {
        return PhotoEnd::Skipped;
    };
    let Ok(bytes) = blob_bytes(&blob).await else {
        return PhotoEnd::Skipped;
    };
    let Ok(sha256) = sha256_hex(&bytes).await else {
        return PhotoEnd::Skipped;
    };
    let size = bytes.len() as u64;
    let request = UploadRequest { size, sha256 };
    let mut status = match api::field::announce_upload(id, &request, csrf).await {
        Ok(s) => s,
        Err(e) => return photo_failed(&e),
    };
    let mut tries = 0;
    let mut restarted = false;
    while !status.complete() {
        let from = status.received.min(size) as usize;
        let to = (from + CHUNK).min(bytes.len());
        progress((from as u64 * 100 / size.max(1)) as u8);
        let piece = if from < to {
            api::field::send_chunk(id, from as u64, &bytes[from..to], csrf).await
        } else {
            // Every byte is there but the photo is not made yet: ask, which finishes it.
            api::field::upload_status(id).await
        };
        match piece {
            Ok(s) => {
                status = s;
                tries = 0;
            }
            // The bytes did not match the checksum: the server started the upload over.
            Err(ClientError::Server { status: 422, body })
                if !restarted
                    && body
                        .fields
                        .as_ref()
                        .is_some_and(|f| f.iter().any(|f| f.code == "mismatch")) =>
            {
                restarted = true;
                status.received = 0;
            }
            Err(e) => {
                let verdict = Verdict::of_error(&e);
                // A gap (409) or a dropped piece: ask where the upload stands, go on.
                let resumable = matches!(verdict, Verdict::Conflict(_) | Verdict::RetryLater(_));
                tries += 1;
                if !resumable || tries >= PIECE_TRIES {
                    return photo_failed(&e);
                }
                sleep(500 * tries as i32).await;
                match api::field::upload_status(id).await {
                    Ok(s) => status = s,
                    Err(e) if tries + 1 >= PIECE_TRIES => return photo_failed(&e),
                    Err(_) => {}
                }
            }
        }
    }
    progress(100);
    PhotoEnd::Done
}

/// A photo the server will not take is left out; a network failure stops the run.
fn photo_failed(error: &ClientError) -> PhotoEnd {
    match Verdict::of_error(error) {
        Verdict::Conflict(_) | Verdict::Refused(_) => PhotoEnd::Skipped,
        v => PhotoEnd::Stopped(v),
    }
}
