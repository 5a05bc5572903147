//! The ballot box: one writer task that commits ballots in batches (group commit).
//!
//! SQLite has one writer, and a durable commit waits for the disk. One commit per
//! ballot tops out near 2,000 a second; here each request hands its ballot to the
//! writer and waits, and the writer puts everything that arrived while the previous
//! commit was on its way to disk into the next transaction. Every request is answered
//! only after the commit holding its ballot is on disk (WAL, synchronous=FULL).
//!
//! Architecture invariant: the UNIQUE (round, category, voter) constraint decides "one
//! ballot per person"; the writer only batches.

use crate::db::voting::{BallotOutcome, NewBallot};
use crate::db::Db;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// Ballots per transaction at most (a burst larger than this takes several commits).
const MAX_BATCH: usize = 1024;
/// Ballots waiting for the writer at most; beyond this requests wait to hand theirs in.
const QUEUE: usize = 16_384;

struct Job {
    ballot: NewBallot,
    reply: oneshot::Sender<Result<BallotOutcome, Arc<sqlx::Error>>>,
}

/// Hands ballots to the writer task; cheap to clone.
#[derive(Clone)]
pub struct BallotBox {
    jobs: mpsc::Sender<Job>,
    /// Ballots given a receipt so far (from a random start): see [`BallotBox::receipt_bits`].
    issued: Arc<AtomicU64>,
}

/// Why a ballot could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CastError {
    #[error("the ballot writer has stopped")]
    Stopped,
    #[error("database: {0}")]
    Db(Arc<sqlx::Error>),
}

impl BallotBox {
    /// Starts the writer task on the current runtime, with a connection of its own.
    pub fn start(db: Db) -> BallotBox {
        let (jobs, rx) = mpsc::channel(QUEUE);
        tokio::spawn(write_loop(db.dedicated(), rx));
        BallotBox {
            jobs,
            issued: Arc::new(AtomicU64::new(rand::random())),
        }
    }

    /// The 80 bits of a new ballot's receipt: 24 bits that move on once every 256
    /// ballots, then 56 random bits.
    ///
    /// Receipts are UNIQUE, so they have an index; fully random ones would land on any
    /// of its pages, and every ballot of a batch would dirty a different page that the
    /// commit writes to the WAL. With this prefix the receipts of a stretch of ballots
    /// sort together, a batch dirties a few pages of that index, and each receipt is
    /// still unguessable. The prefix tells what the public list's order already tells.
    pub fn receipt_bits(&self, random: [u8; 7]) -> [u8; 10] {
        let stretch = (self.issued.fetch_add(1, Ordering::Relaxed) >> 8) as u32;
        let mut bits = [0u8; 10];
        bits[..3].copy_from_slice(&stretch.to_be_bytes()[1..]);
        bits[3..].copy_from_slice(&random);
        bits
    }

    /// Writes one ballot; returns once its batch is committed.
    pub async fn cast(&self, ballot: NewBallot) -> Result<BallotOutcome, CastError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { ballot, reply })
            .await
            .map_err(|_| CastError::Stopped)?;
        answer
            .await
            .map_err(|_| CastError::Stopped)?
            .map_err(CastError::Db)
    }
}

async fn write_loop(db: Db, mut rx: mpsc::Receiver<Job>) {
    let mut jobs: Vec<Job> = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut jobs, MAX_BATCH).await > 0 {
        let ballots: Vec<NewBallot> = jobs.iter().map(|j| j.ballot.clone()).collect();
        match db.write_ballots(&ballots).await {
            Ok(outcomes) => {
                for (job, outcome) in jobs.drain(..).zip(outcomes) {
                    let _ = job.reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, ballots = jobs.len(), "writing a batch of ballots failed");
                let e = Arc::new(e);
                for job in jobs.drain(..) {
                    let _ = job.reply.send(Err(e.clone()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn receipts_of_a_stretch_share_their_first_bits_and_keep_the_random_rest() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/t.db", dir.path().display()))
            .await
            .unwrap();
        let ballot_box = BallotBox::start(db);
        let bits: Vec<[u8; 10]> = (0..1024u32)
            .map(|i| {
                let mut random = [0u8; 7];
                random[..4].copy_from_slice(&i.to_be_bytes());
                ballot_box.receipt_bits(random)
            })
            .collect();
        let mut prefixes: Vec<[u8; 3]> = bits.iter().map(|b| [b[0], b[1], b[2]]).collect();
        prefixes.dedup();
        // 1024 receipts from a random start span four or five stretches of 256.
        assert!(
            (4..=5).contains(&prefixes.len()),
            "{} stretches",
            prefixes.len()
        );
        for (i, b) in bits.iter().enumerate() {
            assert_eq!(
                &b[3..7],
                &(i as u32).to_be_bytes(),
                "the random part is kept"
            );
        }
    }
}
