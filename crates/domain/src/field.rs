//! On-site scoring (现场评分): work groups and their sub-groups (default 5 × 2), members
//! and their kinds, candidates assigned to sub-groups; what an inspector's phone
//! downloads to work offline; the body it syncs under a client-made id and the receipt
//! it gets back; evidence photo uploads in chunks; and the office's consistency view.
//!
//! Sync rules (the server enforces them, the app relies on them):
//! - A sheet is sent with `PUT …/field/sheets/{client_id}`, `client_id` a UUID the phone
//!   made when the sheet was finalised. The same body again gets the same receipt and
//!   stores nothing new; a different body under a known id is refused (409) and kept for
//!   the office, never overwriting what was stored.
//! - A correction is a new sheet with its own id whose `replaces` names the sheet it
//!   corrects. Arrival order does not matter: a sheet is *live* when no stored sheet
//!   replaces it, whichever came first. Each sheet is replaced at most once.
//! - Sheets are accepted while the round is in field scoring or in review ([`accepts_sheets`]):
//!   phones that were offline until after field scoring closed still deliver, up to the
//!   moment the office approves the results. Those arriving after the field scoring
//!   window are marked `late` for the office.

use crate::category::Category;
use crate::error::FieldError;
use crate::geo::GeoPoint;
use crate::lang::{Label, Lang};
use crate::nomination::PhotoView;
use crate::phase::Phase;
use crate::region::District;
use crate::score_sheet::{item_points, Mark, ScoredSheet, SheetContent, SheetVersion};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The office's default set-up: five work groups of two sub-groups each.
pub const DEFAULT_WORK_GROUPS: usize = 5;
pub const DEFAULT_SUB_GROUPS: usize = 2;
/// Limits on a set-up.
pub const MAX_WORK_GROUPS: usize = 20;
pub const MAX_SUB_GROUPS: usize = 10;
pub const MAX_MEMBERS: usize = 20;
pub const MAX_GROUP_NAME_CHARS: usize = 40;
/// Two sheets of one candidate whose totals differ by more than this are flagged.
pub const DEFAULT_MARGIN: u32 = 15;
/// Notes, in characters: per item and for the whole sheet.
pub const MAX_ITEM_NOTE_CHARS: usize = 500;
pub const MAX_SHEET_NOTE_CHARS: usize = 1000;
/// Evidence photos per item.
pub const MAX_ITEM_PHOTOS: usize = 6;
/// An evidence photo's upload, in bytes (the same limit as other photos: 10 MiB).
pub const MAX_EVIDENCE_BYTES: u64 = 10 * 1024 * 1024;
/// One chunk of an upload, in bytes.
pub const MAX_CHUNK_BYTES: usize = 1024 * 1024;
/// The header answering `HEAD` on an upload: bytes received so far.
pub const UPLOAD_OFFSET_HEADER: &str = "upload-offset";

/// Who a sub-group member is (现场核查评定工作组的组成).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberKind {
    /// 部门工作人员: staff of a lead department.
    DepartmentStaff,
    /// 人大代表: a deputy to the people's congress.
    NpcDeputy,
    /// 政协委员: a member of the CPPCC committee.
    CppccMember,
    /// 专家: an invited specialist.
    Specialist,
}

impl MemberKind {
    pub const ALL: [MemberKind; 4] = [
        MemberKind::DepartmentStaff,
        MemberKind::NpcDeputy,
        MemberKind::CppccMember,
        MemberKind::Specialist,
    ];

    /// Stable identifier in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberKind::DepartmentStaff => "department_staff",
            MemberKind::NpcDeputy => "npc_deputy",
            MemberKind::CppccMember => "cppcc_member",
            MemberKind::Specialist => "specialist",
        }
    }

    pub fn parse(s: &str) -> Option<MemberKind> {
        MemberKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl Label for MemberKind {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            MemberKind::DepartmentStaff => lang.pick("部门工作人员", "Department staff"),
            MemberKind::NpcDeputy => lang.pick("人大代表", "NPC deputy"),
            MemberKind::CppccMember => lang.pick("政协委员", "CPPCC member"),
            MemberKind::Specialist => lang.pick("专家", "Specialist"),
        }
    }
}

/// Whether a round in `phase` takes synced sheets: during field scoring and review
/// (late phones), never before field scoring nor once results are published.
pub fn accepts_sheets(phase: Phase) -> bool {
    matches!(phase, Phase::FieldScoring | Phase::Review)
}

/// Whether the office may still change teams and assignments: until review starts.
pub fn teams_editable(phase: Phase) -> bool {
    phase <= Phase::FieldScoring
}

