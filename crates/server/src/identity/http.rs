//! The HTTP client both identity providers use, and (for tests) a local stand-in server.

use std::time::Duration;

/// A client for a provider's API: `timeout` bounds connecting and the whole exchange, and
/// redirects are not followed (neither API redirects; following one would send a signed
/// request or a secret-bearing query somewhere unexpected).
pub(crate) fn client(timeout: Duration) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(reqwest::Error::without_url)
}

/// Says why a request failed without its URL: reqwest's message names it, and WeChat's
/// URLs carry the app secret or an access token.
pub(crate) fn failure(err: reqwest::Error) -> String {
    let err = err.without_url();
    if err.is_timeout() {
        "timed out".into()
    } else {
        err.to_string()
    }
}

/// Serves `app` on 127.0.0.1 at a free port for the rest of the test: `http://127.0.0.1:…`.
#[cfg(test)]
pub(crate) async fn stand_in(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

/// `http://127.0.0.1:…` where nothing listens: the port was bound and let go.
#[cfg(test)]
pub(crate) fn nobody_listening() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}
