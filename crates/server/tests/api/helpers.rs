//! `spawn_app()`: a real server on port 0 with its own database and a tiny built app.

use pingxuan_domain::api::{CreateStaffRequest, SessionResponse, CSRF_HEADER};
use pingxuan_domain::{Category, Role};
use pingxuan_server::{auth, db::Db, Config};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::net::SocketAddr;

pub const INLINE_LOADER: &str = "import init from '/pingxuan-0123456789abcdef.js';\nawait init();";
/// The nomination app's loader (in `dist/nominate/index.html`).
pub const NOMINATE_INLINE_LOADER: &str =
    "import init from '/nominate/pingxuan-nominate-0123456789abcdef.js';\nawait init();";
/// The voting app's loader (in `dist/vote/index.html`).
pub const VOTE_INLINE_LOADER: &str =
    "import init from '/vote/pingxuan-vote-0123456789abcdef.js';\nawait init();";
/// The voting app's link preview, relative as `vote.html` has it.
pub const VOTE_PREVIEW_TAGS: &str = "<meta property=\"og:title\" content=\"网上投票\" />\n<meta property=\"og:image\" content=\"/icons/icon-512.png\" />\n<meta property=\"og:image:width\" content=\"512\" />\n";
/// The staff app's loader (in `dist/staff/index.html`): a different script, a second hash.
pub const STAFF_INLINE_LOADER: &str =
    "import init from '/staff/pingxuan-staff-0123456789abcdef.js';\nawait init();";
/// The office app's loader (in `dist/office/index.html`).
pub const OFFICE_INLINE_LOADER: &str =
    "import init from '/office/pingxuan-office-0123456789abcdef.js';\nawait init();";

/// The office's results workbench's loader (in `dist/office-results/index.html`).
pub const OFFICE_RESULTS_INLINE_LOADER: &str =
    "import init from '/office/results/pingxuan-office-results-0123456789abcdef.js';\nawait init();";

/// The office's score sheets' loader (in `dist/office-sheets/index.html`).
pub const OFFICE_SHEETS_INLINE_LOADER: &str =
    "import init from '/office/sheets/pingxuan-office-sheets-0123456789abcdef.js';\nawait init();";

pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    state: pingxuan_server::AppState,
    /// A client with its own cookie jar (one browser).
    pub client: reqwest::Client,
    database_url: String,
    _dir: tempfile::TempDir,
}

/// The server named by this variable (`postgres://user@127.0.0.1:PORT/postgres`) runs the
/// tests on PostgreSQL: each test app gets a database of its own there.
pub const TEST_POSTGRES_URL: &str = "PINGXUAN_TEST_POSTGRES_URL";

/// Whether the tests run on PostgreSQL ([`TEST_POSTGRES_URL`] is set).
pub fn on_postgres() -> bool {
    std::env::var_os(TEST_POSTGRES_URL).is_some()
}

/// A fresh database for one test app: `CREATE DATABASE t_<random>` on the PostgreSQL
/// server of [`TEST_POSTGRES_URL`], its URL returned; `None` (SQLite in the app's data
/// directory) when the variable is not set. The throwaway server is removed whole
/// afterwards, so the databases are not dropped one by one.
async fn fresh_postgres_database() -> Option<String> {
    use rand::Rng;
    use sqlx::{Connection, Executor};
    let server = std::env::var(TEST_POSTGRES_URL).ok()?;
    let name = format!("t_{:016x}", rand::thread_rng().gen::<u64>());
    let mut conn = sqlx::PgConnection::connect(&server)
        .await
        .unwrap_or_else(|e| panic!("{TEST_POSTGRES_URL}={server}: {e}"));
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    conn.close().await.unwrap();
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (server.as_str(), String::new()),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    Some(format!("{base}/{name}{query}"))
}

pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Starts the server with a fresh database, optionally the demo round.
pub async fn spawn_app_with(demo: bool) -> TestApp {
    spawn_app_configured(|config| config.demo = demo).await
}

