//! Rectification (整改) after publication: every worst-ten line gets a task owned by its
//! town and the lead department, due one calendar month after publication (Beijing
//! dates); the warned ten get a reminder the town acknowledges. The task's state machine,
//! who may do what, the due date and its words, the inputs' rules, what a new results
//! version changes, and the API bodies.

use crate::account::Role;
use crate::category::Category;
use crate::error::FieldError;
use crate::lang::Lang;
use crate::nomination::{is_photo_id, PhotoView};
use crate::scoring::Tier;
use crate::time::beijing_offset;
use chrono::{DateTime, Months, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// A rectification task for a worst-ten line, or a reminder for a warned one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// 整改: after-photos and a description, verified by an inspector or the office.
    Rectify,
    /// 提醒: the town acknowledges it; nothing to submit.
    Reminder,
}

impl TaskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Rectify => "rectify",
            TaskKind::Reminder => "reminder",
        }
    }

    pub fn parse(s: &str) -> Option<TaskKind> {
        [TaskKind::Rectify, TaskKind::Reminder]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The kind a published line's tier calls for; none outside the two lists.
    pub fn for_tier(tier: Tier) -> Option<TaskKind> {
        match tier {
            Tier::Worst => Some(TaskKind::Rectify),
            Tier::Warned => Some(TaskKind::Reminder),
            Tier::Other => None,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TaskKind::Rectify => lang.pick("整改", "Rectify"),
            TaskKind::Reminder => lang.pick("提醒", "Reminder"),
        }
    }
}

/// Where a task is: open → submitted → verified | returned (→ submitted again); a
/// reminder open → acknowledged; any → withdrawn when a correction takes the line off
/// the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Open,
    Submitted,
    Verified,
    Returned,
    Acknowledged,
    Withdrawn,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 6] = [
        TaskStatus::Open,
        TaskStatus::Submitted,
        TaskStatus::Verified,
        TaskStatus::Returned,
        TaskStatus::Acknowledged,
        TaskStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Submitted => "submitted",
            TaskStatus::Verified => "verified",
            TaskStatus::Returned => "returned",
            TaskStatus::Acknowledged => "acknowledged",
            TaskStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Nothing more is asked of the town.
    pub fn is_done(self) -> bool {
        matches!(
            self,
            TaskStatus::Verified | TaskStatus::Acknowledged | TaskStatus::Withdrawn
        )
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TaskStatus::Open => lang.pick("待整改", "To do"),
            TaskStatus::Submitted => lang.pick("待核验", "Awaiting verification"),
            TaskStatus::Verified => lang.pick("已通过", "Verified"),
            TaskStatus::Returned => lang.pick("已退回", "Returned"),
            TaskStatus::Acknowledged => lang.pick("已确认", "Acknowledged"),
            TaskStatus::Withdrawn => lang.pick("已撤销", "Withdrawn"),
        }
    }
}

/// What happened to a task: one append-only event each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskAction {
    /// Created with a published version.
    Create,
    /// The town (or the lead department) sent after-photos and a description.
    Submit,
    /// An inspector or the office accepted the rectification.
    Verify,
    /// An inspector or the office sent it back, with a reason.
    Return,
    /// The town acknowledged a reminder.
    Acknowledge,
    /// A correction took the line off both lists.
    Withdraw,
    /// A correction put a withdrawn line back, or moved it between the lists.
    Reopen,
}

impl TaskAction {
    pub const ALL: [TaskAction; 7] = [
        TaskAction::Create,
        TaskAction::Submit,
        TaskAction::Verify,
        TaskAction::Return,
        TaskAction::Acknowledge,
        TaskAction::Withdraw,
        TaskAction::Reopen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskAction::Create => "create",
            TaskAction::Submit => "submit",
            TaskAction::Verify => "verify",
            TaskAction::Return => "return",
            TaskAction::Acknowledge => "acknowledge",
            TaskAction::Withdraw => "withdraw",
            TaskAction::Reopen => "reopen",
        }
    }

    pub fn parse(s: &str) -> Option<TaskAction> {
        TaskAction::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TaskAction::Create => lang.pick("下达任务", "Task issued"),
            TaskAction::Submit => lang.pick("提交整改", "Submitted"),
            TaskAction::Verify => lang.pick("核验通过", "Verified"),
            TaskAction::Return => lang.pick("退回重改", "Returned"),
            TaskAction::Acknowledge => lang.pick("确认收到", "Acknowledged"),
            TaskAction::Withdraw => lang.pick("任务撤销", "Withdrawn"),
            TaskAction::Reopen => lang.pick("任务调整", "Changed by a correction"),
        }
    }
}

