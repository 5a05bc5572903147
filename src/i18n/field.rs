//! Words of the field app (`/field/`, 现场评分): Chinese first, English second. Kept apart
//! from `Msg` so the other apps' wasm does not carry them.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text in the field app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldMsg {
    DocumentTitle,
    // The shell
    Online,
    Offline,
    WaitingBadge,
    // Sign-in
    SignInTitle,
    SignInLead,
    FirstTimeOnline,
    NeedNetworkTitle,
    NeedNetworkHint,
    NotInspectorTitle,
    NotInspectorHint,
    SignOut,
    // Assignments
    MyAssignments,
    NoTeamTitle,
    NoTeamHint,
    NoCandidatesTitle,
    NoCandidatesHint,
    LeaderOfGroup,
    Refresh,
    Refreshing,
    UpdatedAt,
    UsingSaved,
    NotAccepting,
    NoCover,
    // Statuses
    NotStarted,
    Draft,
    Queued,
    Synced,
    Conflict,
    Refused,
    // Sync
    SyncTitle,
    SyncNow,
    Syncing,
    AllSynced,
    NothingToSync,
    SyncOffline,
    SyncSignIn,
    SyncRetryLater,
    SeeOutbox,
    // The sheet
    BackToList,
    AboutPlace,
    SheetVersion,
    Subtotal,
    Total,
    Marked,
    NotMarked,
    FullMarks,
    ZeroPoints,
    Less,
    More,
    Findings,
    PerFinding,
    PointsOff,
    NoFindings,
    ItemNote,
    AddNote,
    TakePhoto,
    PhotoFull,
    PhotoFailed,
    RemovePhoto,
    OverallNote,
    OverallNotePlaceholder,
    SaveDraft,
    DraftSaved,
    DraftAutosaved,
    Finalise,
    FinaliseTitle,
    FinaliseHint,
    ConfirmFinalise,
    KeepEditing,
    Finalising,
    FinaliseFailed,
    UnmarkedLeft,
    NoSheetTitle,
    NoSheetHint,
    UnknownCandidateTitle,
    // A finalised sheet
    FinalisedAt,
    ReceivedAt,
    ServerTotal,
    Correct,
    CorrectionOf,
    Export,
    SendAgain,
    ConflictHint,
    RefusedHint,
    QueuedHint,
    // The outbox
    OutboxTitle,
    OutboxEmptyTitle,
    OutboxEmptyHint,
    Attempts,
    PhotosCount,
    PhotosSkipped,
    StorageFailed,
}