/// A server whose configuration `adjust` changes first (e.g. photos in a bucket).
pub async fn spawn_app_configured(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_data_dir(dir.path().to_path_buf());
    config.login_attempts = 5;
    config.database_url = fresh_postgres_database().await;
    adjust(&mut config);
    let database_url = config.database_url();
    write_dist(&config.dist_dir);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = pingxuan_server::prepare(config).await.unwrap();
    let db = state.db.clone();
    let kept = state.clone();
    tokio::spawn(pingxuan_server::serve(listener, state));
    TestApp {
        addr,
        db,
        state: kept,
        client: new_client(),
        database_url,
        _dir: dir,
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(false).await
}

/// The built apps in miniature: index.html with an inline loader, a hashed script with its
/// brotli twin, and a manifest; the staff app's staff/index.html with its own loader and
/// script.
fn write_dist(dist: &std::path::Path) {
    std::fs::create_dir_all(dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{INLINE_LOADER}</script></head><body>潮州</body></html>"),
    )
    .unwrap();
    std::fs::write(
        dist.join("pingxuan-0123456789abcdef.js"),
        "export default function init() {}",
    )
    .unwrap();
    std::fs::write(
        dist.join("pingxuan-0123456789abcdef.js.br"),
        b"\x0b\x02\x80brotli-bytes\x03",
    )
    .unwrap();
    std::fs::write(dist.join("manifest.webmanifest"), "{\"name\":\"潮州创卫\"}").unwrap();
    let staff = dist.join("staff");
    std::fs::create_dir_all(&staff).unwrap();
    std::fs::write(
        staff.join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{STAFF_INLINE_LOADER}</script></head><body>工作人员</body></html>"),
    )
    .unwrap();
    std::fs::write(
        staff.join("pingxuan-staff-0123456789abcdef.js"),
        "export default function init() {}",
    )
    .unwrap();
    let nominate = dist.join("nominate");
    std::fs::create_dir_all(&nominate).unwrap();
    std::fs::write(
        nominate.join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{NOMINATE_INLINE_LOADER}</script></head><body>我要推荐</body></html>"),
    )
    .unwrap();
    let vote = dist.join("vote");
    std::fs::create_dir_all(&vote).unwrap();
    std::fs::write(
        vote.join("index.html"),
        format!("<!doctype html><html><head>{VOTE_PREVIEW_TAGS}<script type=\"module\">{VOTE_INLINE_LOADER}</script></head><body>网上投票</body></html>"),
    )
    .unwrap();
    std::fs::write(
        vote.join("pingxuan-vote-0123456789abcdef.js"),
        "export default function vote() {}",
    )
    .unwrap();
    write_app(
        &dist.join("office"),
        OFFICE_INLINE_LOADER,
        "市创卫办",
        (
            "pingxuan-office-0123456789abcdef.js",
            "export default function office() {}",
        ),
    );
    write_app(
        &dist.join("office-results"),
        OFFICE_RESULTS_INLINE_LOADER,
        "结果审核与公布",
        (
            "pingxuan-office-results-0123456789abcdef.js",
            "export default function results() {}",
        ),
    );
    write_app(
        &dist.join("office-sheets"),
        OFFICE_SHEETS_INLINE_LOADER,
        "现场评分表",
        (
            "pingxuan-office-sheets-0123456789abcdef.js",
            "export default function sheets() {}",
        ),
    );
    let field = dist.join("field");
    std::fs::create_dir_all(&field).unwrap();
    std::fs::write(
        field.join("index.html"),
        "<!doctype html><html><head></head><body>现场评分</body></html>",
    )
    .unwrap();
    std::fs::write(
        field.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
}

/// One app's `index.html` (its inline loader, `body` as text) and one hashed file.
fn write_app(dir: &std::path::Path, loader: &str, body: &str, (name, js): (&str, &str)) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{loader}</script></head><body>{body}</body></html>"),
    )
    .unwrap();
    std::fs::write(dir.join(name), js).unwrap();
}

impl TestApp {
    /// The server's state, for calling its chores directly.
    pub fn state(&self) -> pingxuan_server::AppState {
        self.state.clone()
    }

