//! Words of the A4 poster page (/staff/poster): Chinese first, English second.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text on the A4 poster page (/staff/poster).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PosterMsg {
    Title,
}

impl Text for PosterMsg {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            PosterMsg::Title => ("宣传海报", "Poster"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
