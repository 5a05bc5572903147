//! A score sheet being written by its department: sections and items as typed (numbers
//! as the text in their boxes), with stable keys so the page can move rows without
//! rebuilding them, and one level of undo for a removed section or item. It becomes the
//! domain's [`SheetContent`] with ids numbered by position (`1`, `1.1`, …), and its
//! problems are the domain's own [`SheetContent::validate`] — the same check the server
//! runs — at the same field paths, plus "not a number" for a box that does not parse.

use pingxuan_domain::score_sheet::{
    ItemRule, SheetContent, SheetItem, SheetSection, MAX_ITEMS_PER_SECTION, MAX_SECTIONS,
};
use pingxuan_domain::FieldError;

/// How an item is scored, as chosen in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// 打分: 0..=max.
    Graded,
    /// 扣分: points off per finding, floored at 0.
    Deducted,
}

/// One item as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditItem {
    /// Stable while the sheet is edited (not saved).
    pub key: u32,
    pub text: String,
    pub kind: ItemKind,
    /// The item's maximum points, as typed.
    pub max: String,
    /// Points off per finding (deducted items), as typed.
    pub per_finding: String,
}

/// One section as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditSection {
    pub key: u32,
    pub title: String,
    pub items: Vec<EditItem>,
}

/// What the last removal took away, so 撤销 can put it back where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removed {
    Section {
        at: usize,
        section: EditSection,
    },
    Item {
        section_key: u32,
        at: usize,
        item: EditItem,
    },
}

/// Which way a row moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

/// The sheet in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SheetEditor {
    pub title: String,
    pub sections: Vec<EditSection>,
    /// The last removal, until it is undone or something else is removed.
    pub removed: Option<Removed>,
    next_key: u32,
}

fn number(n: u32) -> String {
    n.to_string()
}

