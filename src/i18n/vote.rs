//! Words of the voting app (`/vote/`): Chinese first, English second. Kept apart from
//! `Msg` so the other apps' wasm does not carry them (the home page's link to voting
//! has its own two-word enum, [`VoteLinkMsg`]).

use super::Text;
use chrono::{DateTime, Utc};
use pingxuan_domain::time::format_datetime;
use pingxuan_domain::Lang;

/// A piece of text in the voting app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteMsg {
    // The categories (/vote/)
    DocumentTitle,
    Title,
    Intro,
    OpenNow,
    SeeCandidates,
    Voted,
    OneBallotEach,
    StartsIn,
    EndsIn,
    NotStartedTitle,
    EndedTitle,
    EndedHint,
    AllCategories,
    // A category (/vote/{category})
    Candidates,
    NoCandidatesTitle,
    NoCandidatesHint,
    NoPhoto,
    Vote,
    ChooseFirst,
    Chosen,
    // Verification
    VerifyTitle,
    VerifyIntro,
    Phone,
    PhonePlaceholder,
    GetCode,
    SendingCode,
    Code,
    CodePlaceholder,
    VerifyButton,
    Verifying,
    PhoneInvalid,
    CodeInvalid,
    Close,
    VerifyWhoTitle,
    VerifyWhoIntro,
    Wechat,
    OrPhone,
    WechatNotDone,
    // Confirmation
    ConfirmTitle,
    ConfirmHint,
    ConfirmVote,
    Casting,
    Back,
    // The receipt
    VotedTitle,
    AlreadyVotedTitle,
    AlreadyVotedHint,
    Receipt,
    Copy,
    Copied,
    YouChose,
    CastAt,
    KeepReceipt,
    OtherCategories,
    // The card a link shared in WeChat shows
    ShareHomeTitle,
    ShareHomeDesc,
    ShareDesc,
}

impl Text for VoteMsg {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            VoteMsg::DocumentTitle => (
                "网上投票 · 潮州创卫·最差评选",
                "Online voting · Chaozhou Clean City · Worst Picks",
            ),
            VoteMsg::Title => ("网上投票", "Online voting"),
            VoteMsg::Intro => (
                "选出您认为最差的乡村、沟渠、道路和农贸市场。每人每类只能投一次。",
                "Pick the worst village, ditch, road and market. One ballot per person in each category.",
            ),
            VoteMsg::OpenNow => ("投票进行中", "Voting is open"),
            VoteMsg::SeeCandidates => ("查看候选并投票", "See the candidates and vote"),
            VoteMsg::Voted => ("已投票", "Voted"),
            VoteMsg::OneBallotEach => (
                "投票前需要用手机号验证，号码只用于验证，不会公开。",
                "You verify your mobile number before voting; it is never made public.",
            ),
            VoteMsg::StartsIn => ("距离投票开始还有", "Voting starts in"),
            VoteMsg::EndsIn => ("距离投票结束还有", "Voting ends in"),
            VoteMsg::NotStartedTitle => ("网上投票还没开始", "Voting has not started"),
            VoteMsg::EndedTitle => ("本期网上投票已结束", "Voting has ended"),
            VoteMsg::EndedHint => (
                "感谢您的参与！结果经审核后公布。",
                "Thank you for taking part. The results are published after the review.",
            ),
            VoteMsg::AllCategories => ("全部类别", "All categories"),

            VoteMsg::Candidates => ("候选名单", "Candidates"),
            VoteMsg::NoCandidatesTitle => ("这一类还没有候选名单", "No candidates here yet"),
            VoteMsg::NoCandidatesHint => (
                "候选名单确定后会在这里公布。",
                "The candidates will be listed here once they are chosen.",
            ),
            VoteMsg::NoPhoto => ("暂无照片", "No photo"),
            VoteMsg::Vote => ("投票", "Vote"),
            VoteMsg::ChooseFirst => ("请先点选候选对象", "Tap a candidate first"),
            VoteMsg::Chosen => ("已选", "Chosen"),

