//! The database layer: the only place with SQL. SQLite (WAL) is the embedded default;
//! PostgreSQL joins behind the same methods in the scale-out issue.

pub mod accountability;
pub mod accounts;
pub mod audit;
pub mod ballot_snapshots;
pub mod evidence;
pub mod field_sheets;
pub mod nominations;
pub mod photos;
pub mod places;
pub mod rectification;
pub mod results;
pub mod rounds;
pub mod screening;
pub mod sessions;
pub mod sheets;
pub mod teams;
pub mod voting;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

/// A handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: SqlitePool,
}

/// Why an insert or update was refused by a constraint.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A UNIQUE constraint: the record already exists.
    #[error("already exists")]
    Duplicate,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl WriteError {
    fn from_sqlx(e: sqlx::Error) -> WriteError {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => WriteError::Duplicate,
            _ => WriteError::Db(e),
        }
    }
}

/// Runs the embedded migrations with foreign keys off, then checks every foreign key.
async fn migrate(options: &SqliteConnectOptions) -> anyhow::Result<()> {
    use sqlx::{Connection, Row};
    let mut conn = sqlx::SqliteConnection::connect_with(&options.clone().foreign_keys(false))
        .await
        .context("opening the database for migrations")?;
    sqlx::migrate!("./migrations/sqlite")
        .run(&mut conn)
        .await
        .context("running migrations")?;
    let dangling = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .context("checking foreign keys")?;
    if let Some(row) = dangling.first() {
        anyhow::bail!(
            "after the migrations, {} rows point nowhere (first in table {})",
            dangling.len(),
            row.try_get::<String, _>(0).unwrap_or_default()
        );
    }
    conn.close()
        .await
        .context("closing the migration connection")?;
    Ok(())
}

impl Db {
    /// Opens (creating if missing) the database at `url` and runs the embedded migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("reading DATABASE_URL {url:?}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Checkpoints run in the background every second (`checkpoint`); a commit
            // only checkpoints itself if the WAL has grown past 40 MB meanwhile, so a
            // voter's ballot rarely waits for one.
            .pragma("wal_autocheckpoint", "10000")
            // Ballots' random keys (receipts, device hashes) land on pages all over their
            // indexes: a 32 MB page cache per connection keeps them in memory instead of
            // re-reading them from the file (SQLite's default is 2 MB); statement
            // journals (every multi-row INSERT … ON CONFLICT keeps one) stay in memory.
            // No memory map: the file grows with every batch, and remapping it and
            // faulting its pages in cost more than the reads they save.
            .pragma("cache_size", "-32768")
            .pragma("temp_store", "memory")
            .busy_timeout(Duration::from_secs(5));
        if let Some(dir) = options.get_filename().parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating the data directory {}", dir.display()))?;
            }
        }
        // Migrations run on a connection of their own with foreign keys off, as SQLite's
        // procedure for rebuilding a table asks (0011 rebuilds staff_accounts); any row
        // they left pointing nowhere fails the start.
        migrate(&options).await?;
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            // A connection to a local file does not go stale; testing it on every
            // acquire costs a round trip to its worker thread on every query.
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .with_context(|| format!("opening {url}"))?;
        Ok(Db { pool })
    }

    /// A write transaction. `BEGIN IMMEDIATE` takes SQLite's write lock at the start, so a
    /// transaction that reads before it writes waits for another writer (the busy
    /// timeout) instead of failing: a deferred transaction whose snapshot another writer
    /// committed past cannot upgrade to a write and gets SQLITE_BUSY_SNAPSHOT at once,
    /// which the busy timeout does not cover. The replay found nominations failing so.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// The same database through one connection of its own, kept open: for a task that
    /// writes a lot (the ballot box). SQLite drops a connection's page cache whenever
    /// another connection has written; a writer that always uses the same connection
    /// keeps its cache (its own commits do not invalidate it), instead of taking whichever
    /// pooled connection is free and re-reading its indexes' pages.
    pub fn dedicated(&self) -> Db {
        let options = (*self.pool.connect_options()).clone();
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_lazy_with(options);
        Db { pool }
    }

    /// Copies what it can of the WAL into the database without blocking writers
    /// (`PRAGMA wal_checkpoint(PASSIVE)`); the server runs it every second.
    pub async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    /// Checks the database answers (for health checks).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}
