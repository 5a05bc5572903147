//! Component tests in a real (headless) browser: `mount_to` a real component, let the
//! reactive system settle with `tick().await`, then read the DOM.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p pingxuan`

#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, TimeZone, Utc};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::Router;
use pingxuan::api::ClientError;
use pingxuan::components::bottom_nav::BottomNav;
use pingxuan::components::countdown::PhaseCountdown;
use pingxuan::components::error_state::ErrorState;
use pingxuan::components::header::Header;
use pingxuan::components::phase_timeline::PhaseTimeline;
use pingxuan::components::text_field::TextField;
use pingxuan::forms::beijing_datetime::{from_input_value, next_beijing_midnight, to_input_value};
use pingxuan::forms::round_draft::{read_percent, RoundDraft};
use pingxuan::i18n::percent;
use pingxuan::state::lang_context::{provide_lang_context_with, STORAGE_KEY};
use pingxuan::state::session_context::{provide_session_context_with, SessionState};
use pingxuan_domain::api::{SessionResponse, StaffAccount};
use pingxuan_domain::phase::TransitionError;
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::Role;
use pingxuan_domain::{ErrorBody, ErrorCode, Lang, Phase, RoundConfig, Schedule};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 2026-12-01 00:00 in Beijing.
fn round_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap()
}

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn find(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn timeline_marks_the_current_phase_with_chinese_labels() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_lang_context_with(Lang::Zh);
        view! {
            <PhaseTimeline current=Phase::Voting schedule=Some(Schedule::starting(round_start())) />
        }
    });
    tick().await;

    assert_eq!(count(&root, "li.tl-item"), 6);
    assert_eq!(count(&root, "li[aria-current]"), 1);
    let current = find(&root, "li[aria-current='step']");
    assert_eq!(
        current.get_attribute("data-phase").as_deref(),
        Some("voting")
    );
    assert!(current.class_name().contains("current"));
    assert_eq!(text(&root, "li[aria-current='step'] .tl-label"), "网上投票");
    assert_eq!(text(&root, "li[aria-current='step'] .tl-badge"), "进行中");
    assert_eq!(count(&root, "li.done"), 2);
    assert_eq!(count(&root, "li.todo"), 3);

    let labels: Vec<String> = (0..6)
        .map(|i| text(&root, &format!("li.tl-item:nth-child({}) .tl-label", i + 1)))
        .collect();
    assert_eq!(
        labels,
        [
            "网上推荐",
            "部门筛选",
            "网上投票",
            "现场评分",
            "结果审核",
            "公布结果"
        ]
    );
    // 15 days from 12月1日 00:00: the last day inside the window is 12月15日.
    assert_eq!(
        text(&root, "li[data-phase='nomination'] .tl-dates"),
        "12月1日 – 12月15日"
    );
    assert_eq!(
        text(&root, "li[data-phase='published'] .tl-dates"),
        "审核通过后公布"
    );
}

