//! The public results page's parts in a real (headless) browser: scores written with one
//! decimal, the chart of totals, a named candidate's card.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p pingxuan --test results`

#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use pingxuan::components::results_chart::ResultsChart;
use pingxuan::components::results_line_card::ResultsLineCard;
use pingxuan::i18n::results::{formula, score};
use pingxuan::state::lang_context::provide_lang_context_with;
use pingxuan_domain::results::PublicLine;
use pingxuan_domain::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::container;

fn line(rank: u32, title: &str, total: f64) -> PublicLine {
    PublicLine {
        candidate_id: i64::from(rank),
        title: title.to_owned(),
        place_name: title.to_owned(),
        town: "凤新街道".to_owned(),
        cover_url: Some(format!("/media/{rank}.jpg")),
        votes: 120 - u64::from(rank),
        vote_score: 12.5,
        field_score: 51.25,
        total,
        rank,
    }
}

#[wasm_bindgen_test]
fn scores_are_written_with_one_decimal_without_float_formatting() {
    assert_eq!(score(63.44), "63.4");
    assert_eq!(score(63.46), "63.5");
    assert_eq!(score(100.0), "100.0");
    assert_eq!(score(0.04), "0.0");
    assert_eq!(score(7.0), "7.0");
    assert_eq!(
        formula(Lang::Zh, 0.4, 0.6),
        "综合得分 = 群众投票得分 × 40% + 现场评分 × 60%"
    );
    assert_eq!(
        formula(Lang::En, 0.35, 0.65),
        "Total = Vote score × 35% + On-site score × 65%"
    );
}

#[wasm_bindgen_test]
async fn the_chart_draws_one_bar_per_named_candidate_as_long_as_its_total() {
    let root = container();
    let worst = vec![line(1, "凤新综合市场", 40.0), line(2, "彩塘综合市场", 80.0)];
    let warned = vec![line(3, "意溪综合市场", 90.5)];
    let _mounted = mount_to(root.clone(), move || {
        view! { <ResultsChart worst warned label="农贸市场综合得分".to_owned() /> }
    });
    tick().await;
    let svg = root.query_selector("svg.results-chart").unwrap().unwrap();
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("农贸市场综合得分")
    );
    assert_eq!(
        root.query_selector_all(".chart-row.worst")
            .unwrap()
            .length(),
        2
    );
    assert_eq!(
        root.query_selector_all(".chart-row.warned")
            .unwrap()
            .length(),
        1
    );
    let widths: Vec<f64> = (0..3)
        .map(|i| {
            root.query_selector_all(".chart-bar")
                .unwrap()
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("width")
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(widths, vec![40.0, 80.0, 90.5]);
    let values: Vec<String> = (0..3)
        .map(|i| {
            root.query_selector_all(".chart-value")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(values, ["40.0", "80.0", "90.5"]);
}

#[wasm_bindgen_test]
async fn a_named_candidate_shows_rank_photo_place_and_scores_a_warned_one_no_photo() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_lang_context_with(Lang::Zh);
        view! {
            <ul>
                <ResultsLineCard line=line(1, "凤新综合市场", 38.5) warned=false />
                <ResultsLineCard line=line(11, "意溪综合市场", 91.25) warned=true />
            </ul>
        }
    });
    tick().await;
    let cards = root.query_selector_all("li.result-card").unwrap();
    assert_eq!(cards.length(), 2);
    let first: web_sys::Element = cards.item(0).unwrap().unchecked_into();
    let text = first.text_content().unwrap();
    assert!(text.contains("第 1 名"), "{text}");
    assert!(text.contains("凤新综合市场"), "{text}");
    assert!(text.contains("凤新街道"), "{text}");
    assert!(text.contains("119 票"), "{text}");
    assert!(
        text.contains("51.3") && text.contains("12.5") && text.contains("38.5"),
        "{text}"
    );
    assert_eq!(
        first
            .query_selector("img.result-cover")
            .unwrap()
            .unwrap()
            .get_attribute("src")
            .as_deref(),
        Some("/media/1.jpg")
    );
    let second: web_sys::Element = cards.item(1).unwrap().unchecked_into();
    assert!(second.class_list().contains("warned"));
    assert!(
        second.query_selector("img").unwrap().is_none(),
        "warned cards are compact"
    );
    assert!(second.text_content().unwrap().contains("91.3"));
}

/// A round's standing where candidate 1's place is named a third time in a row and
/// candidate 2's a first time.
fn standing() -> pingxuan_domain::accountability::RoundAccountability {
    use pingxuan_domain::accountability::{Escalation, PlaceAccountability, RoundAccountability};
    let place = |candidate: i64, streak: u32| PlaceAccountability {
        place_id: candidate + 100,
        candidate_id: Some(candidate),
        place_name: format!("市场{candidate}"),
        town: "凤新街道".to_owned(),
        category: pingxuan_domain::Category::Market,
        streak,
        escalation: Escalation::for_streak(streak),
        history: Vec::new(),
    };
    RoundAccountability {
        round_id: 3,
        round_name: "第3期".to_owned(),
        version: 1,
        places: vec![place(1, 3), place(2, 1)],
        towns: Vec::new(),
    }
}

#[wasm_bindgen_test]
async fn a_place_named_again_carries_its_accountability_badge() {
    use pingxuan::api::ClientError;
    use pingxuan::components::accountability_badge::Streaks;
    use pingxuan::state::remote::Remote;
    let root = container();
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        let remote = Remote::new(|| async { Err(ClientError::Network) });
        remote.set(standing());
        provide_context(Streaks(remote));
        view! {
            <ol>
                <ResultsLineCard line=line(1, "凤新综合市场", 40.0) warned=false />
                <ResultsLineCard line=line(2, "彩塘综合市场", 50.0) warned=false />
                <ResultsLineCard line=line(1, "意溪综合市场", 60.0) warned=true />
            </ol>
        }
    });
    tick().await;
    let badges = root
        .query_selector_all("[data-testid=accountability-badge]")
        .unwrap();
    assert_eq!(
        badges.length(),
        1,
        "only the card named a third time, not warned"
    );
    let badge: web_sys::Element = badges.get(0).unwrap().unchecked_into();
    assert_eq!(
        badge.text_content().as_deref(),
        Some("连续3次上榜 · 主要领导问责")
    );
    assert!(badge.class_list().contains("principal"));
    assert_eq!(
        pingxuan::i18n::accountability::streak_badge(
            Lang::En,
            2,
            pingxuan_domain::accountability::Escalation::DeputyLeader
        ),
        "Named 2 rounds in a row · deputy leader accountable"
    );
}
