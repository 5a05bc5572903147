//! Words of the screening page (/staff/screening): Chinese first, English second.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text on the screening page (/staff/screening).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreeningMsg {
    Title,
}

impl Text for ScreeningMsg {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            ScreeningMsg::Title => ("推荐筛选", "Screening"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
