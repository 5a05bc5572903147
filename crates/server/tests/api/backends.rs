//! The two backends hold the same schema: on PostgreSQL (`PINGXUAN_TEST_POSTGRES_URL`),
//! the tables and columns, every index (so every UNIQUE rule, partial ones included) and
//! the tables guarded by triggers are those SQLite's migrations make.
//!
//! Like `rectification_migration.rs`, it reads the catalogs with SQL of its own.

use crate::helpers::{on_postgres, spawn_app};
use sqlx::{Connection, PgConnection, SqliteConnection};
use std::collections::BTreeSet;

/// (table, column) pairs; (table, columns, unique, partial) indexes; tables with triggers.
type Schema = (
    BTreeSet<(String, String)>,
    BTreeSet<(String, String, bool, bool)>,
    BTreeSet<String>,
);

/// Indexes with their columns sorted and comma-joined.
fn keep(mut rows: Vec<(String, String, bool, bool)>) -> BTreeSet<(String, String, bool, bool)> {
    for r in &mut rows {
        let mut cols: Vec<&str> = r.1.split(',').collect();
        cols.sort_unstable();
        r.1 = cols.join(",");
    }
    rows.into_iter().collect()
}

async fn sqlite_schema(url: &str) -> Schema {
    let mut c = SqliteConnection::connect(url).await.unwrap();
    let columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let indexes: Vec<(String, String, bool, bool)> = sqlx::query_as(
        "SELECT m.name, (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii), \
           il.\"unique\", il.partial \
         FROM sqlite_schema m, pragma_index_list(m.name) il \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    // An INTEGER PRIMARY KEY is the rowid, with no index of its own: listed as the
    // unique index PostgreSQL's primary key is.
    let rowid_keys: Vec<(String, String, bool, bool)> = sqlx::query_as(
        "SELECT m.name, p.name, 1, 0 FROM sqlite_schema m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%' \
           AND p.pk = 1 AND p.type = 'INTEGER' \
           AND (SELECT COUNT(*) FROM pragma_table_info(m.name) q WHERE q.pk > 0) = 1",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let triggers: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT tbl_name FROM sqlite_schema WHERE type = 'trigger'")
            .fetch_all(&mut c)
            .await
            .unwrap();
    (
        columns.into_iter().collect(),
        keep(indexes.into_iter().chain(rowid_keys).collect()),
        triggers.into_iter().map(|t| t.0).collect(),
    )
}

async fn postgres_schema(url: &str) -> Schema {
    let mut c = PgConnection::connect(url).await.unwrap();
    let columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let indexes: Vec<(String, String, bool, bool)> = sqlx::query_as(
        "SELECT CAST(t.relname AS TEXT), \
           array_to_string(ARRAY(SELECT a.attname FROM unnest(i.indkey) k(attnum) \
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum), ','), \
           i.indisunique, i.indpred IS NOT NULL \
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND t.relname NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let triggers: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT CAST(c.relname AS TEXT) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid \
         WHERE NOT g.tgisinternal",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    (
        columns.into_iter().collect(),
        keep(indexes),
        triggers.into_iter().map(|t| t.0).collect(),
    )
}

#[tokio::test]
async fn postgres_migrations_make_sqlites_schema() {
    if !on_postgres() {
        eprintln!("skipped: runs when PINGXUAN_TEST_POSTGRES_URL names a PostgreSQL server");
        return;
    }
    let app = spawn_app().await;
    let pg = postgres_schema(app.database_url()).await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/schema.db", dir.path().display());
    pingxuan_server::db::Db::connect(&url).await.unwrap();
    let lite = sqlite_schema(&url).await;
    assert!(
        lite.0.len() > 150,
        "SQLite's columns read: {}",
        lite.0.len()
    );
    assert!(
        lite.1.iter().filter(|i| i.2).count() > 20,
        "unique indexes read"
    );
    assert_eq!(
        pg.0.symmetric_difference(&lite.0).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "columns only one backend has"
    );
    assert_eq!(
        pg.1.symmetric_difference(&lite.1).collect::<Vec<_>>(),
        Vec::<&(String, String, bool, bool)>::new(),
        "indexes only one backend has"
    );
    assert_eq!(pg.2, lite.2, "tables guarded by triggers");
}
