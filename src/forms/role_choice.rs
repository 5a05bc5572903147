//! The roles an admin can give an account, as options of a `<select>`. A town account
//! (`Role::Town`) is the option [`TOWN`] plus a town picked beside it.

use pingxuan_domain::lang::Label;
use pingxuan_domain::{Category, Lang, Role};

/// Every role in the order the picker lists them: admin, the four lead departments,
/// inspector.
pub fn choices() -> Vec<Role> {
    let mut roles = vec![Role::Admin];
    roles.extend(Category::ALL.map(|category| Role::Department { category }));
    roles.push(Role::Inspector);
    roles
}

/// The option's value for 镇（街道）整改: not a whole role until a town is picked.
pub const TOWN: &str = "town";

/// The option's value, e.g. `department:market`.
pub fn key(role: Role) -> String {
    match role.category() {
        Some(c) => format!("{}:{}", role.kind(), c.as_str()),
        None => role.kind().to_owned(),
    }
}

/// The role for an option's value.
pub fn from_key(key: &str) -> Option<Role> {
    let (kind, category) = match key.split_once(':') {
        Some((k, c)) => (k, Some(c)),
        None => (key, None),
    };
    Role::from_parts(kind, category)
}

/// The option's text: the domain's name for the role, e.g. 市市场监管局 for the
/// department that leads the farmers' markets.
pub fn option_label(role: Role, lang: Lang) -> &'static str {
    role.label(lang)
}