/// Whether a round's pinned sheet versions may still change: until field scoring starts.
/// (A category with no pin yet may still get its first one during field scoring.)
pub fn pins_editable(phase: Phase) -> bool {
    phase < Phase::FieldScoring
}

// ---------------------------------------------------------------------------------
// Teams

/// One member as the office sets it up. The account must be an active inspector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberInput {
    pub account_id: i64,
    pub kind: MemberKind,
    /// The sub-group's leader (组长); exactly one per sub-group with members.
    #[serde(default)]
    pub leader: bool,
}

/// A sub-group (小组) as the office sets it up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubGroupInput {
    /// An existing sub-group's id to keep it (its sheets stay attached); none for a new one.
    #[serde(default)]
    pub id: Option<i64>,
    /// e.g. 第一小组.
    pub name: String,
    pub members: Vec<MemberInput>,
    /// Shortlisted candidates it scores; a candidate may be in several sub-groups.
    pub candidate_ids: Vec<i64>,
}

/// A work group (工作组) as the office sets it up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkGroupInput {
    #[serde(default)]
    pub id: Option<i64>,
    /// e.g. 第一工作组.
    pub name: String,
    /// The department leader heading it (带队领导), e.g. 市市场监管局 陈副局长; may be empty.
    #[serde(default)]
    pub leader_name: String,
    pub sub_groups: Vec<SubGroupInput>,
}

/// `PUT /api/v1/rounds/{id}/teams`: the whole set-up at once — groups, members and
/// assignments. Sub-groups left out are removed (refused if they have sheets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamsInput {
    pub work_groups: Vec<WorkGroupInput>,
}

const CHINESE_ORDINALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