/// The state after `action`, or why it cannot happen (a Chinese sentence for a 409).
/// Withdraw and reopen are the corrections' (see [`plan`]), never a user's.
pub fn transition(
    kind: TaskKind,
    status: TaskStatus,
    action: TaskAction,
) -> Result<TaskStatus, &'static str> {
    use TaskAction as A;
    use TaskStatus as S;
    if status == S::Withdrawn {
        return Err("这项任务已随结果更正撤销，不用再处理。");
    }
    match (kind, action, status) {
        (TaskKind::Reminder, A::Submit | A::Verify | A::Return, _) => {
            Err("提醒事项只需确认收到，不用提交或核验整改材料。")
        }
        (TaskKind::Rectify, A::Acknowledge, _) => {
            Err("整改任务要提交整改照片和说明，不能只确认收到。")
        }
        (TaskKind::Rectify, A::Submit, S::Open | S::Returned) => Ok(S::Submitted),
        (TaskKind::Rectify, A::Submit, S::Submitted) => Err("已经提交了，正在等待核验。"),
        (TaskKind::Rectify, A::Submit, _) => Err("整改已经核验通过，不能再提交。"),
        (TaskKind::Rectify, A::Verify, S::Submitted) => Ok(S::Verified),
        (TaskKind::Rectify, A::Return, S::Submitted) => Ok(S::Returned),
        (TaskKind::Rectify, A::Verify | A::Return, S::Verified) => Err("这项整改已经核验通过了。"),
        (TaskKind::Rectify, A::Verify | A::Return, S::Returned) => {
            Err("这项整改已经退回，要等重新提交后才能核验。")
        }
        (TaskKind::Rectify, A::Verify | A::Return, _) => Err("还没有提交整改材料，不能核验。"),
        (TaskKind::Reminder, A::Acknowledge, S::Open) => Ok(S::Acknowledged),
        (TaskKind::Reminder, A::Acknowledge, _) => Err("这条提醒已经确认过了。"),
        (_, A::Create | A::Withdraw | A::Reopen, _) => Err("只有结果更正才能调整任务。"),
    }
}

/// Who answers for a task: its town and its category's lead department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner<'a> {
    pub town: &'a str,
    pub category: Category,
}

/// Whether `role` may see a task in `status` owned by `owner`: the office all; a lead
/// department its category's; a town its own; inspectors those sent for verification
/// (and what became of them).
pub fn may_see(role: Role, owner: Owner<'_>, status: TaskStatus) -> bool {
    match role {
        Role::Admin => true,
        Role::Department { category } => category == owner.category,
        Role::Town { town } => town.name() == owner.town,
        Role::Inspector => matches!(
            status,
            TaskStatus::Submitted | TaskStatus::Verified | TaskStatus::Returned
        ),
    }
}

/// Whether `role` may take `action` on a task owned by `owner` (the state machine
/// decides separately whether the task allows it now).
pub fn may_act(role: Role, owner: Owner<'_>, action: TaskAction) -> bool {
    match action {
        TaskAction::Submit => match role {
            Role::Town { town } => town.name() == owner.town,
            Role::Department { category } => category == owner.category,
            _ => false,
        },
        TaskAction::Verify | TaskAction::Return => {
            matches!(role, Role::Admin | Role::Inspector)
        }
        TaskAction::Acknowledge => {
            matches!(role, Role::Town { town } if town.name() == owner.town)
        }
        TaskAction::Create | TaskAction::Withdraw | TaskAction::Reopen => false,
    }
}

