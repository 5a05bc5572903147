//! Where photo files live: a local directory under the data dir by default, or an
//! S3-compatible bucket (AWS S3, MinIO, Aliyun OSS, Tencent COS …) through the
//! `object_store` crate's S3 client. Callers only see `put`, `get` and `delete` by key;
//! keys are made by the server and checked here before any backend sees them.

use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use secrecy::{ExposeSecret, SecretString};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The photo store.
#[derive(Debug, Clone)]
pub enum Storage {
    /// Files under a directory; writes go to a temporary name and are renamed into place.
    Local { root: PathBuf },
    /// Objects in a bucket. A PUT is atomic on S3: readers see the old object or the new.
    Object {
        store: Arc<dyn ObjectStore>,
        /// `s3://bucket at endpoint`, for logs.
        describe: String,
    },
}

/// How to reach an S3-compatible bucket.
#[derive(Debug, Clone)]
pub struct S3Settings {
    pub bucket: String,
    /// `https://oss-cn-shenzhen.aliyuncs.com`, `http://127.0.0.1:9000` …; AWS when absent.
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: SecretString,
    /// `bucket.endpoint/key` (OSS, COS) rather than `endpoint/bucket/key` (MinIO).
    pub virtual_hosted: bool,
}

impl Storage {
    pub fn local(root: impl Into<PathBuf>) -> Storage {
        Storage::Local { root: root.into() }
    }

    /// An S3-compatible bucket. Plain `http://` endpoints are allowed (a MinIO beside the
    /// server); nothing is contacted until [`Storage::check`].
    pub fn s3(settings: &S3Settings) -> io::Result<Storage> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(settings.secret_access_key.expose_secret())
            .with_virtual_hosted_style_request(settings.virtual_hosted);
        let mut describe = format!("s3://{}", settings.bucket);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
            describe.push_str(&format!(" at {endpoint}"));
        }
        let store = builder.build().map_err(io::Error::other)?;
        Ok(Storage::Object {
            store: Arc::new(store),
            describe,
        })
    }

    /// Proves the store answers and the credentials are accepted, so a wrong setting
    /// stops the server at start rather than failing residents' uploads later.
    pub async fn check(&self) -> io::Result<()> {
        match self {
            Storage::Local { root } => tokio::fs::create_dir_all(root).await,
            Storage::Object { store, describe } => {
                match store.head(&ObjectPath::from("photos/.probe")).await {
                    Ok(_) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                    Err(e) => Err(io::Error::other(format!("photo storage {describe}: {e}"))),
                }
            }
        }
    }

    /// Where the photos go, for the start-up log.
    pub fn describe(&self) -> String {
        match self {
            Storage::Local { root } => format!("local directory {}", root.display()),
            Storage::Object { describe, .. } => describe.clone(),
        }
    }

    /// The object path for a checked key.
    fn object_path(key: &str) -> io::Result<ObjectPath> {
        Self::path(Path::new(""), key)?;
        Ok(ObjectPath::from(key))
    }

    /// Keys are made by the server (`photos/<token>.jpg`); anything else is refused.
    fn path(root: &Path, key: &str) -> io::Result<PathBuf> {
        let safe = !key.is_empty()
            && key.split('/').all(|part| {
                !part.is_empty()
                    && part != ".."
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            });
        if safe {
            Ok(root.join(key))
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("bad storage key {key:?}"),
            ))
        }
    }

    /// Stores `bytes` under `key`, replacing nothing half-written.
    pub async fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        match self {
            Storage::Local { root } => {
                let path = Self::path(root, key)?;
                if let Some(dir) = path.parent() {
                    tokio::fs::create_dir_all(dir).await?;
                }
                let tmp = path.with_extension("part");
                tokio::fs::write(&tmp, bytes).await?;
                tokio::fs::rename(&tmp, &path).await
            }
            Storage::Object { store, .. } => {
                let path = Self::object_path(key)?;
                store
                    .put(&path, PutPayload::from(bytes.to_vec()))
                    .await
                    .map(|_| ())
                    .map_err(io::Error::other)
            }
        }
    }

    /// Removes `key`; removing what is not there is not an error.
    pub async fn delete(&self, key: &str) -> io::Result<()> {
        match self {
            Storage::Local { root } => match tokio::fs::remove_file(Self::path(root, key)?).await {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
            Storage::Object { store, .. } => match store.delete(&Self::object_path(key)?).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(io::Error::other(e)),
            },
        }
    }

    /// The bytes under `key`, or `None` when there is nothing.
    pub async fn get(&self, key: &str) -> io::Result<Option<Vec<u8>>> {
        match self {
            Storage::Local { root } => {
                let path = Self::path(root, key)?;
                match tokio::fs::read(&path).await {
                    Ok(b) => Ok(Some(b)),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(e),
                }
            }
            Storage::Object { store, .. } => match store.get(&Self::object_path(key)?).await {
                Ok(found) => Ok(Some(
                    found.bytes().await.map_err(io::Error::other)?.to_vec(),
                )),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(io::Error::other(e)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_and_refuses_hostile_keys() {
        let dir = tempfile::tempdir().unwrap();
        let s = Storage::local(dir.path());
        s.put("photos/abc.jpg", b"jpeg").await.unwrap();
        assert_eq!(
            s.get("photos/abc.jpg").await.unwrap().as_deref(),
            Some(&b"jpeg"[..])
        );
        assert_eq!(s.get("photos/none.jpg").await.unwrap(), None);
        s.delete("photos/abc.jpg").await.unwrap();
        s.delete("photos/abc.jpg").await.unwrap();
        assert_eq!(s.get("photos/abc.jpg").await.unwrap(), None);
        for bad in [
            "../x",
            "photos/../../etc/passwd",
            "/abs",
            "a//b",
            "",
            "a/b c",
        ] {
            assert!(s.get(bad).await.is_err(), "{bad}");
        }
    }
}