impl TeamsInput {
    /// An empty set-up of `groups` work groups of `subs` sub-groups, named 第一工作组 /
    /// 第一小组 …: what the office page starts from (5 × 2 by default).
    pub fn skeleton(groups: usize, subs: usize) -> TeamsInput {
        let n = |i: usize| CHINESE_ORDINALS.get(i).copied().unwrap_or("…");
        TeamsInput {
            work_groups: (0..groups)
                .map(|g| WorkGroupInput {
                    id: None,
                    name: format!("第{}工作组", n(g)),
                    leader_name: String::new(),
                    sub_groups: (0..subs)
                        .map(|s| SubGroupInput {
                            id: None,
                            name: format!("第{}小组", n(s)),
                            members: Vec::new(),
                            candidate_ids: Vec::new(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Names present and short; group counts within limits; ids not repeated; each
    /// inspector in one sub-group only; one leader in every sub-group that has members;
    /// no candidate twice in one sub-group. Collects every problem at its path.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.work_groups.is_empty() || self.work_groups.len() > MAX_WORK_GROUPS {
            errors.push(FieldError::new(
                "work_groups",
                "count",
                format!("须有1到{MAX_WORK_GROUPS}个工作组。"),
            ));
        }
        let name_ok = |s: &str| {
            let n = s.trim().chars().count();
            (1..=MAX_GROUP_NAME_CHARS).contains(&n) && !s.chars().any(char::is_control)
        };
        let mut group_ids = std::collections::HashSet::new();
        let mut sub_ids = std::collections::HashSet::new();
        let mut accounts = std::collections::HashSet::new();
        for (g, wg) in self.work_groups.iter().enumerate() {
            let at = |f: &str| format!("work_groups[{g}].{f}");
            if !name_ok(&wg.name) {
                errors.push(FieldError::new(
                    at("name"),
                    "length",
                    format!("工作组名称须为1到{MAX_GROUP_NAME_CHARS}个字。"),
                ));
            }
            if wg.leader_name.chars().count() > MAX_GROUP_NAME_CHARS
                || wg.leader_name.chars().any(char::is_control)
            {
                errors.push(FieldError::new(
                    at("leader_name"),
                    "length",
                    format!("带队领导最多{MAX_GROUP_NAME_CHARS}个字。"),
                ));
            }
            if wg.id.is_some_and(|id| !group_ids.insert(id)) {
                errors.push(FieldError::new(at("id"), "repeated", "工作组重复了。"));
            }
            if wg.sub_groups.is_empty() || wg.sub_groups.len() > MAX_SUB_GROUPS {
                errors.push(FieldError::new(
                    at("sub_groups"),
                    "count",
                    format!("每个工作组须有1到{MAX_SUB_GROUPS}个小组。"),
                ));
            }
            for (s, sg) in wg.sub_groups.iter().enumerate() {
                let at = |f: &str| format!("work_groups[{g}].sub_groups[{s}].{f}");
                if !name_ok(&sg.name) {
                    errors.push(FieldError::new(
                        at("name"),
                        "length",
                        format!("小组名称须为1到{MAX_GROUP_NAME_CHARS}个字。"),
                    ));
                }
                if sg.id.is_some_and(|id| !sub_ids.insert(id)) {
                    errors.push(FieldError::new(at("id"), "repeated", "小组重复了。"));
                }
                if sg.members.len() > MAX_MEMBERS {
                    errors.push(FieldError::new(
                        at("members"),
                        "count",
                        format!("每个小组最多{MAX_MEMBERS}人。"),
                    ));
                }
                for (m, member) in sg.members.iter().enumerate() {
                    if !accounts.insert(member.account_id) {
                        errors.push(FieldError::new(
                            format!("work_groups[{g}].sub_groups[{s}].members[{m}].account_id"),
                            "repeated",
                            "同一个人只能在一个小组里。",
                        ));
                    }
                }
                let leaders = sg.members.iter().filter(|m| m.leader).count();
                if !sg.members.is_empty() && leaders != 1 {
                    errors.push(FieldError::new(
                        at("members"),
                        "leader",
                        "每个小组须指定一名组长。",
                    ));
                }
                let mut seen = std::collections::HashSet::new();
                if sg.candidate_ids.iter().any(|c| !seen.insert(*c)) {
                    errors.push(FieldError::new(
                        at("candidate_ids"),
                        "repeated",
                        "同一个候选对象在一个小组里只能分配一次。",
                    ));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A sub-group member as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub account_id: i64,
    pub username: String,
    pub display_name: String,
    pub kind: MemberKind,
    pub leader: bool,
}

/// A sub-group as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubGroup {
    pub id: i64,
    pub name: String,
    /// Leader first, then in the order set.
    pub members: Vec<Member>,
    pub candidate_ids: Vec<i64>,
}

/// A work group as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkGroup {
    pub id: i64,
    pub name: String,
    pub leader_name: String,
    pub sub_groups: Vec<SubGroup>,
}

/// A shortlisted candidate as the teams page lists it for assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateBrief {
    pub id: i64,
    pub category: Category,
    pub title: String,
    pub town: String,
}

/// `GET /api/v1/rounds/{id}/teams` (and the answer to its `PUT`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamsView {
    pub round_id: i64,
    /// False once the round is in review: nothing can change any more.
    pub editable: bool,
    pub work_groups: Vec<WorkGroup>,
    /// The round's shortlisted candidates, by category then shortlist order.
    pub candidates: Vec<CandidateBrief>,
}

// ---------------------------------------------------------------------------------
// What the phone downloads

/// A candidate as an inspector needs it on site, offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldCandidate {
    pub id: i64,
    pub category: Category,
    pub title: String,
    pub description: String,
    pub place_id: i64,
    pub place_name: String,
    pub town: String,
    pub district: District,
    /// Where the place is, when the register or a nomination knows.
    pub position: Option<GeoPoint>,
    pub cover: Option<PhotoView>,
    /// A few residents' photos of the place from this round's nominations.
    pub photos: Vec<PhotoView>,
}

/// The inspector's own sub-group, with its work group's name and leader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTeam {
    pub work_group_id: i64,
    pub work_group_name: String,
    pub work_group_leader: String,
    pub sub_group: SubGroup,
}

/// `GET /api/v1/field/bundle`: everything the field app keeps offline, in one answer —
/// the current round, the inspector's sub-group, its assigned candidates with their
/// photos, the pinned sheet versions for their categories, and the receipts of sheets
/// the server already holds from this sub-group (so a reinstalled phone knows them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldBundle {
    pub round: Option<crate::api::RoundView>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub server_time: DateTime<Utc>,
    /// Whether the server takes sheets now ([`accepts_sheets`]).
    pub accepting: bool,
    /// None when the inspector is in no sub-group of the round.
    pub team: Option<MyTeam>,
    pub candidates: Vec<FieldCandidate>,
    /// The pinned version of each category among the candidates.
    pub sheets: Vec<SheetVersion>,
    pub received: Vec<SheetReceipt>,
}

// ---------------------------------------------------------------------------------
// Sync

/// Reads a client-made id: a UUID in its 8-4-4-4-12 hex form (any version), returned in
/// lower case so one id has one spelling.
pub fn parse_client_id(field: &str, raw: &str) -> Result<String, FieldError> {
    let ok = raw.len() == 36
        && raw.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if ok {
        Ok(raw.to_ascii_lowercase())
    } else {
        Err(FieldError::new(
            field,
            "invalid_id",
            "编号格式不对（应为 UUID）。",
        ))
    }
}

/// What an inspector records for one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemScore {
    pub item_id: String,
    pub mark: Mark,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Evidence photos: the client-made ids of their uploads (`PUT …/field/uploads/{id}`),
    /// which may finish before or after the sheet arrives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photo_ids: Vec<String>,
}

/// `PUT /api/v1/rounds/{id}/field/sheets/{client_id}`: a finalised sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetSubmission {
    pub candidate_id: i64,
    /// The [`SheetVersion::id`] it was filled on: the round's pinned one.
    pub sheet_version_id: i64,
    pub scores: Vec<ItemScore>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When the inspector finalised it, by the phone's clock.
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub filled_at: DateTime<Utc>,
    /// Where, when the phone gave a position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<GeoPoint>,
    /// The client id of the sheet this one corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// A phone clock this far ahead of the server is wrong, not early.
pub const MAX_CLOCK_AHEAD: Duration = Duration::hours(24);

impl SheetSubmission {
    /// The marks as [`SheetContent::score`] takes them.
    pub fn marks(&self) -> Vec<(&str, Mark)> {
        self.scores
            .iter()
            .map(|s| (s.item_id.as_str(), s.mark))
            .collect()
    }