/// The due moment of a task published at `published_at`: the end (23:59:59, Beijing) of
/// the same calendar day one month later; a day the next month lacks becomes its last
/// (Jan 31 → Feb 28, or 29 in a leap year).
pub fn due_at(published_at: DateTime<Utc>) -> DateTime<Utc> {
    let local = published_at.with_timezone(&beijing_offset()).date_naive();
    let due = local
        .checked_add_months(Months::new(1))
        .expect("a month later is a date");
    let end = due.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"));
    beijing_offset()
        .from_local_datetime(&end)
        .single()
        .expect("a fixed offset has one local time")
        .with_timezone(&Utc)
}

/// Overdue: a rectification not verified (nor withdrawn) after its due moment.
/// Reminders are never overdue.
pub fn is_overdue(
    kind: TaskKind,
    status: TaskStatus,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    kind == TaskKind::Rectify && !status.is_done() && now > due_at
}

/// Beijing calendar days from today to the due date: 0 on the due day, negative after.
pub fn days_left(due_at: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let day = |t: DateTime<Utc>| t.with_timezone(&beijing_offset()).date_naive();
    (day(due_at) - day(now)).num_days()
}

/// The due date in plain words for a task's card: 还剩3天, 今天到期, 已逾期2天 — or what
/// it came to when nothing more is asked.
pub fn due_words(
    kind: TaskKind,
    status: TaskStatus,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    if status.is_done() || kind == TaskKind::Reminder && status != TaskStatus::Open {
        return status.label(lang).to_owned();
    }
    let days = days_left(due_at, now);
    let overdue = is_overdue(kind, status, due_at, now);
    match (lang, days) {
        (Lang::Zh, _) if overdue => format!("已逾期{}天", (-days).max(1)),
        (Lang::En, _) if overdue => format!("{} days overdue", (-days).max(1)),
        (Lang::Zh, 0) => "今天到期".to_owned(),
        (Lang::En, 0) => "due today".to_owned(),
        (Lang::Zh, d) => format!("还剩{d}天"),
        (Lang::En, 1) => "1 day left".to_owned(),
        (Lang::En, d) => format!("{d} days left"),
    }
}

/// A submission's description: 10–1000 characters, trimmed, no control characters but
/// line breaks.
pub const DESCRIPTION_CHARS: std::ops::RangeInclusive<usize> = 10..=1000;
/// The most after-photos one submission takes: the server refuses more and the
/// rectification app's picker stops there (the nomination form keeps its own
/// `nomination::MAX_PHOTOS`).
pub const MAX_PHOTOS: usize = 9;
/// After-photos per submission.
pub const PHOTOS: std::ops::RangeInclusive<usize> = 1..=MAX_PHOTOS;

pub fn parse_description(raw: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    let n = s.chars().count();
    if !DESCRIPTION_CHARS.contains(&n) {
        return Err(FieldError::new(
            "description",
            "length",
            "请写清楚整改了什么（10到1000个字）。",
        ));
    }
    if s.chars().any(|c| c.is_control() && c != '\n') {
        return Err(FieldError::new(
            "description",
            "invalid_chars",
            "说明里有不能使用的字符。",
        ));
    }
    Ok(s.to_owned())
}

/// `POST /api/v1/rectifications/{id}/submissions`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitRectificationRequest {
    pub description: String,
    /// 1–9 photos uploaded first through `POST /api/v1/photos` by the same account.
    pub photo_ids: Vec<String>,
}

/// A submission after parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSubmission {
    pub description: String,
    pub photo_ids: Vec<String>,
}

impl SubmitRectificationRequest {
    /// Every problem at once: the description, and 1–9 distinct well-formed photo ids.
    pub fn parse(&self) -> Result<ParsedSubmission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let description = parse_description(&self.description).map_err(|e| errors.push(e));
        let mut ids = self.photo_ids.clone();
        ids.sort();
        ids.dedup();
        if !PHOTOS.contains(&self.photo_ids.len()) {
            errors.push(FieldError::new(
                "photo_ids",
                "count",
                format!("请上传1到{MAX_PHOTOS}张整改后的照片。"),
            ));
        } else if ids.len() != self.photo_ids.len() || !ids.iter().all(|id| is_photo_id(id)) {
            errors.push(FieldError::new(
                "photo_ids",
                "invalid",
                "照片有重复或无法识别，请重新上传。",
            ));
        }
        match description {
            Ok(description) if errors.is_empty() => Ok(ParsedSubmission {
                description,
                photo_ids: self.photo_ids.clone(),
            }),
            _ => Err(errors),
        }
    }
}

