//! Words of the screening page (/staff/screening): Chinese first, English second.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text on the screening page (/staff/screening).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreeningMsg {
    Title,
    HalfPlaces,
    HalfShortlist,
    LockedBefore,
    LockedAfter,
    NoNominationsTitle,
    NoNominationsHint,
    Duplicates,
    DuplicatesHint,
    ReasonName,
    ReasonPhotos,
    ReasonText,
    Undo,
    Undoing,
    Close,
    Working,
    Pick,
    Collapse,
    RejectedLabel,
    StaffOnly,
    ContactPhone,
    Position,
    Split,
    SplitQuestion,
    SplitSubmit,
    Reject,
    RejectReason,
    RejectSubmit,
    RejectReasonLength,
    ShortlistTitle,
    ShortlistEmpty,
    PublicTitle,
    PublicDescription,
    Cover,
    CoverNone,
    UploadPhoto,
    UploadingPhoto,
    DeptReason,
    DeptReasonPlaceholder,
    ReasonRequired,
    DeptAdded,
    MoveUp,
    MoveDown,
    Remove,
    AddTitle,
    AddHint,
    AddOpen,
    AddQuestion,
    AddChosen,
    AddNew,
    AlreadyPicked,
    SaveList,
    ShortlistSaved,
    Unsaved,
    Full,
}

impl Text for ScreeningMsg {
    fn text(self, lang: Lang) -> &'static str {
        use ScreeningMsg::*;
        let (zh, en) = match self {
            Title => ("推荐筛选", "Screening"),
            HalfPlaces => ("推荐地点", "Nominated places"),
            HalfShortlist => ("候选名单", "Shortlist"),
            LockedBefore => (
                "现在还是网上推荐阶段，可以先看看推荐。进入部门筛选阶段后，才能合并、不采纳和确定候选名单。",
                "Nominations are still open: have a look. Merging, rejecting and the shortlist open with the screening phase.",
            ),
            LockedAfter => (
                "部门筛选已经结束，候选名单已锁定，只能查看。",
                "Screening is over: the shortlist is locked and can only be viewed.",
            ),
            NoNominationsTitle => ("这一类还没有推荐", "No nominations in this category yet"),
            NoNominationsHint => (
                "可以在「候选名单」里从地点库添加地点，并写明部门掌握的情况。",
                "You can add places from the register under “Shortlist”, with the department's reason.",
            ),
            Duplicates => ("可能是同一个地点", "Possibly the same place"),
            DuplicatesHint => (
                "名称、位置、照片或描述很像。确认是同一个地点，就点一下合并，合并后可以撤销。",
                "Alike in name, position, photos or words. If they are one place, merge them with one tap; you can undo it.",
            ),
            ReasonName => ("名称相近", "Similar names"),
            ReasonPhotos => ("照片相似", "Similar photos"),
            ReasonText => ("描述相似", "Similar words"),
            Undo => ("撤销", "Undo"),
            Undoing => ("正在撤销…", "Undoing…"),
            Close => ("关闭", "Close"),
            Working => ("正在保存…", "Saving…"),
            Pick => ("入选", "Shortlist"),
            Collapse => ("收起推荐", "Hide nominations"),
            RejectedLabel => ("未采纳：", "Rejected: "),
            StaffOnly => ("以下仅工作人员可见", "Visible to staff only"),
            ContactPhone => ("联系电话", "Phone"),
            Position => ("推荐时的位置", "Position when nominated"),
            Split => ("移到其他地点", "Move to another place"),
            SplitQuestion => (
                "这条推荐说的是哪个地点？",
                "Which place is this nomination about?",
            ),
            SplitSubmit => ("移过去", "Move it"),
            Reject => ("不采纳", "Reject"),
            RejectReason => (
                "不采纳的理由（例如：不属于这一类、不在潮州）",
                "Why it is rejected (e.g. not this category, not in Chaozhou)",
            ),
            RejectSubmit => ("确认不采纳", "Reject it"),
            RejectReasonLength => (
                "请写明不采纳的理由（2到200个字）。",
                "Please give the reason (2 to 200 characters).",
            ),
            ShortlistTitle => ("候选对象", "Candidates"),
            ShortlistEmpty => (
                "还没有选入候选对象。在「推荐地点」里点「入选」，或者从地点库添加。",
                "Nothing shortlisted yet. Tap “Shortlist” on a nominated place, or add one from the register.",
            ),
            PublicTitle => ("公开标题", "Public title"),
            PublicDescription => ("说明（投票的市民会看到）", "Description (voters see it)"),
            Cover => ("封面照片", "Cover photo"),
            CoverNone => (
                "还没有照片，请上传部门拍的照片。",
                "No photo yet: upload the department's own.",
            ),
            UploadPhoto => ("上传部门照片", "Upload a photo"),
            UploadingPhoto => ("正在上传照片…", "Uploading…"),
            DeptReason => (
                "部门掌握的情况（市民没有推荐这个地点）",
                "The department's reason (residents did not nominate it)",
            ),
            DeptReasonPlaceholder => (
                "例如：11月检查时发现排水沟堵塞、垃圾堆积，至今未整改",
                "e.g. blocked drains and rubbish found at the November inspection, still not fixed",
            ),
            ReasonRequired => (
                "市民没有推荐这个地点，请写明部门掌握的情况。",
                "Residents did not nominate this place: please give the department's reason.",
            ),
            DeptAdded => ("部门添加", "Added by the department"),
            MoveUp => ("上移", "Move up"),
            MoveDown => ("下移", "Move down"),
            Remove => ("移出", "Remove"),
            AddTitle => ("添加市民没有推荐的地点", "Add a place residents did not nominate"),
            AddHint => (
                "从地点库里选择，写明部门掌握的情况，再上传部门的照片作封面。",
                "Pick it from the register, give the department's reason, and upload its own photo as the cover.",
            ),
            AddOpen => ("从地点库添加", "Add from the register"),
            AddQuestion => ("添加哪个地点？", "Which place?"),
            AddChosen => ("列入候选名单", "Add to the shortlist"),
            AddNew => ("加入地点库并列入候选名单", "Register it and add it"),
            AlreadyPicked => ("这个地点已在名单中。", "This place is on the list already."),
            SaveList => ("保存候选名单", "Save the shortlist"),
            ShortlistSaved => ("候选名单已保存。", "The shortlist is saved."),
            Unsaved => ("有未保存的修改", "Unsaved changes"),
            Full => (
                "名额已满。要换别的地点，请先在候选名单里移出一个。",
                "The list is full. To pick another place, first remove one from the shortlist.",
            ),
        };
        lang.pick(zh, en)
    }
}

