//! Words of the public results pages (`/results`, `/results/{round}`): Chinese first,
//! English second.

use super::{percent, Text};
use pingxuan_domain::round::VoteNormalisation;
use pingxuan_domain::Lang;

/// A piece of text on the results pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsMsg {
    NavResults,
    ArchiveTitle,
    ArchiveIntro,
    NoResultsTitle,
    NoResultsHint,
    NotPublishedTitle,
    NotPublishedHint,
    AllRounds,
    WorstTitle,
    WarnedTitle,
    WarnedHint,
    ChartTitle,
    ChartHint,
    VoteScore,
    FieldScore,
    Total,
    Votes,
    FormulaTitle,
    FormulaLower,
    VersionsTitle,
    Latest,
    Viewing,
    OpenDataTitle,
    OpenDataHint,
    OpenDataLink,
    Print,
    NoneRanked,
    CoverAlt,
    Name,
    Town,
}

impl Text for ResultsMsg {
    fn text(self, lang: Lang) -> &'static str {
        use ResultsMsg::*;
        let (zh, en) = match self {
            NavResults => ("评选结果", "Results"),
            ArchiveTitle => ("历期评选结果", "Results of every round"),
            ArchiveIntro => (
                "每期评选结束后，市创卫办在这里公布“最差四个十”名单和次差名单。",
                "After each round the campaign office publishes the worst ten of each category and the warned ten here.",
            ),
            NoResultsTitle => ("还没有公布的评选结果", "No results published yet"),
            NoResultsHint => (
                "结果经现场评分和审核后公布，请留意本页。",
                "Results are published after on-site scoring and review. Check back here.",
            ),
            NotPublishedTitle => ("这一期的结果还没有公布", "This round's results are not published yet"),
            NotPublishedHint => (
                "结果经现场评分和审核后公布。",
                "Results are published after on-site scoring and review.",
            ),
            AllRounds => ("历期结果", "All rounds"),
            WorstTitle => ("最差名单", "The worst"),
            WarnedTitle => ("次差名单（提醒）", "Warned (next worst)"),
            WarnedHint => (
                "次差名单不点名通报，但要求对照问题抓紧整改。",
                "The warned are not named in the notice but must fix their problems promptly.",
            ),
            ChartTitle => ("综合得分一览", "Totals at a glance"),
            ChartHint => (
                "得分越低越差。红色为最差名单，橙色为次差名单。",
                "Lower is worse. Red: the worst; orange: the warned.",
            ),
            VoteScore => ("群众投票得分", "Vote score"),
            FieldScore => ("现场评分", "On-site score"),
            Total => ("综合得分", "Total"),
            Votes => ("得票", "Votes"),
            FormulaTitle => ("怎么算的", "How it is worked out"),
            FormulaLower => (
                "综合得分越低，排名越靠前（越差）。得分相同时，现场评分低的排前；仍相同时，得票多的排前。",
                "The lower the total, the worse the rank. On equal totals the lower on-site score ranks worse, then the one with more votes.",
            ),
            VersionsTitle => ("公布版本", "Published versions"),
            Latest => ("最新", "latest"),
            Viewing => ("正在查看", "viewing"),
            OpenDataTitle => ("公开数据", "Open data"),
            OpenDataHint => (
                "全部选票回执、评分表各项得分（不含评分人员身份）、作废和剔除记录及理由，任何人都可以下载核算。",
                "Every ballot receipt, each score sheet's item scores (without inspectors' identities), voids and exclusions with their reasons: anyone may download them and check the ranking.",
            ),
            OpenDataLink => ("下载公开数据（JSON）", "Download the open data (JSON)"),
            Print => ("打印通报", "Print the notice"),
            NoneRanked => ("本类别没有参与排名的对象。", "Nothing was ranked in this category."),
            CoverAlt => ("现场照片", "Photo of the place"),
            Name => ("名称", "Name"),
            Town => ("镇（街道）", "Town"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A score to one decimal, with integer arithmetic (float formatting would add ~20 KB
/// to the wasm): `63.4`, `100.0`.
pub fn score(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// "第 3 名"
pub fn rank(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("第 {n} 名"),
        Lang::En => format!("No. {n}"),
    }
}

/// "第 2 版" / "Version 2"
pub fn version(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("第 {n} 版"),
        Lang::En => format!("Version {n}"),
    }
}

/// "12 票"
pub fn votes(lang: Lang, n: u64) -> String {
    match lang {
        Lang::Zh => format!("{n} 票"),
        Lang::En if n == 1 => "1 vote".to_owned(),
        Lang::En => format!("{n} votes"),
    }
}

/// "共 20 个对象参与排名"
pub fn ranked_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("共 {n} 个对象参与排名"),
        Lang::En => format!("{n} ranked"),
    }
}

/// The formula in one plain sentence, e.g. "综合得分 = 群众投票得分 × 40% + 现场评分 × 60%".
pub fn formula(lang: Lang, vote_weight: f64, field_weight: f64) -> String {
    let t = |m: ResultsMsg| m.text(lang);
    format!(
        "{} = {} × {}% + {} × {}%",
        t(ResultsMsg::Total),
        t(ResultsMsg::VoteScore),
        percent(vote_weight),
        t(ResultsMsg::FieldScore),
        percent(field_weight)
    )
}

/// How votes become the vote score, in plain words.
pub fn vote_rule(lang: Lang, norm: VoteNormalisation) -> &'static str {
    match (norm, lang) {
        (VoteNormalisation::RelativeToMax, Lang::Zh) => {
            "群众投票得分按得票折算：本类别得票最多的记 0 分，没有得票的记 100 分，其余按得票比例计算。"
        }
        (VoteNormalisation::RelativeToMax, Lang::En) => {
            "Votes become a score: the most-voted in the category scores 0, one without votes 100, the rest in proportion."
        }
        (VoteNormalisation::ShareOfTotal, Lang::Zh) => {
            "群众投票得分按得票占本类别总票数的比例折算：100 分减去得票占比（百分数）。"
        }
        (VoteNormalisation::ShareOfTotal, Lang::En) => {
            "Votes become a score: 100 minus the candidate's share (in per cent) of all votes in the category."
        }
    }
}

/// "现场评分为各评分小组评分表得分的平均分（满分 100 分）。"
pub fn field_rule(lang: Lang) -> &'static str {
    lang.pick(
        "现场评分为各评分小组按本类别评分表打分的平均分（满分 100 分）。",
        "The on-site score is the mean of the inspection sub-groups' score sheets (out of 100).",
    )
}
