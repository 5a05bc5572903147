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
pub mod rate_counters;
pub mod rectification;
pub mod results;
pub mod rounds;
pub mod screening;
pub mod sessions;
pub mod sheets;
pub mod teams;
pub mod voting;

use anyhow::Context;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// A handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: Pool,
}

/// The backend behind a [`Db`]: SQLite (the embedded default) or PostgreSQL. Every query
/// is one SQL text with `$1, $2, …` placeholders (sqlx-sqlite binds `$N` to the N-th
/// argument too), run on either through [`on_db!`] / [`on_conn!`], whose body is compiled
/// once per backend.
#[derive(Clone, Debug)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// One backend's pool, as the body of [`on_db!`] sees it: `db.pool` is the executor and
/// `db.begin_write()` the write transaction.
pub(crate) struct On<'a, DB: sqlx::Database> {
    pub pool: &'a sqlx::Pool<DB>,
}

/// The key of the advisory lock every PostgreSQL write transaction takes (see
/// [`On::begin_write`]); any constant, the same in every server process.
const WRITE_LOCK: i64 = 0x5049_4e47_5855_414e; // "PINGXUAN"

impl On<'_, Sqlite> {
    /// A write transaction. `BEGIN IMMEDIATE` takes SQLite's write lock at the start, so a
    /// transaction that reads before it writes waits for another writer (the busy
    /// timeout) instead of failing: a deferred transaction whose snapshot another writer
    /// committed past cannot upgrade to a write and gets SQLITE_BUSY_SNAPSHOT at once,
    /// which the busy timeout does not cover. The replay found nominations failing so.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// A write transaction of row-atomic statements (see the PostgreSQL twin): on SQLite
    /// the same as [`Self::begin_write`], SQLite having one writer anyway.
    pub(crate) async fn begin_row_writes(
        &self,
    ) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.begin_write().await
    }
}

impl On<'_, Postgres> {
    /// A write transaction, serialised with every other one (in every server process on
    /// this database) by a transaction-scoped advisory lock: the same guarantee as
    /// SQLite's `BEGIN IMMEDIATE`, which the read-then-write checks (phase checks, the
    /// ballot box's earlier-ballot reads) rely on.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(WRITE_LOCK)
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }

    /// A write transaction whose every statement settles on its own rows what it writes
    /// (an upsert, an `UPDATE … WHERE … RETURNING`), no decision in code resting on an
    /// earlier read: row locks are all it needs, so it skips [`Self::begin_write`]'s
    /// global advisory lock and does not queue behind the ballot box and staff writes.
    /// The rate counters and the SMS-code sign-in use it.
    pub(crate) async fn begin_row_writes(
        &self,
    ) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        self.pool.begin().await
    }
}

/// Runs `$body` against the backend of `$db` (a `&Db`), with `$on` bound to its [`On`]
/// and the type `DB` to its `sqlx::Database`; the body is compiled once per backend.
macro_rules! on_db {
    ($db:expr, $on:ident => $body:expr) => {
        match &$db.pool {
            $crate::db::Pool::Sqlite(pool) => {
                #[allow(dead_code)]
                type DB = sqlx::Sqlite;
                let $on = $crate::db::On { pool };
                $body
            }
            $crate::db::Pool::Postgres(pool) => {
                #[allow(dead_code)]
                type DB = sqlx::Postgres;
                let $on = $crate::db::On { pool };
                $body
            }
        }
    };
}
pub(crate) use on_db;

/// The few SQL fragments the two backends spell differently; a body of [`on_db!`] or
/// [`on_conn!`] reaches them as `<DB as Dialect>::…`.
pub(crate) trait Dialect {
    /// `expr` (integers or text) of a group joined with commas, in no particular order.
    fn comma_list(expr: &str) -> String;
    /// The text elements of the JSON array `param` as rows of one column, `value`.
    fn json_texts(param: &str) -> String;
    /// The instant `expr` in Beijing time (UTC+8, no daylight saving) as text,
    /// `YYYY-MM-DD HH:MM` to the minute or `YYYY-MM-DD HH:00` to the hour.
    fn beijing_minute(expr: &str) -> String;
    fn beijing_hour(expr: &str) -> String;
}

