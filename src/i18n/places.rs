//! Words of the place register page (/staff/places): Chinese first, English second.

use super::Text;
use pingxuan_domain::Lang;

/// A piece of text on the place register page (/staff/places).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacesMsg {
    Title,
    Intro,
    OwnCategory,
    AddPlace,
    AddTitle,
    EditTitle,
    Edit,
    Category,
    Position,
    PositionHint,
    Latitude,
    Longitude,
    ClearPosition,
    Located,
    NotLocated,
    SavePlace,
    InvalidNumber,
    BothCoordinates,
    EmptyRegister,
    EmptyRegisterHint,
    JustChanged,
    NeedSignInHint,
    NoPermissionHint,
}

impl Text for PlacesMsg {
    fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            PlacesMsg::Title => ("地点库", "Place register"),
            PlacesMsg::Intro => (
                "市民推荐时从这里搜索地点。名称请写全，例如“彩塘镇金砂村”。",
                "Residents pick places from this register when they nominate. Write names in full, e.g. 彩塘镇金砂村.",
            ),
            PlacesMsg::OwnCategory => ("本部门负责：", "Your department keeps: "),
            PlacesMsg::AddPlace => ("添加地点", "Add a place"),
            PlacesMsg::AddTitle => ("添加新地点", "New place"),
            PlacesMsg::EditTitle => ("修改地点", "Edit the place"),
            PlacesMsg::Edit => ("修改", "Edit"),
            PlacesMsg::Category => ("类别", "Category"),
            PlacesMsg::Position => ("位置（选填）", "Location (optional)"),
            PlacesMsg::PositionHint => (
                "在现场时可以用手机定位；不在现场，可以从地图上抄下纬度和经度。",
                "On site, use the phone's location; otherwise copy the latitude and longitude from a map.",
            ),
            PlacesMsg::Latitude => ("纬度", "Latitude"),
            PlacesMsg::Longitude => ("经度", "Longitude"),
            PlacesMsg::ClearPosition => ("清除位置", "Clear the location"),
            PlacesMsg::Located => ("已定位", "Located"),
            PlacesMsg::NotLocated => ("未定位", "No location"),
            PlacesMsg::SavePlace => ("保存地点", "Save the place"),
            PlacesMsg::InvalidNumber => (
                "请填写数字，例如 23.6612。",
                "Enter a number, e.g. 23.6612.",
            ),
            PlacesMsg::BothCoordinates => (
                "纬度和经度要一起填写。",
                "Fill in both the latitude and the longitude.",
            ),
            PlacesMsg::EmptyRegister => ("这一类还没有地点", "No places in this category yet"),
            PlacesMsg::EmptyRegisterHint => (
                "添加的地点，市民推荐时就能搜索到。",
                "Places added here can be found by residents when they nominate.",
            ),
            PlacesMsg::JustChanged => ("刚刚保存", "Just saved"),
            PlacesMsg::NeedSignInHint => (
                "地点库供市创卫办和各牵头部门使用，请先登录。",
                "The place register is for the campaign office and the lead departments. Please sign in first.",
            ),
            PlacesMsg::NoPermissionHint => (
                "地点库由市创卫办和各牵头部门维护。如需帮助，请联系市创卫办。",
                "The campaign office and the lead departments keep the register. Contact the office if you need help.",
            ),
        };
        lang.pick(zh, en)
    }
}

/// The line above the list: how many places it shows, and whether there are more.
pub fn list_summary(lang: Lang, shown: usize, limit: usize, searching: bool) -> String {
    match (lang, shown >= limit, searching) {
        (Lang::Zh, false, false) => format!("共 {shown} 个地点"),
        (Lang::Zh, false, true) => format!("找到 {shown} 个地点"),
        (Lang::Zh, true, false) => format!("先列出前 {shown} 个，输入名称或镇名可以查找其他地点。"),
        (Lang::Zh, true, true) => {
            format!("找到的不止 {shown} 个，只列出前 {shown} 个，请多输入几个字。")
        }
        (Lang::En, false, false) => format!("{shown} places"),
        (Lang::En, false, true) => format!("{shown} places found"),
        (Lang::En, true, false) => {
            format!("The first {shown} places; type a name or a town to find others.")
        }
        (Lang::En, true, true) => {
            format!("More than {shown} found; showing {shown}. Type a few more characters.")
        }
    }
}

/// When a search finds nothing.
pub fn no_match(lang: Lang, query: &str) -> String {
    match lang {
        Lang::Zh => format!("没有找到“{query}”。可以换个词，或者添加这个地点。"),
        Lang::En => format!("Nothing found for “{query}”. Try other words, or add the place."),
    }
}

/// The button under "nothing found" that starts a new place with the text searched for.
pub fn add_named(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("添加新地点“{name}”"),
        Lang::En => format!("Add “{name}” as a new place"),
    }
}

/// The confirmation after a place was added (`added`) or changed.
pub fn saved_place(lang: Lang, name: &str, added: bool) -> String {
    match (lang, added) {
        (Lang::Zh, true) => format!("已添加「{name}」，市民推荐时可以搜索到了。"),
        (Lang::Zh, false) => format!("已保存「{name}」的修改。"),
        (Lang::En, true) => format!("Added “{name}”; residents can now find it."),
        (Lang::En, false) => format!("Saved the changes to “{name}”."),
    }
}

/// The edit button's accessible name: "修改 彩塘镇金砂村".
pub fn edit_label(lang: Lang, name: &str) -> String {
    format!("{} {name}", PlacesMsg::Edit.text(lang))
}