    /// Checks everything the body alone can tell against the version it was filled on:
    /// the marks ([`SheetContent::score`]), notes' lengths, evidence ids, the position,
    /// `replaces` (a UUID, not the sheet itself) and a `filled_at` not from the future.
    /// Returns the scored sheet. Assignment, the version in force and the phase are the
    /// server's to check.
    pub fn validate(
        &self,
        client_id: &str,
        sheet: &SheetContent,
        now: DateTime<Utc>,
    ) -> Result<ScoredSheet, Vec<FieldError>> {
        let mut errors = Vec::new();
        let scored = sheet.score(&self.marks(), "scores");
        for (i, s) in self.scores.iter().enumerate() {
            if s.note
                .as_deref()
                .is_some_and(|n| n.chars().count() > MAX_ITEM_NOTE_CHARS)
            {
                errors.push(FieldError::new(
                    format!("scores[{i}].note"),
                    "too_long",
                    format!("说明最多{MAX_ITEM_NOTE_CHARS}个字。"),
                ));
            }
            if s.photo_ids.len() > MAX_ITEM_PHOTOS {
                errors.push(FieldError::new(
                    format!("scores[{i}].photo_ids"),
                    "count",
                    format!("每项最多{MAX_ITEM_PHOTOS}张照片。"),
                ));
            }
            let mut seen = std::collections::HashSet::new();
            for (p, id) in s.photo_ids.iter().enumerate() {
                let field = format!("scores[{i}].photo_ids[{p}]");
                match parse_client_id(&field, id) {
                    Err(e) => errors.push(e),
                    Ok(id) if !seen.insert(id.clone()) => {
                        errors.push(FieldError::new(field, "repeated", "同一张照片放了两次。"))
                    }
                    Ok(_) => {}
                }
            }
        }
        if self
            .note
            .as_deref()
            .is_some_and(|n| n.chars().count() > MAX_SHEET_NOTE_CHARS)
        {
            errors.push(FieldError::new(
                "note",
                "too_long",
                format!("备注最多{MAX_SHEET_NOTE_CHARS}个字。"),
            ));
        }
        if let Some(p) = &self.location {
            if let Err(e) = p.validate("location") {
                errors.push(e);
            }
        }
        match self
            .replaces
            .as_deref()
            .map(|r| parse_client_id("replaces", r))
        {
            Some(Err(e)) => errors.push(e),
            Some(Ok(r)) if r == client_id.to_ascii_lowercase() => errors.push(FieldError::new(
                "replaces",
                "itself",
                "一张评分表不能更正它自己。",
            )),
            _ => {}
        }
        if self.filled_at > now + MAX_CLOCK_AHEAD {
            errors.push(FieldError::new(
                "filled_at",
                "future",
                "填写时间晚于现在，请检查手机的日期和时间。",
            ));
        }
        match scored {
            Ok(scored) if errors.is_empty() => Ok(scored),
            Ok(_) => Err(errors),
            Err(mut e) => {
                e.append(&mut errors);
                Err(e)
            }
        }
    }
}

/// The server's answer to a synced sheet; the same answer for the same sheet sent again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetReceipt {
    pub client_id: String,
    /// The server's record of it.
    pub sheet_id: i64,
    pub candidate_id: i64,
    /// The total the server computed (0–100).
    pub total: u32,
    pub replaces: Option<String>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub received_at: DateTime<Utc>,
}

// ---------------------------------------------------------------------------------
// Evidence photo uploads

