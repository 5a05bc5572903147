//! Test images made on the spot: real JPEGs (optionally with EXIF GPS and orientation),
//! and the hostile files a photo upload must refuse.

use image::{ImageBuffer, Rgb};

/// A w×h JPEG with a gradient (so it compresses like a photo, not like a flat colour).
pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = ImageBuffer::from_fn(w, h, |x, y| {
        Rgb([
            (x * 255 / w.max(1)) as u8,
            (y * 255 / h.max(1)) as u8,
            ((x ^ y) & 0xff) as u8,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

/// A w×h JPEG with fine grain over a gradient, so it weighs what a phone's photo does
/// after the field app shrinks it (640×480 ≈ 230 KB; a gradient alone is ~70 KB).
pub fn grainy_jpeg(w: u32, h: u32) -> Vec<u8> {
    grainy_jpeg_seeded(w, h, 0x9e37_79b9)
}

/// `grainy_jpeg` with its grain drawn from `seed` (not 0), so each photo differs.
pub fn grainy_jpeg_seeded(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let mut seed = seed.max(1);
    let img = ImageBuffer::from_fn(w, h, |x, y| {
        let mut grain = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            (seed & 0x3f) as u8
        };
        Rgb([
            (x * 190 / w.max(1)) as u8 + grain(),
            (y * 190 / h.max(1)) as u8 + grain(),
            (((x ^ y) & 0x7f) as u8) + grain(),
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img: ImageBuffer<Rgb<u8>, _> = ImageBuffer::from_pixel(w, h, Rgb([200, 30, 30]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// `jpeg` with an APP1 EXIF segment: orientation, and GPS 23°39'47"N 116°38'51"E
/// (Guangji Bridge, Chaozhou).
pub fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let plain = jpeg(w, h);
    let tiff = exif_tiff(orientation);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]); // the rest after SOI
    out
}

/// A little-endian TIFF with IFD0 {Orientation, GPSInfo → GPS IFD {lat/lon and refs}}.
fn exif_tiff(orientation: u16) -> Vec<u8> {
    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    // IFD0 at 8: 2 entries (2 + 2×12 + 4 = 30 bytes) → GPS IFD at 38.
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, orientation as u32); // SHORT, value inline
    entry(&mut t, 0x8825, 4, 1, 38); // LONG: offset of the GPS IFD
    t.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD at 38: 4 entries (2 + 48 + 4 = 54 bytes) → rationals at 92 and 116.
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, 92);
    entry(&mut t, 0x0003, 2, 2, u32::from_le_bytes(*b"E\0\0\0"));
    entry(&mut t, 0x0004, 5, 3, 116);
    t.extend_from_slice(&0u32.to_le_bytes());
    for (num, den) in [(23u32, 1u32), (39, 1), (47, 1), (116, 1), (38, 1), (51, 1)] {
        t.extend_from_slice(&num.to_le_bytes());
        t.extend_from_slice(&den.to_le_bytes());
    }
    t
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    c.extend_from_slice(&body);
    c.extend_from_slice(&crc32(&body).to_be_bytes());
    c
}

/// A small PNG that claims 40000×40000 pixels: decoding it would need 4.8 GB.
pub fn decompression_bomb() -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&40_000u32.to_be_bytes());
    ihdr.extend_from_slice(&40_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let zeros = vec![0u8; 1 << 20];
    let mut z = flate2_like_deflate(&zeros);
    z.truncate(z.len().min(4096));
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &z));
    out.extend(chunk(b"IEND", &[]));
    out
}

/// Stored (uncompressed) zlib blocks are enough for a bomb header: the decoder must
/// refuse on the declared size before it inflates anything.
fn flate2_like_deflate(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    for (i, block) in data.chunks(65_535).enumerate() {
        let last = (i + 1) * 65_535 >= data.len();
        out.push(last as u8);
        out.extend_from_slice(&(block.len() as u16).to_le_bytes());
        out.extend_from_slice(&(!(block.len() as u16)).to_le_bytes());
        out.extend_from_slice(block);
    }
    out
}

/// A real PNG with a ZIP archive appended: valid as both.
pub fn png_zip_polyglot() -> Vec<u8> {
    let mut out = png(16, 16);
    // A minimal empty ZIP: just the end-of-central-directory record.
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0u8; 18]);
    out
}
