//! Words of the rectification pages (`/rectify/`) and the office's overdue panel:
//! Chinese first, English second. Status and action names are the domain's.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text on the rectification pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RectifyMsg {
    Title,
    Intro,
    SignInFirst,
    SignInHint,
    SignIn,
    NoTasksTitle,
    NoTasksHint,
    Overdue,
    Submitted,
    ToDo,
    Verified,
    RemindersOpen,
    BackToList,
    Before,
    After,
    Rank,
    Total,
    DueDate,
    WithdrawnBecause,
    NoSubmission,
    SubmitTitle,
    AddPhotos,
    PhotoUploading,
    PhotoDone,
    PhotoFailed,
    Remove,
    Description,
    DescriptionHint,
    Submit,
    Submitting,
    VerifyTitle,
    Verify,
    Return,
    ReturnReason,
    ReturnReasonHint,
    ReminderTitle,
    ReminderHint,
    Acknowledge,
    History,
    Working,
    CoverAlt,
    AfterPhotoAlt,
    NeedPhotos,
    Back,
    Confirm,
}

impl Text for RectifyMsg {
    fn text(self, lang: Lang) -> &'static str {
        use RectifyMsg::*;
        let (zh, en) = match self {
            Title => ("整改任务", "Rectification tasks"),
            Intro => (
                "列入“最差”名单的地点须在公布后一个月内完成整改，上传整改后的照片和说明，由评分员或创卫办核验。",
                "Places on a worst list must be put right within a month of publication: upload after-photos and a description; an inspector or the office verifies them.",
            ),
            SignInFirst => ("请先登录", "Please sign in first"),
            SignInHint => (
                "镇（街道）、牵头部门、评分员和创卫办的工作人员登录后查看整改任务。",
                "Towns, lead departments, inspectors and the office see their tasks after signing in.",
            ),
            SignIn => ("去登录", "Sign in"),
            NoTasksTitle => ("暂时没有整改任务", "No rectification tasks"),
            NoTasksHint => (
                "评选结果公布后，名单上的地点会在这里生成整改任务。",
                "Tasks appear here once results are published.",
            ),
            Overdue => ("逾期", "Overdue"),
            Submitted => ("待核验", "To verify"),
            ToDo => ("待整改", "To do"),
            Verified => ("已通过", "Verified"),
            RemindersOpen => ("待确认提醒", "Reminders"),
            BackToList => ("返回任务列表", "Back to the list"),
            Before => ("整改前", "Before"),
            After => ("整改后", "After"),
            Rank => ("排名", "Rank"),
            Total => ("总分", "Total"),
            DueDate => ("整改期限", "Due"),
            WithdrawnBecause => ("任务已撤销：", "Withdrawn: "),
            NoSubmission => ("还没有提交整改材料。", "Nothing submitted yet."),
            SubmitTitle => ("提交整改结果", "Submit the rectification"),
            AddPhotos => ("拍照或选择照片", "Take or choose photos"),
            PhotoUploading => ("上传中", "Uploading "),
            PhotoDone => ("已上传", "Uploaded"),
            PhotoFailed => ("上传失败，请删除后重试", "Failed: remove and try again"),
            Remove => ("删除", "Remove"),
            Description => ("整改说明", "What was done"),
            DescriptionHint => (
                "例如：已清运垃圾，地面冲洗干净，增设垃圾桶两个，安排专人每日保洁。",
                "e.g. rubbish removed, the ground washed, two bins added, daily cleaning arranged.",
            ),
            Submit => ("提交整改", "Submit"),
            Submitting => ("正在提交…", "Submitting…"),
            VerifyTitle => ("核验整改", "Verify"),
            Verify => ("核验通过", "Verify"),
            Return => ("退回重改", "Return"),
            ReturnReason => ("退回理由", "Why it goes back"),
            ReturnReasonHint => (
                "写明还有哪些问题没有整改到位（2到200个字）。",
                "Say what is still not put right (2–200 characters).",
            ),
            ReminderTitle => ("次差提醒", "Warning"),
            ReminderHint => (
                "这个地点列入次差名单，请提前整改，避免下期列入最差。确认收到即可。",
                "This place is on the warned list: put it right early. Just acknowledge.",
            ),
            Acknowledge => ("确认收到", "Acknowledge"),
            History => ("处理记录", "History"),
            Working => ("正在处理…", "Working…"),
            CoverAlt => ("整改前的照片", "Photo before"),
            AfterPhotoAlt => ("整改后的照片", "Photo after"),
            NeedPhotos => ("请至少上传1张整改后的照片。", "Upload at least one photo."),
            Back => ("返回", "Back"),
            Confirm => ("确定退回", "Return it"),
        };
        lang.pick(zh, en)
    }
}

/// The office home's panel of counts and link to the tasks: its own small set, so the
/// office's wasm does not carry the rectification pages' words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RectifyPanelMsg {
    Title,
    Overdue,
    Submitted,
    /// 待整改: open or returned, the town's turn.
    ToDo,
    /// The panel's heading.
    Progress,
    /// No task at all (nothing published yet, or nothing named).
    NoTasks,
}

impl Text for RectifyPanelMsg {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            RectifyPanelMsg::Title => ("整改任务与逾期情况", "Rectification and overdue tasks"),
            RectifyPanelMsg::Overdue => ("逾期", "Overdue"),
            RectifyPanelMsg::Submitted => ("待核验", "To verify"),
            RectifyPanelMsg::ToDo => ("待整改", "To do"),
            RectifyPanelMsg::Progress => ("整改进度", "Rectification progress"),
            RectifyPanelMsg::NoTasks => ("目前没有整改任务", "No rectification tasks yet"),
        };
        lang.pick(zh, en)
    }
}

/// "截止 1月5日 · 还剩3天"
pub fn due_line(lang: Lang, date: &str, words: &str) -> String {
    match lang {
        Lang::Zh => format!("截止{date} · {words}"),
        Lang::En => format!("Due {date} · {words}"),
    }
}

/// The submit form's hint, with the most photos a submission takes.
pub fn submit_hint(lang: Lang, max_photos: usize) -> String {
    match lang {
        Lang::Zh => format!("拍下整改后的现场（1到{max_photos}张），写清楚做了哪些整改。"),
        Lang::En => format!(
            "Photograph the place after the work (1–{max_photos} photos) and say what was done."
        ),
    }
}

/// "第3名"
pub fn rank_text(lang: Lang, rank: u32) -> String {
    match lang {
        Lang::Zh => format!("倒数第{rank}名"),
        Lang::En => format!("#{rank} from the bottom"),
    }
}
