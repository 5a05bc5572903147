//! Where photo files live: a local directory under the data dir by default. S3-compatible
//! object storage joins as a second variant in the scale-out issue; callers only see
//! `put` and `get` by key.

use std::io;
use std::path::{Path, PathBuf};

/// The photo store.
#[derive(Debug, Clone)]
pub enum Storage {
    /// Files under a directory; writes go to a temporary name and are renamed into place.
    Local { root: PathBuf },
}

impl Storage {
    pub fn local(root: impl Into<PathBuf>) -> Storage {
        Storage::Local { root: root.into() }
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
        }
    }

    /// Removes `key`; removing what is not there is not an error.
    pub async fn delete(&self, key: &str) -> io::Result<()> {
        match self {
            Storage::Local { root } => match tokio::fs::remove_file(Self::path(root, key)?).await {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
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
