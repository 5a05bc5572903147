//! Words of the office's field-scoring pages: teams and assignments (`/office/teams`)
//! and the consistency view with conflict resolution (`/office/consistency`). Chinese
//! first, English second; kept apart from `Msg` so other apps' wasm does not carry them.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text on the office's field-scoring pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamsMsg {
    NavField,
    TabTeams,
    TabConsistency,
    // Teams and assignments
    TeamsTitle,
    TeamsIntro,
    ReadOnly,
    Unassigned,
    AllAssigned,
    AssignTo,
    Members,
    NoMembers,
    AddMember,
    NoInspectors,
    Leader,
    MakeLeader,
    Remove,
    Kind,
    Candidates,
    AddCandidate,
    NoCandidates,
    AddSubGroup,
    RemoveSubGroup,
    Removed,
    Undo,
    Save,
    Saving,
    Unsaved,
    LeaderName,
    // Consistency
    ConsistencyTitle,
    ConsistencyIntro,
    Margin,
    Compared,
    NoneCompared,
    NeedsCheck,
    Total,
    ItemByItem,
    Missing,
    NoneMissing,
    // Conflicts
    Conflicts,
    ConflictsHint,
    NoConflicts,
    Stored,
    Incoming,
    KeepIncoming,
    KeepStored,
    AlreadyCorrected,
    Closed,
    DiffItems,
    NoDiffItems,
    Note,
    ConfirmIncomingTitle,
    ConfirmIncomingLead,
    ConfirmStoredTitle,
    ConfirmStoredLead,
    Reason,
    ReasonLength,
    Resolving,
    Close,
}