            VoteMsg::VerifyTitle => ("验证手机号", "Verify your mobile number"),
            VoteMsg::VerifyIntro => (
                "每人每类只能投一票。号码只用于验证身份，不会公开。",
                "One ballot per person in each category. Your number only verifies you; it is never made public.",
            ),
            VoteMsg::Phone => ("手机号码", "Mobile number"),
            VoteMsg::PhonePlaceholder => ("11位手机号", "11 digits"),
            VoteMsg::GetCode => ("获取验证码", "Get a code"),
            VoteMsg::SendingCode => ("正在发送…", "Sending…"),
            VoteMsg::Code => ("短信验证码", "Code from the text message"),
            VoteMsg::CodePlaceholder => ("6位数字", "6 digits"),
            VoteMsg::VerifyButton => ("验证", "Verify"),
            VoteMsg::Verifying => ("正在验证…", "Verifying…"),
            VoteMsg::PhoneInvalid => (
                "请填写11位中国大陆手机号码。",
                "Enter an 11-digit mainland China mobile number.",
            ),
            VoteMsg::CodeInvalid => ("验证码是6位数字。", "The code is 6 digits."),
            VoteMsg::Close => ("关闭", "Close"),
            VoteMsg::VerifyWhoTitle => ("验证身份", "Verify it's you"),
            VoteMsg::VerifyWhoIntro => (
                "每人每类只能投一票。微信授权不会获取您的昵称和头像；手机号只用于验证，不会公开。",
                "One ballot per person in each category. WeChat does not share your name or picture; a mobile number only verifies you and is never made public.",
            ),
            VoteMsg::Wechat => ("微信授权，一键验证", "Verify with WeChat"),
            VoteMsg::OrPhone => ("或用手机号验证", "or with your mobile number"),
            VoteMsg::WechatNotDone => (
                "微信授权没有完成，请再点一次，或用手机号验证。",
                "WeChat did not verify you. Tap it again, or use your mobile number.",
            ),

            VoteMsg::ConfirmTitle => ("确认投给：", "Confirm your vote for:"),
            VoteMsg::ConfirmHint => (
                "投票后不能更改。",
                "A ballot cannot be changed once cast.",
            ),
            VoteMsg::ConfirmVote => ("确认投票", "Cast my vote"),
            VoteMsg::Casting => ("正在投票…", "Casting…"),
            VoteMsg::Back => ("返回", "Back"),

            VoteMsg::VotedTitle => ("投票成功", "Your vote is in"),
            VoteMsg::AlreadyVotedTitle => ("已投票", "You have voted"),
            VoteMsg::AlreadyVotedHint => (
                "您在这一类已经投过票了，每人每类只能投一次。",
                "You have already voted in this category: one ballot per person.",
            ),
            VoteMsg::Receipt => ("投票凭证", "Ballot receipt"),
            VoteMsg::Copy => ("复制凭证", "Copy the receipt"),
            VoteMsg::Copied => ("已复制", "Copied"),
            VoteMsg::YouChose => ("您投给了", "You voted for"),
            VoteMsg::CastAt => ("投票时间", "Cast at"),
            VoteMsg::KeepReceipt => (
                "请保存您的投票凭证，投票结束后可在公示名单中核对",
                "Keep your receipt: once voting closes, you can find your ballot in the published list",
            ),
            VoteMsg::OtherCategories => ("投其他类别", "Vote in other categories"),
            VoteMsg::ShareHomeTitle => (
                "网上投票 · 潮州创卫“最差四个十”评选",
                "Online voting · Chaozhou's worst four tens",
            ),
            VoteMsg::ShareHomeDesc => (
                "选出您认为最差的乡村、沟渠、道路和农贸市场。每人每类一票。",
                "Pick the worst village, ditch, road and market. One ballot per person in each category.",
            ),
            VoteMsg::ShareDesc => (
                "潮州创卫“最差四个十”评选：看看候选名单，选出您认为最差的。每人一票。",
                "Chaozhou's clean-city campaign: see the candidates and pick the worst. One ballot per person.",
            ),
        };
        lang.pick(zh, en)
    }
}

