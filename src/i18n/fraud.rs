//! Words of the office app (`/office/`) and its panel against ballot-stuffing
//! (`/office/fraud`): Chinese first, English second. Kept apart from `Msg` so the other
//! apps' wasm does not carry them.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text in the office app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FraudMsg {
    // The office app's shell and its index (/office/)
    NavOffice,
    NavFraud,
    OfficeTitle,
    OfficeIntro,
    // The panel (/office/fraud)
    Title,
    Intro,
    LiveHidden,
    LiveShown,
    VoidedTitle,
    Refresh,
    NoBallotsTitle,
    NoBallotsHint,
    BurstsTitle,
    BurstsHint,
    NoBursts,
    DevicesTitle,
    DevicesHint,
    NoDevices,
    NetworksTitle,
    NetworksHint,
    NoNetworks,
    HourlyTitle,
    HourlyHint,
    NoCategoryBallots,
    // The ballots from one source
    BackToPanel,
    NoSourceBallots,
    Choices,
    NoChoices,
    VoidedLabel,
    Void,
    // The void sheet
    VoidTitle,
    VoidLead,
    VoidReason,
    VoidReasonLength,
    ConfirmVoid,
    Voiding,
    Close,
}

impl Text for FraudMsg {
    fn text(self, lang: Lang) -> &'static str {
        use FraudMsg::*;
        let (zh, en) = match self {
            NavOffice => ("监督台", "Oversight"),
            NavFraud => ("防刷票", "Fraud watch"),
            OfficeTitle => ("市创卫办监督台", "Campaign office oversight"),
            OfficeIntro => (
                "创卫办在这里管好整个评选：查刷票、审批评分表、安排工作组、核对评分、审核并公布结果、跟踪整改和问责。",
                "Run the whole round here: catch ballot-stuffing, approve score sheets, set up work groups, check scores, review and publish results, follow up rectification and accountability.",
            ),

            Title => ("防刷票监控", "Ballot-stuffing watch"),
            Intro => (
                "只有市创卫办管理员能看到这个页面。发现可疑选票可以作废，作废理由记入操作日志，作废数量随结果公布。",
                "Only campaign office admins see this page. Suspicious ballots can be voided; the reason goes to the audit log and the number voided is published with the results.",
            ),
            LiveHidden => (
                "投票期间，公众页面不显示票数；这里的票数仅供工作人员查看。",
                "While voting is open the public pages show no counts; the counts here are for staff only.",
            ),
            LiveShown => (
                "注意：本期设置为投票期间公开显示票数。",
                "Note: this round shows the counts to the public while voting is open.",
            ),
            VoidedTitle => ("已作废的选票", "Voided ballots"),
            Refresh => ("刷新", "Refresh"),
            NoBallotsTitle => ("还没有人投票", "No ballots yet"),
            NoBallotsHint => (
                "投票开始后，这里会按小时显示每个候选对象的票数，并列出集中投票、多人共用的设备和网络。",
                "Once voting starts, this page shows each candidate's ballots per hour, and lists bursts, shared devices and busy networks.",
            ),
            BurstsTitle => ("集中投票", "Bursts"),
            BurstsHint => (
                "同一个候选对象在一分钟内收到大量选票。",
                "One candidate receiving many ballots within one minute.",
            ),
            NoBursts => ("没有发现集中投票。", "No bursts found."),
            DevicesTitle => ("多人共用的设备", "Devices shared by voters"),
            DevicesHint => (
                "同一部手机上有3位或以上投票人验证并投票。点一下查看这些选票。",
                "Three or more voters verified and voted on one phone. Tap to see the ballots.",
            ),
            NoDevices => ("没有多人共用的设备。", "No shared devices."),
            NetworksTitle => ("投票人最多的网络", "Busiest networks"),
            NetworksHint => (
                "同一网段（如同一小区宽带、单位网络）的投票人数，前20名。家庭和单位共用网络很常见，请结合选票判断。点一下查看。",
                "Voters per network (a neighbourhood's broadband, an office), top 20. Shared networks are common; judge by the ballots. Tap to see them.",
            ),
            NoNetworks => ("暂无网络记录。", "No networks recorded."),
            HourlyTitle => ("每小时票数", "Ballots per hour"),
            HourlyHint => (
                "每行一个候选对象，每根柱子是一小时（北京时间），红色表示那一小时里有集中投票。同一类里柱子的高度可以互相比较。",
                "One row per candidate, one bar per hour (Beijing time); red marks an hour with a burst. Bars are comparable within a category.",
            ),
            NoCategoryBallots => ("这一类还没有选票。", "No ballots in this category yet."),

            BackToPanel => ("返回监控总览", "Back to the panel"),
            NoSourceBallots => ("没有来自这里的选票。", "No ballots from here."),
            Choices => ("投给：", "For: "),
            NoChoices => ("（没有选择）", "(no choice)"),
            VoidedLabel => ("已作废：", "Voided: "),
            Void => ("作废", "Void"),

            VoidTitle => ("作废这张选票", "Void this ballot"),
            VoidLead => (
                "作废后这张选票不再计票，不能撤销。理由记入操作日志，作废数量随结果公布。",
                "A voided ballot no longer counts, and this cannot be undone. The reason goes to the audit log; the number voided is published with the results.",
            ),
            VoidReason => ("作废理由", "Why it is voided"),
            VoidReasonLength => (
                "请写明作废的理由（2到200个字）。",
                "Please give the reason (2 to 200 characters).",
            ),
            ConfirmVoid => ("确认作废", "Void it"),
            Voiding => ("正在作废…", "Voiding…"),
            Close => ("关闭", "Close"),
        };
        lang.pick(zh, en)
    }
}