/// `PUT /api/v1/field/uploads/{upload_id}`: announce an evidence photo. `upload_id` is
/// a UUID the phone made; announcing the same photo again is harmless.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadRequest {
    /// The whole file, in bytes (1..=10 MiB).
    pub size: u64,
    /// SHA-256 of the whole file, 64 hex digits; checked when the last byte arrives.
    pub sha256: String,
}

impl UploadRequest {
    /// The size in bounds and the hash 64 hex digits; returns the hash in lower case.
    pub fn validate(&self) -> Result<String, Vec<FieldError>> {
        let mut errors = Vec::new();
        if !(1..=MAX_EVIDENCE_BYTES).contains(&self.size) {
            errors.push(FieldError::new("size", "out_of_range", "照片须小于10 MB。"));
        }
        if self.sha256.len() != 64 || !self.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            errors.push(FieldError::new(
                "sha256",
                "invalid",
                "校验值须为64位十六进制数字。",
            ));
        }
        if errors.is_empty() {
            Ok(self.sha256.to_ascii_lowercase())
        } else {
            Err(errors)
        }
    }
}

/// Where an upload stands (`GET`, and the answer to each chunk). `HEAD` answers the same
/// `received` in the [`UPLOAD_OFFSET_HEADER`] header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadStatus {
    pub upload_id: String,
    pub size: u64,
    /// Bytes stored so far: the offset of the next chunk to send.
    pub received: u64,
    /// Set once every byte arrived, the hash matched and the photo was accepted.
    pub photo: Option<PhotoView>,
}

impl UploadStatus {
    pub fn complete(&self) -> bool {
        self.photo.is_some()
    }
}

// ---------------------------------------------------------------------------------
// The office's view

/// One item of a stored sheet, with its points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoredItem {
    pub item_id: String,
    pub mark: Mark,
    pub points: u32,
    pub note: Option<String>,
    /// Evidence that has arrived; `photo_ids` lists all the sheet named.
    pub photos: Vec<PhotoView>,
    pub photo_ids: Vec<String>,
}

/// A stored sheet as the office sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldSheet {
    pub sheet_id: i64,
    pub client_id: String,
    pub candidate_id: i64,
    pub sub_group_id: i64,
    pub sub_group_name: String,
    pub work_group_name: String,
    /// The member who synced it.
    pub submitted_by: String,
    pub sheet_version_id: i64,
    pub items: Vec<ScoredItem>,
    pub total: u32,
    pub note: Option<String>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub filled_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub received_at: DateTime<Utc>,
    pub location: Option<GeoPoint>,
    pub replaces: Option<String>,
    /// The correction that supersedes it, if one arrived; a sheet without is live.
    pub replaced_by: Option<String>,
    /// Arrived after the field scoring window closed.
    pub late: bool,
}

/// A different body sent under an id the server already held: kept, never applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetConflict {
    pub id: i64,
    pub client_id: String,
    pub submitted_by: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub received_at: DateTime<Utc>,
    pub body: SheetSubmission,
}

/// How a candidate's live sheets compare.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    /// Highest minus lowest total; none with fewer than two sheets.
    pub spread: Option<u32>,
    /// The spread is more than the margin.
    pub flagged: bool,
    /// The mean of the totals (the candidate's field score); none without sheets.
    pub mean: Option<f64>,
}

/// Compares the totals of one candidate's live sheets against `margin`.
pub fn compare(totals: &[u32], margin: u32) -> Comparison {
    let spread = match (totals.iter().max(), totals.iter().min()) {
        (Some(hi), Some(lo)) if totals.len() >= 2 => Some(hi - lo),
        _ => None,
    };
    Comparison {
        spread,
        flagged: spread.is_some_and(|s| s > margin),
        mean: (!totals.is_empty())
            .then(|| totals.iter().map(|t| f64::from(*t)).sum::<f64>() / totals.len() as f64),
    }
}

/// One candidate's sheets side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateSheets {
    pub candidate: CandidateBrief,
    /// Sub-groups it is assigned to.
    pub sub_group_ids: Vec<i64>,
    /// Live sheets (not replaced), oldest first.
    pub sheets: Vec<FieldSheet>,
    /// Sheets that a correction replaced, for the record.
    pub replaced: Vec<FieldSheet>,
    pub comparison: Comparison,
}

/// `GET /api/v1/rounds/{id}/field/consistency/{category}?margin=15`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsistencyView {
    pub round_id: i64,
    pub category: Category,
    pub margin: u32,
    /// The pinned version the sheets were filled on.
    pub sheet: Option<SheetVersion>,
    pub candidates: Vec<CandidateSheets>,
    /// Conflicting bodies kept for the office, for this category's sheets.
    pub conflicts: Vec<SheetConflict>,
}