/// The home page's link to the voting app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteLinkMsg {
    GoVote,
    GoVoteHint,
}

impl Text for VoteLinkMsg {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            VoteLinkMsg::GoVote => ("参与网上投票", "Vote online"),
            VoteLinkMsg::GoVoteHint => (
                "从候选名单中选出您认为最差的乡村、沟渠、道路和农贸市场。",
                "Pick the worst villages, ditches, roads and markets from the candidates.",
            ),
        };
        lang.pick(zh, en)
    }
}

/// "请点选您认为最差的1个" — the ballot's instruction.
pub fn choose_hint(lang: Lang, max: u32) -> String {
    match (lang, max) {
        (Lang::Zh, _) => format!("请点选您认为最差的{max}个"),
        (Lang::En, 1) => "Tap the one you think is worst".to_owned(),
        (Lang::En, _) => format!("Tap up to {max} you think are worst"),
    }
}

/// "最多选3个。" — when a full ballot is tapped again.
pub fn at_most(lang: Lang, max: u32) -> String {
    match lang {
        Lang::Zh => format!("每人最多选{max}个，请先取消一个。"),
        Lang::En => format!("At most {max}; unselect one first."),
    }
}

/// "已选 1/3" in the bottom bar.
pub fn chosen_count(lang: Lang, n: usize, max: u32) -> String {
    match lang {
        Lang::Zh => format!("已选 {n}/{max}"),
        Lang::En => format!("{n} of {max} chosen"),
    }
}

/// "重新获取（59秒）"; past a minute (a number locked after wrong codes) in minutes,
/// rounded up: "重新获取（15分钟）".
pub fn resend_in(lang: Lang, seconds: i64) -> String {
    let minutes = (seconds + 59) / 60;
    match (lang, seconds > 60) {
        (Lang::Zh, false) => format!("重新获取（{seconds}秒）"),
        (Lang::Zh, true) => format!("重新获取（{minutes}分钟）"),
        (Lang::En, false) => format!("Resend in {seconds}s"),
        (Lang::En, true) => format!("Resend in {minutes} min"),
    }
}

/// "网上投票：十个最差农贸市场" — the title of a category's link shared in WeChat.
pub fn share_title(lang: Lang, list_title: &str) -> String {
    match lang {
        Lang::Zh => format!("网上投票：{list_title}"),
        Lang::En => format!("Vote: {list_title}"),
    }
}

/// "验证码已发送至138****5678，5分钟内有效。"
pub fn code_sent(lang: Lang, masked: &str, minutes: u32) -> String {
    match lang {
        Lang::Zh => format!("验证码已发送至{masked}，{minutes}分钟内有效。"),
        Lang::En => format!("A code was sent to {masked}; it is valid for {minutes} minutes."),
    }
}

/// "网上投票将于2026年12月20日 00:00开始（北京时间）。"
pub fn voting_opens(lang: Lang, at: DateTime<Utc>) -> String {
    let when = format_datetime(at, lang);
    match lang {
        Lang::Zh => format!("网上投票将于{when}开始（北京时间），到时欢迎您来投票。"),
        Lang::En => format!("Voting opens on {when} (Beijing time)."),
    }
}

/// "共20个候选对象，选好后点下方的“投票”。"
pub fn candidates_summary(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("共{n}个候选对象，选好后点下方的“投票”。"),
        Lang::En => format!("{n} candidates. Then tap Vote below."),
    }
}

/// "128 票" — a candidate's votes once counts may be shown.
pub fn votes(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Zh, _) => format!("{n} 票"),
        (Lang::En, 1) => "1 vote".to_owned(),
        (Lang::En, _) => format!("{n} votes"),
    }
}

/// "第3号" — a candidate's place on the list.
pub fn candidate_number(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n}号"),
        Lang::En => format!("No. {n}"),
    }
}
