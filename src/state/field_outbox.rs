//! The field app's outbox: each finalised sheet waits on the phone (IndexedDB) under the
//! client-made id it will be synced with, until the server has confirmed it. Plain data
//! and the rules of what an answer does to a sheet, so they are tested without a
//! browser:
//! - 2xx (stored now, or the identical resend answered with the same receipt) → 已同步;
//! - 409 `conflict` (a different body under this id; the server keeps it for the office)
//!   → 有冲突, never retried blindly;
//! - any other refusal (4xx) → 被退回 with the server's reason; sent again only when the
//!   inspector asks;
//! - no answer, a server fault or "too many" → still waiting, tried again later, and the
//!   rest of the batch waits too (the network is likely gone);
//! - 401 / CSRF → still waiting: sign in again first.

use crate::api::ClientError;
use pingxuan_domain::field::{SheetReceipt, SheetSubmission};
use pingxuan_domain::ErrorCode;
use serde::{Deserialize, Serialize};

/// Where one finalised sheet stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "StoredStatus", from = "StoredStatus")]
pub enum OutboxStatus {
    /// Not confirmed by the server yet (待同步).
    Waiting,
    /// The server has it (已同步): its receipt.
    Synced { receipt: SheetReceipt },
    /// The server holds a different sheet under this id; this one was kept for the
    /// office to resolve (有冲突).
    Conflict { message: String },
    /// The server refused it (被退回), saying why.
    Refused { message: String },
}

/// How a status is kept on the phone: one flat object (far less code in the wasm than
/// an enum's variants), e.g. `{"state":"refused","message":"…"}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredStatus {
    state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    receipt: Option<SheetReceipt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

impl From<OutboxStatus> for StoredStatus {
    fn from(s: OutboxStatus) -> StoredStatus {
        let (state, receipt, message) = match s {
            OutboxStatus::Waiting => ("waiting", None, None),
            OutboxStatus::Synced { receipt } => ("synced", Some(receipt), None),
            OutboxStatus::Conflict { message } => ("conflict", None, Some(message)),
            OutboxStatus::Refused { message } => ("refused", None, Some(message)),
        };
        StoredStatus {
            state: state.to_owned(),
            receipt,
            message,
        }
    }
}

impl From<StoredStatus> for OutboxStatus {
    fn from(s: StoredStatus) -> OutboxStatus {
        let message = s.message.unwrap_or_default();
        match (s.state.as_str(), s.receipt) {
            ("synced", Some(receipt)) => OutboxStatus::Synced { receipt },
            ("conflict", _) => OutboxStatus::Conflict { message },
            ("refused", _) => OutboxStatus::Refused { message },
            // Anything else waits: sending again is always safe under the same id.
            _ => OutboxStatus::Waiting,
        }
    }
}

/// One finalised sheet in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxRecord {
    /// The UUID made when it was finalised: the id it is synced under, for ever.
    pub client_id: String,
    pub round_id: i64,
    pub submission: SheetSubmission,
    /// The total the phone computed (the server computes its own).
    pub total: u32,
    /// Phone time (ms) when it was finalised: the outbox sends oldest first.
    pub queued_at: f64,
    /// Evidence photos the server has whole.
    #[serde(default)]
    pub uploaded: Vec<String>,
    /// Evidence photos that could not be sent (lost on the phone, or refused).
    #[serde(default)]
    pub skipped: Vec<String>,
    pub status: OutboxStatus,
    /// Tries so far.
    #[serde(default)]
    pub attempts: u32,
    /// Why the last try did not get through, in the server's (or our) words.
    #[serde(default)]
    pub last_error: Option<String>,
}

/// What one answer means for the sheet and for the rest of the batch.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Synced(SheetReceipt),
    Conflict(String),
    Refused(String),
    /// Try again later; stop this batch.
    RetryLater(String),
    /// The session is gone: sign in, then sync.
    SignIn,
}

impl Verdict {
    /// Reads the server's answer to a sheet (or to a photo of it).
    pub fn of(answer: Result<SheetReceipt, ClientError>) -> Verdict {
        match answer {
            Ok(receipt) => Verdict::Synced(receipt),
            Err(e) => Verdict::of_error(&e),
        }
    }