impl Text for FieldMsg {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            FieldMsg::DocumentTitle => ("现场评分 · 潮州创卫·最差评选", "Field scoring · Chaozhou Clean City"),
            FieldMsg::Online => ("在线", "Online"),
            FieldMsg::Offline => ("离线", "Offline"),
            FieldMsg::WaitingBadge => ("待同步", "To sync"),
            FieldMsg::SignInTitle => ("现场评分 · 登录", "Field scoring · sign in"),
            FieldMsg::SignInLead => (
                "评分员用创卫办发的账号登录一次。登录后，评分对象和评分表会存到手机上，没有信号也能评分。",
                "Sign in once with the account the office gave you. Your candidates and score sheets are then kept on this phone, so you can score without signal.",
            ),
            FieldMsg::FirstTimeOnline => (
                "第一次使用需要联网。",
                "The first time, you need a network connection.",
            ),
            FieldMsg::NeedNetworkTitle => ("需要联网登录", "Sign in needs a network"),
            FieldMsg::NeedNetworkHint => (
                "这部手机上还没有评分资料。请到有信号的地方打开本页登录，资料下载后即可离线使用。",
                "There is nothing on this phone yet. Open this page where there is signal and sign in; after the download it works offline.",
            ),
            FieldMsg::NotInspectorTitle => ("这个账号不是评分员", "This account is not an inspector"),
            FieldMsg::NotInspectorHint => (
                "现场评分只供评分员账号使用。请退出后用评分员账号登录。",
                "Field scoring is for inspector accounts. Sign out and sign in as an inspector.",
            ),
            FieldMsg::SignOut => ("退出登录", "Sign out"),
            FieldMsg::MyAssignments => ("我的评分对象", "My candidates"),
            FieldMsg::NoTeamTitle => ("您还没有分到评分小组", "You are not in a scoring sub-group"),
            FieldMsg::NoTeamHint => (
                "创卫办把您编入小组并分配评分对象后，这里会列出要评的地方。",
                "Once the office puts you in a sub-group and assigns candidates, they are listed here.",
            ),
            FieldMsg::NoCandidatesTitle => ("暂时没有评分对象", "No candidates yet"),
            FieldMsg::NoCandidatesHint => (
                "创卫办还没有给您的小组分配评分对象。稍后联网点“更新资料”。",
                "The office has not assigned candidates to your sub-group yet. Tap Update later.",
            ),
            FieldMsg::LeaderOfGroup => ("带队：", "Led by "),
            FieldMsg::Refresh => ("更新资料", "Update"),
            FieldMsg::Refreshing => ("正在更新…", "Updating…"),
            FieldMsg::UpdatedAt => ("资料下载于", "Downloaded"),
            FieldMsg::UsingSaved => (
                "现在没有网络，使用手机上保存的资料。",
                "No network now: using what is saved on this phone.",
            ),
            FieldMsg::NotAccepting => (
                "本期现在不在现场评分阶段，评分可以先填好，等开始后再同步。",
                "The round is not in field scoring now; you can fill sheets in and sync once it starts.",
            ),
            FieldMsg::NoCover => ("暂无照片", "No photo"),
            FieldMsg::NotStarted => ("未评", "Not started"),
            FieldMsg::Draft => ("草稿", "Draft"),
            FieldMsg::Queued => ("已完成待同步", "Done, to sync"),
            FieldMsg::Synced => ("已同步", "Synced"),
            FieldMsg::Conflict => ("有冲突", "Conflict"),
            FieldMsg::Refused => ("被退回", "Refused"),
            FieldMsg::SyncTitle => ("同步", "Sync"),
            FieldMsg::SyncNow => ("立即同步", "Sync now"),
            FieldMsg::Syncing => ("正在同步…", "Syncing…"),
            FieldMsg::AllSynced => ("全部评分表都已同步。", "Every sheet is synced."),
            FieldMsg::NothingToSync => ("还没有完成的评分表。", "No finished sheets yet."),
            FieldMsg::SyncOffline => (
                "现在没有网络。评分表都保存在手机上，联网后会自动同步。",
                "No network now. The sheets are kept on this phone and sync by themselves once online.",
            ),
            FieldMsg::SyncSignIn => (
                "登录已过期，请重新登录后同步。评分表仍保存在手机上。",
                "Your sign-in has expired: sign in again to sync. The sheets are still on this phone.",
            ),
            FieldMsg::SyncRetryLater => ("同步没有完成，稍后会自动重试：", "Sync did not finish; it retries by itself soon: "),
            FieldMsg::SeeOutbox => ("查看同步记录", "See the outbox"),
            FieldMsg::BackToList => ("我的评分对象", "My candidates"),
            FieldMsg::AboutPlace => ("地点情况", "About the place"),
            FieldMsg::SheetVersion => ("版", "version"),
            FieldMsg::Subtotal => ("小计", "Subtotal"),
            FieldMsg::Total => ("总分", "Total"),
            FieldMsg::Marked => ("已评", "Marked"),
            FieldMsg::NotMarked => ("未评分", "Not marked"),
            FieldMsg::FullMarks => ("满分", "Full"),
            FieldMsg::ZeroPoints => ("0分", "0"),
            FieldMsg::Less => ("减一", "One less"),
            FieldMsg::More => ("加一", "One more"),
            FieldMsg::Findings => ("发现问题", "Problems found"),
            FieldMsg::PerFinding => ("每处扣", "Each costs"),
            FieldMsg::PointsOff => ("扣", "Off"),
            FieldMsg::NoFindings => ("未发现问题", "No problems found"),
            FieldMsg::ItemNote => ("说明", "Note"),
            FieldMsg::AddNote => ("写说明", "Add a note"),
            FieldMsg::TakePhoto => ("拍照取证", "Take a photo"),
            FieldMsg::PhotoFull => ("这一项的照片已满。", "This item has all the photos it can take."),
            FieldMsg::PhotoFailed => (
                "这张照片没能保存，请重拍。",
                "That photo could not be saved; please take it again.",
            ),
            FieldMsg::RemovePhoto => ("删除照片", "Remove photo"),
            FieldMsg::OverallNote => ("总体意见", "Overall note"),
            FieldMsg::OverallNotePlaceholder => (
                "例如：整体情况、需要整改的主要问题",
                "e.g. the overall state, the main things to fix",
            ),
            FieldMsg::SaveDraft => ("保存草稿", "Save draft"),
            FieldMsg::DraftSaved => ("草稿已保存在手机上。", "Draft saved on this phone."),
            FieldMsg::DraftAutosaved => ("自动保存在手机上", "Saved on this phone as you go"),
            FieldMsg::Finalise => ("完成评分", "Finish"),
            FieldMsg::FinaliseTitle => ("完成这份评分？", "Finish this sheet?"),
            FieldMsg::FinaliseHint => (
                "完成后这份评分表不能再改，会排队等待同步；如需修改，可以提交更正。",
                "Once finished the sheet cannot change; it waits to sync. To change it later, send a correction.",
            ),
            FieldMsg::ConfirmFinalise => ("确认完成", "Yes, finish"),
            FieldMsg::KeepEditing => ("再看看", "Keep editing"),
            FieldMsg::Finalising => ("正在保存…", "Saving…"),
            FieldMsg::FinaliseFailed => (
                "没能保存到手机上，请再试一次。",
                "Could not save on this phone; please try again.",
            ),
            FieldMsg::UnmarkedLeft => ("还有未评分的项目：", "Items not marked yet: "),
            FieldMsg::NoSheetTitle => ("这一类还没有评分表", "No score sheet for this category"),
            FieldMsg::NoSheetHint => (
                "创卫办还没有为本期确定这一类的评分表。联网后点“更新资料”。",
                "The office has not set this category's sheet for the round yet. Tap Update when online.",
            ),
            FieldMsg::UnknownCandidateTitle => ("没有这个评分对象", "No such candidate"),
            FieldMsg::FinalisedAt => ("完成于", "Finished"),
            FieldMsg::ReceivedAt => ("服务器收到于", "Received"),
            FieldMsg::ServerTotal => ("服务器计得总分", "Total on the server"),
            FieldMsg::Correct => ("提交更正", "Send a correction"),
            FieldMsg::CorrectionOf => ("这是一份更正", "This is a correction"),
            FieldMsg::Export => ("导出文件", "Export"),
            FieldMsg::SendAgain => ("重新发送", "Send again"),
            FieldMsg::ConflictHint => (
                "服务器上已有同一编号的另一份评分表。这份已交创卫办核对，不会覆盖，也不会再自动发送。",
                "The server holds a different sheet under this id. This one was kept for the office to check; it overwrites nothing and is not sent again by itself.",
            ),
            FieldMsg::RefusedHint => (
                "服务器没有接收这份评分表。问题解决后可以点“重新发送”。",
                "The server did not take this sheet. Once the problem is fixed, tap Send again.",
            ),
            FieldMsg::QueuedHint => (
                "已保存在手机上，联网后自动同步。",
                "Kept on this phone; it syncs by itself once online.",
            ),
            FieldMsg::OutboxTitle => ("同步记录", "Outbox"),
            FieldMsg::OutboxEmptyTitle => ("还没有完成的评分表", "No finished sheets yet"),
            FieldMsg::OutboxEmptyHint => (
                "完成的评分表会在这里排队，直到服务器确认收到。",
                "Finished sheets wait here until the server confirms them.",
            ),
            FieldMsg::Attempts => ("已尝试", "Tries"),
            FieldMsg::PhotosCount => ("张照片", "photos"),
            FieldMsg::PhotosSkipped => ("张照片没能上传", "photos could not be sent"),
            FieldMsg::StorageFailed => (
                "手机存储出错，资料没能保存。请检查存储空间，或换用系统浏览器打开。",
                "The phone's storage failed. Check free space, or open this page in the system browser.",
            ),
        };
        lang.pick(zh, en)
    }
}

