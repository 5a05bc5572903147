//! A published version as a CSV file for the office (Excel opens it: UTF-8 with a byte
//! order mark, CRLF line ends, RFC 4180 quoting). One row per ranked candidate, every
//! category, worst first; the unscored listed after with no rank.

use crate::results::ResultsSnapshot;
use crate::scoring::{TieBreak, Tier};

/// The header row's titles.
pub const COLUMNS: [&str; 12] = [
    "类别",
    "排名",
    "名单",
    "名称",
    "地点",
    "镇（街道）",
    "得票",
    "群众投票得分",
    "现场评分",
    "评分表数",
    "综合得分",
    "同分判定",
];

/// A field quoted when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Two decimals, as the office's spreadsheets show scores.
fn number(x: f64) -> String {
    format!("{x:.2}")
}

fn tier(t: Tier) -> &'static str {
    match t {
        Tier::Worst => "最差",
        Tier::Warned => "次差",
        Tier::Other => "",
    }
}

fn tie_break(t: Option<TieBreak>) -> &'static str {
    match t {
        None => "",
        Some(TieBreak::FieldScore) => "同分，现场评分低者在前",
        Some(TieBreak::Votes) => "同分且现场评分相同，得票多者在前",
        Some(TieBreak::CandidateId) => "各项均相同，按编号",
    }
}

/// The whole file.
pub fn results_csv(s: &ResultsSnapshot) -> String {
    let mut out = String::from("\u{feff}");
    let mut row = |cells: Vec<String>| {
        let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    row(COLUMNS.iter().map(|c| (*c).to_owned()).collect());
    for c in &s.categories {
        let category = c.category.list_title(crate::Lang::Zh).to_owned();
        for l in &c.lines {
            row(vec![
                category.clone(),
                l.rank.to_string(),
                tier(l.tier).to_owned(),
                l.title.clone(),
                l.place_name.clone(),
                l.town.clone(),
                l.votes.to_string(),
                number(l.vote_score),
                number(l.field_score),
                l.sheets.to_string(),
                number(l.total),
                tie_break(l.tie_break).to_owned(),
            ]);
        }
        for id in &c.unscored {
            row(vec![
                category.clone(),
                String::new(),
                "未评分".to_owned(),
                format!("候选对象 {id}"),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "0".to_owned(),
                String::new(),
                String::new(),
            ]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_or_breaks_are_quoted() {
        assert_eq!(field("凤新综合市场"), "凤新综合市场");
        assert_eq!(field("东门,西门"), "\"东门,西门\"");
        assert_eq!(field("所谓\"新\"市场"), "\"所谓\"\"新\"\"市场\"");
        assert_eq!(field("一\n二"), "\"一\n二\"");
        assert_eq!(number(62.9), "62.90");
        assert_eq!(number(100.0), "100.00");
    }
}