#[wasm_bindgen_test]
async fn language_toggle_switches_to_english_and_remembers_it() {
    let storage = window().local_storage().unwrap().unwrap();
    storage.remove_item(STORAGE_KEY).unwrap();
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_lang_context_with(Lang::Zh);
        view! {
            <Header />
            <PhaseTimeline current=Phase::Nomination schedule=None />
        }
    });
    tick().await;
    assert_eq!(text(&root, ".brand-name"), "潮州创卫·最差评选");
    assert_eq!(text(&root, "li[aria-current='step'] .tl-label"), "网上推荐");
    assert_eq!(
        find(&root, "button[lang='zh-CN']")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );

    find(&root, "button[lang='en']").click();
    tick().await;
    assert_eq!(
        text(&root, ".brand-name"),
        "Chaozhou Clean City · Worst Picks"
    );
    assert_eq!(
        text(&root, "li[aria-current='step'] .tl-label"),
        "Nomination"
    );
    assert_eq!(
        find(&root, "button[lang='en']")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        storage.get_item(STORAGE_KEY).unwrap().as_deref(),
        Some("en")
    );

    find(&root, "button[lang='zh-CN']").click();
    tick().await;
    assert_eq!(text(&root, ".brand-name"), "潮州创卫·最差评选");
    assert_eq!(html.get_attribute("lang").as_deref(), Some("zh-CN"));
    storage.remove_item(STORAGE_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn countdown_uses_the_given_clock() {
    let window_ = Schedule::starting(round_start()).nomination;
    let now = window_.ends_at - chrono::Duration::seconds(3 * 86_400 + 4 * 3_600 + 5 * 60 + 6);
    let root = container();
    let (clock, set_clock) = signal(now);
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        view! { <PhaseCountdown window=window_ now=clock /> }
    });
    tick().await;
    assert_eq!(text(&root, ".countdown-label"), "距离本阶段结束还有");
    assert_eq!(text(&root, ".countdown-value"), "3天 04小时 05分 06秒");

    set_clock.set(window_.starts_at - chrono::Duration::seconds(59));
    tick().await;
    assert_eq!(text(&root, ".countdown-label"), "距离本阶段开始还有");
    assert_eq!(text(&root, ".countdown-value"), "00小时 00分 59秒");

    set_clock.set(window_.ends_at);
    tick().await;
    assert_eq!(count(&root, ".countdown-value"), 0);
    assert!(text(&root, ".countdown-label").contains("截止"));
}

#[wasm_bindgen_test]
async fn error_state_says_it_plainly_and_retries() {
    let root = container();
    let retries = RwSignal::new(0);
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        view! {
            <ErrorState error=ClientError::Network on_retry=Callback::new(move |_| retries.update(|n| *n += 1)) />
        }
    });
    tick().await;
    assert_eq!(text(&root, ".state-hint"), "网络连接失败，请检查网络后重试");
    let retry = find(&root, "button");
    assert_eq!(retry.text_content().as_deref(), Some("重试"));
    retry.click();
    tick().await;
    assert_eq!(retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn text_field_ties_label_error_and_password_switch_together() {
    let root = container();
    let value = RwSignal::new(String::from("secret"));
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        view! {
            <TextField
                id="pw"
                label="密码"
                password=true
                value=value
                on_input=Callback::new(move |v| value.set(v))
                error=Some(String::from("密码至少10个字符。"))
            />
        }
    });
    tick().await;
    assert_eq!(text(&root, "label[for='pw']"), "密码");
    let input: web_sys::HtmlInputElement = find(&root, "#pw").unchecked_into();
    assert_eq!(input.value(), "secret");
    assert_eq!(input.type_(), "password");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("pw-error")
    );
    assert_eq!(text(&root, "#pw-error"), "密码至少10个字符。");

    let reveal = find(&root, "button.reveal");
    assert_eq!(
        reveal.get_attribute("aria-label").as_deref(),
        Some("显示密码")
    );
    reveal.click();
    tick().await;
    assert_eq!(input.type_(), "text");
    assert_eq!(
        reveal.get_attribute("aria-label").as_deref(),
        Some("隐藏密码")
    );

    value.set(String::from("changed"));
    tick().await;
    assert_eq!(input.value(), "changed");
}

#[wasm_bindgen_test]
fn beijing_inputs_round_trip_whatever_the_phone_zone() {
    let t = from_input_value("2026-12-05T00:00").unwrap();
    assert_eq!(t, Utc.with_ymd_and_hms(2026, 12, 4, 16, 0, 0).unwrap());
    assert_eq!(to_input_value(t), "2026-12-05T00:00");
    assert_eq!(
        from_input_value("2026-12-05T08:30:00.000"),
        Some(Utc.with_ymd_and_hms(2026, 12, 5, 0, 30, 0).unwrap())
    );
    assert_eq!(from_input_value(""), None);
    assert_eq!(from_input_value("2026-02-30T00:00"), None);
    // 23:30 on Dec 4 in Beijing: the next midnight is Dec 5 00:00 Beijing.
    let late = Utc.with_ymd_and_hms(2026, 12, 4, 15, 30, 0).unwrap();
    assert_eq!(next_beijing_midnight(late), t);
}