    /// The database the app runs on (SQLite in the data directory, or PostgreSQL).
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    /// The data directory (database, photos, `dist/`).
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Creates an account directly in the database; returns (username, password).
    pub async fn account(&self, username: &str, role: Role) -> (String, String) {
        let password = format!("{username}-password-123");
        let new = CreateStaffRequest {
            username: username.into(),
            display_name: format!("测试{username}"),
            role,
            password: password.clone(),
        }
        .parse()
        .unwrap();
        let hash = auth::hash_password(&password).unwrap();
        self.db
            .insert_account(&new, &hash, None, chrono::Utc::now())
            .await
            .unwrap();
        (username.into(), password)
    }

    /// Signs `client` in; returns the CSRF token.
    pub async fn login_with(
        &self,
        client: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> String {
        let res = client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "login as {username}");
        res.json::<SessionResponse>().await.unwrap().csrf_token
    }

    /// A fresh browser signed in with a new account of `role`: (client, csrf).
    pub async fn signed_in(&self, username: &str, role: Role) -> Signed {
        let (u, p) = self.account(username, role).await;
        let client = new_client();
        let csrf = self.login_with(&client, &u, &p).await;
        Signed {
            client,
            csrf,
            base: format!("http://{}", self.addr),
        }
    }

    pub async fn admin(&self) -> Signed {
        self.signed_in("admin", Role::Admin).await
    }

    pub async fn department(&self) -> Signed {
        self.signed_in(
            "market.staff",
            Role::Department {
                category: Category::Market,
            },
        )
        .await
    }

    pub async fn inspector(&self) -> Signed {
        self.signed_in("inspector1", Role::Inspector).await
    }

    /// An anonymous request.
    pub async fn anon(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.client.request(method, self.url(path));
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.unwrap()).await
    }
}

/// A signed-in browser.
pub struct Signed {
    pub client: reqwest::Client,
    pub csrf: String,
    base: String,
}

impl Signed {
    /// A browser signed in some other way (e.g. as a seeded account): its client, the
    /// session's CSRF token and the server's base URL.
    pub fn new(client: reqwest::Client, csrf: String, base: String) -> Signed {
        Signed { client, csrf, base }
    }

    /// A request with the CSRF header, as the app sends it.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self
            .client
            .request(method, format!("{}{}", self.base, path))
            .header(CSRF_HEADER, &self.csrf);
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }
}

/// Status and JSON body (Null when empty). Every non-empty answer must be JSON.
pub async fn read(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    let text = res.text().await.unwrap();
    if text.is_empty() {
        return (status, Value::Null);
    }
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("{status}: body is not JSON: {text}"));
    (status, value)
}

/// Asserts an error answer: status, code, and a Chinese message.
#[track_caller]
pub fn assert_error(got: &(StatusCode, Value), status: u16, code: &str) {
    assert_eq!(got.0.as_u16(), status, "body: {}", got.1);
    assert_eq!(got.1["code"], code, "body: {}", got.1);
    let msg = got.1["message"].as_str().unwrap_or_default();
    assert!(
        msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "message not Chinese: {msg}"
    );
}

/// A valid round input starting on `start` (RFC 3339).
pub fn round_input(name: &str, start: chrono::DateTime<chrono::Utc>) -> Value {
    serde_json::to_value(pingxuan_domain::round::RoundInput {
        name: name.into(),
        schedule: pingxuan_domain::Schedule::starting(start),
        config: pingxuan_domain::RoundConfig::default(),
    })
    .unwrap()
}

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    Staff,
    Admin,
    /// A verified voter (the voter cookie).
    Voter,
}

