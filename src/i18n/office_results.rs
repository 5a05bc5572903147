//! Words of the office's results workbench (`/office/results`, 结果审核与公布): Chinese
//! first, English second. Scores and the names shared with the public page (得分, 第 n 名,
//! 第 n 版) come from [`super::results`].

use super::Text;
use pingxuan_domain::results::ExclusionKind;
use pingxuan_domain::scoring::{TieBreak, Tier};
use pingxuan_domain::Lang;

/// A piece of text on the results workbench.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeResultsMsg {
    Title,
    NavResults,
    Intro,
    RoundLabel,
    NotYetTitle,
    NotYetHint,
    NoRoundTitle,
    PhaseFieldScoring,
    PhaseReview,
    PhasePublished,
    Incomplete,
    Unscored,
    UnscoredHint,
    NoneRanked,
    Worst,
    Warned,
    Sheets,
    ShowSheets,
    HideSheets,
    NoSheets,
    Exclude,
    Excluded,
    Late,
    ExcludeSheetTitle,
    ExcludeBallotTitle,
    ExcludeLead,
    Reason,
    CorrectionReason,
    ReasonLength,
    ConfirmExclude,
    Excluding,
    BallotId,
    BallotIdHint,
    BallotIdInvalid,
    ExcludeBallot,
    ExclusionsTitle,
    NoExclusions,
    Withdraw,
    Withdrawing,
    Withdrawn,
    SheetWord,
    BallotWord,
    Publish,
    PublishTitle,
    PublishLead,
    PublishIncomplete,
    PublishOnlyInReview,
    ConfirmPublish,
    Publishing,
    VersionsTitle,
    NoVersions,
    Correct,
    CorrectTitle,
    CorrectLead,
    ConfirmCorrect,
    Correcting,
    PublicPage,
    ExportCsv,
    ExportXlsx,
    ExportHint,
    Close,
    Recomputed,
}

impl Text for OfficeResultsMsg {
    fn text(self, lang: Lang) -> &'static str {
        use OfficeResultsMsg::*;
        let (zh, en) = match self {
            Title => ("结果审核与公布", "Review and publish the results"),
            NavResults => ("结果", "Results"),
            Intro => (
                "这里是按现在的数据算出的排名（预览）。发现无效的评分表或选票，可以写明理由后排除，排名马上重新计算；审核无误后公布。",
                "This is the ranking from the data as they are now (a preview). Exclude an invalid score sheet or ballot with a reason and the ranking is recomputed at once; publish when it is right.",
            ),
            RoundLabel => ("评选期次", "Round"),
            NotYetTitle => ("还没有结果可以审核", "No results to review yet"),
            NotYetHint => (
                "现场评分开始后才能看到排名预览。",
                "The preview of the ranking is available once on-site scoring starts.",
            ),
            NoRoundTitle => ("还没有评选活动", "No round yet"),
            PhaseFieldScoring => (
                "现场评分还在进行，排名会随着评分表到达而变化；进入结果审核阶段后才能公布。",
                "On-site scoring is still running: the ranking changes as sheets arrive. Results can be published once the round is in review.",
            ),
            PhaseReview => (
                "结果审核阶段：确认排名无误后即可公布。",
                "In review: publish once the ranking is right.",
            ),
            PhasePublished => (
                "结果已公布。之后的排除只影响预览；要改动公布的结果，请发布更正版本。",
                "The results are published. Exclusions now change only the preview; publish a correction to change the published results.",
            ),
            Incomplete => (
                "有对象还没有有效的评分表，公布时它们不参与排名。",
                "Some candidates have no counted score sheet: they would be left out of the ranking.",
            ),
            Unscored => ("没有有效评分表的对象", "Candidates without a counted sheet"),
            UnscoredHint => (
                "这些对象不参与排名。补交评分表或撤销排除后会重新计算。",
                "They are left out of the ranking until a sheet arrives or an exclusion is withdrawn.",
            ),
            NoneRanked => ("本类别还没有参与排名的对象。", "Nothing is ranked in this category yet."),
            Worst => ("最差", "Worst"),
            Warned => ("次差", "Warned"),
            Sheets => ("评分表", "Sheets"),
            ShowSheets => ("查看评分表", "Show sheets"),
            HideSheets => ("收起评分表", "Hide sheets"),
            NoSheets => ("没有评分表。", "No sheets."),
            Exclude => ("排除", "Exclude"),
            Excluded => ("已排除", "Excluded"),
            Late => ("逾期送达", "Late"),
            ExcludeSheetTitle => ("排除这张评分表", "Exclude this score sheet"),
            ExcludeBallotTitle => ("排除一张选票", "Exclude a ballot"),
            ExcludeLead => (
                "排除后它不再计入排名，预览马上重新计算。理由会记录在案，并随结果在公开数据中公布；排除可以撤销。",
                "It no longer counts and the preview is recomputed at once. The reason is recorded and published with the open data; an exclusion can be withdrawn.",
            ),
            Reason => ("排除理由（必填）", "Reason (required)"),
            CorrectionReason => ("更正理由（必填）", "Why the correction (required)"),
            ReasonLength => ("请写明理由（2到200个字）。", "Give a reason (2 to 200 characters)."),
            ConfirmExclude => ("确认排除", "Exclude"),
            Excluding => ("正在排除…", "Excluding…"),
            BallotId => ("选票编号", "Ballot number"),
            BallotIdHint => (
                "防刷票页面列出的选票编号（数字）。",
                "The ballot's number as the fraud panel lists it.",
            ),
            BallotIdInvalid => ("请填写选票编号（正整数）。", "Enter the ballot's number (a positive whole number)."),
            ExcludeBallot => ("排除一张选票…", "Exclude a ballot…"),
            ExclusionsTitle => ("排除记录", "Exclusions"),
            NoExclusions => ("还没有排除任何评分表或选票。", "Nothing has been excluded."),
            Withdraw => ("撤销", "Withdraw"),
            Withdrawing => ("正在撤销…", "Withdrawing…"),
            Withdrawn => ("已撤销", "Withdrawn"),
            SheetWord => ("评分表", "Sheet"),
            BallotWord => ("选票", "Ballot"),
            Publish => ("公布结果", "Publish"),
            PublishTitle => ("公布评选结果", "Publish the results"),
            PublishLead => (
                "公布后，现在的排名冻结为第 1 版，并立即在公开的评选结果页面显示，所有人都能看到和下载公开数据。公布的版本不能修改，以后只能发布更正版本（第 2 版、第 3 版……），每一版都会保留。",
                "Publishing freezes the ranking as it is now as version 1 and shows it at once on the public results page, with its open data. A published version never changes: later changes are corrections (version 2, 3 …), and every version stays visible.",
            ),
            PublishIncomplete => (
                "注意：有对象没有有效的评分表，它们不会出现在公布的排名里。",
                "Note: candidates without a counted sheet will not appear in the published ranking.",
            ),
            PublishOnlyInReview => (
                "进入结果审核阶段后才能公布。",
                "Results can be published once the round is in review.",
            ),
            ConfirmPublish => ("确认公布第 1 版", "Publish version 1"),
            Publishing => ("正在公布…", "Publishing…"),
            VersionsTitle => ("公布版本", "Published versions"),
            NoVersions => ("还没有公布。", "Not published yet."),
            Correct => ("发布更正…", "Publish a correction…"),
            CorrectTitle => ("发布更正版本", "Publish a correction"),
            CorrectLead => (
                "按现在的数据（包括公布后的排除和作废）生成新的版本，并立即公开；之前的版本保留可查。请写明更正理由，它会和新版本一起公布。",
                "Makes a new version from the data as they are now (exclusions and voids since included) and publishes it at once; earlier versions stay readable. The reason is published with it.",
            ),
            ConfirmCorrect => ("确认发布更正", "Publish the correction"),
            Correcting => ("正在发布…", "Publishing…"),
            PublicPage => ("查看公开页面", "Open the public page"),
            ExportCsv => ("导出 CSV", "Export CSV"),
            ExportXlsx => ("导出 Excel（XLSX）", "Export Excel (XLSX)"),
            ExportHint => (
                "导出的是所选版本的全部排名，Excel 可以直接打开。",
                "Exports the chosen version's whole ranking; Excel opens it.",
            ),
            Close => ("关闭", "Close"),
            Recomputed => ("已重新计算。", "Recomputed."),
        };
        lang.pick(zh, en)
    }
}