/// A box's number: digits only (no sign, no decimals), else `None`.
fn parse_points(s: &str) -> Option<u32> {
    let s = s.trim();
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn swap(len: usize, at: usize, dir: Move) -> Option<(usize, usize)> {
    match dir {
        Move::Up if at > 0 && at < len => Some((at - 1, at)),
        Move::Down if at + 1 < len => Some((at, at + 1)),
        _ => None,
    }
}

impl SheetEditor {
    /// A blank sheet: one empty section with one empty graded item.
    pub fn blank() -> SheetEditor {
        let mut editor = SheetEditor::default();
        editor.add_section();
        editor
    }

    /// An editor holding `content` (a draft to edit, or an approved version to copy).
    pub fn from_content(content: &SheetContent) -> SheetEditor {
        let mut editor = SheetEditor {
            title: content.title.clone(),
            ..SheetEditor::default()
        };
        for section in &content.sections {
            let key = editor.key();
            let items = section
                .items
                .iter()
                .map(|item| {
                    let (kind, max, per_finding) = match item.rule {
                        ItemRule::Graded { max } => (ItemKind::Graded, max, String::new()),
                        ItemRule::Deducted { per_finding, max } => {
                            (ItemKind::Deducted, max, number(per_finding))
                        }
                    };
                    EditItem {
                        key: editor.key(),
                        text: item.text.clone(),
                        kind,
                        max: number(max),
                        per_finding,
                    }
                })
                .collect();
            editor.sections.push(EditSection {
                key,
                title: section.title.clone(),
                items,
            });
        }
        editor
    }

    fn key(&mut self) -> u32 {
        self.next_key += 1;
        self.next_key
    }

    fn new_item(&mut self) -> EditItem {
        EditItem {
            key: self.key(),
            text: String::new(),
            kind: ItemKind::Graded,
            max: String::new(),
            per_finding: String::new(),
        }
    }

    /// Where the section with `key` is now.
    pub fn section_at(&self, key: u32) -> Option<usize> {
        self.sections.iter().position(|s| s.key == key)
    }

    /// Where the item with `key` is now: (section, item).
    pub fn item_at(&self, key: u32) -> Option<(usize, usize)> {
        self.sections.iter().enumerate().find_map(|(s, section)| {
            section
                .items
                .iter()
                .position(|i| i.key == key)
                .map(|i| (s, i))
        })
    }

    /// The item with `key`, to change.
    pub fn item_mut(&mut self, key: u32) -> Option<&mut EditItem> {
        let (s, i) = self.item_at(key)?;
        Some(&mut self.sections[s].items[i])
    }

    /// The section with `key`, to change.
    pub fn section_mut(&mut self, key: u32) -> Option<&mut EditSection> {
        let s = self.section_at(key)?;
        Some(&mut self.sections[s])
    }

    /// Whether another section fits.
    pub fn can_add_section(&self) -> bool {
        self.sections.len() < MAX_SECTIONS
    }

    /// Adds an empty section (with one empty item) at the end; returns its key.
    pub fn add_section(&mut self) -> Option<u32> {
        if !self.can_add_section() {
            return None;
        }
        let key = self.key();
        let item = self.new_item();
        self.sections.push(EditSection {
            key,
            title: String::new(),
            items: vec![item],
        });
        Some(key)
    }

    /// Adds an empty item at the end of the section with `section_key`; returns its key.
    pub fn add_item(&mut self, section_key: u32) -> Option<u32> {
        let s = self.section_at(section_key)?;
        if self.sections[s].items.len() >= MAX_ITEMS_PER_SECTION {
            return None;
        }
        let item = self.new_item();
        let key = item.key;
        self.sections[s].items.push(item);
        Some(key)
    }

    /// Moves a section up or down; false when it is already at that end.
    pub fn move_section(&mut self, key: u32, dir: Move) -> bool {
        let Some((a, b)) = self
            .section_at(key)
            .and_then(|s| swap(self.sections.len(), s, dir))
        else {
            return false;
        };
        self.sections.swap(a, b);
        true
    }

    /// Moves an item up or down within its section.
    pub fn move_item(&mut self, key: u32, dir: Move) -> bool {
        let Some((s, i)) = self.item_at(key) else {
            return false;
        };
        let items = &mut self.sections[s].items;
        let Some((a, b)) = swap(items.len(), i, dir) else {
            return false;
        };
        items.swap(a, b);
        true
    }

    /// Removes a section (kept for [`SheetEditor::undo`]).
    pub fn remove_section(&mut self, key: u32) -> bool {
        let Some(at) = self.section_at(key) else {
            return false;
        };
        let section = self.sections.remove(at);
        self.removed = Some(Removed::Section { at, section });
        true
    }

    /// Removes an item (kept for [`SheetEditor::undo`]).
    pub fn remove_item(&mut self, key: u32) -> bool {
        let Some((s, at)) = self.item_at(key) else {
            return false;
        };
        let item = self.sections[s].items.remove(at);
        self.removed = Some(Removed::Item {
            section_key: self.sections[s].key,
            at,
            item,
        });
        true
    }

    /// Puts the last removed section or item back where it was (or as near as the
    /// sheet now allows). False when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        match self.removed.take() {
            Some(Removed::Section { at, section }) => {
                let at = at.min(self.sections.len());
                self.sections.insert(at, section);
                true
            }
            Some(Removed::Item {
                section_key,
                at,
                item,
            }) => match self.section_at(section_key) {
                Some(s) => {
                    let items = &mut self.sections[s].items;
                    items.insert(at.min(items.len()), item);
                    true
                }
                None => false,
            },
            None => false,
        }
    }

    /// The sum of the maxima typed so far (boxes that do not parse count 0): the
    /// running total shown while writing.
    pub fn max_total(&self) -> u32 {
        self.sections
            .iter()
            .flat_map(|s| &s.items)
            .filter_map(|i| parse_points(&i.max))
            .sum()
    }

    /// The maxima of one section typed so far.
    pub fn section_total(&self, key: u32) -> u32 {
        self.section_at(key).map_or(0, |s| {
            self.sections[s]
                .items
                .iter()
                .filter_map(|i| parse_points(&i.max))
                .sum()
        })
    }

    /// The domain's sheet, ids numbered by position, and the boxes that are not numbers
    /// (each at its field path). Unparsed numbers become 0, which the domain's check
    /// also rejects at the same path.
    pub fn content(&self) -> (SheetContent, Vec<FieldError>) {
        let mut errors = Vec::new();
        let sections = self
            .sections
            .iter()
            .enumerate()
            .map(|(s, section)| SheetSection {
                id: number(s as u32 + 1),
                title: section.title.trim().to_owned(),
                items: section
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let at = |f: &str| format!("content.sections[{s}].items[{i}].rule.{f}");
                        let mut read = |text: &str, field: &str| {
                            parse_points(text).unwrap_or_else(|| {
                                errors.push(FieldError::new(
                                    at(field),
                                    "not_a_number",
                                    "请填写整数分值。",
                                ));
                                0
                            })
                        };
                        let max = read(&item.max, "max");
                        let rule = match item.kind {
                            ItemKind::Graded => ItemRule::Graded { max },
                            ItemKind::Deducted => ItemRule::Deducted {
                                per_finding: read(&item.per_finding, "per_finding"),
                                max,
                            },
                        };
                        SheetItem {
                            id: format!("{}.{}", s + 1, i + 1),
                            text: item.text.trim().to_owned(),
                            rule,
                        }
                    })
                    .collect(),
            })
            .collect();
        let content = SheetContent {
            title: self.title.trim().to_owned(),
            sections,
        };
        (content, errors)
    }

    /// Every problem, each at its field path: boxes that are not numbers first, then the
    /// domain's check for the rest (a path already flagged is not flagged twice).
    pub fn problems(&self) -> Vec<FieldError> {
        let (content, mut errors) = self.content();
        if let Err(found) = content.validate() {
            for e in found {
                if !errors.iter().any(|x| x.field == e.field) {
                    errors.push(e);
                }
            }
        }
        errors
    }

    /// The sheet to save, or its problems.
    pub fn to_content(&self) -> Result<SheetContent, Vec<FieldError>> {
        let problems = self.problems();
        if problems.is_empty() {
            Ok(self.content().0)
        } else {
            Err(problems)
        }
    }
}

/// The path of a section's field, e.g. `content.sections[1].title`.
pub fn section_path(s: usize, field: &str) -> String {
    format!("content.sections[{s}].{field}")
}

/// The path of an item's field, e.g. `content.sections[1].items[0].rule.max`.
pub fn item_path(s: usize, i: usize, field: &str) -> String {
    format!("content.sections[{s}].items[{i}].{field}")
}

/// The path of the sheet-wide problems (the count of sections, the total).
pub const SECTIONS_PATH: &str = "content.sections";
/// The path of the sheet's title.
pub const TITLE_PATH: &str = "content.title";
