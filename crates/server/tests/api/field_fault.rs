//! Fault: the server process is killed (SIGKILL, no shutdown) while a batch of sheets and
//! an evidence photo are syncing, then started again on the same database. The phones
//! send again whatever was not confirmed, as the field app's outbox does: nothing is
//! lost, nothing is stored twice, and what was confirmed keeps its receipt.

use crate::field::{field_round, filled, uuid};
use crate::helpers::read;
use crate::images;
use pingxuan_domain::api::CSRF_HEADER;
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The real server binary, started on the test's data directory and a free port.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(data_dir: &Path, database_url: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pingxuan-server"))
            .args(["--addr", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .arg("--dist-dir")
            .arg(data_dir.join("dist"))
            .env("RUST_LOG", "warn")
            .env("DATABASE_URL", database_url)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("the server prints its address before anything else")
                .unwrap();
            if let Some(rest) = line.strip_prefix("Pingxuan is running at ") {
                break rest.trim_end_matches('/').to_owned();
            }
        };
        Server { child, base }
    }

    /// SIGKILL: no graceful shutdown, no draining — the process is simply gone.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One PUT as the phone sends it; `None` when the connection failed (the server died).
async fn put(
    client: &reqwest::Client,
    csrf: &str,
    url: String,
    body: reqwest::Body,
    content_type: &str,
) -> Option<(StatusCode, Value)> {
    let res = client
        .put(url)
        .header(CSRF_HEADER, csrf)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .ok()?;
    let status = res.status();
    let text = res.text().await.ok()?;
    Some((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

fn sheet_url(base: &str, client_id: &str) -> String {
    format!("{base}/api/v1/rounds/1/field/sheets/{client_id}")
}

#[tokio::test]
async fn killing_the_server_mid_sync_loses_nothing_and_doubles_nothing() {
    let f = field_round().await;
    let dir = f.app.data_dir().to_path_buf();
    let first = Server::start(&dir, f.app.database_url());
    // The inspector's phone: its cookie jar holds the session (cookies are per host, not
    // per port, so it follows the server to its new port after the restart).
    let client = f.a.client.clone();
    let csrf = f.a.csrf.clone();

    // An evidence photo of ~300 KB: announced, its first quarter in.
    let photo = images::grainy_jpeg(640, 480);
    assert!(photo.len() > 200_000, "a photo-sized JPEG: {}", photo.len());
    let upload_id = uuid(9000);
    let upload_path = format!("/api/v1/field/uploads/{upload_id}");
    let sha = hex::encode(Sha256::digest(&photo));
    let announce = json!({"size": photo.len(), "sha256": sha}).to_string();
    let (status, _) = put(
        &client,
        &csrf,
        format!("{}{upload_path}", first.base),
        announce.clone().into(),
        "application/json",
    )
    .await
    .unwrap();
    assert_eq!(status, 201);
    let quarter = photo.len() / 4;
    let (status, r) = put(
        &client,
        &csrf,
        format!("{}{upload_path}/chunks/0", first.base),
        photo[..quarter].to_vec().into(),
        "application/octet-stream",
    )
    .await
    .unwrap();
    assert_eq!(
        (status, r["received"].as_u64()),
        (StatusCode::OK, Some(quarter as u64))
    );
    // Then 150 finalised sheets for the sub-group's five candidates, all sent at once.
    let sheets: Vec<(String, Value)> = (0..150u32)
        .map(|i| {
            let body = filled(
                &f.sheet,
                f.market[i as usize % 5],
                u64::from(i % 7),
                u64::from(i % 3),
            );
            (uuid(5000 + i), body)
        })
        .collect();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut tasks = Vec::new();
    for (i, (id, body)) in sheets.iter().enumerate() {
        let (client, csrf, tx) = (client.clone(), csrf.clone(), tx.clone());
        let url = sheet_url(&first.base, id);
        let body = serde_json::to_vec(body).unwrap();
        tasks.push(tokio::spawn(async move {
            let answer = put(&client, &csrf, url, body.into(), "application/json").await;
            let _ = tx.send(());
            (i, answer)
        }));
    }
    // The next chunk is on its way when the server dies.
    let in_flight = {
        let (client, csrf) = (client.clone(), csrf.clone());
        let url = format!("{}{upload_path}/chunks/{quarter}", first.base);
        let part = photo[quarter..2 * quarter].to_vec();
        tokio::spawn(async move {
            put(&client, &csrf, url, part.into(), "application/octet-stream").await
        })
    };
    // Kill as soon as the first answers come back: the batch is mid-way.
    for _ in 0..3 {
        rx.recv().await.unwrap();
    }
    first.kill();
    let mut confirmed = Vec::new();
    let mut lost = 0;
    for task in tasks {
        match task.await.unwrap() {
            (i, Some((status, receipt))) if status.is_success() => confirmed.push((i, receipt)),
            (_, Some((status, body))) => panic!("{status} before the kill: {body}"),
            (_, None) => lost += 1,
        }
    }
    let _ = in_flight.await.unwrap();
    assert!(
        !confirmed.is_empty() && lost > 0,
        "the kill must fall mid-batch: {} confirmed, {lost} unanswered",
        confirmed.len()
    );

    // Restart on the same database; the outbox sends everything not confirmed — and,
    // to be sure, the confirmed ones too.
    let second = Server::start(&dir, f.app.database_url());
    let mut receipts = Vec::new();
    for (id, body) in &sheets {
        let body = serde_json::to_vec(body).unwrap();
        let (status, receipt) = put(
            &client,
            &csrf,
            sheet_url(&second.base, id),
            body.into(),
            "application/json",
        )
        .await
        .expect("the restarted server answers");
        assert!(status == 200 || status == 201, "{id}: {status} {receipt}");
        receipts.push(receipt);
    }
    for (i, before) in &confirmed {
        assert_eq!(
            &receipts[*i], before,
            "a sheet confirmed before the kill keeps its receipt"
        );
    }
    for (id, _) in &sheets {
        assert_eq!(f.app.db.field_sheet_rows(id).await.unwrap(), 1, "{id}");
        assert_eq!(f.app.db.field_conflict_rows(id).await.unwrap(), 0, "{id}");
    }

    // The photo resumes from wherever the server had got to, and is made once.
    let res = client
        .head(format!("{}{upload_path}", second.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let offset: usize = res.headers()["upload-offset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        offset == quarter || offset == 2 * quarter,
        "only whole chunks are kept: {offset}"
    );
    let (status, done) = put(
        &client,
        &csrf,
        format!("{}{upload_path}/chunks/{offset}", second.base),
        photo[offset..].to_vec().into(),
        "application/octet-stream",
    )
    .await
    .unwrap();
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["received"].as_u64(), Some(photo.len() as u64));
    let url = done["photo"]["url"].as_str().expect("the photo is made");
    let res = client
        .get(format!("{}{url}", second.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Announcing it again (a phone that did not hear the answer) finds it complete.
    let (status, again) = read(
        client
            .put(format!("{}{upload_path}", second.base))
            .header(CSRF_HEADER, &csrf)
            .header("content-type", "application/json")
            .body(announce)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(again["photo"], done["photo"]);
    second.kill();
}
