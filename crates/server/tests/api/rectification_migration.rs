//! Migration 0011 rebuilds `staff_accounts` (SQLite cannot change a CHECK): on a
//! database at 0010 with accounts, a live session, audit entries and a staff photo, every
//! row survives, every reference still resolves (`PRAGMA foreign_key_check`), foreign
//! keys are still enforced, and the new town rule holds.
//!
//! The only test that writes SQL itself: it has to make the database as it was before.

use chrono::{Duration, Utc};
use pingxuan_server::db::Db;
use sqlx::migrate::Migrator;
use sqlx::{Connection, Row, SqliteConnection};

#[tokio::test]
async fn rebuilding_staff_accounts_keeps_every_reference_and_adds_towns() {
    if crate::helpers::on_postgres() {
        eprintln!("skipped on PostgreSQL: SQLite's 0011 table rebuild (PostgreSQL's 0011 alters the table)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("migrations");
    std::fs::create_dir(&old).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.as_str() < "0011" {
            std::fs::copy(&path, old.join(&name)).unwrap();
        }
    }
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("db.sqlite").display()
    );
    let now = Utc::now();
    let token = "a".repeat(64);
    {
        let mut conn = SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("PRAGMA foreign_keys = ON")
            .execute(&mut conn)
            .await
            .unwrap();
        Migrator::new(old.as_path())
            .await
            .unwrap()
            .run(&mut conn)
            .await
            .unwrap();
        for (id, username, role, category) in [
            (1, "admin", "admin", None),
            (2, "market.staff", "department", Some("market")),
            (3, "wg1a.lead", "inspector", None),
        ] {
            sqlx::query(
                "INSERT INTO staff_accounts (id, username, display_name, role, category, password_hash, active, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, 'x', TRUE, ?, ?)",
            )
            .bind(id)
            .bind(username)
            .bind(format!("测试{username}"))
            .bind(role)
            .bind(category)
            .bind(now)
            .bind(now)
            .execute(&mut conn)
            .await
            .unwrap();
        }
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, 2, 'csrf', ?, ?)",
        )
        .bind(&token)
        .bind(now)
        .bind(now + Duration::hours(8))
        .execute(&mut conn)
        .await
        .unwrap();
        sqlx::query("INSERT INTO audit_log (at, account_id, action, target, detail) VALUES (?, 1, 'account.create', 'account:2', '')")
            .bind(now)
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO photos (id, width, height, bytes, dhash, created_at, uploaded_by) VALUES ('AAAAAAAAAAAAAAAAAAAAAA', 1, 1, 1, 0, ?, 2)",
        )
        .bind(now)
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
    }

    // The server's start runs 0011.
    let db = Db::connect(&url).await.unwrap();
    let accounts = db.accounts().await.unwrap();
    assert_eq!(accounts.len(), 3);
    assert_eq!(accounts[0].username, "admin");
    let (account, csrf) = db
        .session(&token, now)
        .await
        .unwrap()
        .expect("the session lives on");
    assert_eq!((account.id, csrf.as_str()), (2, "csrf"));
    assert_eq!(
        account.role.category(),
        Some(pingxuan_domain::Category::Market)
    );
    assert_eq!(db.audit_count("account.create").await.unwrap(), 1);

    let mut conn = SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut conn)
        .await
        .unwrap();
    let dangling = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(dangling.is_empty(), "{} rows point nowhere", dangling.len());
    // The references point at the rebuilt table: still enforced, by name.
    let refs: Vec<String> = sqlx::query(
        "SELECT sql FROM sqlite_schema WHERE sql LIKE '%REFERENCES staff_accounts_new%'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect();
    assert!(refs.is_empty(), "{refs:?}");
    let orphan = sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES ('b', 99, 'c', ?, ?)",
    )
    .bind(now)
    .bind(now)
    .execute(&mut conn)
    .await;
    assert!(orphan.is_err(), "a session of no account");
    // A town account names its town; no other role does.
    let insert = |role: &'static str, town: Option<&'static str>, name: &'static str| {
        sqlx::query(
            "INSERT INTO staff_accounts (username, display_name, role, town, password_hash, created_at, updated_at) \
             VALUES (?, '镇', ?, ?, 'x', ?, ?)",
        )
        .bind(name)
        .bind(role)
        .bind(town)
        .bind(now)
        .bind(now)
    };
    assert!(insert("town", None, "t1").execute(&mut conn).await.is_err());
    assert!(insert("inspector", Some("浮洋镇"), "t2")
        .execute(&mut conn)
        .await
        .is_err());
    insert("town", Some("浮洋镇"), "t3")
        .execute(&mut conn)
        .await
        .unwrap();
    drop(conn);
    let town = db.account_for_login("t3").await.unwrap().unwrap().0.role;
    assert_eq!(town.town().map(|t| t.name()), Some("浮洋镇"));
}