/// Every endpoint of the API: (method, path with `{id}`, access, a valid body).
pub fn endpoints() -> Vec<(Method, &'static str, Access, Option<Value>)> {
    let round = round_input("本期", chrono::Utc::now());
    let staff = serde_json::json!({"username": "newbie", "display_name": "新人", "role": {"kind": "inspector"}, "password": "newbie-password"});
    let place =
        serde_json::json!({"category": "market", "name": "黄冈镇测试市场", "town": "黄冈镇"});
    let nomination = serde_json::json!({
        "category": "market",
        "place": {"kind": "new", "name": "黄冈镇测试市场", "town": "黄冈镇"},
        "description": "门口垃圾堆积，无人清理。",
        "photo_ids": ["AAAAAAAAAAAAAAAAAAAAAA"]
    });
    vec![
        (Method::GET, "/api/v1/health", Access::Public, None),
        (
            Method::POST,
            "/api/v1/session",
            Access::Public,
            Some(serde_json::json!({"username": "a", "password": "b"})),
        ),
        (Method::GET, "/api/v1/session", Access::Staff, None),
        (Method::DELETE, "/api/v1/session", Access::Staff, None),
        (Method::GET, "/api/v1/rounds/current", Access::Public, None),
        (Method::GET, "/api/v1/rounds/{id}", Access::Public, None),
        (Method::GET, "/api/v1/rounds", Access::Admin, None),
        (
            Method::POST,
            "/api/v1/rounds",
            Access::Admin,
            Some(round.clone()),
        ),
        (
            Method::PUT,
            "/api/v1/rounds/{id}",
            Access::Admin,
            Some(round),
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/advance",
            Access::Admin,
            Some(serde_json::json!({"from": "nomination"})),
        ),
        (Method::GET, "/api/v1/staff", Access::Admin, None),
        (Method::POST, "/api/v1/staff", Access::Admin, Some(staff)),
        (
            Method::PATCH,
            "/api/v1/staff/{id}",
            Access::Admin,
            Some(serde_json::json!({"active": true})),
        ),
        (Method::GET, "/api/v1/places", Access::Public, None),
        (
            Method::POST,
            "/api/v1/places",
            Access::Staff,
            Some(place.clone()),
        ),
        (
            Method::PUT,
            "/api/v1/places/{id}",
            Access::Staff,
            Some(place),
        ),
        // Raw image bytes, not JSON: its bad input is tested in nominations.rs.
        (Method::POST, "/api/v1/photos", Access::Public, None),
        (
            Method::POST,
            "/api/v1/nominations",
            Access::Public,
            Some(nomination),
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/nominations",
            Access::Public,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/screening/{category}",
            Access::Staff,
            None,
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/screening/{category}/merge",
            Access::Staff,
            Some(serde_json::json!({"from_place_id": 1, "into_place_id": 2})),
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/screening/{category}/split",
            Access::Staff,
            Some(
                serde_json::json!({"nomination_id": 1, "place": {"kind": "registered", "place_id": 2}}),
            ),
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/screening/{category}/reject",
            Access::Staff,
            Some(serde_json::json!({"nomination_id": 1, "reason": "重复推荐"})),
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/shortlist/{category}",
            Access::Public,
            None,
        ),
        (
            Method::PUT,
            "/api/v1/rounds/{id}/shortlist/{category}",
            Access::Staff,
            Some(serde_json::json!({"candidates": []})),
        ),
        (
            Method::GET,
            "/api/v1/posters/nomination-qr.svg",
            Access::Public,
            None,
        ),
        (
            Method::GET,
            "/api/v1/posters/vote-qr/{category}",
            Access::Public,
            None,
        ),
        (
            Method::POST,
            "/api/v1/voting/sms-code",
            Access::Public,
            Some(serde_json::json!({"phone": "13800001234"})),
        ),
        (
            Method::POST,
            "/api/v1/voting/verify",
            Access::Public,
            Some(serde_json::json!({"phone": "13800001234", "code": "123456"})),
        ),
        (Method::GET, "/api/v1/voting/me", Access::Voter, None),
        (
            Method::GET,
            "/api/v1/rounds/{id}/voting/{category}",
            Access::Public,
            None,
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/ballots/{category}",
            Access::Voter,
            Some(serde_json::json!({"candidate_ids": [1]})),
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/ballots/{category}",
            Access::Public,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/ballots/{category}/mine",
            Access::Voter,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/ballot-snapshots",
            Access::Public,
            None,
        ),
        (
            Method::GET,
            "/api/v1/voting/wechat/start",
            Access::Public,
            None,
        ),
        (
            Method::GET,
            "/api/v1/voting/wechat/callback",
            Access::Public,
            None,
        ),
        (Method::GET, "/api/v1/wechat/jssdk", Access::Public, None),
        (
            Method::GET,
            "/api/v1/rounds/{id}/fraud",
            Access::Admin,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/fraud/ballots",
            Access::Admin,
            None,
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/ballots/void",
            Access::Admin,
            Some(serde_json::json!({"ballot_id": 1, "reason": "同一设备批量投票"})),
        ),
    ]
    .into_iter()
    .chain(field_endpoints())
    .chain(results_endpoints())
    .chain(accountability_endpoints())
    .chain(rectification_endpoints())
    .collect()
}