/// Recomputes a stored sheet's items against its version (for views).
pub fn scored_items(sheet: &SheetContent, scores: &[ItemScore]) -> Vec<(ItemScore, u32)> {
    scores
        .iter()
        .map(|s| {
            let points = sheet
                .item(&s.item_id)
                .and_then(|it| item_points(it.rule, s.mark))
                .unwrap_or(0);
            (s.clone(), points)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score_sheet::{ItemRule, SheetItem, SheetSection};
    use chrono::TimeZone;

    const ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const OTHER: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    fn sheet() -> SheetContent {
        let item = |id: &str, rule| SheetItem {
            id: id.into(),
            text: "地面干净".into(),
            rule,
        };
        SheetContent {
            title: "农贸市场评分表".into(),
            sections: vec![SheetSection {
                id: "1".into(),
                title: "环境卫生".into(),
                items: vec![
                    item("a", ItemRule::Graded { max: 60 }),
                    item(
                        "b",
                        ItemRule::Deducted {
                            per_finding: 10,
                            max: 40,
                        },
                    ),
                ],
            }],
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 20, 3, 0, 0).unwrap()
    }

    fn submission() -> SheetSubmission {
        SheetSubmission {
            candidate_id: 7,
            sheet_version_id: 1,
            scores: vec![
                ItemScore {
                    item_id: "a".into(),
                    mark: Mark::Graded { points: 50 },
                    note: Some("地面基本干净".into()),
                    photo_ids: vec![OTHER.into()],
                },
                ItemScore {
                    item_id: "b".into(),
                    mark: Mark::Deducted { findings: 2 },
                    note: None,
                    photo_ids: vec![],
                },
            ],
            note: None,
            filled_at: now() - Duration::hours(2),
            location: Some(GeoPoint {
                latitude: 23.66,
                longitude: 116.63,
            }),
            replaces: None,
        }
    }

    #[test]
    fn client_ids_are_uuids_in_one_spelling() {
        assert_eq!(parse_client_id("id", ID).unwrap(), ID);
        assert_eq!(parse_client_id("id", &ID.to_uppercase()).unwrap(), ID);
        for bad in [
            "",
            "1",
            &ID[..35],
            &ID.replace('-', "x"),
            &format!("{ID}0"),
            "0f8fad5b-d9cb-469f-a165-70867728950g",
        ] {
            assert_eq!(
                parse_client_id("id", bad).unwrap_err().code,
                "invalid_id",
                "{bad}"
            );
        }
    }

    #[test]
    fn a_good_submission_is_scored() {
        let scored = submission().validate(ID, &sheet(), now()).unwrap();
        assert_eq!(scored.total, 50 + 20);
    }

    #[test]
    fn a_submission_collects_every_problem() {
        let mut s = submission();
        s.scores[0].mark = Mark::Graded { points: 61 };
        s.scores[0].photo_ids = vec![OTHER.into(), OTHER.to_uppercase(), "x".into()];
        s.scores[1].note = Some("很".repeat(MAX_ITEM_NOTE_CHARS + 1));
        s.note = Some("备".repeat(MAX_SHEET_NOTE_CHARS + 1));
        s.location = Some(GeoPoint {
            latitude: 39.9,
            longitude: 116.4,
        });
        s.replaces = Some(ID.to_uppercase());
        s.filled_at = now() + Duration::hours(25);
        let e = s.validate(ID, &sheet(), now()).unwrap_err();
        let got: Vec<(&str, &str)> = e
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("scores[0].mark", "out_of_range"),
                ("scores[0].photo_ids[1]", "repeated"),
                ("scores[0].photo_ids[2]", "invalid_id"),
                ("scores[1].note", "too_long"),
                ("note", "too_long"),
                ("location", "outside_city"),
                ("replaces", "itself"),
                ("filled_at", "future"),
            ]
        );
    }

    #[test]
    fn a_phone_clock_a_little_ahead_is_fine() {
        let mut s = submission();
        s.filled_at = now() + Duration::hours(3);
        s.replaces = Some(OTHER.into());
        assert!(s.validate(ID, &sheet(), now()).is_ok());
    }

    #[test]
    fn teams_validate_people_leaders_and_assignments() {
        let mut t = TeamsInput::skeleton(DEFAULT_WORK_GROUPS, DEFAULT_SUB_GROUPS);
        assert_eq!(t.validate(), Ok(()));
        assert_eq!(t.work_groups[4].name, "第五工作组");
        assert_eq!(t.work_groups[0].sub_groups[1].name, "第二小组");
        let m = |account_id, leader| MemberInput {
            account_id,
            kind: MemberKind::NpcDeputy,
            leader,
        };
        t.work_groups[0].sub_groups[0].members = vec![m(1, true), m(2, false)];
        t.work_groups[0].sub_groups[0].candidate_ids = vec![10, 11];
        // Candidate 10 in a second sub-group is fine; an inspector in two is not.
        t.work_groups[1].sub_groups[0].members = vec![m(3, true), m(2, false)];
        t.work_groups[1].sub_groups[0].candidate_ids = vec![10, 10];
        t.work_groups[1].sub_groups[1].members = vec![m(4, false)];
        t.work_groups[2].name = " ".into();
        let e = t.validate().unwrap_err();
        let got: Vec<(&str, &str)> = e
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "work_groups[1].sub_groups[0].members[1].account_id",
                    "repeated"
                ),
                ("work_groups[1].sub_groups[0].candidate_ids", "repeated"),
                ("work_groups[1].sub_groups[1].members", "leader"),
                ("work_groups[2].name", "length"),
            ]
        );
        assert_eq!(
            TeamsInput {
                work_groups: vec![]
            }
            .validate()
            .unwrap_err()[0]
                .code,
            "count"
        );
    }

    #[test]
    fn totals_further_apart_than_the_margin_are_flagged() {
        assert_eq!(
            compare(&[80], 15),
            Comparison {
                spread: None,
                flagged: false,
                mean: Some(80.0)
            }
        );
        assert!(
            !compare(&[80, 65], 15).flagged,
            "15 apart is within the margin"
        );
        let c = compare(&[80, 64, 70], 15);
        assert_eq!((c.spread, c.flagged), (Some(16), true));
        assert_eq!(compare(&[], 15).mean, None);
    }

    #[test]
    fn sheets_are_taken_in_field_scoring_and_review_only() {
        let open: Vec<Phase> = Phase::ALL
            .into_iter()
            .filter(|p| accepts_sheets(*p))
            .collect();
        assert_eq!(open, vec![Phase::FieldScoring, Phase::Review]);
        assert!(pins_editable(Phase::Voting) && !pins_editable(Phase::FieldScoring));
        assert!(teams_editable(Phase::FieldScoring) && !teams_editable(Phase::Review));
    }

    #[test]
    fn member_kinds_round_trip() {
        for k in MemberKind::ALL {
            assert_eq!(MemberKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        assert_eq!(MemberKind::CppccMember.label(Lang::Zh), "政协委员");
    }

    #[test]
    fn uploads_announce_size_and_hash() {
        let ok = UploadRequest {
            size: 300_000,
            sha256: "AB".repeat(32),
        };
        assert_eq!(ok.validate().unwrap(), "ab".repeat(32));
        let bad = UploadRequest {
            size: MAX_EVIDENCE_BYTES + 1,
            sha256: "xyz".into(),
        };
        assert_eq!(bad.validate().unwrap_err().len(), 2);
    }
}

// ---------------------------------------------------------------------------------
// Resolving conflicts (the office)

/// Which body the office keeps when a conflicting resend is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConflictKeep {
    /// 保留原版本: the stored sheet stays; the conflicting body is dismissed (kept on record).
    Stored,
    /// 采用新版本: the conflicting body becomes a correction of the stored sheet.
    Incoming,
}