#[wasm_bindgen_test]
fn round_draft_uses_the_domain_validation() {
    let input = RoundInput {
        name: "2026年第6期".into(),
        schedule: Schedule::starting(round_start()),
        config: RoundConfig::default(),
    };
    let draft = RoundDraft::from_input(&input);
    assert_eq!(draft.vote_percent, "40");
    assert_eq!(draft.parse(Lang::Zh), Ok(input));

    let mut bad = draft.clone();
    bad.vote_percent = "abc".into();
    bad.starts[2] = String::new();
    let fields: Vec<String> = bad
        .parse(Lang::Zh)
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["schedule.voting.starts_at", "config.vote_weight"]);

    let mut sum = draft.clone();
    sum.vote_percent = "50".into();
    let errors = sum.parse(Lang::Zh).unwrap_err();
    assert_eq!(errors[0].field, "config.field_weight");
    assert_eq!(errors[0].code, "weights_not_one");
}

#[wasm_bindgen_test]
fn refused_phase_changes_keep_the_servers_reason() {
    let zh = TransitionError::VotingStillOpen.message(Lang::Zh);
    let error = ClientError::Server {
        status: 409,
        body: ErrorBody {
            message: zh.to_owned(),
            ..ErrorBody::new(ErrorCode::IllegalTransition)
        },
    };
    assert_eq!(error.message(Lang::Zh), zh);
    assert_eq!(
        error.message(Lang::En),
        TransitionError::VotingStillOpen.message(Lang::En)
    );
    let other = ClientError::Server {
        status: 401,
        body: ErrorBody::new(ErrorCode::InvalidCredentials),
    };
    assert_eq!(other.message(Lang::Zh), "用户名或密码不对。");
    assert_eq!(
        ClientError::Network.message(Lang::Zh),
        "网络连接失败，请检查网络后重试"
    );
}

#[wasm_bindgen_test]
fn percentages_read_and_write_exactly() {
    assert_eq!(read_percent("40"), Some(0.4));
    assert_eq!(read_percent(" 33.5 "), Some(0.335));
    assert_eq!(read_percent("100"), Some(1.0));
    assert_eq!(read_percent("100.01"), None);
    assert_eq!(read_percent("4.567"), None);
    assert_eq!(read_percent("abc"), None);
    assert_eq!(read_percent(""), None);
    assert_eq!(read_percent("0.4"), Some(0.004));
    assert_eq!(percent(0.6), "60");
    assert_eq!(percent(0.665), "66.5");
    assert_eq!(percent(0.6667), "66.67");
    assert_eq!(
        read_percent("40").unwrap() + read_percent("60").unwrap(),
        1.0
    );
}

fn session_as(role: Role) -> SessionState {
    SessionState::SignedIn(SessionResponse {
        account: StaffAccount {
            id: 1,
            username: "admin".into(),
            display_name: "创卫办管理员".into(),
            role,
            active: true,
            created_at: round_start(),
        },
        csrf_token: "token".into(),
    })
}

#[wasm_bindgen_test]
async fn bottom_nav_offers_each_person_their_pages() {
    for (state, expected) in [
        (SessionState::SignedOut, vec!["首页", "登录"]),
        (session_as(Role::Inspector), vec!["首页", "工作台"]),
        (
            session_as(Role::Admin),
            vec!["首页", "工作台", "本期设置", "账号管理"],
        ),
    ] {
        let root = container();
        let _mounted = mount_to(root.clone(), move || {
            provide_lang_context_with(Lang::Zh);
            provide_session_context_with(state.clone());
            view! {
                <Router>
                    <BottomNav />
                </Router>
            }
        });
        tick().await;
        let links = root.query_selector_all("nav.bottom-nav a").unwrap();
        let names: Vec<String> = (0..links.length())
            .map(|i| links.item(i).unwrap().text_content().unwrap_or_default())
            .collect();
        assert_eq!(names, expected);
    }
}