/// The tier in a word: 最差 / 次差, none for the rest.
pub fn tier_word(lang: Lang, tier: Tier) -> Option<&'static str> {
    match tier {
        Tier::Worst => Some(OfficeResultsMsg::Worst.text(lang)),
        Tier::Warned => Some(OfficeResultsMsg::Warned.text(lang)),
        Tier::Other => None,
    }
}

/// Why a line ranks below the next one with the same total, in words.
pub fn tie_break_words(lang: Lang, rule: TieBreak) -> &'static str {
    match rule {
        TieBreak::FieldScore => lang.pick(
            "与下一名综合得分相同，现场评分更低，排在前面。",
            "Same total as the next; the lower on-site score ranks worse.",
        ),
        TieBreak::Votes => lang.pick(
            "与下一名综合得分、现场评分都相同，得票更多，排在前面。",
            "Same total and on-site score as the next; more votes rank worse.",
        ),
        TieBreak::CandidateId => lang.pick(
            "与下一名各项得分都相同，按登记先后排在前面。",
            "All equal with the next; the earlier registered ranks worse.",
        ),
    }
}

/// "评分表 #12" / "选票 #40"
pub fn target(lang: Lang, kind: ExclusionKind, id: i64) -> String {
    let word = match kind {
        ExclusionKind::Sheet => OfficeResultsMsg::SheetWord,
        ExclusionKind::Ballot => OfficeResultsMsg::BallotWord,
    };
    format!("{} #{id}", word.text(lang))
}

/// "评分表 3 张" / "3 sheets"
pub fn sheet_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("评分表 {n} 张"),
        Lang::En if n == 1 => "1 sheet".to_owned(),
        Lang::En => format!("{n} sheets"),
    }
}

/// "86 分" / "86 points": a sheet's total.
pub fn points(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("{n} 分"),
        Lang::En => format!("{n} points"),
    }
}

/// "现场评分开始后（2026年12月1日）才能看到排名预览。"
pub fn available_from(lang: Lang, date: &str) -> String {
    match lang {
        Lang::Zh => format!("现场评分开始后（{date}）才能看到排名预览。"),
        Lang::En => format!("The preview is available once on-site scoring starts ({date})."),
    }
}
