//! The app's random per-device id, kept in localStorage and sent in `x-device-id` with
//! public writes so the server can hold back abuse per phone without any login.

/// Where the id is kept.
const KEY: &str = "pingxuan.device";

/// This phone's id: made once from the browser's random source, then reused.
pub fn device_id() -> String {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    if let Some(id) = storage
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .filter(|id| (8..=64).contains(&id.len()))
    {
        return id;
    }
    let id = random_hex(16);
    if let Some(s) = storage {
        let _ = s.set_item(KEY, &id);
    }
    id
}

/// `bytes` random bytes as lowercase hex (also used for local photo keys).
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut buf).ok())
        .is_some();
    if !filled {
        for b in &mut buf {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