/// The score sheet, team and field scoring endpoints (see field.rs).
fn field_endpoints() -> Vec<(Method, &'static str, Access, Option<Value>)> {
    let sheet = serde_json::json!({"category": "market", "content": {"title": "农贸市场评分表", "sections": [
        {"id": "1", "title": "环境卫生", "items": [{"id": "1.1", "text": "地面干净", "rule": {"kind": "graded", "max": 100}}]}
    ]}});
    let submission = serde_json::json!({
        "candidate_id": 1, "sheet_version_id": 1, "filled_at": "2026-12-20T03:00:00Z",
        "scores": [{"item_id": "1.1", "mark": {"kind": "graded", "points": 10}}]
    });
    vec![
        (Method::GET, "/api/v1/sheets", Access::Staff, None),
        (
            Method::POST,
            "/api/v1/sheets",
            Access::Staff,
            Some(sheet.clone()),
        ),
        (Method::GET, "/api/v1/sheets/{id}", Access::Staff, None),
        (
            Method::PUT,
            "/api/v1/sheets/{id}",
            Access::Staff,
            Some(sheet),
        ),
        (
            Method::POST,
            "/api/v1/sheets/{id}/approve",
            Access::Admin,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/sheets",
            Access::Staff,
            None,
        ),
        (
            Method::PUT,
            "/api/v1/rounds/{id}/sheets/{category}",
            Access::Admin,
            Some(serde_json::json!({"sheet_id": 1})),
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/teams",
            Access::Admin,
            None,
        ),
        (
            Method::PUT,
            "/api/v1/rounds/{id}/teams",
            Access::Admin,
            Some(serde_json::json!({"work_groups": []})),
        ),
        (Method::GET, "/api/v1/field/bundle", Access::Staff, None),
        (
            Method::PUT,
            "/api/v1/rounds/{id}/field/sheets/{client_id}",
            Access::Staff,
            Some(submission),
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/field/consistency/{category}",
            Access::Admin,
            None,
        ),
        (
            Method::PUT,
            "/api/v1/field/uploads/{upload_id}",
            Access::Staff,
            Some(serde_json::json!({"size": 1000, "sha256": "ab".repeat(32)})),
        ),
        (
            Method::GET,
            "/api/v1/field/uploads/{upload_id}",
            Access::Staff,
            None,
        ),
        // Raw bytes, not JSON: bad input is tested in field.rs.
        (
            Method::PUT,
            "/api/v1/field/uploads/{upload_id}/chunks/{offset}",
            Access::Staff,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/field/conflicts",
            Access::Admin,
            None,
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/field/conflicts/{conflict_id}/resolve",
            Access::Admin,
            Some(serde_json::json!({"keep": "stored", "reason": "核对后保留原版本"})),
        ),
    ]
}

