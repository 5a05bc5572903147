//! Words of the score-sheet pages (`/office/sheets`, a wasm of its own): the versions, the
//! editor, approval and the round's choice. Chinese first, English second; kept apart
//! from `Msg` so the other apps' wasm does not carry them.

use super::Text;
use pingxuan_domain::score_sheet::ItemRule;
use pingxuan_domain::Lang;

/// A piece of text on the score-sheet pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetMsg {
    NavSheets,
    Title,
    Intro,
    Categories,
    StatusDraft,
    StatusApproved,
    StatusInUse,
    Open,
    ContinueDraft,
    CopyAsNew,
    Copying,
    EmptyTitle,
    EmptyHint,
    StartBlank,
    CopyDemo,
    NoRound,
    InUseNone,
    PinsLocked,
    // The editor
    NewTitle,
    EditTitle,
    ViewTitle,
    Back,
    SheetName,
    SectionName,
    AddSection,
    AddItem,
    ItemText,
    ItemKind,
    Graded,
    Deducted,
    MaxPoints,
    PerFinding,
    GradedHint,
    DeductedHint,
    MoveUp,
    MoveDown,
    Remove,
    RemoveSection,
    Undo,
    RemovedSection,
    RemovedItem,
    Total,
    TotalOk,
    SaveDraft,
    Saving,
    Saved,
    FixFirst,
    ReadOnly,
    EditTab,
    PreviewTab,
    PreviewHint,
    NotFoundTitle,
    // Approval and the round's choice (the office)
    Approve,
    ApproveTitle,
    ApproveLead,
    ConfirmApprove,
    Approving,
    Approved,
    Pin,
    Pinning,
    Pinned,
    PinHint,
    Close,
    OfficeOnly,
    SaveBeforeApprove,
}

impl Text for SheetMsg {
    fn text(self, lang: Lang) -> &'static str {
        use SheetMsg::*;
        let (zh, en) = match self {
            NavSheets => ("评分表", "Sheets"),
            Title => ("现场评分表", "Score sheets"),
            Intro => (
                "牵头部门在这里编写本类的现场评分表：分成几个部分，每一项写清评分标准，各项分值合计100分。市创卫办批准后，才能用于现场评分。",
                "Lead departments write their category's score sheet here: sections of items, each with the standard's wording, totalling 100 points. The campaign office approves it before it is used on site.",
            ),
            Categories => ("评选类别", "Categories"),
            StatusDraft => ("草稿", "Draft"),
            StatusApproved => ("已批准", "Approved"),
            StatusInUse => ("本轮在用", "In use this round"),
            Open => ("查看", "Open"),
            ContinueDraft => ("继续编辑草稿", "Continue the draft"),
            CopyAsNew => ("复制为新版本", "Copy as a new version"),
            Copying => ("正在复制…", "Copying…"),
            EmptyTitle => ("这一类还没有评分表", "No score sheet in this category yet"),
            EmptyHint => (
                "可以从空白开始编写，也可以复制示例评分表再修改。",
                "Start from a blank sheet, or copy the example sheet and change it.",
            ),
            StartBlank => ("从空白开始", "Start blank"),
            CopyDemo => ("复制示例评分表", "Copy the example"),
            NoRound => ("现在没有进行中的评选。", "No round is running now."),
            InUseNone => (
                "本轮还没有选定这一类的评分表。",
                "This round has not chosen a sheet for this category yet.",
            ),
            PinsLocked => (
                "现场评分已经开始，本轮使用的评分表已经固定，不能再更换。",
                "Field scoring has started: this round's sheets are fixed and cannot change.",
            ),

            NewTitle => ("新评分表", "New score sheet"),
            EditTitle => ("编辑评分表", "Edit the score sheet"),
            ViewTitle => ("评分表", "Score sheet"),
            Back => ("返回评分表列表", "Back to the sheets"),
            SheetName => ("评分表名称", "Sheet title"),
            SectionName => ("部分名称", "Section title"),
            AddSection => ("＋ 添加一个部分", "+ Add a section"),
            AddItem => ("＋ 添加评分项", "+ Add an item"),
            ItemText => ("评分标准", "The standard's wording"),
            ItemKind => ("评分方式", "Scoring"),
            Graded => ("打分", "Graded"),
            Deducted => ("扣分", "Deducted"),
            MaxPoints => ("分值", "Points"),
            PerFinding => ("每处扣分", "Off per finding"),
            GradedHint => (
                "评分员在0分到分值之间打分。",
                "The inspector gives 0 up to the points.",
            ),
            DeductedHint => (
                "从分值开始，每发现一处问题扣一次，扣完为止。",
                "Starts at the points; each problem found takes some off, down to 0.",
            ),
            MoveUp => ("上移", "Move up"),
            MoveDown => ("下移", "Move down"),
            Remove => ("删除这一项", "Remove this item"),
            RemoveSection => ("删除这个部分", "Remove this section"),
            Undo => ("撤销", "Undo"),
            RemovedSection => ("已删除一个部分。", "A section was removed."),
            RemovedItem => ("已删除一项。", "An item was removed."),
            Total => ("合计分值", "Total points"),
            TotalOk => ("合计正好100分。", "Exactly 100 points."),
            SaveDraft => ("保存草稿", "Save draft"),
            Saving => ("正在保存…", "Saving…"),
            Saved => ("草稿已保存。", "Draft saved."),
            FixFirst => (
                "还有问题没改好，请看标红的地方。",
                "Some things still need fixing: see the red notes.",
            ),
            ReadOnly => (
                "这个版本已批准，不能再修改。要修改，请复制为新版本。",
                "This version is approved and cannot change. To change it, copy it as a new version.",
            ),
            EditTab => ("编辑", "Edit"),
            PreviewTab => ("预览", "Preview"),
            PreviewHint => (
                "评分员在现场看到的评分表就是这样：每一项的评分标准和评分方式。",
                "This is the sheet inspectors see on site: each item's standard and how it is scored.",
            ),
            NotFoundTitle => ("找不到这个评分表", "Score sheet not found"),

            Approve => ("批准", "Approve"),
            ApproveTitle => ("批准这个版本？", "Approve this version?"),
            ApproveLead => (
                "批准后这一版不能再修改，可以选作本轮的现场评分表。",
                "Once approved this version never changes, and rounds can use it for field scoring.",
            ),
            ConfirmApprove => ("确认批准", "Approve"),
            Approving => ("正在批准…", "Approving…"),
            Approved => ("已批准。", "Approved."),
            Pin => ("本轮使用", "Use this round"),
            Pinning => ("正在设置…", "Setting…"),
            Pinned => ("已设为本轮使用。", "Now used this round."),
            PinHint => (
                "本轮现场评分将使用这一版。现场评分开始后就不能再更换。",
                "This round's field scoring will use this version. It cannot change once field scoring starts.",
            ),
            Close => ("关闭", "Close"),
            SaveBeforeApprove => (
                "有修改还没保存：请先保存草稿，再批准。",
                "There are unsaved changes: save the draft before approving.",
            ),
            OfficeOnly => (
                "批准和选用评分表由市创卫办负责。",
                "The campaign office approves and chooses the sheets.",
            ),
        };
        lang.pick(zh, en)
    }
}