    /// What a failure means.
    pub fn of_error(error: &ClientError) -> Verdict {
        let zh = error.message(pingxuan_domain::Lang::Zh);
        match error {
            ClientError::Network | ClientError::BadResponse { .. } => Verdict::RetryLater(zh),
            ClientError::Server { status, body } => match body.code {
                ErrorCode::Unauthenticated | ErrorCode::CsrfFailed => Verdict::SignIn,
                ErrorCode::Conflict => Verdict::Conflict(zh),
                ErrorCode::RateLimited | ErrorCode::Internal => Verdict::RetryLater(zh),
                _ if *status >= 500 || *status == 408 || *status == 429 => Verdict::RetryLater(zh),
                _ => Verdict::Refused(zh),
            },
        }
    }

    /// Whether the batch goes on to the next sheet after this one.
    pub fn batch_goes_on(&self) -> bool {
        matches!(
            self,
            Verdict::Synced(_) | Verdict::Conflict(_) | Verdict::Refused(_)
        )
    }
}

impl OutboxRecord {
    /// A sheet just finalised.
    pub fn new(
        client_id: String,
        round_id: i64,
        submission: SheetSubmission,
        total: u32,
        queued_at: f64,
    ) -> OutboxRecord {
        OutboxRecord {
            client_id,
            round_id,
            submission,
            total,
            queued_at,
            uploaded: Vec::new(),
            skipped: Vec::new(),
            status: OutboxStatus::Waiting,
            attempts: 0,
            last_error: None,
        }
    }

    pub fn candidate_id(&self) -> i64 {
        self.submission.candidate_id
    }

    /// Waiting for the outbox to send it (refused sheets wait for the inspector).
    pub fn is_waiting(&self) -> bool {
        self.status == OutboxStatus::Waiting
    }

    pub fn is_synced(&self) -> bool {
        matches!(self.status, OutboxStatus::Synced { .. })
    }

    /// Not on the server yet: what the 待同步 badge counts (waiting or refused).
    pub fn is_pending(&self) -> bool {
        matches!(
            self.status,
            OutboxStatus::Waiting | OutboxStatus::Refused { .. }
        )
    }

    /// Every evidence photo id the sheet names, in its order.
    pub fn photo_ids(&self) -> Vec<String> {
        self.submission
            .scores
            .iter()
            .flat_map(|s| s.photo_ids.iter().cloned())
            .collect()
    }

    /// Photos still to upload before the sheet itself goes.
    pub fn photos_to_send(&self) -> Vec<String> {
        self.photo_ids()
            .into_iter()
            .filter(|p| !self.uploaded.contains(p) && !self.skipped.contains(p))
            .collect()
    }

    /// Applies the server's answer to the sheet.
    pub fn apply(&mut self, verdict: &Verdict) {
        self.attempts += 1;
        match verdict {
            Verdict::Synced(receipt) => {
                self.status = OutboxStatus::Synced {
                    receipt: receipt.clone(),
                };
                self.last_error = None;
            }
            Verdict::Conflict(message) => {
                self.status = OutboxStatus::Conflict {
                    message: message.clone(),
                };
            }
            Verdict::Refused(message) => {
                self.status = OutboxStatus::Refused {
                    message: message.clone(),
                };
            }
            Verdict::RetryLater(message) => self.last_error = Some(message.clone()),
            Verdict::SignIn => self.last_error = None,
        }
    }

    /// The inspector asks to send a refused sheet again (e.g. after the office fixed
    /// the assignment): it waits again, the same body under the same id.
    pub fn retry(&mut self) {
        if let OutboxStatus::Refused { .. } = self.status {
            self.status = OutboxStatus::Waiting;
        }
    }
}

/// Sorts waiting sheets oldest first: the order the outbox sends them.
pub fn send_order(records: &[OutboxRecord]) -> Vec<String> {
    let mut waiting: Vec<&OutboxRecord> = records.iter().filter(|r| r.is_waiting()).collect();
    waiting.sort_by(|a, b| a.queued_at.total_cmp(&b.queued_at));
    waiting.iter().map(|r| r.client_id.clone()).collect()
}

/// How far a sync run has got, for the progress line (第 n / m 份, photo %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncProgress {
    /// 1-based: the sheet being sent now.
    pub sheet: usize,
    pub of: usize,
    /// The photo being uploaded and its share sent, 0–100.
    pub photo: Option<(usize, usize, u8)>,
}