/// An endpoint's path with its parameters filled in: round 1, the market category.
pub fn concrete(path: &str) -> String {
    path.replace("{id}", "1")
        .replace("{category}", "market")
        .replace("{client_id}", "0f8fad5b-d9cb-469f-a165-70867728950e")
        .replace("{upload_id}", "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        .replace("{offset}", "0")
        .replace("{conflict_id}", "1")
        .replace("{exclusion_id}", "1")
        .replace("{version}", "1")
}

/// Shortlists the first 20 register places of each category (the round must be in
/// screening) and returns each category's candidate ids, in order.
pub async fn shortlist_twenty_each(app: &TestApp, admin: &Signed) -> Vec<(String, Vec<i64>)> {
    let mut candidates = Vec::new();
    for category in ["village", "ditch", "road", "market"] {
        let (_, found) = app
            .anon(
                Method::GET,
                &format!("/api/v1/places?category={category}&limit=50"),
                None,
            )
            .await;
        let list: Vec<Value> = found["places"].as_array().unwrap()[..20]
            .iter()
            .map(|p| {
                serde_json::json!({
                    "place_id": p["id"],
                    "title": p["name"],
                    "description": "部门日常巡查发现问题突出。",
                    "department_reason": "部门巡查记录：多次整改不到位。"
                })
            })
            .collect();
        let (status, saved) = admin
            .call(
                Method::PUT,
                &format!("/api/v1/rounds/1/shortlist/{category}"),
                Some(serde_json::json!({ "candidates": list })),
            )
            .await;
        assert_eq!(status, 200, "{saved}");
        let ids = saved
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        candidates.push((category.to_owned(), ids));
    }
    candidates
}

/// The results endpoints (see results.rs).
fn results_endpoints() -> Vec<(Method, &'static str, Access, Option<Value>)> {
    let reason = serde_json::json!({"reason": "复核后更正"});
    vec![
        (Method::GET, "/api/v1/results", Access::Public, None),
        (
            Method::GET,
            "/api/v1/rounds/{id}/results",
            Access::Public,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/results/versions/{version}",
            Access::Public,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/open-data",
            Access::Public,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/results/preview",
            Access::Admin,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/results/export.csv",
            Access::Admin,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/results/export.xlsx",
            Access::Admin,
            None,
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/results/exclusions",
            Access::Admin,
            Some(serde_json::json!({"kind": "ballot", "id": 1, "reason": "复核后排除"})),
        ),
        (
            Method::DELETE,
            "/api/v1/rounds/{id}/results/exclusions/{exclusion_id}",
            Access::Admin,
            None,
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/results/publish",
            Access::Admin,
            None,
        ),
        (
            Method::POST,
            "/api/v1/rounds/{id}/results/corrections",
            Access::Admin,
            Some(reason),
        ),
    ]
}

/// Accountability across rounds (see accountability.rs).
fn accountability_endpoints() -> Vec<(Method, &'static str, Access, Option<Value>)> {
    vec![
        (
            Method::GET,
            "/api/v1/rounds/{id}/accountability",
            Access::Public,
            None,
        ),
        (Method::GET, "/api/v1/accountability", Access::Admin, None),
        (
            Method::GET,
            "/api/v1/places/{id}/history",
            Access::Public,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rounds/{id}/results/card.png",
            Access::Public,
            None,
        ),
    ]
}

/// The rectification endpoints (see rectification.rs).
fn rectification_endpoints() -> Vec<(Method, &'static str, Access, Option<Value>)> {
    vec![
        (Method::GET, "/api/v1/rectifications", Access::Staff, None),
        (
            Method::GET,
            "/api/v1/rectifications/summary",
            Access::Staff,
            None,
        ),
        (
            Method::GET,
            "/api/v1/rectifications/{id}",
            Access::Staff,
            None,
        ),
        (
            Method::POST,
            "/api/v1/rectifications/{id}/submissions",
            Access::Staff,
            Some(
                serde_json::json!({"description": "已清理垃圾并增设垃圾桶两个。", "photo_ids": ["AAAAAAAAAAAAAAAAAAAAAA"]}),
            ),
        ),
        (
            Method::POST,
            "/api/v1/rectifications/{id}/verify",
            Access::Staff,
            None,
        ),
        (
            Method::POST,
            "/api/v1/rectifications/{id}/return",
            Access::Staff,
            Some(serde_json::json!({"reason": "照片看不清整改后的地面"})),
        ),
        (
            Method::POST,
            "/api/v1/rectifications/{id}/acknowledge",
            Access::Staff,
            None,
        ),
    ]
}
