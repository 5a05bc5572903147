//! The server's secret key: it keys the hashes that stand in for voters' phone numbers
//! and WeChat openids, and signs WeChat `state` values. From `PINGXUAN_SECRET` (every
//! server behind one database must share it), else made once and kept in
//! `<data dir>/secret.key` (mode 0600).

use anyhow::Context;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretSlice, SecretString};
use sha2::Sha256;
use std::path::Path;

/// 32 or more bytes no one else knows.
#[derive(Clone)]
pub struct ServerSecret(SecretSlice<u8>);

impl std::fmt::Debug for ServerSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerSecret(…)")
    }
}

impl ServerSecret {
    /// From the configured value (base64, at least 32 bytes), else the data dir's key
    /// file, created on first start.
    pub fn load(
        configured: Option<&SecretString>,
        data_dir: &Path,
    ) -> anyhow::Result<ServerSecret> {
        if let Some(value) = configured {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(value.expose_secret().trim())
                .context("PINGXUAN_SECRET must be base64")?;
            anyhow::ensure!(
                bytes.len() >= 32,
                "PINGXUAN_SECRET must hold at least 32 bytes"
            );
            return Ok(ServerSecret(bytes.into()));
        }
        let path = data_dir.join("secret.key");
        match std::fs::read(&path) {
            Ok(bytes) if bytes.len() >= 32 => Ok(ServerSecret(bytes.into())),
            Ok(_) => anyhow::bail!(
                "{} is too short: remove it to make a new one",
                path.display()
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(data_dir)
                    .with_context(|| format!("creating {}", data_dir.display()))?;
                let mut bytes = vec![0u8; 32];
                rand::rngs::OsRng.fill_bytes(&mut bytes);
                write_private(&path, &bytes)?;
                tracing::info!(path = %path.display(), "made a new server secret");
                Ok(ServerSecret(bytes.into()))
            }
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// A secret from fixed bytes (tests).
    pub fn from_bytes(bytes: &[u8]) -> ServerSecret {
        ServerSecret(bytes.to_vec().into())
    }

    /// HMAC-SHA256 of `parts` joined by a separator no part contains, as hex: the keyed
    /// hash stored instead of a phone number or an openid.
    pub fn keyed_hash(&self, parts: &[&str]) -> String {
        hex::encode(self.mac(parts))
    }

    /// The raw HMAC-SHA256 of `parts`.
    pub fn mac(&self, parts: &[&str]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.0.expose_secret())
            .expect("HMAC takes keys of any length");
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                mac.update(b"\x1f");
            }
            mac.update(part.as_bytes());
        }
        mac.finalize().into_bytes().into()
    }

    /// The key's bytes, for modules that sign with it (WeChat `state`).
    pub fn bytes(&self) -> &[u8] {
        self.0.expose_secret()
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let a = ServerSecret::load(None, dir.path()).unwrap();
        let b = ServerSecret::load(None, dir.path()).unwrap();
        assert_eq!(a.bytes(), b.bytes());
        assert_eq!(a.bytes().len(), 32);
        let other = ServerSecret::load(None, tempfile::tempdir().unwrap().path()).unwrap();
        assert_ne!(a.bytes(), other.bytes());
    }

    #[test]
    fn configured_secret_wins_and_must_be_long() {
        let dir = tempfile::tempdir().unwrap();
        let value = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
        let s = ServerSecret::load(Some(&SecretString::from(value)), dir.path()).unwrap();
        assert_eq!(s.bytes(), &[7u8; 32]);
        assert!(!dir.path().join("secret.key").exists());
        let short = base64::engine::general_purpose::STANDARD.encode([7u8; 8]);
        assert!(ServerSecret::load(Some(&SecretString::from(short)), dir.path()).is_err());
    }

    #[test]
    fn keyed_hashes_depend_on_key_and_input() {
        let a = ServerSecret::from_bytes(&[1; 32]);
        let b = ServerSecret::from_bytes(&[2; 32]);
        let h = a.keyed_hash(&["sms", "13800001234"]);
        assert_eq!(h.len(), 64);
        assert_eq!(h, a.keyed_hash(&["sms", "13800001234"]));
        assert_ne!(h, b.keyed_hash(&["sms", "13800001234"]));
        assert_ne!(h, a.keyed_hash(&["sms", "13800001235"]));
        // Joining is unambiguous.
        assert_ne!(a.keyed_hash(&["ab", "c"]), a.keyed_hash(&["a", "bc"]));
    }
}