/// 第 n / m 份 — the sheet the outbox is sending.
pub fn sheet_of(lang: Lang, n: usize, m: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {n} / {m} 份"),
        Lang::En => format!("Sheet {n} of {m}"),
    }
}

/// 照片 k / p：n% — the evidence photo uploading.
pub fn photo_progress(lang: Lang, k: usize, p: usize, percent: u8) -> String {
    match lang {
        Lang::Zh => format!("照片 {k} / {p}：{percent}%"),
        Lang::En => format!("Photo {k} of {p}: {percent}%"),
    }
}

/// 已同步 n 份 — the end of a run.
pub fn synced_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("已同步 {n} 份。"),
        Lang::En => format!("{n} synced."),
    }
}

/// 每处扣 2 分，最多扣 8 分.
pub fn deduction_rule(lang: Lang, per: u32, max: u32) -> String {
    match lang {
        Lang::Zh => format!("每处扣 {per} 分，最多扣 {max} 分"),
        Lang::En => format!("{per} off per problem, at most {max}"),
    }
}

/// 扣 4 分 — what the findings cost.
pub fn points_off(lang: Lang, off: u32) -> String {
    match lang {
        Lang::Zh => format!("扣 {off} 分"),
        Lang::En => format!("{off} off"),
    }
}

/// 3 处 — findings counted.
pub fn findings_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("{n} 处"),
        Lang::En => format!("{n} found"),
    }
}

/// 得 5 / 8 分 — an item's points.
pub fn item_points(lang: Lang, points: u32, max: u32) -> String {
    match lang {
        Lang::Zh => format!("得 {points} / {max} 分"),
        Lang::En => format!("{points} of {max}"),
    }
}

/// 已评 12 / 19 项.
pub fn marked_count(lang: Lang, marked: usize, all: usize) -> String {
    match lang {
        Lang::Zh => format!("已评 {marked} / {all} 项"),
        Lang::En => format!("{marked} of {all} marked"),
    }
}

/// 第 2 版 — a sheet version.
pub fn version(lang: Lang, v: u32) -> String {
    match lang {
        Lang::Zh => format!("第 {v} 版"),
        Lang::En => format!("version {v}"),
    }
}

/// 照片 2 (1.3) — an evidence photo's alt text.
pub fn evidence_alt(lang: Lang, item: &str, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{item} 项的第 {n} 张照片"),
        Lang::En => format!("Photo {n} of item {item}"),
    }
}
