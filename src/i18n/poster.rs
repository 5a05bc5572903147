//! Words of the A4 poster page (/staff/poster): Chinese first, English second.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text on the A4 poster page (/staff/poster).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PosterMsg {
    Title,
    Intro,
    Print,
    NominationOver,
    VotingPoster,
    VotePreview,
    VoteSubhead,
    VoteLead,
    VoteDates,
    QrFailed,
    NoRound,
    GoRound,
    Preview,
    Kicker,
    Headline,
    Subhead,
    Lead,
    Kinds,
    ScanHere,
    QrAlt,
    OrOpen,
    Step1,
    Step1Hint,
    Step2,
    Step2Hint,
    Step3,
    Step3Hint,
    Step4,
    Step4Hint,
    Dates,
    Office,
}

impl Text for PosterMsg {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            PosterMsg::Title => ("宣传海报", "Poster"),
            PosterMsg::Intro => (
                "用A4纸打印，贴在农贸市场、村务公开栏等显眼的地方。打印时请选“实际大小”，不要缩放。",
                "Print on A4 and put it up where people pass: markets, village notice boards. Print at actual size.",
            ),
            PosterMsg::Print => ("打印", "Print"),
            PosterMsg::NominationOver => (
                "本期网上推荐已经结束，海报上的推荐时间已过，请不要再张贴。",
                "This round's nominations have closed: the dates on the poster are past. Do not put it up any more.",
            ),
            PosterMsg::VotingPoster => (
                "现在是网上投票阶段：下面是投票海报，每类一个二维码，扫码直接进入该类的投票页面。",
                "Voting is open: below is the voting poster, one QR code per category, each opening its voting page.",
            ),
            PosterMsg::VotePreview => ("投票海报预览", "Voting poster preview"),
            PosterMsg::VoteSubhead => ("网上投票", "Vote online"),
            PosterMsg::VoteLead => (
                "您认为哪里最差？用微信扫一扫，每人每类投一票。",
                "Which is the worst? Scan with WeChat: one vote per person per category.",
            ),
            PosterMsg::VoteDates => ("投票时间", "Voting"),
            PosterMsg::QrFailed => (
                "二维码没有加载出来，请刷新页面再试。",
                "The QR code did not load. Reload the page and try again.",
            ),
            PosterMsg::NoRound => (
                "还没有评选活动，海报上没有推荐时间可写。请先在“本期设置”里创建一期。",
                "There is no round yet, so the poster has no dates. Create a round first.",
            ),
            PosterMsg::GoRound => ("去本期设置", "Go to the round settings"),
            PosterMsg::Preview => ("海报预览", "Poster preview"),
            PosterMsg::Kicker => ("潮州创卫", "Chaozhou Clean City"),
            PosterMsg::Headline => ("最差四个十", "The Worst Four Tens"),
            PosterMsg::Subhead => ("网上推荐", "Nominate online"),
            PosterMsg::Lead => (
                "身边哪里最脏、最乱？拍张照片推荐给我们！",
                "Where is it dirtiest near you? Send us a photo!",
            ),
            PosterMsg::Kinds => ("推荐这四类地方", "Four kinds of places"),
            PosterMsg::ScanHere => ("微信扫一扫　马上推荐", "Scan with WeChat to nominate"),
            PosterMsg::QrAlt => ("网上推荐二维码", "QR code of the nomination page"),
            PosterMsg::OrOpen => ("也可以用手机浏览器打开：", "Or open on your phone: "),
            PosterMsg::Step1 => ("扫码", "Scan"),
            PosterMsg::Step1Hint => ("用微信扫一扫二维码", "Scan the code with WeChat"),
            PosterMsg::Step2 => ("选类别", "Choose"),
            PosterMsg::Step2Hint => ("乡村、沟渠、道路或市场", "Village, ditch, road or market"),
            PosterMsg::Step3 => ("拍照", "Photo"),
            PosterMsg::Step3Hint => ("拍清楚脏乱差的地方", "Show the problem clearly"),
            PosterMsg::Step4 => ("提交", "Send"),
            PosterMsg::Step4Hint => ("不用登录，几分钟填好", "No sign-in; a few minutes"),
            PosterMsg::Dates => ("推荐时间", "Nominations open"),
            PosterMsg::Office => ("潮州市创卫办", "Chaozhou Sanitary City Office"),
        };
        lang.pick(zh, en)
    }
}

/// The steps as the poster numbers them: name and one line of help.
pub const STEPS: [(PosterMsg, PosterMsg); 4] = [
    (PosterMsg::Step1, PosterMsg::Step1Hint),
    (PosterMsg::Step2, PosterMsg::Step2Hint),
    (PosterMsg::Step3, PosterMsg::Step3Hint),
    (PosterMsg::Step4, PosterMsg::Step4Hint),
];
