//! What the A4 poster shows from the server: the QR code image of the nomination page,
//! and that page's address written out for people who cannot scan.

use pingxuan_domain::api::paths;

/// The `src` of the QR code image (SVG, made by the server).
pub fn nomination_qr_src() -> &'static str {
    paths::NOMINATION_QR
}

/// The nomination page's address on this site, e.g. `http://127.0.0.1:8080/nominate`.
///
/// The server encodes its configured public address (`PINGXUAN_PUBLIC_URL`) in the QR
/// code when one is set, which the app cannot read; it falls back to the host asked,
/// which is this page's origin, so the two agree unless the office prints from another
/// address than the public one.
pub fn nomination_link() -> String {
    format!("{}{}", origin(), paths::NOMINATE_PAGE)
}

/// This page's origin (`http://host:port`), which the server's QR codes also use unless
/// a public address is configured.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The address as printed: without `https://` or `http://`, which phones add themselves.
pub fn printed_link(link: &str) -> &str {
    link.strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))
        .unwrap_or(link)
}