impl Dialect for Sqlite {
    fn comma_list(expr: &str) -> String {
        format!("group_concat({expr}, ',')")
    }
    fn json_texts(param: &str) -> String {
        format!("json_each({param})")
    }
    fn beijing_minute(expr: &str) -> String {
        format!("strftime('%Y-%m-%d %H:%M', {expr}, '+8 hours')")
    }
    fn beijing_hour(expr: &str) -> String {
        format!("strftime('%Y-%m-%d %H:00', {expr}, '+8 hours')")
    }
}

impl Dialect for Postgres {
    fn comma_list(expr: &str) -> String {
        format!("string_agg(CAST({expr} AS TEXT), ',')")
    }
    fn json_texts(param: &str) -> String {
        format!("jsonb_array_elements_text(CAST({param} AS JSONB))")
    }
    fn beijing_minute(expr: &str) -> String {
        format!("to_char({expr} AT TIME ZONE 'UTC' + INTERVAL '8 hours', 'YYYY-MM-DD HH24:MI')")
    }
    fn beijing_hour(expr: &str) -> String {
        format!("to_char({expr} AT TIME ZONE 'UTC' + INTERVAL '8 hours', 'YYYY-MM-DD HH24:00')")
    }
}

/// A connection of either backend, borrowed for a helper that runs several statements in
/// its caller's transaction (see [`on_conn!`]).
pub(crate) enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// Runs `$body` with `$c` (a `&mut Tx`, `&mut Transaction`, `&mut PoolConnection` or
/// `Conn`) rebound to the concrete `&mut` connection of its backend; the body is compiled
/// once per backend.
macro_rules! on_conn {
    ($c:ident => $body:expr) => {
        match ::core::convert::Into::<$crate::db::Conn<'_>>::into($c) {
            $crate::db::Conn::Sqlite($c) => {
                #[allow(dead_code)]
                type DB = sqlx::Sqlite;
                $body
            }
            $crate::db::Conn::Postgres($c) => {
                #[allow(dead_code)]
                type DB = sqlx::Postgres;
                $body
            }
        }
    };
}
pub(crate) use on_conn;

/// A write transaction of either backend, for a helper that finishes (commits) it.
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

impl From<Transaction<'static, Sqlite>> for Tx {
    fn from(t: Transaction<'static, Sqlite>) -> Tx {
        Tx::Sqlite(t)
    }
}

impl From<Transaction<'static, Postgres>> for Tx {
    fn from(t: Transaction<'static, Postgres>) -> Tx {
        Tx::Postgres(t)
    }
}

impl<'a> From<&'a mut Tx> for Conn<'a> {
    fn from(t: &'a mut Tx) -> Conn<'a> {
        match t {
            Tx::Sqlite(t) => Conn::Sqlite(t),
            Tx::Postgres(t) => Conn::Postgres(t),
        }
    }
}

