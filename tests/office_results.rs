//! The office's results workbench's parts in a real (headless) browser: a preview line
//! written as the public page writes scores, with its tier, tie-break and sheets (排除 on
//! counted ones, the reason on excluded ones); the reason sheet that sends nothing without
//! a reason (or a ballot's number); the publish sheet that says what publishing does.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p pingxuan --test office_results`

#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use pingxuan::api::results::{export_csv_href, export_xlsx_href};
use pingxuan::components::office_results_line::{place_and_town, OfficeResultLine};
use pingxuan::components::office_results_sheets::{
    parse_ballot_id, PublishSheet, ReasonSheet, BALLOT_ID, REASON_ID,
};
use pingxuan::i18n::office_results::{tie_break_words, tier_word, OfficeResultsMsg as M};
use pingxuan::pages::office_results_page::can_publish;
use pingxuan::state::lang_context::provide_lang_context_with;
use pingxuan::state::mutation::Mutation;
use pingxuan_domain::results::{PreviewSheet, ResultLine};
use pingxuan_domain::scoring::{TieBreak, Tier};
use pingxuan_domain::{Lang, Phase};
use std::sync::{Arc, Mutex};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::{click, container, count, input};

fn line() -> ResultLine {
    ResultLine {
        candidate_id: 7,
        title: "凤新综合市场".into(),
        place_name: "凤新市场".into(),
        town: "凤新街道".into(),
        cover_url: None,
        votes: 12,
        vote_score: 50.0,
        field_score: 71.46,
        sheets: 2,
        total: 62.876,
        rank: 1,
        tier: Tier::Worst,
        tie_break: Some(TieBreak::Votes),
    }
}

fn sheet(id: i64, total: u32, excluded: Option<&str>) -> PreviewSheet {
    PreviewSheet {
        id,
        candidate_id: 7,
        sub_group: "第一组A组".into(),
        total,
        late: false,
        excluded: excluded.map(str::to_owned),
    }
}

#[wasm_bindgen_test]
fn words_links_and_rules() {
    assert_eq!(tier_word(Lang::Zh, Tier::Worst), Some("最差"));
    assert_eq!(tier_word(Lang::Zh, Tier::Warned), Some("次差"));
    assert_eq!(tier_word(Lang::Zh, Tier::Other), None);
    assert!(tie_break_words(Lang::Zh, TieBreak::FieldScore).contains("现场评分更低"));
    assert!(tie_break_words(Lang::Zh, TieBreak::Votes).contains("得票更多"));
    assert_eq!(parse_ballot_id(" 42 "), Some(42));
    assert_eq!(parse_ballot_id("0"), None);
    assert_eq!(parse_ballot_id("ABCD-1234"), None);
    assert!(can_publish(Phase::Review));
    assert!(!can_publish(Phase::FieldScoring));
    assert!(!can_publish(Phase::Published));
    assert_eq!(
        place_and_town("凤新市场", "凤新市场", "凤新街道"),
        "凤新街道"
    );
    assert_eq!(
        place_and_town("凤新综合市场", "凤新市场", "凤新街道"),
        "凤新市场 · 凤新街道"
    );
    assert_eq!(
        export_csv_href(3, 2),
        "/api/v1/rounds/3/results/export.csv?version=2"
    );
    assert_eq!(
        export_xlsx_href(3, 2),
        "/api/v1/rounds/3/results/export.xlsx?version=2"
    );
}

#[wasm_bindgen_test]
async fn a_line_shows_scores_like_the_public_page_its_tier_tie_break_and_sheets() {
    let root = container();
    let picked = Arc::new(Mutex::new(None::<i64>));
    let seen = picked.clone();
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        let on_exclude = Callback::new(move |s: PreviewSheet| {
            *seen.lock().unwrap() = Some(s.id);
        });
        view! {
            <ul>
                <OfficeResultLine
                    line=line()
                    sheets=vec![sheet(11, 58, Some("评分表填错了对象")), sheet(12, 85, None)]
                    on_exclude
                />
            </ul>
        }
    });
    tick().await;
    let card: web_sys::Element = root.query_selector("li.office-line").unwrap().unwrap();
    assert!(card.class_list().contains("worst"));
    let text = card.text_content().unwrap();
    for part in [
        "第 1 名",
        "最差",
        "凤新综合市场",
        "凤新市场 · 凤新街道",
        "12 票",
        "50.0",
        "71.5",
        "62.9",
        "得票更多",
        "查看评分表（评分表 2 张）",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    // The sheets open on demand: the excluded one with its reason, the other with 排除.
    assert_eq!(count(&card, ".office-sheet"), 0);
    click(&card, "button.link-button", 0);
    tick().await;
    assert_eq!(count(&card, ".office-sheet"), 2);
    let rows = card.query_selector_all(".office-sheet").unwrap();
    let first = rows.item(0).unwrap().text_content().unwrap();
    assert!(
        first.contains("#11") && first.contains("58 分") && first.contains("评分表填错了对象"),
        "{first}"
    );
    assert_eq!(
        count(&card, ".office-sheet button"),
        1,
        "only the counted one"
    );
    click(&card, ".office-sheet button", 0);
    tick().await;
    assert_eq!(*picked.lock().unwrap(), Some(12));
}

#[wasm_bindgen_test]
async fn the_reason_sheet_sends_nothing_without_a_reason_or_a_ballot_number() {
    let root = container();
    let sent = Arc::new(Mutex::new(Vec::<(Option<i64>, String)>::new()));
    let log = sent.clone();
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        let on_submit = Callback::new(move |x: (Option<i64>, String)| {
            log.lock().unwrap().push(x);
        });
        view! {
            <ReasonSheet
                title=M::ExcludeBallotTitle
                lead=M::ExcludeLead
                label=M::Reason
                confirm=M::ConfirmExclude
                pending=M::Excluding
                ask_ballot=true
                danger=true
                mutation=Mutation::new()
                on_close=Callback::new(|_| {})
                on_submit
            />
        }
    });
    tick().await;
    let submit = "button[type=submit]";
    click(&root, submit, 0);
    tick().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("请写明理由（2到200个字）。"), "{text}");
    assert!(text.contains("请填写选票编号（正整数）。"), "{text}");
    assert!(sent.lock().unwrap().is_empty());
    input(&root, &format!("#{BALLOT_ID}"), "40");
    input(
        &root,
        &format!("#{REASON_ID}"),
        " 同一设备连续投票，复核后排除 ",
    );
    tick().await;
    click(&root, submit, 0);
    tick().await;
    assert_eq!(
        *sent.lock().unwrap(),
        vec![(Some(40), "同一设备连续投票，复核后排除".to_owned())]
    );
}

#[wasm_bindgen_test]
async fn the_publish_sheet_says_what_publishing_does() {
    let root = container();
    let confirmed = Arc::new(Mutex::new(0));
    let n = confirmed.clone();
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        view! {
            <PublishSheet
                incomplete=true
                mutation=Mutation::new()
                on_close=Callback::new(|_| {})
                on_confirm=Callback::new(move |_| *n.lock().unwrap() += 1)
            />
        }
    });
    tick().await;
    let text = root.text_content().unwrap();
    for part in [
        "第 1 版",
        "立即",
        "不能修改",
        "更正",
        "不会出现在公布的排名里",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    click(&root, "#results-publish-confirm", 0);
    tick().await;
    assert_eq!(*confirmed.lock().unwrap(), 1);
}