/// 第 3 版 — a version's number.
pub fn version_no(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("第{n}版"),
        Lang::En => format!("Version {n}"),
    }
}

/// 第 2 部分 — a section's place.
pub fn section_no(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("第{n}部分"),
        Lang::En => format!("Section {n}"),
    }
}

/// 王科长 编辑于 2026年… — who wrote or approved a version, and when.
pub fn by_at(lang: Lang, approved: bool, who: &str, at: &str) -> String {
    match (lang, approved) {
        (Lang::Zh, false) => format!("{who} 编辑于 {at}"),
        (Lang::Zh, true) => format!("{who} 批准于 {at}"),
        (Lang::En, false) => format!("Edited by {who}, {at}"),
        (Lang::En, true) => format!("Approved by {who}, {at}"),
    }
}

/// 4 个部分 · 12 项 — a version's size.
pub fn sheet_size(lang: Lang, sections: usize, items: usize) -> String {
    match lang {
        Lang::Zh => format!("{sections}个部分 · {items}项"),
        Lang::En => format!("{sections} sections · {items} items"),
    }
}

/// · 27分 — a section's points so far, after its number.
pub fn section_points(lang: Lang, points: u32) -> String {
    match lang {
        Lang::Zh => format!(" · {points}分"),
        Lang::En => format!(" · {points} points"),
    }
}

/// 打分：0–20分 / 扣分：每处扣2分，最多扣8分 — how an item is scored, as the preview says it.
pub fn rule_line(lang: Lang, rule: ItemRule) -> String {
    match (lang, rule) {
        (Lang::Zh, ItemRule::Graded { max }) => format!("打分：0到{max}分"),
        (Lang::Zh, ItemRule::Deducted { per_finding, max }) => {
            format!("扣分：满分{max}分，每发现一处扣{per_finding}分，扣完为止")
        }
        (Lang::En, ItemRule::Graded { max }) => format!("Graded: 0 to {max}"),
        (Lang::En, ItemRule::Deducted { per_finding, max }) => {
            format!("Deducted: {max} points, {per_finding} off per problem, down to 0")
        }
    }
}
