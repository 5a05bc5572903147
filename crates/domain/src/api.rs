//! The HTTP contract between app and server: endpoint paths and the JSON bodies.
//! The server's OpenAPI document is generated from these same types.

use crate::account::{DisplayName, Password, Role, Username};
use crate::error::FieldError;
use crate::phase::Phase;
use crate::round::{RoundConfig, Schedule};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Endpoint paths. The app builds URLs only from these (in its `api` module).
pub mod paths {
    pub const HEALTH: &str = "/api/v1/health";
    pub const SESSION: &str = "/api/v1/session";
    pub const CURRENT_ROUND: &str = "/api/v1/rounds/current";
    pub const ROUNDS: &str = "/api/v1/rounds";
    pub const STAFF: &str = "/api/v1/staff";
    pub const OPENAPI: &str = "/api/openapi.json";
    pub const PLACES: &str = "/api/v1/places";
    pub const PHOTOS: &str = "/api/v1/photos";
    pub const NOMINATIONS: &str = "/api/v1/nominations";
    /// Where stored photos are served (outside `/api`: long-lived caching).
    pub const MEDIA: &str = "/media";

    /// The QR code of the nomination page, as SVG, for the A4 poster.
    pub const NOMINATION_QR: &str = "/api/v1/posters/nomination-qr.svg";
    /// The residents' nomination page: where the poster's QR code leads.
    pub const NOMINATE_PAGE: &str = "/nominate";

    /// `/vote/{category}`: a category's voting page (where voting posters lead).
    pub fn vote_page(category: crate::Category) -> String {
        format!("/vote/{}", category.as_str())
    }

    /// `/api/v1/posters/vote-qr/{category}`: the QR code (SVG) of a category's voting page.
    pub fn vote_qr(category: crate::Category) -> String {
        format!("/api/v1/posters/vote-qr/{}", category.as_str())
    }

    /// `/api/v1/places/{id}`
    pub fn place(id: i64) -> String {
        format!("{PLACES}/{id}")
    }

    /// `/api/v1/places?category=…&limit=…&q=`: the search, with `q` still to append
    /// (the app encodes it; the domain does no URL encoding).
    pub fn place_search(category: crate::Category, limit: u32) -> String {
        format!("{PLACES}?category={}&limit={limit}&q=", category.as_str())
    }

    /// `/api/v1/rounds/{id}/nominations?category=…`
    pub fn round_nominations(id: i64, category: crate::Category) -> String {
        format!("{ROUNDS}/{id}/nominations?category={}", category.as_str())
    }

    /// `/api/v1/rounds/{id}`
    pub fn round(id: i64) -> String {
        format!("{ROUNDS}/{id}")
    }

    /// `/api/v1/rounds/{id}/advance`
    pub fn round_advance(id: i64) -> String {
        format!("{ROUNDS}/{id}/advance")
    }

    /// `POST`: send an SMS code to a voter's phone.
    pub const VOTING_SMS_CODE: &str = "/api/v1/voting/sms-code";
    /// `POST`: check the code; the answer sets the voter cookie.
    pub const VOTING_VERIFY: &str = "/api/v1/voting/verify";
    /// `GET`: the verified voter on this phone.
    pub const VOTING_ME: &str = "/api/v1/voting/me";

    /// `/api/v1/rounds/{id}/voting/{category}`: the voting page's data.
    pub fn voting(id: i64, category: crate::Category) -> String {
        format!("{ROUNDS}/{id}/voting/{}", category.as_str())
    }

    /// `/api/v1/rounds/{id}/ballots/{category}`: cast a ballot (`POST`); the public list
    /// once voting has closed (`GET`).
    pub fn ballots(id: i64, category: crate::Category) -> String {
        format!("{ROUNDS}/{id}/ballots/{}", category.as_str())
    }

    /// `/api/v1/rounds/{id}/ballots/{category}/mine`: the verified voter's own ballot.
    pub fn my_ballot(id: i64, category: crate::Category) -> String {
        format!("{}/mine", ballots(id, category))
    }

    /// `/api/v1/staff/{id}`
    pub fn staff_account(id: i64) -> String {
        format!("{STAFF}/{id}")
    }

    /// `/api/v1/rounds/{id}/screening/{category}`: the screening view.
    pub fn screening(id: i64, category: crate::Category) -> String {
        format!("{ROUNDS}/{id}/screening/{}", category.as_str())
    }

    /// `/api/v1/rounds/{id}/screening/{category}/{action}`, where `action` is one of
    /// [`MERGE`], [`SPLIT`] and [`REJECT`].
    pub fn screening_action(id: i64, category: crate::Category, action: &str) -> String {
        format!("{}/{action}", screening(id, category))
    }