/// `POST /api/v1/rectifications/{id}/return`: why it goes back (2–200 characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRectificationRequest {
    pub reason: String,
}

/// A task as it stands before a new version: what [`plan`] compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Existing {
    pub task_id: i64,
    pub candidate_id: i64,
    pub kind: TaskKind,
    pub status: TaskStatus,
}

/// One change a published version makes to the tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A line new on a list: a task of this kind.
    Create { candidate_id: i64, kind: TaskKind },
    /// A line that left both lists: withdrawn, with the correction's reason.
    Withdraw { task_id: i64, from: TaskStatus },
    /// A withdrawn line back on a list, or a line moved between them: the kind and
    /// status it has now.
    Reopen {
        task_id: i64,
        from: TaskStatus,
        kind: TaskKind,
        status: TaskStatus,
    },
}

/// What a version whose lists are `listed` (candidate, kind) changes in `existing`:
/// tasks for new lines, withdrawals for lines gone, and lines that moved. Never deletes.
/// A line moving from the warned to the worst list becomes an open rectification; one
/// moving down keeps "done" if its rectification was verified.
pub fn plan(listed: &[(i64, TaskKind)], existing: &[Existing]) -> Vec<Step> {
    let mut steps = Vec::new();
    for &(candidate_id, kind) in listed {
        match existing.iter().find(|e| e.candidate_id == candidate_id) {
            None => steps.push(Step::Create { candidate_id, kind }),
            Some(e) if e.status == TaskStatus::Withdrawn || e.kind != kind => {
                let status = match kind {
                    TaskKind::Reminder if e.status == TaskStatus::Verified => {
                        TaskStatus::Acknowledged
                    }
                    _ => TaskStatus::Open,
                };
                steps.push(Step::Reopen {
                    task_id: e.task_id,
                    from: e.status,
                    kind,
                    status,
                });
            }
            Some(_) => {}
        }
    }
    for e in existing {
        let still = listed.iter().any(|&(c, _)| c == e.candidate_id);
        if !still && e.status != TaskStatus::Withdrawn {
            steps.push(Step::Withdraw {
                task_id: e.task_id,
                from: e.status,
            });
        }
    }
    steps
}

/// A task as the API shows it, with the line it was published with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationTask {
    pub id: i64,
    pub round_id: i64,
    pub category: Category,
    pub candidate_id: i64,
    pub title: String,
    pub place_name: String,
    pub town: String,
    pub cover_url: Option<String>,
    /// 1 = worst, as published.
    pub rank: u32,
    pub total: f64,
    pub kind: TaskKind,
    pub status: TaskStatus,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub due_at: DateTime<Utc>,
    /// By the server's clock when answered.
    pub overdue: bool,
    /// The correction's reason, once withdrawn.
    pub withdrawn_reason: Option<String>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub updated_at: DateTime<Utc>,
}

impl RectificationTask {
    pub fn owner(&self) -> Owner<'_> {
        Owner {
            town: &self.town,
            category: self.category,
        }
    }
}

/// How many tasks of a list are where: the office's panel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationCounts {
    /// Rectifications past their due date and not verified.
    pub overdue: u32,
    /// Submitted, waiting for an inspector or the office.
    pub submitted: u32,
    /// Open or returned: the town's turn.
    pub to_do: u32,
    pub verified: u32,
    /// Reminders not yet acknowledged.
    pub reminders_open: u32,
}

impl RectificationCounts {
    pub fn of(tasks: &[RectificationTask]) -> RectificationCounts {
        let mut c = RectificationCounts::default();
        for t in tasks {
            c.add(t.kind, t.status, t.overdue, 1);
        }
        c
    }

