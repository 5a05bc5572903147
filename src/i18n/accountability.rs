//! Words of accountability across rounds (问责): the results page's badges, the printed
//! notice's lines and the office's 问责提示 panel. Chinese first, English second.

use super::Text;
use pingxuan_domain::accountability::Escalation;
use pingxuan_domain::Lang;

/// A piece of accountability text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountabilityMsg {
    Title,
    Rule,
    NoneStanding,
    Places,
    Towns,
}

impl Text for AccountabilityMsg {
    fn text(self, lang: Lang) -> &'static str {
        use AccountabilityMsg::*;
        let (zh, en) = match self {
            Title => ("问责提示", "Accountability"),
            Rule => (
                "连续两期被评为最差，对责任单位分管领导问责；连续三期及以上，对主要领导问责。",
                "Named worst two rounds in a row: the responsible unit's deputy leader is held accountable; three or more: its principal leader.",
            ),
            NoneStanding => (
                "最新一期没有连续上榜的地点或镇（街道、办）。",
                "No place or town is named for a second round in a row in the latest round.",
            ),
            Places => ("地点", "Places"),
            Towns => ("镇（街道、办）", "Towns"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// "连续2次上榜 · 分管领导问责"; empty for no escalation.
pub fn streak_badge(lang: Lang, streak: u32, escalation: Escalation) -> String {
    let who = match (escalation, lang) {
        (Escalation::None, _) => return String::new(),
        (Escalation::DeputyLeader, Lang::Zh) => "分管领导问责",
        (Escalation::PrincipalLeader, Lang::Zh) => "主要领导问责",
        (Escalation::DeputyLeader, Lang::En) => "deputy leader accountable",
        (Escalation::PrincipalLeader, Lang::En) => "principal leader accountable",
    };
    match lang {
        Lang::Zh => format!("连续{streak}次上榜 · {who}"),
        Lang::En => format!("Named {streak} rounds in a row · {who}"),
    }
}