    /// The screening actions, for [`screening_action`].
    pub const MERGE: &str = "merge";
    pub const SPLIT: &str = "split";
    pub const REJECT: &str = "reject";

    /// `/api/v1/rounds/{id}/shortlist/{category}`
    pub fn shortlist(id: i64, category: crate::Category) -> String {
        format!("{ROUNDS}/{id}/shortlist/{}", category.as_str())
    }

    /// Score sheets: `GET ?category=…` lists a category's versions; `POST` a new draft.
    pub const SHEETS: &str = "/api/v1/sheets";

    /// `/api/v1/sheets?category=…`
    pub fn sheets_of(category: crate::Category) -> String {
        format!("{SHEETS}?category={}", category.as_str())
    }

    /// `/api/v1/sheets/{id}`: one version (`GET`); edit a draft (`PUT`).
    pub fn sheet(id: i64) -> String {
        format!("{SHEETS}/{id}")
    }

    /// `/api/v1/sheets/{id}/approve` (`POST`, the office).
    pub fn sheet_approve(id: i64) -> String {
        format!("{SHEETS}/{id}/approve")
    }

    /// `/api/v1/rounds/{id}/sheets`: the versions the round pinned.
    pub fn round_sheets(id: i64) -> String {
        format!("{ROUNDS}/{id}/sheets")
    }

    /// `/api/v1/rounds/{id}/sheets/{category}`: pin an approved version (`PUT`).
    pub fn round_sheet(id: i64, category: crate::Category) -> String {
        format!("{ROUNDS}/{id}/sheets/{}", category.as_str())
    }

    /// `/api/v1/rounds/{id}/teams`: work groups, sub-groups, members and assignments.
    pub fn teams(id: i64) -> String {
        format!("{ROUNDS}/{id}/teams")
    }

    /// `GET`: everything an inspector's phone keeps offline, for the current round.
    pub const FIELD_BUNDLE: &str = "/api/v1/field/bundle";

    /// `/api/v1/rounds/{id}/field/sheets/{client_id}`: sync one finalised sheet (`PUT`).
    pub fn field_sheet(id: i64, client_id: &str) -> String {
        format!("{ROUNDS}/{id}/field/sheets/{client_id}")
    }

    /// `/api/v1/field/uploads/{upload_id}`: announce (`PUT`) or ask after (`GET`, `HEAD`)
    /// an evidence photo's upload.
    pub fn field_upload(upload_id: &str) -> String {
        format!("/api/v1/field/uploads/{upload_id}")
    }

    /// `/api/v1/field/uploads/{upload_id}/chunks/{offset}`: one piece (`PUT`, raw bytes).
    pub fn field_upload_chunk(upload_id: &str, offset: u64) -> String {
        format!("{}/chunks/{offset}", field_upload(upload_id))
    }

    /// `/api/v1/rounds/{id}/field/consistency/{category}?margin=…`: sheets side by side.
    pub fn field_consistency(id: i64, category: crate::Category, margin: u32) -> String {
        format!(
            "{ROUNDS}/{id}/field/consistency/{}?margin={margin}",
            category.as_str()
        )
    }

    /// `GET`: WeChat authorization (`snsapi_base`), which comes back to the category's
    /// voting page with this phone verified.
    pub fn wechat_start(category: crate::Category) -> String {
        format!(
            "/api/v1/voting/wechat/start?return_to={}",
            vote_page(category)
        )
    }