    /// Counts `n` tasks of one kind and status, overdue or not (the server's summary adds
    /// them a group at a time).
    pub fn add(&mut self, kind: TaskKind, status: TaskStatus, overdue: bool, n: u32) {
        if overdue {
            self.overdue += n;
        }
        match (kind, status) {
            (TaskKind::Rectify, TaskStatus::Submitted) => self.submitted += n,
            (TaskKind::Rectify, TaskStatus::Open | TaskStatus::Returned) => self.to_do += n,
            (TaskKind::Rectify, TaskStatus::Verified) => self.verified += n,
            (TaskKind::Reminder, TaskStatus::Open) => self.reminders_open += n,
            _ => {}
        }
    }
}

/// `GET /api/v1/rectifications`: the tasks the caller may see, overdue first, then by
/// due date; the counts are over the same list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationList {
    pub tasks: Vec<RectificationTask>,
    pub counts: RectificationCounts,
    /// The server's clock, for "days left" on the phone.
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub now: DateTime<Utc>,
}

/// One event of a task's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationEvent {
    pub id: i64,
    pub action: TaskAction,
    pub from_status: Option<TaskStatus>,
    pub to_status: TaskStatus,
    /// The staff member's display name; none for what publication did.
    pub by_name: Option<String>,
    pub reason: Option<String>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
}

/// One submission: kept whole when it is returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationSubmission {
    pub id: i64,
    pub description: String,
    pub photos: Vec<PhotoView>,
    pub by_name: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub at: DateTime<Utc>,
}

/// `GET /api/v1/rectifications/{id}`: the task, its history and its submissions
/// (newest first), and what the caller may do now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationDetail {
    pub task: RectificationTask,
    pub events: Vec<RectificationEvent>,
    pub submissions: Vec<RectificationSubmission>,
    /// The actions the caller's role may take now.
    pub allowed: Vec<TaskAction>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub now: DateTime<Utc>,
}

