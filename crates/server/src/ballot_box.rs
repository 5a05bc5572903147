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
    /// Starts the writer task on the current runtime.
    pub fn start(db: Db) -> BallotBox {
        let (jobs, rx) = mpsc::channel(QUEUE);
        tokio::spawn(write_loop(db, rx));
        BallotBox { jobs }
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