impl ConflictKeep {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKeep::Stored => "stored",
            ConflictKeep::Incoming => "incoming",
        }
    }
}

/// A reason is required and this long at most.
pub const MAX_RESOLVE_REASON_CHARS: usize = 200;

/// `POST /api/v1/rounds/{id}/field/conflicts/{conflict_id}/resolve`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResolveConflict {
    pub keep: ConflictKeep,
    /// Why, in the office's words (2–200 characters).
    pub reason: String,
}

impl ResolveConflict {
    /// The reason, trimmed, when it is 2 to [`MAX_RESOLVE_REASON_CHARS`] characters.
    pub fn reason(&self) -> Result<String, Vec<FieldError>> {
        let reason = self.reason.trim();
        if (2..=MAX_RESOLVE_REASON_CHARS).contains(&reason.chars().count()) {
            Ok(reason.to_owned())
        } else {
            Err(vec![FieldError::new(
                "reason",
                "length",
                format!("请写明处理理由（2到{MAX_RESOLVE_REASON_CHARS}个字）。"),
            )])
        }
    }
}

/// One side of a conflict: a body, its total on the pinned version (none when it does
/// not score on it), who sent it and when it arrived.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictSide {
    pub body: SheetSubmission,
    pub total: Option<u32>,
    pub submitted_by: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub received_at: DateTime<Utc>,
}