/// `From` a borrowed connection, transaction or pooled connection of each backend.
macro_rules! conn_from {
    ($variant:ident, $db:ty, $conn:ty) => {
        impl<'a> From<&'a mut $conn> for Conn<'a> {
            fn from(c: &'a mut $conn) -> Conn<'a> {
                Conn::$variant(c)
            }
        }
        impl<'a, 't> From<&'a mut Transaction<'t, $db>> for Conn<'a> {
            fn from(t: &'a mut Transaction<'t, $db>) -> Conn<'a> {
                Conn::$variant(t)
            }
        }
        impl<'a> From<&'a mut PoolConnection<$db>> for Conn<'a> {
            fn from(c: &'a mut PoolConnection<$db>) -> Conn<'a> {
                Conn::$variant(c)
            }
        }
    };
}
conn_from!(Sqlite, Sqlite, SqliteConnection);
conn_from!(Postgres, Postgres, PgConnection);

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
async fn migrate_sqlite(options: &SqliteConnectOptions) -> anyhow::Result<()> {
    use sqlx::{Connection, Row};
    let mut conn = SqliteConnection::connect_with(&options.clone().foreign_keys(false))
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

/// Whether `url` names a PostgreSQL database (`postgres://` or `postgresql://`).
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

impl Db {
    /// Opens the database at `url` and runs the embedded migrations: PostgreSQL for a
    /// `postgres://` URL, otherwise SQLite (the file created if missing).
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        if is_postgres(url) {
            Self::connect_postgres(url).await
        } else {
            Self::connect_sqlite(url).await
        }
    }

    async fn connect_postgres(url: &str) -> anyhow::Result<Db> {
        let options = PgConnectOptions::from_str(url)
            .with_context(|| format!("reading DATABASE_URL {url:?}"))?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect_with(options)
            .await
            .with_context(|| format!("opening {url}"))?;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .context("running migrations")?;
        Ok(Db {
            pool: Pool::Postgres(pool),
        })
    }

    async fn connect_sqlite(url: &str) -> anyhow::Result<Db> {
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
        migrate_sqlite(&options).await?;
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            // A connection to a local file does not go stale; testing it on every
            // acquire costs a round trip to its worker thread on every query.
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .with_context(|| format!("opening {url}"))?;
        Ok(Db {
            pool: Pool::Sqlite(pool),
        })
    }

    /// Whether this is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        matches!(self.pool, Pool::Postgres(_))
    }

    /// The same database through a connection of its own, kept open: for a task that
    /// writes a lot (the ballot box). SQLite drops a connection's page cache whenever
    /// another connection has written; a writer that always uses the same connection
    /// keeps its cache (its own commits do not invalidate it), instead of taking whichever
    /// pooled connection is free and re-reading its indexes' pages. On PostgreSQL, a
    /// small pool of its own, so the ballot box never waits for the shared pool.
    pub fn dedicated(&self) -> Db {
        let pool = match &self.pool {
            Pool::Sqlite(p) => Pool::Sqlite(
                SqlitePoolOptions::new()
                    .max_connections(1)
                    .test_before_acquire(false)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .connect_lazy_with((*p.connect_options()).clone()),
            ),
            Pool::Postgres(p) => Pool::Postgres(
                PgPoolOptions::new()
                    .max_connections(2)
                    .connect_lazy_with((*p.connect_options()).clone()),
            ),
        };
        Db { pool }
    }

    /// Copies what it can of the WAL into the database without blocking writers
    /// (`PRAGMA wal_checkpoint(PASSIVE)`); the server runs it every second. Nothing to do
    /// on PostgreSQL.
    pub async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        match &self.pool {
            Pool::Sqlite(p) => sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(p)
                .await
                .map(|_| ()),
            Pool::Postgres(_) => Ok(()),
        }
    }

    /// Checks the database answers (for health checks).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_db!(self, db => sqlx::query("SELECT 1").execute(db.pool).await.map(|_| ()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One SQL text serves both backends: sqlx-sqlite binds `$N` to the N-th argument,
    /// whatever the order the placeholders appear in and however often.
    #[tokio::test]
    async fn sqlite_binds_dollar_n_by_number_and_reuses_it() {
        let db = Db::connect("sqlite::memory:")
            .await
            .expect("in-memory database");
        let (a, b, c): (String, i64, String) = on_db!(db, db => {
            sqlx::query_as("SELECT $2 || '-' || $1, $3 + $3, $1 || $2")
                .bind("x")
                .bind("y")
                .bind(20_i64)
                .fetch_one(db.pool)
                .await
        })
        .expect("query");
        assert_eq!((a.as_str(), b, c.as_str()), ("y-x", 40, "xy"));
        let n: i64 = on_db!(db, db => {
            sqlx::query_scalar("SELECT COUNT(*) FROM (SELECT 1 AS v UNION ALL SELECT 2) WHERE v = $1 OR v = $1 + 5")
                .bind(2_i64)
                .fetch_one(db.pool)
                .await
        })
        .expect("query");
        assert_eq!(n, 1);
    }
}
