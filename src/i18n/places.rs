//! Words of the place register page (/staff/places): Chinese first, English second.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text on the place register page (/staff/places).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacesMsg {
    Title,
}

impl Text for PlacesMsg {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            PlacesMsg::Title => ("地点库", "Place register"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
