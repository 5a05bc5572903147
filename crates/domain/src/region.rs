//! Chaozhou's county and districts (一县三区) and their towns — the units named and held
//! to account. The demo seed and validation use this list; a deployment's register of
//! places (a later issue) refers to these towns.

use crate::lang::{Label, Lang};
use serde::{Deserialize, Serialize};

/// A county-level unit of Chaozhou.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum District {
    Xiangqiao,
    Chaoan,
    Raoping,
    Fengxi,
}

impl District {
    pub const ALL: [District; 4] = [
        District::Xiangqiao,
        District::Chaoan,
        District::Raoping,
        District::Fengxi,
    ];

    /// The towns and subdistricts (镇、街道) of this district.
    pub fn towns(self) -> &'static [&'static str] {
        match self {
            District::Xiangqiao => &[
                "太平街道",
                "西湖街道",
                "西新街道",
                "城西街道",
                "凤新街道",
                "湘桥街道",
                "桥东街道",
                "意溪镇",
                "磷溪镇",
                "官塘镇",
                "铁铺镇",
            ],
            District::Chaoan => &[
                "庵埠镇",
                "彩塘镇",
                "金石镇",
                "浮洋镇",
                "龙湖镇",
                "东凤镇",
                "沙溪镇",
                "古巷镇",
                "登塘镇",
                "凤塘镇",
                "江东镇",
                "归湖镇",
                "文祠镇",
                "凤凰镇",
                "赤凤镇",
            ],
            District::Raoping => &[
                "黄冈镇",
                "钱东镇",
                "浮滨镇",
                "新圩镇",
                "三饶镇",
                "汤溪镇",
                "联饶镇",
                "樟溪镇",
                "浮山镇",
                "东山镇",
                "新丰镇",
                "建饶镇",
                "上饶镇",
                "饶洋镇",
                "所城镇",
                "海山镇",
                "汫洲镇",
                "大埕镇",
                "柘林镇",
                "高堂镇",
                "坪溪镇",
            ],
            District::Fengxi => &["枫溪镇", "池湖", "蔡陇"],
        }
    }

    /// The district a town belongs to, if it is one of Chaozhou's.
    pub fn of_town(town: &str) -> Option<District> {
        District::ALL
            .into_iter()
            .find(|d| d.towns().contains(&town))
    }
}

impl Label for District {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            District::Xiangqiao => lang.pick("湘桥区", "Xiangqiao District"),
            District::Chaoan => lang.pick("潮安区", "Chao'an District"),
            District::Raoping => lang.pick("饶平县", "Raoping County"),
            District::Fengxi => lang.pick("枫溪区", "Fengxi District"),
        }
    }
}

/// One of Chaozhou's towns (镇、街道), known to [`District::towns`]: the unit a town
/// account answers for. Only names on the list parse, so an account can never name a
/// town that does not exist; JSON carries the name itself, e.g. `"浮洋镇"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "浮洋镇"))]
pub struct Town(&'static str);

impl Town {
    /// The town of this name, if it is one of Chaozhou's.
    pub fn parse(name: &str) -> Option<Town> {
        let name = name.trim();
        District::ALL
            .into_iter()
            .flat_map(|d| d.towns().iter())
            .find(|t| **t == name)
            .map(|t| Town(t))
    }

    pub fn name(self) -> &'static str {
        self.0
    }

    /// The district the town belongs to.
    pub fn district(self) -> District {
        District::of_town(self.0).expect("a parsed town is in a district")
    }
}

impl Serialize for Town {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Town {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Town, D::Error> {
        let name = String::deserialize(d)?;
        Town::parse(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown town {name:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_are_unique_and_found_in_their_district() {
        let mut all: Vec<&str> = District::ALL
            .iter()
            .flat_map(|d| d.towns())
            .copied()
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "a town is listed twice");
        assert_eq!(District::of_town("黄冈镇"), Some(District::Raoping));
        assert_eq!(District::of_town("枫溪镇"), Some(District::Fengxi));
        assert_eq!(District::of_town("北京"), None);
    }

    #[test]
    fn towns_parse_only_from_the_list_and_round_trip_as_their_name() {
        let t = Town::parse(" 浮洋镇 ").unwrap();
        assert_eq!(t.name(), "浮洋镇");
        assert_eq!(t.district(), District::Chaoan);
        assert_eq!(Town::parse("不存在镇"), None);
        assert_eq!(
            serde_json::to_value(t).unwrap(),
            serde_json::json!("浮洋镇")
        );
        let back: Town = serde_json::from_value(serde_json::json!("黄冈镇")).unwrap();
        assert_eq!(back.district(), District::Raoping);
        assert!(serde_json::from_value::<Town>(serde_json::json!("火星镇")).is_err());
    }
}