    /// `GET`: the WeChat JS-SDK signature for `page_url` (one of our pages, without `#…`).
    pub fn wechat_jssdk(page_url: &str) -> String {
        let mut out = String::from("/api/v1/wechat/jssdk?url=");
        for b in page_url.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// `/api/v1/rounds/{id}/fraud`: the office's panel against ballot-stuffing.
    pub fn fraud(id: i64) -> String {
        format!("{ROUNDS}/{id}/fraud")
    }

    /// `/api/v1/rounds/{id}/fraud/ballots?source=`: the ballots from one device or
    /// network, with the source still to append (the app encodes it).
    pub fn fraud_ballots(id: i64) -> String {
        format!("{ROUNDS}/{id}/fraud/ballots?source=")
    }

    /// `/api/v1/rounds/{id}/ballots/void`: void one ballot, with a reason.
    pub fn void_ballot(id: i64) -> String {
        format!("{ROUNDS}/{id}/ballots/void")
    }

    /// `/api/v1/rounds/{id}/field/conflicts`: the unresolved conflicting resends.
    pub fn field_conflicts(id: i64) -> String {
        format!("{ROUNDS}/{id}/field/conflicts")
    }

    /// `/api/v1/rounds/{id}/field/conflicts/{conflict_id}/resolve` (`POST`).
    pub fn field_conflict_resolve(id: i64, conflict_id: i64) -> String {
        format!("{ROUNDS}/{id}/field/conflicts/{conflict_id}/resolve")
    }

    /// `GET`: rounds with published results, newest first (the public archive).
    pub const RESULTS: &str = "/api/v1/results";

    /// `/api/v1/rounds/{id}/results`: the latest published version (public).
    pub fn results(id: i64) -> String {
        format!("{ROUNDS}/{id}/results")
    }

    /// `/api/v1/rounds/{id}/results/versions/{n}`: one published version (public).
    pub fn results_version(id: i64, version: u32) -> String {
        format!("{ROUNDS}/{id}/results/versions/{version}")
    }

    /// `/api/v1/rounds/{id}/results/preview`: the ranking from the data as it is now.
    pub fn results_preview(id: i64) -> String {
        format!("{ROUNDS}/{id}/results/preview")
    }

    /// `/api/v1/rounds/{id}/results/exclusions`: exclude a sheet or a ballot (`POST`).
    pub fn results_exclusions(id: i64) -> String {
        format!("{ROUNDS}/{id}/results/exclusions")
    }

    /// `/api/v1/rounds/{id}/results/exclusions/{exclusion_id}`: withdraw one (`DELETE`).
    pub fn results_exclusion(id: i64, exclusion_id: i64) -> String {
        format!("{ROUNDS}/{id}/results/exclusions/{exclusion_id}")
    }

    /// `/api/v1/rounds/{id}/results/publish` (`POST`, in review).
    pub fn results_publish(id: i64) -> String {
        format!("{ROUNDS}/{id}/results/publish")
    }

    /// `/api/v1/rounds/{id}/results/corrections` (`POST`, after publication).
    pub fn results_corrections(id: i64) -> String {
        format!("{ROUNDS}/{id}/results/corrections")
    }

    /// `/api/v1/rounds/{id}/open-data`: the latest version's open data (public).
    pub fn open_data(id: i64) -> String {
        format!("{ROUNDS}/{id}/open-data")
    }

    /// `/api/v1/rounds/{id}/results/export.csv`: a published version as CSV (admin).
    pub fn results_csv(id: i64) -> String {
        format!("{ROUNDS}/{id}/results/export.csv")
    }

    /// `/api/v1/rounds/{id}/accountability`: the round's named places and towns with
    /// their streaks (public).
    pub fn round_accountability(id: i64) -> String {
        format!("{ROUNDS}/{id}/accountability")
    }

    /// `/api/v1/rounds/{id}/results/card.png`: the results' share card image (public).
    pub fn results_card(id: i64) -> String {
        format!("{ROUNDS}/{id}/results/card.png")
    }

    /// `GET`: the escalations standing now, with their histories (admin).
    pub const ACCOUNTABILITY: &str = "/api/v1/accountability";

    /// `/api/v1/places/{id}/history`: a place's published rounds (public).
    pub fn place_history(id: i64) -> String {
        format!("{PLACES}/{id}/history")
    }

    /// `/api/v1/rounds/{id}/results/export.xlsx`: a published version as XLSX (admin).
    pub fn results_xlsx(id: i64) -> String {
        format!("{ROUNDS}/{id}/results/export.xlsx")
    }

    /// `/api/v1/rectifications`: the rectification tasks the caller may see
    /// (`?round=&status=&overdue=true`).
    pub const RECTIFICATIONS: &str = "/api/v1/rectifications";

    /// `/api/v1/rectifications/summary`: only the counts (admins all; a lead department
    /// its category's) — the office home's panel.
    pub const RECTIFICATIONS_SUMMARY: &str = "/api/v1/rectifications/summary";

    /// `/api/v1/rectifications/{id}`, or one of its actions: `submissions`, `verify`,
    /// `return`, `acknowledge`.
    pub fn rectification(id: i64, action: Option<&str>) -> String {
        match action {
            Some(a) => format!("{RECTIFICATIONS}/{id}/{a}"),
            None => format!("{RECTIFICATIONS}/{id}"),
        }
    }
}

/// The header carrying the app's per-device random id, for rate limits on public writes.
pub const DEVICE_HEADER: &str = "x-device-id";

/// The header a cookie-authenticated write must carry, holding the session's CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// `GET /api/v1/health`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    pub status: String,
    pub version: String,
}

/// `POST /api/v1/session`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// A staff account as shown to admins and to its owner. Never carries the password hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub created_at: DateTime<Utc>,
}

/// The signed-in account and the CSRF token to send with writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionResponse {
    pub account: StaffAccount,
    pub csrf_token: String,
}

