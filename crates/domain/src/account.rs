//! Staff accounts: roles, and the parsed newtypes for user names, display names and
//! passwords ("parse, don't validate").

use crate::category::Category;
use crate::error::FieldError;
use crate::lang::{Label, Lang};
use crate::region::Town;
use serde::{Deserialize, Serialize};

/// What a staff account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Role {
    /// 创卫办: configures rounds, manages accounts, publishes results.
    Admin,
    /// Staff of the lead department of one category: screens nominations, writes sheets.
    Department { category: Category },
    /// A member of an inspection sub-group: scores on site (teams come with field scoring).
    Inspector,
    /// A town's (镇、街道) official: rectifies the town's named places (整改).
    Town { town: Town },
}

impl Role {
    pub fn is_admin(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// The role's kind as stored in the database.
    pub fn kind(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Department { .. } => "department",
            Role::Inspector => "inspector",
            Role::Town { .. } => "town",
        }
    }

    /// Rebuilds a role from its stored kind and category.
    pub fn from_parts(kind: &str, category: Option<&str>) -> Option<Role> {
        match (kind, category) {
            ("admin", None) => Some(Role::Admin),
            ("inspector", None) => Some(Role::Inspector),
            ("department", Some(c)) => {
                Category::parse(c).map(|category| Role::Department { category })
            }
            _ => None,
        }
    }

    /// Rebuilds any role, a town's too, from its stored kind, category and town.
    pub fn from_stored(kind: &str, category: Option<&str>, town: Option<&str>) -> Option<Role> {
        match (kind, town) {
            ("town", Some(t)) if category.is_none() => {
                Town::parse(t).map(|town| Role::Town { town })
            }
            (_, None) => Role::from_parts(kind, category),
            _ => None,
        }
    }

    /// The town a town account answers for.
    pub fn town(self) -> Option<Town> {
        match self {
            Role::Town { town } => Some(town),
            _ => None,
        }
    }

    pub fn category(self) -> Option<Category> {
        match self {
            Role::Department { category } => Some(category),
            _ => None,
        }
    }
}

impl Label for Role {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Role::Admin => lang.pick("创卫办管理员", "Campaign office admin"),
            Role::Department { category } => category.lead_department(lang),
            Role::Inspector => lang.pick("现场评分员", "Inspector"),
            Role::Town { town } => town.name(),
        }
    }
}

/// A login name: 3–32 of `a-z 0-9 _ . -`, starting with a letter; stored lower-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Username, FieldError> {
        let s = raw.trim().to_ascii_lowercase();
        let err = |code: &str, msg: &str| FieldError::new("username", code, msg);
        let n = s.chars().count();
        if n < 3 {
            return Err(err("too_short", "用户名至少3个字符。"));
        }
        if n > 32 {
            return Err(err("too_long", "用户名最多32个字符。"));
        }
        if !s.starts_with(|c: char| c.is_ascii_lowercase())
            || !s
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c))
        {
            return Err(err(
                "invalid_chars",
                "用户名以字母开头，只能用字母、数字和 _ . -。",
            ));
        }
        Ok(Username(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown to colleagues: 1–40 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<DisplayName, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError::new("display_name", "required", "请填写姓名。"));
        }
        if s.chars().count() > 40 {
            return Err(FieldError::new(
                "display_name",
                "too_long",
                "姓名最多40个字。",
            ));
        }
        if s.chars().any(char::is_control) {
            return Err(FieldError::new(
                "display_name",
                "invalid_chars",
                "姓名里有不能使用的字符。",
            ));
        }
        Ok(DisplayName(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 10–128 characters, not all one kind of character.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub const MIN_CHARS: usize = 10;

    pub fn parse(raw: &str) -> Result<Password, FieldError> {
        let n = raw.chars().count();
        let err = |code: &str, msg: &str| FieldError::new("password", code, msg);
        if n < Self::MIN_CHARS {
            return Err(err("too_short", "密码至少10个字符。"));
        }
        if n > 128 {
            return Err(err("too_long", "密码最多128个字符。"));
        }
        let first = raw.chars().next().expect("non-empty");
        if raw.chars().all(|c| c == first) {
            return Err(err("too_simple", "密码太简单了。"));
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(Username::parse(" Admin ").unwrap().as_str(), "admin");
        for (raw, code) in [
            ("ab", "too_short"),
            ("1abc", "invalid_chars"),
            ("张三abc", "invalid_chars"),
            ("a b c", "invalid_chars"),
        ] {
            assert_eq!(Username::parse(raw).unwrap_err().code, code, "{raw}");
        }
        assert_eq!(
            Username::parse(&"a".repeat(33)).unwrap_err().code,
            "too_long"
        );
    }

    #[test]
    fn passwords_and_names() {
        assert_eq!(Password::parse("short").unwrap_err().code, "too_short");
        assert_eq!(
            Password::parse("aaaaaaaaaaaa").unwrap_err().code,
            "too_simple"
        );
        assert!(Password::parse("潮州创卫2026年好").is_ok());
        assert_eq!(
            format!("{:?}", Password::parse("secret-secret").unwrap()),
            "Password(***)"
        );
        assert_eq!(DisplayName::parse("  ").unwrap_err().code, "required");
        assert_eq!(DisplayName::parse(" 陈小明 ").unwrap().as_str(), "陈小明");
    }

    #[test]
    fn roles_round_trip_through_storage_and_json() {
        let roles = [
            Role::Admin,
            Role::Inspector,
            Role::Department {
                category: Category::Market,
            },
        ];
        for r in roles {
            assert_eq!(
                Role::from_parts(r.kind(), r.category().map(|c| c.as_str())),
                Some(r)
            );
        }
        assert_eq!(
            serde_json::to_value(Role::Department {
                category: Category::Road
            })
            .unwrap(),
            serde_json::json!({"kind": "department", "category": "road"})
        );
        assert_eq!(Role::from_parts("department", None), None);
        assert_eq!(Role::from_parts("root", None), None);
        let town = Role::Town {
            town: Town::parse("浮洋镇").unwrap(),
        };
        assert_eq!(
            Role::from_stored(town.kind(), None, town.town().map(|t| t.name())),
            Some(town)
        );
        assert_eq!(
            serde_json::to_value(town).unwrap(),
            serde_json::json!({"kind": "town", "town": "浮洋镇"})
        );
        assert_eq!(Role::from_stored("town", None, None), None);
        assert_eq!(Role::from_stored("town", None, Some("火星镇")), None);
        assert_eq!(Role::from_stored("inspector", None, Some("浮洋镇")), None);
        assert_eq!(Role::from_stored("admin", None, None), Some(Role::Admin));
        assert!(serde_json::from_value::<Role>(serde_json::json!({"kind": "town"})).is_err());
    }
}
