//! The score-sheet editor (`/office/sheets`, a wasm of its own) in a real (headless)
//! browser: the editor's model
//! (typed boxes → the domain's sheet, the domain's problems at their paths, moves and
//! undo) and the form, whose problems show beside the boxes they are about and whose
//! total bar follows every keystroke.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p pingxuan --test sheets`

#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use pingxuan::components::sheet_editor_form::{SheetEditorForm, SheetTotalBar};
use pingxuan::forms::sheet_editor::{ItemKind, Move, Removed, SheetEditor};
use pingxuan::state::lang_context::provide_lang_context_with;
use pingxuan_domain::score_sheet::{ItemRule, SheetContent, SheetItem, SheetSection};
use pingxuan_domain::score_sheet_demo::demo_sheet;
use pingxuan_domain::{Category, Lang};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::{click, container, input};

/// 60 + 40 = 100, ids not numbered by position (as an older version might have them).
fn sheet() -> SheetContent {
    let item = |id: &str, rule| SheetItem {
        id: id.into(),
        text: format!("第{id}项：地面干净，无积水。"),
        rule,
    };
    SheetContent {
        title: "潮州市农贸市场现场评分表".into(),
        sections: vec![
            SheetSection {
                id: "weisheng".into(),
                title: "环境卫生".into(),
                items: vec![
                    item("a", ItemRule::Graded { max: 20 }),
                    item(
                        "b",
                        ItemRule::Deducted {
                            per_finding: 2,
                            max: 40,
                        },
                    ),
                ],
            },
            SheetSection {
                id: "bingmei".into(),
                title: "病媒生物防制".into(),
                items: vec![item("c", ItemRule::Graded { max: 40 })],
            },
        ],
    }
}