impl Text for TeamsMsg {
    fn text(self, lang: Lang) -> &'static str {
        use TeamsMsg::*;
        let (zh, en) = match self {
            NavField => ("现场评分", "Field"),
            TabTeams => ("工作组与分配", "Teams"),
            TabConsistency => ("评分核对", "Consistency"),
            TeamsTitle => ("工作组与分配", "Teams and assignments"),
            TeamsIntro => (
                "设好每个小组的组长和成员，再把候选对象分给小组。同一个候选对象可以分给两个以上小组，方便相互核对。改完点“保存”才生效。",
                "Set each sub-group's leader and members, then assign candidates. A candidate may go to two or more sub-groups so their scores can be compared. Nothing changes until you tap Save.",
            ),
            ReadOnly => (
                "现场评分已经结束，工作组和分配只能查看。",
                "Field scoring is over: teams and assignments can only be viewed.",
            ),
            Unassigned => ("还没分配的候选对象", "Candidates not yet assigned"),
            AllAssigned => ("这一类的候选对象都已分配。", "Every candidate of this category is assigned."),
            AssignTo => ("分配到…", "Assign to…"),
            Members => ("成员", "Members"),
            NoMembers => ("还没有成员。", "No members yet."),
            AddMember => ("添加成员…", "Add a member…"),
            NoInspectors => (
                "没有可选的现场评分员了：请先在工作台“账号”里创建。",
                "No inspector accounts left to add: create them under Accounts first.",
            ),
            Leader => ("组长", "Leader"),
            MakeLeader => ("设为组长", "Make leader"),
            Remove => ("移出", "Remove"),
            Kind => ("身份", "Kind"),
            Candidates => ("候选对象", "Candidates"),
            AddCandidate => ("添加候选对象…", "Add a candidate…"),
            NoCandidates => ("这一类还没有分给这个小组的。", "None of this category assigned here."),
            AddSubGroup => ("添加小组", "Add a sub-group"),
            RemoveSubGroup => ("删除小组", "Remove sub-group"),
            Removed => ("已删除（保存后生效）：", "Removed (on saving): "),
            Undo => ("撤销", "Undo"),
            Save => ("保存", "Save"),
            Saving => ("正在保存…", "Saving…"),
            Unsaved => ("有未保存的修改", "Unsaved changes"),
            LeaderName => ("带队领导", "Leading official"),

            ConsistencyTitle => ("评分核对", "Score consistency"),
            ConsistencyIntro => (
                "两个以上小组给同一候选对象打分时，在这里并排比较；总分相差超过设定分数的标红，需要核对。",
                "Where two or more sub-groups scored the same candidate, their sheets sit side by side; totals further apart than the margin are flagged in red.",
            ),
            Margin => ("允许相差（分）", "Margin (points)"),
            Compared => ("多个小组评分的候选对象", "Scored by several sub-groups"),
            NoneCompared => (
                "这一类还没有两个小组都交了评分表的候选对象。",
                "No candidate of this category has sheets from two sub-groups yet.",
            ),
            NeedsCheck => ("需核对", "Check"),
            Total => ("总分", "Total"),
            ItemByItem => ("逐项对比", "Item by item"),
            Missing => ("还缺评分表", "Sheets still missing"),
            NoneMissing => (
                "已分配的候选对象都交齐了评分表。",
                "Every assigned candidate has all its sheets.",
            ),
            Conflicts => ("同一编号、内容不同的评分表", "Conflicting resends"),
            ConflictsHint => (
                "同一张评分表收到了两份不同的内容，两份都已留存。请核对后选择采用哪一份，并写明理由。",
                "One sheet arrived twice with different contents; both are kept. Check them, choose one and give the reason.",
            ),
            NoConflicts => ("没有待处理的冲突。", "No conflicts to resolve."),
            Stored => ("原版本", "Stored"),
            Incoming => ("新版本", "Incoming"),
            KeepIncoming => ("采用新版本", "Use the new version"),
            KeepStored => ("保留原版本", "Keep the stored version"),
            AlreadyCorrected => (
                "原版本已经有更正，只能保留原版本。",
                "The stored sheet was already corrected: only keeping it is possible.",
            ),
            Closed => ("结果已经公布，冲突不能再处理。", "Results are published: conflicts can no longer be resolved."),
            DiffItems => ("分数不同的项目", "Items scored differently"),
            NoDiffItems => ("各项分数相同，只有备注等不同。", "Every item has the same points; only notes or details differ."),
            Note => ("备注", "Note"),
            ConfirmIncomingTitle => ("采用新版本？", "Use the new version?"),
            ConfirmIncomingLead => (
                "新版本作为原评分表的更正计入成绩，原版本留存备查。理由记入操作日志。",
                "The new version counts as a correction of the stored sheet, which is kept on record. The reason goes to the audit log.",
            ),
            ConfirmStoredTitle => ("保留原版本？", "Keep the stored version?"),
            ConfirmStoredLead => (
                "原评分表不变；新版本不计入成绩，但仍留存备查。理由记入操作日志。",
                "The stored sheet stays; the new version does not count but is kept on record. The reason goes to the audit log.",
            ),
            Reason => ("处理理由", "Reason"),
            ReasonLength => ("请写明处理理由（2到200个字）。", "Give a reason (2 to 200 characters)."),
            Resolving => ("正在提交…", "Sending…"),
            Close => ("关闭", "Close"),
        };
        lang.pick(zh, en)
    }
}

/// 本类 3 个 · 共 5 个: a sub-group's candidates in the category shown, and in all.
pub fn assigned_counts(lang: Lang, here: usize, all: usize) -> String {
    match lang {
        Lang::Zh => format!("本类 {here} 个 · 共 {all} 个"),
        Lang::En => format!("{here} here · {all} in all"),
    }
}

/// 相差 20 分: how far apart a candidate's totals are.
pub fn spread(lang: Lang, points: u32) -> String {
    match lang {
        Lang::Zh => format!("相差 {points} 分"),
        Lang::En => format!("{points} points apart"),
    }
}

/// 已交 1 / 应交 2: sheets received against sub-groups assigned.
pub fn sheets_in(lang: Lang, got: usize, due: usize) -> String {
    match lang {
        Lang::Zh => format!("已交 {got} / 应交 {due}"),
        Lang::En => format!("{got} of {due} sheets in"),
    }
}

/// 20 项中 3 项不同: how many items the sheets score differently.
pub fn differing_items(lang: Lang, differing: usize, of: usize) -> String {
    match lang {
        Lang::Zh => format!("{of} 项中 {differing} 项不同"),
        Lang::En => format!("{differing} of {of} items differ"),
    }
}
