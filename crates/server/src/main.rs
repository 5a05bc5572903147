//! `pingxuan-server`: serve the app (default), or manage staff accounts from the shell.

use anyhow::Context;
use clap::{Parser, Subcommand};
use pingxuan_domain::api::CreateStaffRequest;
use pingxuan_domain::Role;
use pingxuan_server::{auth, db::Db, Config};
use std::time::Instant;
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "pingxuan-server",
    version,
    about = "潮州“最差四个十”评选 — server"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the app (the default).
    Serve,
    /// Manage staff accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an office admin (创卫办) account. The password is read from
    /// PINGXUAN_ADMIN_PASSWORD, or generated and printed.
    Create {
        #[arg(long, default_value = "admin")]
        username: String,
        #[arg(long, default_value = "创卫办管理员")]
        display_name: String,
        /// Succeed without changes when the account already exists.
        #[arg(long)]
        if_missing: bool,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .init();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config).await,
        Command::Admin {
            command:
                AdminCommand::Create {
                    username,
                    display_name,
                    if_missing,
                },
        } => create_admin(&cli.config, &username, &display_name, if_missing).await,
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let started = Instant::now();
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("binding {}", config.addr))?;
    let addr = listener.local_addr()?;
    let state = pingxuan_server::prepare(config).await?;
    tracing::info!(elapsed_ms = started.elapsed().as_millis() as u64, "ready");
    println!("Pingxuan is running at http://{addr}/");
    pingxuan_server::serve(listener, state).await
}

async fn create_admin(
    config: &Config,
    username: &str,
    display_name: &str,
    if_missing: bool,
) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url()).await?;
    let (password, generated) = match std::env::var("PINGXUAN_ADMIN_PASSWORD") {
        Ok(p) if !p.is_empty() => (p, false),
        _ => (auth::random_token()[..16].to_owned(), true),
    };
    let req = CreateStaffRequest {
        username: username.to_owned(),
        display_name: display_name.to_owned(),
        role: Role::Admin,
        password,
    };
    let new = req.parse().map_err(|errs| {
        anyhow::anyhow!(errs
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; "))
    })?;
    if db.account_for_login(new.username.as_str()).await?.is_some() {
        if if_missing {
            println!("admin account {:?} already exists", new.username.as_str());
            return Ok(());
        }
        anyhow::bail!(
            "an account named {:?} already exists",
            new.username.as_str()
        );
    }
    let hash = auth::hash_password(new.password.expose())?;
    let account = db
        .insert_account(&new, &hash, None, chrono::Utc::now())
        .await
        .map_err(|e| anyhow::anyhow!("creating the account: {e}"))?;
    println!(
        "created admin account {:?} (id {})",
        account.username, account.id
    );
    if generated {
        println!("password: {}", new.password.expose());
    }
    Ok(())
}