fn fields(editor: &SheetEditor) -> Vec<(String, String)> {
    editor
        .problems()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

fn pair(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

#[wasm_bindgen_test]
fn a_copied_sheet_round_trips_numbered_by_position() {
    let editor = SheetEditor::from_content(&sheet());
    assert_eq!(editor.max_total(), 100);
    assert!(editor.problems().is_empty());
    let content = editor.to_content().unwrap();
    let ids: Vec<&str> = content.items().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, vec!["1.1", "1.2", "2.1"]);
    assert_eq!(content.sections[1].id, "2");
    assert_eq!(
        content.sections[0].items[1].rule,
        sheet().sections[0].items[1].rule
    );
    assert_eq!(
        content.sections[0].items[0].text,
        sheet().sections[0].items[0].text
    );
    // The example sheets are valid as they come.
    for category in Category::ALL {
        let e = SheetEditor::from_content(&demo_sheet(category));
        assert_eq!(
            e.to_content(),
            Ok(demo_sheet(category)),
            "{}",
            category.as_str()
        );
    }
}

#[wasm_bindgen_test]
fn problems_are_the_domains_at_the_boxes_paths() {
    let mut editor = SheetEditor::from_content(&sheet());
    let b = editor.sections[0].items[1].key;
    editor.item_mut(b).unwrap().max = "37".into();
    assert_eq!(editor.max_total(), 97);
    let problems = editor.problems();
    assert_eq!(fields(&editor), vec![pair("content.sections", "total")]);
    assert!(
        problems[0].message.contains("现在是97分"),
        "{}",
        problems[0].message
    );
    // A deduction larger than its item, a box that is no number, an empty wording.
    editor.item_mut(b).unwrap().per_finding = "38".into();
    let a = editor.sections[0].items[0].key;
    editor.item_mut(a).unwrap().max = "2o".into();
    let c = editor.sections[1].items[0].key;
    editor.item_mut(c).unwrap().text = "  ".into();
    assert_eq!(
        fields(&editor),
        vec![
            pair("content.sections[0].items[0].rule.max", "not_a_number"),
            pair(
                "content.sections[0].items[1].rule.per_finding",
                "out_of_range"
            ),
            pair("content.sections[1].items[0].text", "length"),
            pair("content.sections", "total"),
        ]
    );
    assert_eq!(
        editor.max_total(),
        37 + 40,
        "a box that is no number counts 0"
    );
    assert!(editor.to_content().is_err());
    // A graded item has no deduction to check, whatever its box holds.
    editor.item_mut(b).unwrap().kind = ItemKind::Graded;
    editor.item_mut(a).unwrap().max = "23".into();
    editor.item_mut(c).unwrap().text = "无蚊蝇孳生地。".into();
    assert!(editor.problems().is_empty(), "{:?}", editor.problems());
    assert_eq!(
        editor.to_content().unwrap().sections[0].items[1].rule,
        ItemRule::Graded { max: 37 }
    );
}

#[wasm_bindgen_test]
fn sections_and_items_move_and_a_removal_can_be_undone() {
    let mut editor = SheetEditor::from_content(&sheet());
    let first = editor.sections[0].key;
    let second = editor.sections[1].key;
    assert!(!editor.move_section(first, Move::Up), "already first");
    assert!(editor.move_section(first, Move::Down));
    assert_eq!(editor.section_at(first), Some(1));
    assert!(!editor.move_section(first, Move::Down), "already last");
    let b = editor.sections[1].items[1].key;
    assert!(editor.move_item(b, Move::Up));
    assert_eq!(editor.item_at(b), Some((1, 0)));
    let content = editor.to_content().unwrap();
    assert_eq!(content.sections[0].title, "病媒生物防制");
    assert_eq!(content.sections[1].items[0].id, "2.1");

    // Remove a section: the total drops and the domain says so; undo puts it back.
    assert!(editor.remove_section(second));
    assert_eq!(editor.max_total(), 60);
    assert!(matches!(
        editor.removed,
        Some(Removed::Section { at: 0, .. })
    ));
    assert_eq!(fields(&editor), vec![pair("content.sections", "total")]);
    assert!(editor.undo());
    assert_eq!(editor.section_at(second), Some(0));
    assert!(editor.problems().is_empty());
    assert!(!editor.undo(), "one level");

    // Remove an item, then its section: undoing brings the section back only.
    assert!(editor.remove_item(b));
    assert!(matches!(editor.removed, Some(Removed::Item { at: 0, .. })));
    assert!(editor.remove_section(first));
    assert!(editor.undo());
    assert_eq!(editor.item_at(b), None);
    assert_eq!(editor.sections.len(), 2);

    // Adding: a new section has one empty item; the last section of 20 is the limit.
    let added = editor.add_section().unwrap();
    assert_eq!(editor.sections[2].items.len(), 1);
    assert!(editor.add_item(added).is_some());
    while editor.can_add_section() {
        editor.add_section();
    }
    assert_eq!(editor.sections.len(), 20);
    assert_eq!(editor.add_section(), None);
}

#[wasm_bindgen_test]
fn a_blank_sheet_is_one_empty_section_with_its_problems_in_place() {
    let editor = SheetEditor::blank();
    assert_eq!(editor.sections.len(), 1);
    assert_eq!(
        fields(&editor),
        vec![
            pair("content.sections[0].items[0].rule.max", "not_a_number"),
            pair("content.title", "length"),
            pair("content.sections[0].title", "length"),
            pair("content.sections[0].items[0].text", "length"),
            pair("content.sections", "total"),
        ]
    );
}

fn text(el: &web_sys::Element, selector: &str) -> Option<String> {
    el.query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
}

#[wasm_bindgen_test]
async fn the_form_shows_each_problem_beside_its_box_and_the_total_follows() {
    let el = container();
    let editor = RwSignal::new(SheetEditor::from_content(&sheet()));
    let changes = RwSignal::new(0);
    let b = editor.get_untracked().sections[0].items[1].key;
    let _handle = mount_to(el.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        let problems = Signal::derive(move || editor.with(|e| e.problems()));
        let on_change = Callback::new(move |()| changes.update(|c| *c += 1));
        let status = Signal::derive(|| None::<(bool, String)>);
        view! {
            <SheetEditorForm editor problems reveal=true on_change />
            <SheetTotalBar editor problems status on_change>
                <span></span>
            </SheetTotalBar>
        }
    });
    tick().await;
    assert_eq!(
        el.query_selector_all("[data-testid=editor-item]")
            .unwrap()
            .length(),
        3
    );
    assert!(text(&el, "[data-testid=sheet-total]")
        .unwrap()
        .contains("100"));
    assert_eq!(text(&el, "[data-testid=total-problem]"), None);

    // The second item's points 40 → 30: the total says 90 and why, beside it.
    input(&el, &format!("#item-{b}-max"), "30");
    tick().await;
    assert_eq!(changes.get_untracked(), 1);
    assert!(text(&el, "[data-testid=sheet-total]")
        .unwrap()
        .contains("90"));
    assert_eq!(
        text(&el, "[data-testid=total-problem]").as_deref(),
        Some("各项分值合计须为100分，现在是90分。")
    );
    // Its deduction larger than the item: the message sits under that box.
    input(&el, &format!("#item-{b}-per_finding"), "31");
    tick().await;
    let per = el
        .query_selector(&format!("#item-{b}-per_finding"))
        .unwrap()
        .unwrap();
    assert_eq!(per.get_attribute("aria-invalid").as_deref(), Some("true"));
    let field = per.closest(".field").unwrap().unwrap();
    assert!(
        field
            .text_content()
            .unwrap()
            .contains("每处扣分须至少1分，且不超过这一项的分值。"),
        "{:?}",
        field.text_content()
    );
    // Remove the item (the removes: section 1, 1.1, 1.2, section 2, 2.1): undo appears
    // in the bar and brings it back.
    let items = || {
        el.query_selector_all("[data-testid=editor-item]")
            .unwrap()
            .length()
    };
    click(&el, ".tool.remove", 2);
    tick().await;
    assert_eq!(items(), 2);
    assert_eq!(text(&el, ".undo-row span").as_deref(), Some("已删除一项。"));
    click(&el, ".undo-row button", 0);
    tick().await;
    assert_eq!(items(), 3);
    assert_eq!(editor.get_untracked().item_at(b), Some((0, 1)));
    assert_eq!(text(&el, ".undo-row"), None);
}
