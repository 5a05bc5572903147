//! A published version as rows for the office's exports (the server also writes them
//! as XLSX), and as a CSV file (Excel opens it: UTF-8 with a byte
//! order mark, CRLF line ends, RFC 4180 quoting). One row per ranked candidate, every
//! category, worst first; the unscored listed after with no rank.

use crate::results::{CategoryResults, ResultsSnapshot};
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

/// One cell of the export: the CSV writes each as text, a spreadsheet keeps numbers as
/// numbers (so the office can sort and sum them).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u64),
    /// A score, shown with two decimals.
    Score(f64),
    Empty,
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Score(x) => number(*x),
            Cell::Empty => String::new(),
        }
    }
}

/// One category's rows under [`COLUMNS`]: ranked candidates worst first, then the
/// unscored with no rank.
pub fn category_rows(c: &CategoryResults) -> Vec<Vec<Cell>> {
    let category = c.category.list_title(crate::Lang::Zh).to_owned();
    let text = |s: &str| Cell::Text(s.to_owned());
    let mut rows: Vec<Vec<Cell>> = c
        .lines
        .iter()
        .map(|l| {
            vec![
                text(&category),
                Cell::Count(l.rank.into()),
                text(tier(l.tier)),
                text(&l.title),
                text(&l.place_name),
                text(&l.town),
                Cell::Count(l.votes),
                Cell::Score(l.vote_score),
                Cell::Score(l.field_score),
                Cell::Count(l.sheets.into()),
                Cell::Score(l.total),
                text(tie_break(l.tie_break)),
            ]
        })
        .collect();
    rows.extend(c.unscored.iter().map(|id| {
        let mut row = vec![
            text(&category),
            Cell::Empty,
            text("未评分"),
            Cell::Text(format!("候选对象 {id}")),
        ];
        row.extend([
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
        row.extend([Cell::Count(0), Cell::Empty, Cell::Empty]);
        row
    }));
    rows
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
        for cells in category_rows(c) {
            row(cells.iter().map(Cell::text).collect());
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

    #[test]
    fn every_row_has_every_column_and_numbers_stay_numbers() {
        use crate::results::{CategoryResults, ResultLine};
        use crate::Category;
        let line = ResultLine {
            candidate_id: 3,
            title: "东门市场".into(),
            place_name: "东门".into(),
            town: "黄冈镇".into(),
            cover_url: None,
            votes: 12,
            vote_score: 40.0,
            field_score: 62.5,
            sheets: 2,
            total: 53.5,
            rank: 1,
            tier: Tier::Worst,
            tie_break: Some(TieBreak::Votes),
        };
        let c = CategoryResults {
            category: Category::Market,
            lines: vec![line],
            unscored: vec![9],
            ballots: 12,
        };
        let rows = category_rows(&c);
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.len() == COLUMNS.len()));
        assert_eq!(rows[0][1], Cell::Count(1));
        assert_eq!(rows[0][6], Cell::Count(12));
        assert_eq!(rows[0][8], Cell::Score(62.5));
        assert_eq!(rows[0][11].text(), "同分且现场评分相同，得票多者在前");
        assert_eq!(rows[1][1], Cell::Empty);
        assert_eq!(rows[1][2].text(), "未评分");
        assert_eq!(rows[1][9], Cell::Count(0));
    }
}
