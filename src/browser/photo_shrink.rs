//! Shrinks a phone photo before upload: decoded with its EXIF orientation applied,
//! drawn on a canvas with the long edge at most 1600 px, and encoded as JPEG — lowering
//! the quality (and then the size) step by step until it is at most 400 KB. A
//! 12-megapixel photo of 4–8 MB goes over the wire at a few hundred KB.

use super::settle;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, ImageBitmap,
    ImageBitmapOptions, ImageOrientation, Url,
};

/// The long edge of an uploaded photo, in pixels.
pub const MAX_EDGE: u32 = 1600;
/// What one uploaded photo should weigh at most.
pub const TARGET_BYTES: u32 = 400 * 1024;
/// (long edge, JPEG quality), tried in turn until the photo fits [`TARGET_BYTES`].
pub const STEPS: [(u32, f64); 6] = [
    (MAX_EDGE, 0.8),
    (MAX_EDGE, 0.7),
    (MAX_EDGE, 0.6),
    (1280, 0.6),
    (1024, 0.6),
    (1024, 0.45),
];

/// `width × height` scaled down, keeping its shape, so the long edge is at most
/// `max_edge`. Smaller photos are left as they are (never scaled up).
pub fn fit_within(width: u32, height: u32, max_edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= max_edge {
        return (width.max(1), height.max(1));
    }
    let scale = f64::from(max_edge) / f64::from(long);
    let side = |v: u32| ((f64::from(v) * scale).round() as u32).clamp(1, max_edge);
    (side(width), side(height))
}

/// A decoded photo, upright.
enum Decoded {
    Bitmap(ImageBitmap),
    /// The fallback for browsers without `createImageBitmap` on blobs (older iOS):
    /// an `<img>`, which also applies the EXIF orientation.
    Image(HtmlImageElement, String),
}

impl Decoded {
    fn size(&self) -> (u32, u32) {
        match self {
            Decoded::Bitmap(b) => (b.width(), b.height()),
            Decoded::Image(i, _) => (i.natural_width(), i.natural_height()),
        }
    }

    fn draw(&self, ctx: &CanvasRenderingContext2d, w: u32, h: u32) -> Result<(), JsValue> {
        let (w, h) = (f64::from(w), f64::from(h));
        match self {
            Decoded::Bitmap(b) => ctx.draw_image_with_image_bitmap_and_dw_and_dh(b, 0.0, 0.0, w, h),
            Decoded::Image(i, _) => {
                ctx.draw_image_with_html_image_element_and_dw_and_dh(i, 0.0, 0.0, w, h)
            }
        }
    }
}

impl Drop for Decoded {
    fn drop(&mut self) {
        match self {
            Decoded::Bitmap(b) => b.close(),
            Decoded::Image(_, url) => {
                let _ = Url::revoke_object_url(url);
            }
        }
    }
}

async fn decode(source: &Blob) -> Result<Decoded, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    if let Ok(promise) =
        window.create_image_bitmap_with_blob_and_image_bitmap_options(source, &options)
    {
        if let Ok(bitmap) = JsFuture::from(promise).await {
            return Ok(Decoded::Bitmap(bitmap.unchecked_into()));
        }
    }
    let url = Url::create_object_url_with_blob(source)?;
    let image = HtmlImageElement::new()?;
    image.set_src(&url);
    let decoded = Decoded::Image(image.clone(), url);
    JsFuture::from(image.decode()).await?;
    Ok(decoded)
}

async fn to_jpeg(canvas: &HtmlCanvasElement, quality: f64) -> Result<Blob, JsValue> {
    let blob = settle(&mut |resolve, reject| {
        if let Err(e) = canvas.to_blob_with_type_and_encoder_options(
            &resolve,
            "image/jpeg",
            &JsValue::from_f64(quality),
        ) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    })
    .await?;
    // `toBlob` hands over `null` when it cannot encode.
    blob.dyn_into::<Blob>()
}

/// The photo ready for upload; an error when the browser cannot read it (then the
/// resident is asked to pick another).
pub async fn shrink(source: &Blob) -> Result<Blob, JsValue> {
    let decoded = decode(source).await?;
    let (width, height) = decoded.size();
    if width == 0 || height == 0 {
        return Err(JsValue::NULL);
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)?;
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.unchecked_into();
    let mut drawn = (0, 0);
    let mut last = None;
    for (edge, quality) in STEPS {
        let size = fit_within(width, height, edge);
        if size != drawn {
            canvas.set_width(size.0);
            canvas.set_height(size.1);
            let ctx: CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or(JsValue::NULL)?
                .unchecked_into();
            // A white ground for transparent PNGs; the smoothest downscaling offered.
            ctx.set_fill_style_str("#fff");
            ctx.fill_rect(0.0, 0.0, f64::from(size.0), f64::from(size.1));
            let _ = js_sys::Reflect::set(&ctx, &"imageSmoothingQuality".into(), &"high".into());
            decoded.draw(&ctx, size.0, size.1)?;
            drawn = size;
        }
        let blob = to_jpeg(&canvas, quality).await?;
        if blob.size() <= f64::from(TARGET_BYTES) {
            return Ok(blob);
        }
        last = Some(blob);
    }
    last.ok_or(JsValue::NULL)
}
