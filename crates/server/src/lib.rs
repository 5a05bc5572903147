//! Pingxuan's server: the JSON API under `/api/v1`, staff sessions, the OpenAPI
//! document, and the built app with its security headers.
//!
//! Architecture invariant: SQL lives only in [`db`]; handlers in [`routes`] speak in
//! domain types and [`error::AppError`].

pub mod auth;
pub mod ballot_box;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod identity;
pub mod openapi;
pub mod photos;
pub mod proxies;
pub mod rate_limit;
pub mod routes;
pub mod secret;
pub mod seed;
pub mod session_loader;
pub mod state;
pub mod storage;
pub mod vote_page;
pub mod web;

use anyhow::Context;
use axum::serve::ListenerExt;
use std::net::SocketAddr;
use tokio::net::TcpListener;

pub use config::Config;
pub use state::AppState;

/// Opens the database (running migrations), seeds the demo round when asked, and
/// returns the state the router needs.
pub async fn prepare(config: Config) -> anyhow::Result<AppState> {
    let db = db::Db::connect(&config.database_url())
        .await
        .context("opening the database")?;
    if config.demo {
        let now = chrono::Utc::now();
        seed::demo_round(&db, now)
            .await
            .context("seeding the demo round")?;
        seed::demo_register(&db, now)
            .await
            .context("seeding the demo place register")?;
        seed::demo_field(&db, now)
            .await
            .context("seeding the demo field scoring")?;
        seed::demo_towns(&db, now)
            .await
            .context("seeding the demo town accounts")?;
    }
    let state = AppState::new(config, db)?;
    state
        .storage
        .check()
        .await
        .context("reaching the photo storage")?;
    tracing::info!(storage = %state.storage.describe(), "photos");
    Ok(state)
}

/// Serves `state` on `listener` until ctrl-c or SIGTERM, then drains in-flight requests.
pub async fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<()> {
    tokio::spawn(housekeeping(state.clone()));
    tokio::spawn(checkpoints(state.db.clone()));
    tokio::spawn(ballot_snapshots(state.clone()));
    let app = routes::app(state);
    // axum does not set TCP_NODELAY; small JSON answers and precompressed assets wait
    // on Nagle's algorithm without it.
    let listener = listener.tap_io(|tcp| {
        if let Err(err) = tcp.set_nodelay(true) {
            tracing::warn!(%err, "could not set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving HTTP")
}

/// Hourly chores: abandoned residents' photos, unfinished evidence uploads, and the shared
/// rate limits' past windows.
async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let now = chrono::Utc::now();
        if let Err(err) = photos::remove_orphans(&state, now).await {
            tracing::warn!(error = ?err, "housekeeping failed");
        }
        let before = now - chrono::Duration::days(routes::evidence::ABANDONED_AFTER_DAYS);
        match state.db.remove_abandoned_uploads(before).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(uploads = n, "dropped unfinished evidence uploads"),
            Err(err) => tracing::warn!(error = ?err, "housekeeping failed"),
        }
        let kept = chrono::Duration::from_std(rate_limit::SHARED_WINDOWS_KEPT).unwrap_or_default();
        if let Err(err) = state.db.prune_rate_counters((now - kept).timestamp()).await {
            tracing::warn!(error = ?err, "housekeeping failed");
        }
    }
}

/// The ballot box's daily snapshots: checked every minute, taken when due.
async fn ballot_snapshots(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tick.tick().await;
        if let Err(err) = routes::ballot_snapshots::take_due(&state, chrono::Utc::now()).await {
            tracing::warn!(error = ?err, "ballot snapshot failed");
        }
    }
}

/// WAL checkpoints off the commit path: once a second, passive (never blocks writers).
async fn checkpoints(db: db::Db) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    loop {
        tick.tick().await;
        if let Err(err) = db.checkpoint().await {
            tracing::warn!(error = %err, "WAL checkpoint failed");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
