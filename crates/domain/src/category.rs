//! The four categories of the selection, each led by one department (牵头部门).

use crate::lang::{Label, Lang};
use serde::{Deserialize, Serialize};

/// One of the four "tens": villages, rural ditches, rural roads, farmers' markets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Village,
    Ditch,
    Road,
    Market,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Village,
        Category::Ditch,
        Category::Road,
        Category::Market,
    ];

    /// Stable identifier used in URLs and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Village => "village",
            Category::Ditch => "ditch",
            Category::Road => "road",
            Category::Market => "market",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The title of the list this category produces, e.g. 十个最差乡村.
    pub fn list_title(self, lang: Lang) -> &'static str {
        match self {
            Category::Village => lang.pick("十个最差乡村", "Ten worst villages"),
            Category::Ditch => lang.pick("十条最差乡村沟渠", "Ten worst rural ditches"),
            Category::Road => lang.pick("十条最差乡村道路", "Ten worst rural roads"),
            Category::Market => lang.pick("十个最差农贸市场", "Ten worst farmers' markets"),
        }
    }

    /// The lead department that screens and scores this category.
    pub fn lead_department(self, lang: Lang) -> &'static str {
        match self {
            Category::Village => lang.pick("市农业农村局", "Agriculture & Rural Affairs Bureau"),
            Category::Ditch => lang.pick("市水务局", "Water Affairs Bureau"),
            Category::Road => lang.pick("市交通运输局", "Transport Bureau"),
            Category::Market => lang.pick("市市场监管局", "Market Regulation Bureau"),
        }
    }
}

impl Label for Category {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Category::Village => lang.pick("乡村", "Villages"),
            Category::Ditch => lang.pick("乡村沟渠", "Rural ditches"),
            Category::Road => lang.pick("乡村道路", "Rural roads"),
            Category::Market => lang.pick("农贸市场", "Farmers' markets"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_round_trip_and_serde_agrees() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
        assert_eq!(Category::parse("villages"), None);
    }

    #[test]
    fn each_category_has_its_department() {
        assert_eq!(Category::Market.lead_department(Lang::Zh), "市市场监管局");
        assert_eq!(Category::Ditch.lead_department(Lang::Zh), "市水务局");
    }
}
