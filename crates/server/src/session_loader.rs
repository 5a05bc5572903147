//! Voter sessions the cache does not hold yet, looked up in batches.
//!
//! After a restart (or on a second server) every voter's first request misses the
//! session cache. A burst of such requests would each take a pooled connection for one
//! `SELECT`; instead they hand their token hash to one task, which looks up everything
//! that arrived meanwhile with one `… WHERE token_hash IN (…)` and answers each.

use crate::db::voting::VoterSession;
use crate::db::Db;
use chrono::Utc;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// Lookups per query at most.
const MAX_BATCH: usize = 512;

type Answer = Result<Option<VoterSession>, Arc<sqlx::Error>>;

struct Lookup {
    token_hash: String,
    reply: oneshot::Sender<Answer>,
}

/// Hands lookups to the loader task; cheap to clone.
#[derive(Clone)]
pub struct SessionLoader {
    lookups: mpsc::Sender<Lookup>,
}

/// Why a session could not be looked up.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the session loader has stopped")]
    Stopped,
    #[error("database: {0}")]
    Db(Arc<sqlx::Error>),
}

impl SessionLoader {
    /// Starts the loader task on the current runtime.
    pub fn start(db: Db) -> SessionLoader {
        let (lookups, rx) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(load_loop(db, rx));
        SessionLoader { lookups }
    }

    /// The live session with this token hash, if there is one.
    pub async fn load(&self, token_hash: &str) -> Result<Option<VoterSession>, LoadError> {
        let (reply, answer) = oneshot::channel();
        self.lookups
            .send(Lookup {
                token_hash: token_hash.to_owned(),
                reply,
            })
            .await
            .map_err(|_| LoadError::Stopped)?;
        answer
            .await
            .map_err(|_| LoadError::Stopped)?
            .map_err(LoadError::Db)
    }
}

async fn load_loop(db: Db, mut rx: mpsc::Receiver<Lookup>) {
    let mut batch: Vec<Lookup> = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let hashes: Vec<String> = batch.iter().map(|l| l.token_hash.clone()).collect();
        match db.voter_sessions(&hashes, Utc::now()).await {
            Ok(mut found) => {
                for lookup in batch.drain(..) {
                    // A hash asked for twice in one batch gets its session both times.
                    let session = found.get(&lookup.token_hash).cloned();
                    let _ = lookup.reply.send(Ok(session));
                }
                found.clear();
            }
            Err(e) => {
                tracing::error!(error = %e, lookups = batch.len(), "looking up voter sessions failed");
                let e = Arc::new(e);
                for lookup in batch.drain(..) {
                    let _ = lookup.reply.send(Err(e.clone()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[tokio::test]
    async fn concurrent_lookups_find_their_own_sessions_and_unknown_tokens_none() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/t.db", dir.path().display()))
            .await
            .unwrap();
        let now = Utc::now();
        let voters: Vec<(String, String)> = (0..300)
            .map(|i| (format!("voter-{i}"), format!("token-{i}")))
            .collect();
        db.insert_voters_with_sessions(&voters, now, now + chrono::Duration::days(1))
            .await
            .unwrap();
        let loader = SessionLoader::start(db.clone());
        let mut tasks = Vec::new();
        for i in 0..320 {
            let loader = loader.clone();
            tasks.push(tokio::spawn(async move {
                (i, loader.load(&format!("token-{i}")).await.unwrap())
            }));
        }
        let mut ids = HashMap::new();
        for t in tasks {
            let (i, session) = t.await.unwrap();
            if i < 300 {
                let s = session.expect("a registered token has a session");
                ids.insert(s.voter_id, i);
            } else {
                assert_eq!(session, None, "token-{i} was never registered");
            }
        }
        assert_eq!(ids.len(), 300, "each token finds a different voter");
    }
}
