//! Voting with WeChat: the `snsapi_base` round trip against a local stand-in that speaks
//! WeChat's documented endpoints (`/sns/oauth2/access_token`, `/cgi-bin/token`,
//! `/cgi-bin/ticket/getticket`): a code signs a voter in once; a replayed code, a forged
//! or foreign `state` are refused; the JS-SDK signature checks out.

use crate::helpers::*;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use reqwest::{Method, StatusCode};
use secrecy::SecretString;
use serde_json::{json, Value};
use sha1::{Digest, Sha1};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

const APPID: &str = "wx1234567890abcdef";
const SECRET: &str = "wechat-app-secret-for-tests";
const TICKET: &str =
    "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";

#[derive(Default)]
struct Wechat {
    /// code → openid, as WeChat would have issued them.
    codes: HashMap<String, String>,
    used: HashSet<String>,
}

type Shared = Arc<Mutex<Wechat>>;

async fn access_token(
    State(w): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> Json<Value> {
    if q.get("appid").map(String::as_str) != Some(APPID)
        || q.get("secret").map(String::as_str) != Some(SECRET)
    {
        return Json(json!({"errcode": 40125, "errmsg": "invalid appsecret"}));
    }
    if q.get("grant_type").map(String::as_str) != Some("authorization_code") {
        return Json(json!({"errcode": 40002, "errmsg": "invalid grant_type"}));
    }
    let code = q.get("code").cloned().unwrap_or_default();
    let mut w = w.lock().unwrap();
    let Some(openid) = w.codes.get(&code).cloned() else {
        return Json(json!({"errcode": 40029, "errmsg": "invalid code"}));
    };
    if !w.used.insert(code) {
        return Json(json!({"errcode": 40163, "errmsg": "code been used"}));
    }
    Json(
        json!({"access_token": "web-token", "expires_in": 7200, "refresh_token": "r",
        "openid": openid, "scope": "snsapi_base"}),
    )
}

async fn token(Query(q): Query<HashMap<String, String>>) -> Json<Value> {
    if q.get("secret").map(String::as_str) != Some(SECRET) {
        return Json(json!({"errcode": 40125, "errmsg": "invalid appsecret"}));
    }
    Json(json!({"access_token": "api-token", "expires_in": 7200}))
}

async fn ticket(Query(q): Query<HashMap<String, String>>) -> Json<Value> {
    if q.get("access_token").map(String::as_str) != Some("api-token")
        || q.get("type").map(String::as_str) != Some("jsapi")
    {
        return Json(json!({"errcode": 40001, "errmsg": "invalid credential"}));
    }
    Json(json!({"errcode": 0, "errmsg": "ok", "ticket": TICKET, "expires_in": 7200}))
}

async fn spawn_wechat(codes: &[(&str, &str)]) -> String {
    let shared: Shared = Arc::new(Mutex::new(Wechat {
        codes: codes
            .iter()
            .map(|(c, o)| (c.to_string(), o.to_string()))
            .collect(),
        used: HashSet::new(),
    }));
    let app = Router::new()
        .route("/sns/oauth2/access_token", get(access_token))
        .route("/cgi-bin/token", get(token))
        .route("/cgi-bin/ticket/getticket", get(ticket))
        .with_state(shared);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

async fn wechat_app(codes: &[(&str, &str)]) -> TestApp {
    let api = spawn_wechat(codes).await;
    spawn_app_configured(|c| {
        c.demo = true;
        c.wechat_appid = Some(APPID.into());
        c.wechat_secret = Some(SecretString::from(SECRET.to_owned()));
        c.wechat_api = api;
    })
    .await
}

/// Starts authorization in `client`'s browser; returns the `state` WeChat would carry.
async fn start(app: &TestApp, client: &reqwest::Client) -> String {
    let res = client
        .get(app.url("/api/v1/voting/wechat/start?return_to=/vote/market"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    let to = reqwest::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(to.host_str(), Some("open.weixin.qq.com"));
    assert_eq!(to.fragment(), Some("wechat_redirect"));
    let q: HashMap<String, String> = to.query_pairs().into_owned().collect();
    assert_eq!(q["appid"], APPID);
    assert_eq!(q["scope"], "snsapi_base");
    assert_eq!(q["redirect_uri"], app.url("/api/v1/voting/wechat/callback"));
    q["state"].clone()
}

async fn callback(
    app: &TestApp,
    client: &reqwest::Client,
    code: &str,
    state: &str,
) -> reqwest::Response {
    client
        .get(app.url(&format!(
            "/api/v1/voting/wechat/callback?code={code}&state={state}"
        )))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_wechat_code_signs_a_voter_in_once_and_forged_states_are_refused() {
    let app = wechat_app(&[
        ("CODE1", "openid-aaa"),
        ("CODE2", "openid-aaa"),
        ("CODE3", "openid-bbb"),
    ])
    .await;
    let phone = new_client();
    let state = start(&app, &phone).await;
    let res = callback(&app, &phone, "CODE1", &state).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()["location"], "/vote/market");
    let (status, me) = read(
        phone
            .get(app.url("/api/v1/voting/me"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["method"], "wechat");

    // The same callback again (a reload, or a link someone copied): refused.
    let replay = read(callback(&app, &phone, "CODE1", &state).await).await;
    assert!(replay.0.is_client_error(), "{replay:?}");
    // A replayed code with a fresh state, as WeChat itself refuses it.
    let fresh = start(&app, &phone).await;
    assert_error(
        &read(callback(&app, &phone, "CODE1", &fresh).await).await,
        400,
        "bad_request",
    );

    // A state altered by one character, or made for another browser: refused.
    let other = new_client();
    let theirs = start(&app, &other).await;
    let mut forged = theirs.clone().into_bytes();
    forged[40] = if forged[40] == b'a' { b'b' } else { b'a' };
    let forged = String::from_utf8(forged).unwrap();
    assert_error(
        &read(callback(&app, &other, "CODE3", &forged).await).await,
        403,
        "forbidden",
    );
    assert_error(
        &read(callback(&app, &phone, "CODE3", &theirs).await).await,
        403,
        "forbidden",
    );
    // Without having started here at all.
    assert_error(
        &read(callback(&app, &new_client(), "CODE3", &theirs).await).await,
        400,
        "bad_request",
    );
    // Declined on WeChat's page: no code.
    let declined = read(
        other
            .get(app.url(&format!("/api/v1/voting/wechat/callback?state={theirs}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_error(&declined, 400, "bad_request");
    let (status, _) = read(
        other
            .get(app.url("/api/v1/voting/me"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401, "nothing above signed the other browser in");

    // The same openid through another code is the same voter; no openid is stored raw.
    let again = new_client();
    let s = start(&app, &again).await;
    assert_eq!(
        callback(&app, &again, "CODE2", &s).await.status(),
        StatusCode::FOUND
    );
    let hash = app.state().secret.keyed_hash(&["wechat", "openid-aaa"]);
    let a = app
        .db
        .voter_for(
            &hash,
            pingxuan_domain::voting::IdentityMethod::Wechat,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let b = app
        .db
        .voter_for(
            &hash,
            pingxuan_domain::voting::IdentityMethod::Wechat,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(a, b);
}

#[tokio::test]
async fn the_jssdk_signature_is_wechats_sha1_for_our_own_pages() {
    let app = wechat_app(&[]).await;
    let page = app.url("/vote/market");
    let (status, sig) = app
        .anon(
            Method::GET,
            &format!("/api/v1/wechat/jssdk?url={}", urlencode(&page)),
            None,
        )
        .await;
    assert_eq!(status, 200, "{sig}");
    assert_eq!(sig["appId"], APPID);
    let plain = format!(
        "jsapi_ticket={TICKET}&noncestr={}&timestamp={}&url={page}",
        sig["nonceStr"].as_str().unwrap(),
        sig["timestamp"].as_i64().unwrap()
    );
    assert_eq!(
        sig["signature"],
        hex::encode(Sha1::digest(plain.as_bytes()))
    );
    // Someone else's page: refused.
    let (status, body) = app
        .anon(
            Method::GET,
            "/api/v1/wechat/jssdk?url=https%3A%2F%2Fevil.example%2F",
            None,
        )
        .await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn without_an_official_account_wechat_is_not_offered() {
    let app = spawn_app_with(true).await;
    let (status, body) = app
        .anon(Method::GET, "/api/v1/voting/wechat/start", None)
        .await;
    assert_eq!(status, 404, "{body}");
    assert!(body["message"].as_str().unwrap().contains("手机号"));
    let (status, body) = app
        .anon(Method::GET, "/api/v1/wechat/jssdk?url=x", None)
        .await;
    assert_eq!(status, 404, "{body}");
    // The voting page learns it with its data; its CSP allows no WeChat script.
    let (status, view) = app
        .anon(Method::GET, "/api/v1/rounds/1/voting/market", None)
        .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["wechat"], false);
    let (csp, html) = vote_page(&app).await;
    assert!(!csp.contains("res.wx.qq.com"), "{csp}");
    assert!(!html.contains("pingxuan-wechat"), "{html}");
}

#[tokio::test]
async fn with_an_official_account_the_voting_page_offers_wechat_and_may_load_its_sdk() {
    let app = wechat_app(&[]).await;
    let (status, view) = app
        .anon(Method::GET, "/api/v1/rounds/1/voting/market", None)
        .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["wechat"], true);
    // The page itself says so (its share card needs no request to find out), and its
    // CSP allows exactly WeChat's script origin, in script-src and nowhere else.
    let (csp, html) = vote_page(&app).await;
    assert!(
        html.contains("<meta name=\"pingxuan-wechat\" content=\"on\" />"),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<script type=\"module\">{VOTE_INLINE_LOADER}</script>"
        )),
        "the loader its CSP hash allows is untouched: {html}"
    );
    let script_src = csp
        .split(';')
        .find(|d| d.trim_start().starts_with("script-src"))
        .unwrap();
    assert!(
        script_src
            .split_whitespace()
            .any(|s| s == "https://res.wx.qq.com"),
        "{csp}"
    );
    assert_eq!(csp.matches("wx.qq.com").count(), 1, "{csp}");
}

/// The voting page's Content-Security-Policy and HTML.
async fn vote_page(app: &TestApp) -> (String, String) {
    let res = app
        .client
        .get(app.url("/vote/market"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    (csp, res.text().await.unwrap())
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