/// "已选 12 / 20"
pub fn picked_text(lang: Lang, picked: usize, size: usize) -> String {
    match lang {
        Lang::Zh => format!("已选 {picked} / {size}"),
        Lang::En => format!("{picked} / {size} picked"),
    }
}

/// "相距约35米"
pub fn near_text(lang: Lang, metres: f64) -> String {
    let m = metres.round() as i64;
    match lang {
        Lang::Zh => format!("相距约{m}米"),
        Lang::En => format!("About {m} m apart"),
    }
}

/// "把「华美市场」并入「彩塘镇华美农贸市场」"
pub fn merge_label(lang: Lang, from: &str, into: &str) -> String {
    match lang {
        Lang::Zh => format!("把「{from}」并入「{into}」"),
        Lang::En => format!("Merge “{from}” into “{into}”"),
    }
}

/// What the last merge did, with 撤销 beside it.
pub fn merged_text(lang: Lang, from: &str, into: &str, n: usize) -> String {
    match lang {
        Lang::Zh => format!("已把「{from}」的{n}条推荐并入「{into}」。"),
        Lang::En => format!("Moved {n} nomination(s) of “{from}” into “{into}”."),
    }
}

/// "查看3条推荐"
pub fn show_nominations(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("查看{n}条推荐"),
        Lang::En => format!("Show {n} nomination(s)"),
    }
}

/// "另有1条未采纳"
pub fn rejected_note(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有{n}条未采纳"),
        Lang::En => format!("{n} rejected"),
    }
}

/// "每类确定20个候选对象，市民投票时会看到标题、说明和封面照片。"
pub fn shortlist_hint(lang: Lang, size: usize) -> String {
    match lang {
        Lang::Zh => format!("每类确定{size}个候选对象。市民投票时会看到标题、说明和封面照片。"),
        Lang::En => format!(
            "Each category shortlists {size} candidates. Voters see the title, description and cover."
        ),
    }
}

/// "有3处需要修改，请看标红的地方。"
pub fn problems_text(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("有{n}处需要修改，请看标红的地方。"),
        Lang::En => format!("{n} thing(s) to fix: see the fields marked in red."),
    }
}

/// "第3个候选对象：" — read before a candidate's fields by screen readers.
pub fn candidate_label(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("第{n}个候选对象"),
        Lang::En => format!("Candidate {n}"),
    }
}

/// "共找到118546组，显示最相近的50组。" — the server sends only the strongest pairs.
pub fn capped_text(lang: Lang, total: usize, shown: usize) -> String {
    match lang {
        Lang::Zh => format!("共找到{total}组，显示最相近的{shown}组。"),
        Lang::En => format!("Found {total} pairs; showing the {shown} most alike."),
    }
}