/// `POST /api/v1/staff`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateStaffRequest {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
}

/// A staff account's fields after parsing.
#[derive(Debug)]
pub struct NewStaff {
    pub username: Username,
    pub display_name: DisplayName,
    pub role: Role,
    pub password: Password,
}

impl CreateStaffRequest {
    /// Parses every field, collecting all problems at once.
    pub fn parse(&self) -> Result<NewStaff, Vec<FieldError>> {
        let username = Username::parse(&self.username);
        let display_name = DisplayName::parse(&self.display_name);
        let password = Password::parse(&self.password);
        match (username, display_name, password) {
            (Ok(username), Ok(display_name), Ok(password)) => Ok(NewStaff {
                username,
                display_name,
                role: self.role,
                password,
            }),
            (u, d, p) => Err([u.err(), d.err(), p.err()].into_iter().flatten().collect()),
        }
    }
}

/// `PATCH /api/v1/staff/{id}`: only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateStaffRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// A new password; signs the account out everywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// The parsed changes of an [`UpdateStaffRequest`].
#[derive(Debug, Default)]
pub struct StaffChanges {
    pub display_name: Option<DisplayName>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub password: Option<Password>,
}

impl UpdateStaffRequest {
    pub fn parse(&self) -> Result<StaffChanges, Vec<FieldError>> {
        let mut errors = Vec::new();
        let display_name = match self.display_name.as_deref().map(DisplayName::parse) {
            Some(Err(e)) => {
                errors.push(e);
                None
            }
            other => other.and_then(Result::ok),
        };
        let password = match self.password.as_deref().map(Password::parse) {
            Some(Err(e)) => {
                errors.push(e);
                None
            }
            other => other.and_then(Result::ok),
        };
        if errors.is_empty() {
            Ok(StaffChanges {
                display_name,
                role: self.role,
                active: self.active,
                password,
            })
        } else {
            Err(errors)
        }
    }
}

/// `GET /api/v1/staff`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffList {
    pub accounts: Vec<StaffAccount>,
}

/// A round as everyone sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundView {
    pub id: i64,
    pub name: String,
    pub phase: Phase,
    pub schedule: Schedule,
    pub config: RoundConfig,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub updated_at: DateTime<Utc>,
}

/// `GET /api/v1/rounds/current`: the latest round, if any, and the server's clock so the
/// app's countdown does not trust the phone's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentRoundResponse {
    pub round: Option<RoundView>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub server_time: DateTime<Utc>,
}

/// `GET /api/v1/rounds`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundList {
    pub rounds: Vec<RoundView>,
}

/// `POST /api/v1/rounds/{id}/advance`: the phase the caller saw, so a double tap or two
/// admins at once cannot skip a phase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdvanceRequest {
    pub from: Phase,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;

    #[test]
    fn wechat_paths() {
        assert_eq!(
            paths::wechat_start(Category::Market),
            "/api/v1/voting/wechat/start?return_to=/vote/market"
        );
        assert_eq!(
            paths::wechat_jssdk("https://px.example.cn/vote/market?from=群 a&b=1"),
            "/api/v1/wechat/jssdk?url=https%3A%2F%2Fpx.example.cn%2Fvote%2Fmarket%3Ffrom%3D%E7%BE%A4%20a%26b%3D1"
        );
    }

    #[test]
    fn create_staff_collects_every_problem() {
        let req = CreateStaffRequest {
            username: "x".into(),
            display_name: "".into(),
            role: Role::Inspector,
            password: "short".into(),
        };
        let fields: Vec<String> = req
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["username", "display_name", "password"]);
        let ok = CreateStaffRequest {
            username: "Chen.Market".into(),
            display_name: "陈工".into(),
            role: Role::Department {
                category: Category::Market,
            },
            password: "a-long-password".into(),
        };
        assert_eq!(ok.parse().unwrap().username.as_str(), "chen.market");
    }

    #[test]
    fn update_staff_parses_only_present_fields() {
        let empty = UpdateStaffRequest::default().parse().unwrap();
        assert!(empty.display_name.is_none() && empty.password.is_none());
        let bad = UpdateStaffRequest {
            password: Some("x".into()),
            ..Default::default()
        };
        assert_eq!(bad.parse().unwrap_err()[0].field, "password");
    }

    #[test]
    fn paths() {
        assert_eq!(paths::round_advance(7), "/api/v1/rounds/7/advance");
        assert_eq!(paths::staff_account(3), "/api/v1/staff/3");
    }
}

/// `GET /api/v1/places?category=…&q=…`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceList {
    pub places: Vec<crate::place::Place>,
}
