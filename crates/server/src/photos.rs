//! The photo pipeline: check what an upload really is, decode it within limits, turn it
//! upright, re-encode it without any metadata (no GPS left in what is served), make a
//! thumbnail and a perceptual hash, and keep the original's GPS for staff.

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use pingxuan_domain::geo::GeoPoint;
use std::io::Cursor;

/// Largest upload accepted, in bytes (the app sends ≤ 400 KB; this leaves room for a
/// phone that could not resize).
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// More pixels than this is a decompression bomb, not a phone photo (50 MP).
pub const MAX_PIXELS: u64 = 50_000_000;
/// Long edge of the served photo and of its thumbnail.
pub const FULL_EDGE: u32 = 1600;
pub const THUMB_EDGE: u32 = 360;

/// Why an upload is refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PhotoError {
    #[error("not a JPEG, PNG or WebP file")]
    NotAPhoto,
    #[error("data after the end of the image (polyglot)")]
    TrailingData,
    #[error("{0}×{1} pixels is too many")]
    TooManyPixels(u32, u32),
    #[error("cannot decode: {0}")]
    Undecodable(String),
}

/// What the pipeline produces.
pub struct Processed {
    pub full_jpeg: Vec<u8>,
    pub thumb_jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub dhash: u64,
    /// GPS from the original's EXIF, if it had any.
    pub original_gps: Option<GeoPoint>,
}

/// The format by magic bytes; the name and declared type of an upload are not trusted.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

/// Refuses files that carry something after the image, or a ZIP directory where ZIP
/// readers look for one (the end of the file): PNG/ZIP and JPEG/ZIP polyglots.
fn check_no_trailing_data(bytes: &[u8], format: ImageFormat) -> Result<(), PhotoError> {
    let ends_cleanly = match format {
        ImageFormat::Jpeg => {
            let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
            end >= 2 && bytes[..end].ends_with(&[0xFF, 0xD9])
        }
        ImageFormat::Png => {
            bytes.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82])
        }
        ImageFormat::WebP => {
            let declared = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
            declared + 8 == bytes.len() || declared + 9 == bytes.len() // odd sizes are padded
        }
        _ => false,
    };
    // A ZIP end-of-central-directory record sits within the last 64 KiB + 22 bytes.
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    let zip_directory = tail.windows(4).any(|w| w == b"PK\x05\x06");
    if ends_cleanly && !zip_directory {
        Ok(())
    } else {
        Err(PhotoError::TrailingData)
    }
}

/// Runs the whole pipeline. CPU-bound: call it from `spawn_blocking`.
pub fn process(bytes: &[u8]) -> Result<Processed, PhotoError> {
    let format = sniff(bytes).ok_or(PhotoError::NotAPhoto)?;
    check_no_trailing_data(bytes, format)?;

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| PhotoError::Undecodable(e.to_string()))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels(w, h));
    }
    let orientation = decoder.orientation().ok();
    let mut img =
        DynamicImage::from_decoder(decoder).map_err(|e| PhotoError::Undecodable(e.to_string()))?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    let original_gps = if format == ImageFormat::Jpeg {
        exif_gps(bytes)
    } else {
        None
    };

    let full = if img.width().max(img.height()) > FULL_EDGE {
        img.resize(FULL_EDGE, FULL_EDGE, FilterType::Triangle)
    } else {
        img
    };
    let thumb = full.thumbnail(THUMB_EDGE, THUMB_EDGE);
    Ok(Processed {
        full_jpeg: encode_jpeg(&full, 82)?,
        thumb_jpeg: encode_jpeg(&thumb, 75)?,
        width: full.width(),
        height: full.height(),
        // From the thumbnail: the same picture at a tenth of the cost.
        dhash: dhash(&thumb),
        original_gps,
    })
}

/// A fresh baseline JPEG from the pixels alone: no EXIF, no comments, nothing else.
fn encode_jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let rgb = img.to_rgb8();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|e| PhotoError::Undecodable(e.to_string()))?;
    Ok(out)
}

/// Difference hash: 9×8 greyscale, one bit per horizontal neighbour comparison.
pub fn dhash(img: &DynamicImage) -> u64 {
    let small = img.resize_exact(9, 8, FilterType::Triangle).to_luma8();
    let mut hash = 0u64;
    for y in 0..8 {
        for x in 0..8 {
            hash <<= 1;
            if small.get_pixel(x, y)[0] < small.get_pixel(x + 1, y)[0] {
                hash |= 1;
            }
        }
    }
    hash
}

/// The GPS position in a JPEG's EXIF, if there is a usable one.
pub fn exif_gps(bytes: &[u8]) -> Option<GeoPoint> {
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok()?;
    let coord = |tag, ref_tag, negative: &[u8]| -> Option<f64> {
        let field = exif.get_field(tag, exif::In::PRIMARY)?;
        let exif::Value::Rational(parts) = &field.value else {
            return None;
        };
        let [d, m, s] = parts.get(0..3)? else {
            return None;
        };
        let value = d.to_f64() + m.to_f64() / 60.0 + s.to_f64() / 3600.0;
        let sign = match exif.get_field(ref_tag, exif::In::PRIMARY).map(|f| &f.value) {
            Some(exif::Value::Ascii(v)) if v.first().is_some_and(|s| s.as_slice() == negative) => {
                -1.0
            }
            _ => 1.0,
        };
        value.is_finite().then_some(sign * value)
    };
    Some(GeoPoint {
        latitude: coord(exif::Tag::GPSLatitude, exif::Tag::GPSLatitudeRef, b"S")?,
        longitude: coord(exif::Tag::GPSLongitude, exif::Tag::GPSLongitudeRef, b"W")?,
    })
}

/// Photos a resident uploaded but never nominated with are kept this long (a draft may
/// resume the next day), then removed.
pub const ORPHAN_AFTER: chrono::Duration = chrono::Duration::hours(48);

/// Removes abandoned residents' photos (records and files). Returns how many went.
pub async fn remove_orphans(
    state: &crate::AppState,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<usize> {
    let ids = state.db.delete_orphan_photos(now - ORPHAN_AFTER).await?;
    for id in &ids {
        state.storage.delete(&format!("photos/{id}.jpg")).await?;
        state
            .storage
            .delete(&format!("photos/{id}.thumb.jpg"))
            .await?;
    }
    if !ids.is_empty() {
        tracing::info!(removed = ids.len(), "removed abandoned photos");
    }
    Ok(ids.len())
}