/// "已作废 3 张" — the voided count, said as a number of ballots.
pub fn ballots(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("{n} 张"),
        Lang::En => format!("{n} ballot(s)"),
    }
}

/// "共 120 票" — a category's or a candidate's votes.
pub fn votes_total(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("共 {n} 票"),
        Lang::En => format!("{n} vote(s)"),
    }
}

/// "12-04 14:00 — 37 票" — one bar of the hourly chart.
pub fn hour_votes(lang: Lang, hour: &str, n: u32) -> String {
    match lang {
        Lang::Zh => format!("{hour}：{n} 票"),
        Lang::En => format!("{hour}: {n} vote(s)"),
    }
}

/// "最多一小时 37 票（12-04 14:00）" — a candidate's busiest hour, read by screen readers.
pub fn peak(lang: Lang, name: &str, total: u32, n: u32, hour: &str) -> String {
    match lang {
        Lang::Zh => format!("{name}：共 {total} 票，最多的一小时 {n} 票（{hour}）"),
        Lang::En => format!("{name}: {total} vote(s), at most {n} in one hour ({hour})"),
    }
}

/// "12月4日 14:00–14:01 收到 37 票" — a burst, said plainly.
pub fn burst(lang: Lang, day: &str, from: &str, to: &str, n: u32) -> String {
    match lang {
        Lang::Zh => format!("{day} {from}–{to} 收到 {n} 票"),
        Lang::En => format!("{n} vote(s) on {day}, {from}–{to}"),
    }
}

/// "35 位投票人 · 35 张选票"
pub fn source_counts(lang: Lang, voters: u32, ballots: u32) -> String {
    match lang {
        Lang::Zh => format!("{voters} 位投票人 · {ballots} 张选票"),
        Lang::En => format!("{voters} voter(s) · {ballots} ballot(s)"),
    }
}

/// "设备 1a2b3c4d5e6f" or "网络 112.96.33.0/24": where ballots came from.
pub fn source_name(lang: Lang, device: bool, source: &str) -> String {
    match (lang, device) {
        (Lang::Zh, true) => format!("设备 {source}"),
        (Lang::Zh, false) => format!("网络 {source}"),
        (Lang::En, true) => format!("Device {source}"),
        (Lang::En, false) => format!("Network {source}"),
    }
}

/// "36 张选票，其中 1 张已作废"
pub fn source_summary(lang: Lang, ballots: usize, voided: usize) -> String {
    match lang {
        Lang::Zh if voided > 0 => format!("{ballots} 张选票，其中 {voided} 张已作废"),
        Lang::Zh => format!("{ballots} 张选票"),
        Lang::En if voided > 0 => format!("{ballots} ballot(s), {voided} voided"),
        Lang::En => format!("{ballots} ballot(s)"),
    }
}

/// "投票人 #12" — a voter is only ever a number here.
pub fn voter(lang: Lang, id: i64) -> String {
    match lang {
        Lang::Zh => format!("投票人 #{id}"),
        Lang::En => format!("Voter #{id}"),
    }
}

/// "候选对象 #7" — a candidate whose name is not known (e.g. no longer listed).
pub fn candidate_fallback(lang: Lang, id: i64) -> String {
    match lang {
        Lang::Zh => format!("候选对象 #{id}"),
        Lang::En => format!("Candidate #{id}"),
    }
}

/// "已作废投票人 #12 的选票。" — the confirmation after voiding.
pub fn voided_notice(lang: Lang, voter: i64) -> String {
    match lang {
        Lang::Zh => format!("已作废投票人 #{voter} 的选票，票数已更新。"),
        Lang::En => format!("Voter #{voter}'s ballot is void; the counts are updated."),
    }
}
