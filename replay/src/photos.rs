//! A few small, distinct, photo-like JPEGs, made once and reused (as residents' phones
//! would send after shrinking): blobs of colour over a gradient, one pattern per seed.

use image::{ImageEncoder, Rgb, RgbImage};

/// `n` distinct JPEGs of 480×360, about 20–40 KB each.
pub fn make(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|i| jpeg(i as u32 + 1)).collect()
}

fn jpeg(seed: u32) -> Vec<u8> {
    let (w, h) = (480u32, 360u32);
    let mut state = seed.wrapping_mul(7919).wrapping_add(13) as u64;
    let mut rnd = move || {
        state = state * 16807 % 2147483647;
        state as f32 / 2147483647.0
    };
    let base = [rnd() * 255.0, rnd() * 255.0, rnd() * 255.0];
    let mut img = RgbImage::from_fn(w, h, |_, y| {
        let t = y as f32 / h as f32;
        Rgb(base.map(|c| (c * (1.0 - 0.5 * t)) as u8))
    });
    for _ in 0..40 {
        let (cx, cy) = (rnd() * w as f32, rnd() * h as f32);
        let (rx, ry) = (8.0 + rnd() * 90.0, 8.0 + rnd() * 70.0);
        let colour = Rgb([
            (rnd() * 255.0) as u8,
            (rnd() * 255.0) as u8,
            (rnd() * 255.0) as u8,
        ]);
        let (x0, x1) = (
            (cx - rx).max(0.0) as u32,
            (cx + rx).min(w as f32 - 1.0) as u32,
        );
        let (y0, y1) = (
            (cy - ry).max(0.0) as u32,
            (cy + ry).min(h as f32 - 1.0) as u32,
        );
        for y in y0..=y1 {
            for x in x0..=x1 {
                let (dx, dy) = ((x as f32 - cx) / rx, (y as f32 - cy) / ry);
                if dx * dx + dy * dy <= 1.0 {
                    img.put_pixel(x, y, colour);
                }
            }
        }
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encoding a JPEG in memory");
    out
}
