//! Ids and checksums the field app makes on the phone: UUIDs for sheets and evidence
//! photos (made offline, so they cannot come from the server), and the SHA-256 the
//! server checks a chunked upload against.

use super::device_id::random_hex;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A random (version 4) UUID in its lower-case 8-4-4-4-12 form.
pub fn uuid_v4() -> String {
    let hex: Vec<char> = random_hex(16).chars().collect();
    let mut out = String::with_capacity(36);
    for (i, c) in hex.iter().enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(match i {
            // The version nibble, then the variant's two high bits (10xx).
            12 => '4',
            16 => ['8', '9', 'a', 'b'][c.to_digit(16).unwrap_or(0) as usize % 4],
            _ => *c,
        });
    }
    out
}

/// SHA-256 of `bytes` as 64 lower-case hex digits (the browser's SubtleCrypto).
pub async fn sha256_hex(bytes: &[u8]) -> Result<String, JsValue> {
    let subtle = web_sys::window().ok_or(JsValue::NULL)?.crypto()?.subtle();
    let digest = JsFuture::from(subtle.digest_with_str_and_u8_array("SHA-256", bytes)?).await?;
    Ok(js_sys::Uint8Array::new(&digest)
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The bytes of a blob.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