/// One item of the sheet with the points each body gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictItem {
    pub item_id: String,
    pub text: String,
    pub stored: Option<u32>,
    pub incoming: Option<u32>,
}

/// An unresolved conflict: the stored sheet and the different body sent under its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenConflict {
    pub id: i64,
    pub client_id: String,
    pub candidate: CandidateBrief,
    pub sub_group_name: String,
    pub work_group_name: String,
    pub stored: ConflictSide,
    pub incoming: ConflictSide,
    /// Item by item, in the sheet's order.
    pub items: Vec<ConflictItem>,
    /// A correction already replaced the stored sheet: only 保留原版本 is possible.
    pub replaced_by: Option<String>,
}

/// `GET /api/v1/rounds/{id}/field/conflicts`: every unresolved conflict, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictsView {
    pub round_id: i64,
    /// False once the results are published: nothing is resolved then.
    pub resolvable: bool,
    pub conflicts: Vec<OpenConflict>,
}

/// The answer to a resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictResolved {
    pub conflict_id: i64,
    pub keep: ConflictKeep,
    pub reason: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub resolved_at: DateTime<Utc>,
    /// With 采用新版本: the correction stored from the conflicting body.
    pub receipt: Option<SheetReceipt>,
}

/// Conflicts are resolved until the results are published.
pub fn conflicts_resolvable(phase: Phase) -> bool {
    phase != Phase::Published
}

/// Both bodies' totals and their items side by side against the version they were
/// filled on (`None` when unknown: every item then shows its id and no points).
pub fn conflict_items(
    sheet: Option<&SheetContent>,
    stored: &SheetSubmission,
    incoming: &SheetSubmission,
) -> (Option<u32>, Option<u32>, Vec<ConflictItem>) {
    let total = |b: &SheetSubmission| {
        sheet
            .filter(|_| b.sheet_version_id == stored.sheet_version_id)
            .and_then(|s| s.score(&b.marks(), "scores").ok())
            .map(|s| s.total)
    };
    let points = |b: &SheetSubmission, id: &str| {
        let mark = b.scores.iter().find(|s| s.item_id == id)?.mark;
        item_points(sheet?.item(id)?.rule, mark)
    };
    let mut ids: Vec<(String, String)> = match sheet {
        Some(s) => s.items().map(|i| (i.id.clone(), i.text.clone())).collect(),
        None => Vec::new(),
    };
    for s in stored.scores.iter().chain(&incoming.scores) {
        if !ids.iter().any(|(id, _)| *id == s.item_id) {
            ids.push((s.item_id.clone(), s.item_id.clone()));
        }
    }
    let items = ids
        .into_iter()
        .map(|(item_id, text)| ConflictItem {
            stored: points(stored, &item_id),
            incoming: points(incoming, &item_id),
            item_id,
            text,
        })
        .collect();
    (total(stored), total(incoming), items)
}

#[cfg(test)]
mod conflict_tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_bounded() {
        let r = |reason: &str| ResolveConflict {
            keep: ConflictKeep::Stored,
            reason: reason.into(),
        };
        assert_eq!(
            r("  核对后以原表为准 ").reason().unwrap(),
            "核对后以原表为准"
        );
        assert_eq!(r(" 好 ").reason().unwrap_err()[0].code, "length");
        assert!(r(&"字".repeat(201)).reason().is_err());
        assert!(r(&"字".repeat(200)).reason().is_ok());
        let keep: ConflictKeep = serde_json::from_str("\"incoming\"").unwrap();
        assert_eq!(keep, ConflictKeep::Incoming);
        assert!(conflicts_resolvable(Phase::Review));
        assert!(!conflicts_resolvable(Phase::Published));
    }
}

impl TeamsInput {
    /// The input that keeps `groups` exactly as stored: what an editor starts from.
    pub fn keeping(groups: &[WorkGroup]) -> TeamsInput {
        TeamsInput {
            work_groups: groups
                .iter()
                .map(|g| WorkGroupInput {
                    id: Some(g.id),
                    name: g.name.clone(),
                    leader_name: g.leader_name.clone(),
                    sub_groups: g
                        .sub_groups
                        .iter()
                        .map(|s| SubGroupInput {
                            id: Some(s.id),
                            name: s.name.clone(),
                            members: s
                                .members
                                .iter()
                                .map(|m| MemberInput {
                                    account_id: m.account_id,
                                    kind: m.kind,
                                    leader: m.leader,
                                })
                                .collect(),
                            candidate_ids: s.candidate_ids.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
