//! Photos in an S3-compatible bucket: the same product code a deployment points at
//! MinIO, OSS or COS, tested against `s3s-fs` — a real S3 protocol server (SigV4
//! authentication, S3's REST and XML) keeping objects in a temporary directory.

use crate::helpers::*;
use crate::images;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use pingxuan_domain::api::DEVICE_HEADER;
use pingxuan_server::storage::{S3Settings, Storage};
use secrecy::SecretString;
use std::path::Path;

const BUCKET: &str = "pingxuan-photos";
const KEY_ID: &str = "test-access-key";
const SECRET: &str = "test-secret-key-0123456789";

/// Starts an S3 server whose objects live under `root/<bucket>/`; returns its address.
async fn spawn_s3(root: &Path) -> String {
    std::fs::create_dir_all(root.join(BUCKET)).unwrap();
    let fs = s3s_fs::FileSystem::new(root).unwrap();
    let mut builder = s3s::service::S3ServiceBuilder::new(fs);
    builder.set_auth(s3s::auth::SimpleAuth::from_single(KEY_ID, SECRET));
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                continue;
            };
            let service = service.clone();
            tokio::spawn(async move {
                let _ = ConnBuilder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(socket), service)
                    .await;
            });
        }
    });
    format!("http://{addr}")
}

fn settings(endpoint: &str, secret: &str) -> S3Settings {
    S3Settings {
        bucket: BUCKET.into(),
        endpoint: Some(endpoint.into()),
        region: "us-east-1".into(),
        access_key_id: KEY_ID.into(),
        secret_access_key: SecretString::from(secret.to_owned()),
        virtual_hosted: false,
    }
}

#[tokio::test]
async fn photos_go_to_the_bucket_and_are_served_from_it() {
    let s3_root = tempfile::tempdir().unwrap();
    let endpoint = spawn_s3(s3_root.path()).await;
    let app = spawn_app_configured(|c| {
        c.demo = true;
        c.s3_bucket = Some(BUCKET.into());
        c.s3_endpoint = Some(endpoint.clone());
        c.s3_access_key_id = KEY_ID.into();
        c.s3_secret_access_key = Some(SecretString::from(SECRET.to_owned()));
    })
    .await;

    let res = app
        .client
        .post(app.url("/api/v1/photos"))
        .header("content-type", "image/jpeg")
        .header(DEVICE_HEADER, "device-s3-0123456789")
        .body(images::jpeg_with_exif(2400, 1800, 1))
        .send()
        .await
        .unwrap();
    let (status, photo) = read(res).await;
    assert_eq!(status, 201, "{photo}");
    let id = photo["id"].as_str().unwrap();

    // The photo and its thumbnail are objects in the bucket, and nothing is on local disk.
    let object = s3_root.path().join(BUCKET).join(format!("photos/{id}.jpg"));
    let thumb = s3_root
        .path()
        .join(BUCKET)
        .join(format!("photos/{id}.thumb.jpg"));
    let stored = std::fs::read(&object).expect("photo object in the bucket");
    assert!(thumb.exists(), "thumbnail object in the bucket");
    let data_photos = app.state().config.data_dir.join("photos");
    assert!(
        !data_photos.exists() || std::fs::read_dir(&data_photos).unwrap().next().is_none(),
        "no photo files under the data dir"
    );

    // Served from the bucket: the same bytes, EXIF-free, cached for a year.
    let served = app
        .client
        .get(app.url(photo["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(
        served.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let bytes = served.bytes().await.unwrap();
    assert_eq!(&bytes[..], &stored[..]);
    assert!(pingxuan_server::photos::exif_gps(&bytes).is_none());

    // An object that is not there is a 404, not a 500.
    let missing = app
        .client
        .get(app.url("/media/AAAAAAAAAAAAAAAAAAAAAA.jpg"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_storage_layer_round_trips_and_deletes_in_the_bucket() {
    let s3_root = tempfile::tempdir().unwrap();
    let endpoint = spawn_s3(s3_root.path()).await;
    let store = Storage::s3(&settings(&endpoint, SECRET)).unwrap();
    store.check().await.unwrap();
    store.put("photos/abc.jpg", b"jpeg bytes").await.unwrap();
    assert_eq!(
        store.get("photos/abc.jpg").await.unwrap().as_deref(),
        Some(&b"jpeg bytes"[..])
    );
    store.delete("photos/abc.jpg").await.unwrap();
    store.delete("photos/abc.jpg").await.unwrap();
    assert_eq!(store.get("photos/abc.jpg").await.unwrap(), None);
    // Hostile keys never reach the bucket.
    assert!(store.put("../escape.jpg", b"x").await.is_err());
    assert!(store.get("photos/../../x").await.is_err());
}

#[tokio::test]
async fn wrong_credentials_stop_the_server_at_start() {
    let s3_root = tempfile::tempdir().unwrap();
    let endpoint = spawn_s3(s3_root.path()).await;
    let store = Storage::s3(&settings(&endpoint, "not-the-secret")).unwrap();
    let err = store.check().await.unwrap_err();
    assert!(err.to_string().contains(BUCKET), "{err}");

    let data = tempfile::tempdir().unwrap();
    let mut config = pingxuan_server::config::Config::for_data_dir(data.path().to_path_buf());
    config.s3_bucket = Some(BUCKET.into());
    config.s3_endpoint = Some(endpoint);
    config.s3_access_key_id = KEY_ID.into();
    config.s3_secret_access_key = Some(SecretString::from("wrong".to_owned()));
    std::fs::create_dir_all(&config.dist_dir).unwrap();
    std::fs::write(config.dist_dir.join("index.html"), "<html></html>").unwrap();
    let failed = pingxuan_server::prepare(config).await;
    assert!(
        failed.is_err(),
        "the server started with a bucket it cannot use"
    );
}
