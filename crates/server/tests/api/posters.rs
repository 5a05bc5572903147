//! The poster's QR code really encodes the nomination link.

use crate::helpers::*;

/// Paints the SVG's `M{x} {y}h{s}v{s}…` squares into a greyscale bitmap and reads it
/// with an independent QR decoder.
fn decode_svg_qr(svg: &str) -> String {
    let size: usize = svg
        .split("width=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut pixels = vec![255u8; size * size];
    for square in path.split('M').filter(|s| !s.is_empty()) {
        let (xy, rest) = square.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let side: usize = rest.split('v').next().unwrap().parse().unwrap();
        for row in y..y + side {
            for col in x..x + side {
                pixels[row * size + col] = 0;
            }
        }
    }
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| pixels[y * size + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the poster");
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn the_nomination_poster_qr_opens_the_nomination_page() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/api/v1/posters/nomination-qr.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    let svg = res.text().await.unwrap();
    assert_eq!(decode_svg_qr(&svg), format!("http://{}/nominate", app.addr));
    // A hostile Host header is not put into a code people will scan.
    let res = reqwest::Client::new()
        .get(app.url("/api/v1/posters/nomination-qr.svg"))
        .header("host", "evil.example/\"><script>")
        .send()
        .await
        .unwrap();
    assert_error(&read(res).await, 400, "bad_request");
}

#[tokio::test]
async fn each_categorys_voting_qr_opens_its_voting_page() {
    let app = spawn_app().await;
    for category in ["village", "ditch", "road", "market"] {
        let res = app
            .client
            .get(app.url(&format!("/api/v1/posters/vote-qr/{category}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/svg+xml");
        let svg = res.text().await.unwrap();
        assert_eq!(
            decode_svg_qr(&svg),
            format!("http://{}/vote/{category}", app.addr)
        );
    }
    let (status, body) = app
        .anon(
            reqwest::Method::GET,
            "/api/v1/posters/vote-qr/kitchen",
            None,
        )
        .await;
    assert_eq!(status, 400, "{body}");
}