/// The actions `role` may take on `task` now: allowed to it and by the state machine.
pub fn allowed(role: Role, task: &RectificationTask) -> Vec<TaskAction> {
    [
        TaskAction::Submit,
        TaskAction::Verify,
        TaskAction::Return,
        TaskAction::Acknowledge,
    ]
    .into_iter()
    .filter(|&a| may_act(role, task.owner(), a) && transition(task.kind, task.status, a).is_ok())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::Town;
    use chrono::TimeZone;

    fn beijing(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        beijing_offset()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn due_one_calendar_month_later_at_the_end_of_the_beijing_day() {
        for (published, due) in [
            (beijing(2026, 1, 31, 10, 0), beijing(2026, 2, 28, 23, 59)),
            (beijing(2028, 1, 31, 10, 0), beijing(2028, 2, 29, 23, 59)),
            (beijing(2026, 12, 15, 9, 0), beijing(2027, 1, 15, 23, 59)),
            (beijing(2026, 3, 31, 18, 0), beijing(2026, 4, 30, 23, 59)),
            // 01:30 in Beijing is the previous day in UTC: the Beijing date counts.
            (beijing(2026, 5, 1, 1, 30), beijing(2026, 6, 1, 23, 59)),
        ] {
            assert_eq!(
                due_at(published),
                due + chrono::Duration::seconds(59),
                "{published}"
            );
        }
    }

    #[test]
    fn overdue_and_days_left_in_plain_words() {
        let due = due_at(beijing(2026, 1, 10, 12, 0)); // 2月10日 23:59:59
        let k = TaskKind::Rectify;
        let s = TaskStatus::Open;
        assert_eq!(days_left(due, beijing(2026, 2, 7, 8, 0)), 3);
        assert_eq!(
            due_words(k, s, due, beijing(2026, 2, 7, 8, 0), Lang::Zh),
            "还剩3天"
        );
        assert_eq!(
            due_words(k, s, due, beijing(2026, 2, 10, 23, 0), Lang::Zh),
            "今天到期"
        );
        assert!(!is_overdue(k, s, due, beijing(2026, 2, 10, 23, 59)));
        assert!(is_overdue(k, s, due, beijing(2026, 2, 11, 0, 0)));
        assert_eq!(
            due_words(k, s, due, beijing(2026, 2, 11, 0, 0), Lang::Zh),
            "已逾期1天"
        );
        assert_eq!(
            due_words(k, s, due, beijing(2026, 2, 13, 9, 0), Lang::En),
            "3 days overdue"
        );
        assert!(is_overdue(
            k,
            TaskStatus::Returned,
            due,
            beijing(2026, 3, 1, 0, 0)
        ));
        assert!(is_overdue(
            k,
            TaskStatus::Submitted,
            due,
            beijing(2026, 3, 1, 0, 0)
        ));
        assert!(!is_overdue(
            k,
            TaskStatus::Verified,
            due,
            beijing(2026, 3, 1, 0, 0)
        ));
        assert!(!is_overdue(
            TaskKind::Reminder,
            s,
            due,
            beijing(2026, 3, 1, 0, 0)
        ));
        assert_eq!(
            due_words(
                k,
                TaskStatus::Verified,
                due,
                beijing(2026, 3, 1, 0, 0),
                Lang::Zh
            ),
            "已通过"
        );
    }

    #[test]
    fn the_state_machine_allows_the_cycle_and_refuses_the_rest_in_chinese() {
        use TaskAction as A;
        use TaskStatus as S;
        let r = TaskKind::Rectify;
        assert_eq!(transition(r, S::Open, A::Submit), Ok(S::Submitted));
        assert_eq!(transition(r, S::Submitted, A::Return), Ok(S::Returned));
        assert_eq!(transition(r, S::Returned, A::Submit), Ok(S::Submitted));
        assert_eq!(transition(r, S::Submitted, A::Verify), Ok(S::Verified));
        assert_eq!(
            transition(TaskKind::Reminder, S::Open, A::Acknowledge),
            Ok(S::Acknowledged)
        );
        let refused = [
            (r, S::Open, A::Verify),
            (r, S::Returned, A::Verify),
            (r, S::Verified, A::Verify),
            (r, S::Verified, A::Return),
            (r, S::Submitted, A::Submit),
            (r, S::Verified, A::Submit),
            (r, S::Open, A::Acknowledge),
            (r, S::Withdrawn, A::Submit),
            (TaskKind::Reminder, S::Open, A::Submit),
            (TaskKind::Reminder, S::Acknowledged, A::Acknowledge),
            (r, S::Open, A::Withdraw),
        ];
        for (k, s, a) in refused {
            let msg = transition(k, s, a).unwrap_err();
            assert!(
                msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{k:?} {s:?} {a:?}"
            );
        }
    }

    #[test]
    fn roles_see_and_act_on_their_own_tasks() {
        let fuyang = Role::Town {
            town: Town::parse("浮洋镇").unwrap(),
        };
        let huanggang = Role::Town {
            town: Town::parse("黄冈镇").unwrap(),
        };
        let market = Role::Department {
            category: Category::Market,
        };
        let road = Role::Department {
            category: Category::Road,
        };
        let owner = Owner {
            town: "浮洋镇",
            category: Category::Market,
        };
        assert!(may_see(fuyang, owner, TaskStatus::Open));
        assert!(!may_see(huanggang, owner, TaskStatus::Open));
        assert!(may_see(market, owner, TaskStatus::Open));
        assert!(!may_see(road, owner, TaskStatus::Open));
        assert!(!may_see(Role::Inspector, owner, TaskStatus::Open));
        assert!(may_see(Role::Inspector, owner, TaskStatus::Submitted));
        assert!(may_act(fuyang, owner, TaskAction::Submit));
        assert!(may_act(market, owner, TaskAction::Submit));
        assert!(!may_act(huanggang, owner, TaskAction::Submit));
        assert!(!may_act(Role::Admin, owner, TaskAction::Submit));
        assert!(may_act(Role::Inspector, owner, TaskAction::Verify));
        assert!(may_act(Role::Admin, owner, TaskAction::Return));
        assert!(!may_act(fuyang, owner, TaskAction::Verify));
        assert!(!may_act(market, owner, TaskAction::Acknowledge));
        assert!(may_act(fuyang, owner, TaskAction::Acknowledge));
    }

    #[test]
    fn submissions_need_a_description_and_one_to_nine_distinct_photos() {
        let photo = |i: usize| format!("{:A>22}", i);
        let ok = SubmitRectificationRequest {
            description: "  已清理市场门口垃圾，增设两个垃圾桶。 ".into(),
            photo_ids: vec![photo(1), photo(2)],
        };
        assert_eq!(
            ok.parse().unwrap().description,
            "已清理市场门口垃圾，增设两个垃圾桶。"
        );
        let fields = |r: SubmitRectificationRequest| -> Vec<(String, String)> {
            r.parse()
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect()
        };
        let none = SubmitRectificationRequest {
            description: "太短".into(),
            photo_ids: vec![],
        };
        assert_eq!(
            fields(none),
            vec![
                ("description".into(), "length".into()),
                ("photo_ids".into(), "count".into())
            ]
        );
        let ten = SubmitRectificationRequest {
            photo_ids: (0..10).map(photo).collect(),
            ..ok.clone()
        };
        assert_eq!(fields(ten), vec![("photo_ids".into(), "count".into())]);
        // The app's picker stops at MAX_PHOTOS: that many must be accepted.
        let nine = SubmitRectificationRequest {
            photo_ids: (0..MAX_PHOTOS).map(photo).collect(),
            ..ok.clone()
        };
        assert_eq!(nine.parse().unwrap().photo_ids.len(), 9);
        let twice = SubmitRectificationRequest {
            photo_ids: vec![photo(1), photo(1)],
            ..ok.clone()
        };
        assert_eq!(fields(twice), vec![("photo_ids".into(), "invalid".into())]);
        let bad_id = SubmitRectificationRequest {
            photo_ids: vec!["../etc/passwd".into()],
            ..ok
        };
        assert_eq!(fields(bad_id), vec![("photo_ids".into(), "invalid".into())]);
    }

    #[test]
    fn a_correction_creates_withdraws_and_moves_tasks_without_deleting() {
        use TaskKind::{Rectify, Reminder};
        let e = |task_id, candidate_id, kind, status| Existing {
            task_id,
            candidate_id,
            kind,
            status,
        };
        let existing = [
            e(1, 10, Rectify, TaskStatus::Submitted),     // stays
            e(2, 11, Rectify, TaskStatus::Open),          // leaves
            e(3, 12, Reminder, TaskStatus::Acknowledged), // moves up
            e(4, 13, Rectify, TaskStatus::Verified),      // moves down
            e(5, 14, Rectify, TaskStatus::Withdrawn),     // back
            e(6, 15, Reminder, TaskStatus::Withdrawn),    // stays withdrawn
        ];
        let listed = [
            (10, Rectify),
            (12, Rectify),
            (13, Reminder),
            (14, Rectify),
            (16, Reminder),
        ];
        assert_eq!(
            plan(&listed, &existing),
            vec![
                Step::Reopen {
                    task_id: 3,
                    from: TaskStatus::Acknowledged,
                    kind: Rectify,
                    status: TaskStatus::Open
                },
                Step::Reopen {
                    task_id: 4,
                    from: TaskStatus::Verified,
                    kind: Reminder,
                    status: TaskStatus::Acknowledged
                },
                Step::Reopen {
                    task_id: 5,
                    from: TaskStatus::Withdrawn,
                    kind: Rectify,
                    status: TaskStatus::Open
                },
                Step::Create {
                    candidate_id: 16,
                    kind: Reminder
                },
                Step::Withdraw {
                    task_id: 2,
                    from: TaskStatus::Open
                },
            ]
        );
        // The first publication: only creations.
        assert!(plan(&listed, &[])
            .iter()
            .all(|s| matches!(s, Step::Create { .. })));
        // The same lists again change nothing.
        let same: Vec<(i64, TaskKind)> = vec![(10, Rectify)];
        assert!(plan(&same, &existing[..1]).is_empty());
    }
}
