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
use pingxuan::browser::draft_store;
use pingxuan::browser::photo_shrink::{fit_within, MAX_EDGE, STEPS, TARGET_BYTES};
use pingxuan::components::bottom_nav::{BottomNav, ResidentApp, StaffNav};
use pingxuan::components::category_choice::CategoryChoice;
use pingxuan::components::countdown::PhaseCountdown;
use pingxuan::components::error_state::ErrorState;
use pingxuan::components::header::Header;
use pingxuan::components::nominated_place_card::NominatedPlaceCard;
use pingxuan::components::phase_timeline::PhaseTimeline;
use pingxuan::components::photo_picker::PhotoPicker;
use pingxuan::components::text_field::TextField;
use pingxuan::forms::beijing_datetime::{from_input_value, next_beijing_midnight, to_input_value};
use pingxuan::forms::nomination_draft::{field, ChosenPlace, DraftPhoto, NominationDraft};
use pingxuan::forms::round_draft::{read_percent, RoundDraft};
use pingxuan::i18n::percent;
use pingxuan::state::lang_context::{provide_lang_context_with, STORAGE_KEY};
use pingxuan::state::photo_queue::{worth_retrying, PhotoQueue};
use pingxuan::state::session_context::{provide_session_context_with, SessionState};
use pingxuan_domain::api::{SessionResponse, StaffAccount};
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::nomination::{NominatedPlace, PhotoView, PlaceChoice};
use pingxuan_domain::phase::TransitionError;
use pingxuan_domain::place::Place;
use pingxuan_domain::region::District;
use pingxuan_domain::round::RoundInput;
use pingxuan_domain::Category;
use pingxuan_domain::Role;
use pingxuan_domain::{ErrorBody, ErrorCode, Lang, Phase, RoundConfig, Schedule};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::{container, count};

/// 2026-12-01 00:00 in Beijing.
fn round_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap()
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

fn nav_names(root: &web_sys::HtmlElement) -> Vec<String> {
    let links = root.query_selector_all("nav.bottom-nav a").unwrap();
    (0..links.length())
        .map(|i| links.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn residents_nav_needs_no_session_and_leaves_for_the_staff_app() {
    let root = container();
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        view! {
            <Router>
                <BottomNav app=ResidentApp::Main />
            </Router>
        }
    });
    tick().await;
    assert_eq!(
        nav_names(&root),
        vec!["首页", "我要推荐", "推荐公示", "评选结果", "工作人员"]
    );
    // The staff app is another page load, not a client route.
    let staff = root
        .query_selector("nav.bottom-nav a[href='/staff/']")
        .unwrap()
        .expect("a link to the staff app");
    assert_eq!(staff.get_attribute("rel").as_deref(), Some("external"));
    // So is the nomination form (its own, larger bundle).
    let nominate = root
        .query_selector("nav.bottom-nav a[href='/nominate/']")
        .unwrap()
        .expect("a link to the nomination app");
    assert_eq!(nominate.get_attribute("rel").as_deref(), Some("external"));
}

#[wasm_bindgen_test]
async fn staff_nav_offers_each_person_their_pages() {
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
                    <StaffNav />
                </Router>
            }
        });
        tick().await;
        assert_eq!(nav_names(&root), expected);
        let home = root
            .query_selector("nav.bottom-nav a[href='/']")
            .unwrap()
            .expect("a link to the public site");
        assert_eq!(home.get_attribute("rel").as_deref(), Some("external"));
    }
}

#[wasm_bindgen_test]
fn photos_are_shrunk_to_a_long_edge_of_1600_px() {
    assert_eq!(fit_within(4000, 3000, MAX_EDGE), (1600, 1200));
    assert_eq!(fit_within(3000, 4000, MAX_EDGE), (1200, 1600));
    assert_eq!(fit_within(4032, 3024, MAX_EDGE), (1600, 1200));
    // Small photos are never blown up; slivers keep at least one pixel.
    assert_eq!(fit_within(800, 600, MAX_EDGE), (800, 600));
    assert_eq!(fit_within(16000, 4, MAX_EDGE), (1600, 1));
    // Quality goes down before size does, and nothing starts above 1600 px.
    assert_eq!(STEPS[0], (MAX_EDGE, 0.8));
    assert!(STEPS.windows(2).all(|w| w[1].0 <= w[0].0));
    assert!(STEPS.iter().all(|(edge, q)| *edge <= MAX_EDGE && *q > 0.3));
    assert_eq!(TARGET_BYTES, 400 * 1024);
}

fn photo(id: char) -> PhotoView {
    let id = id.to_string().repeat(22);
    PhotoView {
        url: format!("/media/{id}.jpg"),
        thumb_url: format!("/media/{id}.thumb.jpg"),
        id,
        width: 1600,
        height: 1200,
    }
}

fn market(id: i64, name: &str) -> Place {
    Place {
        id,
        category: Category::Market,
        name: name.into(),
        town: "彩塘镇".into(),
        district: District::Chaoan,
        position: None,
        created_at: round_start(),
    }
}

fn draft() -> NominationDraft {
    let mut d = NominationDraft {
        category: Some(Category::Market),
        description: "市场门口垃圾堆积，污水横流。".into(),
        contact_phone: " 138 0000 1234 ".into(),
        ..Default::default()
    };
    d.place.new_place = true;
    d.place.name = "彩塘镇华美农贸市场".into();
    d.place.town = "彩塘镇".into();
    d.photos = vec![
        DraftPhoto {
            key: "a1".into(),
            shrunk: true,
            uploaded: Some(photo('a')),
        },
        DraftPhoto {
            key: "b2".into(),
            shrunk: false,
            uploaded: None,
        },
    ];
    d
}

#[wasm_bindgen_test]
fn the_draft_survives_storage_and_becomes_the_request() {
    let d = draft();
    assert_eq!(
        NominationDraft::from_storage(&d.to_storage()),
        Some(d.clone())
    );
    // Any text survives, separators and all; a register place and a position too.
    let mut odd = d.clone();
    odd.description = "12:三行\n3:x;:0:".into();
    odd.place.chosen = Some(ChosenPlace::from(&market(9, "彩塘综合市场")));
    odd.position = Some(GeoPoint {
        latitude: 23.612345,
        longitude: 116.712345,
    });
    assert_eq!(NominationDraft::from_storage(&odd.to_storage()), Some(odd));
    // Something else, or a draft cut short, is not a draft.
    let stored = d.to_storage();
    assert_eq!(
        NominationDraft::from_storage(&stored[..stored.len() - 3]),
        None
    );
    assert_eq!(
        NominationDraft::from_storage(r#"{"description":"脏"}"#),
        None
    );
    assert_eq!(NominationDraft::from_storage(""), None);

    draft_store::save(&d);
    assert_eq!(draft_store::load(), d);
    draft_store::save(&NominationDraft::default());
    assert!(draft_store::load().is_empty());
    draft_store::save(&d);
    draft_store::clear();
    assert!(draft_store::load().is_empty());

    // Only uploaded photos go into the request; the phone is trimmed.
    let input = d.check(Lang::Zh).unwrap();
    assert_eq!(input.photo_ids, vec!["a".repeat(22)]);
    assert_eq!(input.contact_phone.as_deref(), Some("138 0000 1234"));
    assert_eq!(
        input.place,
        PlaceChoice::New {
            name: "彩塘镇华美农贸市场".into(),
            town: "彩塘镇".into()
        }
    );
}

#[wasm_bindgen_test]
fn an_unfinished_draft_names_every_problem() {
    let fields = |d: &NominationDraft| -> Vec<String> {
        d.check(Lang::Zh)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect()
    };
    let empty = NominationDraft::default();
    assert_eq!(
        fields(&empty),
        [
            field::CATEGORY,
            field::PLACE,
            field::DESCRIPTION,
            field::PHOTOS
        ]
    );
    assert_eq!(
        empty.check(Lang::Zh).unwrap_err()[0].message,
        "请选择要推荐的类别。"
    );

    // A register place of another category does not count as chosen.
    let mut d = draft();
    d.place.new_place = false;
    d.place.chosen = Some(ChosenPlace::from(&Place {
        category: Category::Road,
        ..market(9, "某路")
    }));
    assert_eq!(fields(&d), [field::PLACE]);
    d.place.chosen = Some(ChosenPlace::from(&market(9, "彩塘综合市场")));
    assert_eq!(
        d.check(Lang::Zh).unwrap().place,
        PlaceChoice::Registered { place_id: 9 }
    );

    // The domain's own rules come through with the server's field names.
    let mut d = draft();
    d.place.town = "天河区".into();
    d.contact_phone = "12345".into();
    assert_eq!(fields(&d), [field::PLACE_TOWN, field::PHONE]);
}

#[wasm_bindgen_test]
fn only_failures_that_a_retry_can_fix_are_retried() {
    assert!(worth_retrying(&ClientError::Network));
    assert!(worth_retrying(&ClientError::BadResponse { status: 502 }));
    let refused = |code: ErrorCode| ClientError::Server {
        status: code.status(),
        body: ErrorBody::new(code),
    };
    assert!(worth_retrying(&refused(ErrorCode::Internal)));
    assert!(!worth_retrying(&refused(ErrorCode::ImageRejected)));
    assert!(!worth_retrying(&refused(ErrorCode::PhaseClosed)));
    assert!(!worth_retrying(&refused(ErrorCode::RateLimited)));
}

#[wasm_bindgen_test]
async fn a_nominated_place_shows_its_count_and_lazy_thumbnails() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_lang_context_with(Lang::Zh);
        let place = NominatedPlace {
            place_id: 3,
            category: Category::Market,
            name: "彩塘镇华美农贸市场".into(),
            town: "彩塘镇".into(),
            district: District::Chaoan,
            nominations: 3,
            photos: vec![photo('a'), photo('b')],
        };
        view! { <NominatedPlaceCard place /> }
    });
    tick().await;
    assert_eq!(text(&root, ".place-name"), "彩塘镇华美农贸市场");
    assert_eq!(text(&root, ".badge.count"), "3 人推荐");
    assert_eq!(text(&root, ".place-where"), "彩塘镇 · 潮安区");
    assert_eq!(count(&root, "img[loading='lazy']"), 2);
    let img = find(&root, "img");
    assert_eq!(img.get_attribute("width").as_deref(), Some("1600"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("1200"));
    assert_eq!(img.get_attribute("alt").as_deref(), Some("第1张照片"));
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some(format!("/media/{}.thumb.jpg", "a".repeat(22)).as_str())
    );
    assert_eq!(
        find(&root, "a.thumb").get_attribute("rel").as_deref(),
        Some("external")
    );
}

#[wasm_bindgen_test]
async fn category_cards_are_a_radio_group() {
    let root = container();
    let chosen = RwSignal::new(None::<Category>);
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        view! {
            <CategoryChoice
                id="cat"
                legend="1. 您要推荐哪一类？"
                value=chosen
                on_change=Callback::new(move |c| chosen.set(Some(c)))
                error=Signal::derive(move || chosen.get().is_none().then(|| "请选择要推荐的类别。".to_owned()))
            />
        }
    });
    tick().await;
    assert_eq!(count(&root, "input[type='radio'][name='cat']"), 4);
    assert_eq!(text(&root, "#cat-error"), "请选择要推荐的类别。");
    let titles: Vec<String> = (1..=4)
        .map(|i| text(&root, &format!(".choice-card:nth-child({i}) .choice-title")))
        .collect();
    assert_eq!(titles, ["乡村", "乡村沟渠", "乡村道路", "农贸市场"]);
    assert_eq!(
        text(&root, ".choice-card:nth-child(4) .choice-sub"),
        "十个最差农贸市场"
    );

    find(&root, "input[value='market']").click();
    tick().await;
    assert_eq!(chosen.get_untracked(), Some(Category::Market));
    assert_eq!(count(&root, ".choice-card.chosen"), 1);
    assert_eq!(count(&root, "#cat-error"), 0);
}

#[wasm_bindgen_test]
async fn restored_photos_show_as_uploaded_tiles() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_lang_context_with(Lang::Zh);
        let queue = PhotoQueue::new("test-device-id".into());
        let saved: Vec<DraftPhoto> = ['a', 'b']
            .into_iter()
            .map(|c| DraftPhoto {
                key: c.to_string(),
                shrunk: true,
                uploaded: Some(photo(c)),
            })
            .collect();
        queue.restore(&saved);
        view! { <PhotoPicker legend="4. 拍照片（1–6张）" queue error=Signal::derive(|| None::<String>) /> }
    });
    tick().await;
    assert_eq!(count(&root, ".photo-tile.done"), 2);
    assert_eq!(text(&root, ".photo-tile .photo-label"), "已上传");
    assert_eq!(
        find(&root, ".photo-tile img")
            .get_attribute("src")
            .as_deref(),
        Some(format!("/media/{}.thumb.jpg", "a".repeat(22)).as_str())
    );
    assert_eq!(
        find(&root, ".photo-tile:nth-child(2) .photo-remove")
            .get_attribute("aria-label")
            .as_deref(),
        Some("删除第2张照片")
    );
    assert_eq!(count(&root, "progress"), 0);

    // Removing one leaves the other, and the draft follows.
    find(&root, ".photo-tile:nth-child(1) .photo-remove").click();
    tick().await;
    assert_eq!(count(&root, ".photo-tile"), 1);
    assert_eq!(
        find(&root, ".photo-tile img")
            .get_attribute("alt")
            .as_deref(),
        Some("第1张照片")
    );
    // Four more may be added: both buttons are offered.
    assert_eq!(count(&root, "input[type='file']"), 2);
    assert!(
        find(&root, "input[capture]")
            .get_attribute("accept")
            .as_deref()
            == Some("image/*")
    );
}

#[wasm_bindgen_test]
async fn a_large_photo_is_shrunk_to_a_small_jpeg() {
    use pingxuan::browser::photo_shrink::shrink;
    use pingxuan::browser::settle;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .unwrap()
        .unchecked_into();
    canvas.set_width(3000);
    canvas.set_height(2000);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.set_fill_style_str("#3a7");
    ctx.fill_rect(0.0, 0.0, 3000.0, 2000.0);
    ctx.set_fill_style_str("#c33");
    ctx.fill_rect(100.0, 100.0, 800.0, 400.0);
    let png: Blob = settle(&mut |resolve, _| {
        canvas.to_blob_with_type(&resolve, "image/png").unwrap();
    })
    .await
    .unwrap()
    .unchecked_into();

    let small = shrink(&png).await.unwrap();
    assert_eq!(small.type_(), "image/jpeg");
    assert!(small.size() <= f64::from(TARGET_BYTES));
    let decoded: ImageBitmap =
        JsFuture::from(window().create_image_bitmap_with_blob(&small).unwrap())
            .await
            .unwrap()
            .unchecked_into();
    assert_eq!((decoded.width(), decoded.height()), (1600, 1067));

    // Not a photo at all: an error the form turns into "无法读取".
    let text = Blob::new_with_str_sequence(&js_sys::Array::of1(&"not a photo".into())).unwrap();
    assert!(shrink(&text).await.is_err());
}

/// The place register's form model, the search path and the poster's printed link.
mod place_register {
    use super::*;
    use pingxuan::api::posters::printed_link;
    use pingxuan::forms::place_form::{coordinate_text, field, read_coordinate, PlaceForm};
    use pingxuan_domain::api::paths;

    fn fields(errors: &[pingxuan_domain::FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[wasm_bindgen_test]
    fn a_place_form_becomes_the_domains_input() {
        let mut form = PlaceForm::new(Category::Market, " 彩塘镇华美农贸市场 ");
        form.town = "彩塘镇".into();
        form.latitude = "23.5921".into();
        form.longitude = "116.7357".into();
        let input = form.parse(Lang::Zh).unwrap();
        assert_eq!(input.name, "彩塘镇华美农贸市场");
        assert_eq!(
            input.position,
            Some(GeoPoint {
                latitude: 23.5921,
                longitude: 116.7357
            })
        );
        // A pair pasted into the latitude, as map apps copy it, counts as both.
        form.latitude = "23.5921，116.7357".into();
        form.longitude.clear();
        assert_eq!(form.parse(Lang::Zh).unwrap().position, input.position);
        // No coordinates at all: no position.
        form.clear_position();
        assert!(!form.has_position());
        assert_eq!(form.parse(Lang::Zh).unwrap().position, None);
    }

    #[wasm_bindgen_test]
    fn a_bad_place_form_names_every_problem() {
        let mut form = PlaceForm::new(Category::Village, "市");
        form.latitude = "二十三".into();
        let errors = form.parse(Lang::Zh).unwrap_err();
        assert_eq!(
            fields(&errors),
            [field::LATITUDE, field::LONGITUDE, field::NAME, field::TOWN]
        );
        assert_eq!(errors[0].message, "请填写数字，例如 23.6612。");
        assert_eq!(errors[1].message, "纬度和经度要一起填写。");
        // Readable, but outside the city: the domain's own check.
        form.name = "金砂村".into();
        form.town = "彩塘镇".into();
        form.latitude = "39.9".into();
        form.longitude = "116.4".into();
        let errors = form.parse(Lang::En).unwrap_err();
        assert_eq!(fields(&errors), [field::POSITION]);
    }

    #[wasm_bindgen_test]
    fn coordinates_read_and_write_without_float_formatting() {
        assert_eq!(coordinate_text(23.5921), "23.5921");
        assert_eq!(coordinate_text(-116.0), "-116");
        assert_eq!(coordinate_text(116.12345678), "116.123457");
        assert_eq!(coordinate_text(f64::NAN), "");
        assert_eq!(read_coordinate(" 23.5921 "), Some(23.5921));
        assert_eq!(read_coordinate("２３．５"), Some(23.5));
        assert_eq!(read_coordinate("023"), Some(23.0));
        assert_eq!(read_coordinate("-0.5"), Some(-0.5));
        for bad in ["", "23.", ".5", "1e3", "23,5", "二十三", "--1"] {
            assert_eq!(read_coordinate(bad), None, "{bad}");
        }
        let place = Place {
            position: Some(GeoPoint {
                latitude: 23.66,
                longitude: 116.64,
            }),
            ..market(7, "湘桥农贸市场")
        };
        let form = PlaceForm::from_place(&place);
        assert_eq!(
            (form.latitude.as_str(), form.longitude.as_str()),
            ("23.66", "116.64")
        );
    }

    #[wasm_bindgen_test]
    fn the_register_search_and_the_printed_link() {
        assert_eq!(
            paths::place_search(Category::Ditch, 50),
            "/api/v1/places?category=ditch&limit=50&q="
        );
        assert_eq!(
            printed_link("https://cz.example.cn/nominate"),
            "cz.example.cn/nominate"
        );
        assert_eq!(
            printed_link("http://127.0.0.1:8080/nominate"),
            "127.0.0.1:8080/nominate"
        );
    }
}

// ── Screening (/staff/screening) ──

/// A screening view of two markets in 彩塘镇 that look alike: the first nominated twice
/// (one with two photos), the second once; the round is in screening unless `locked`.
fn screening_view(locked: bool) -> pingxuan_domain::screening::ScreeningView {
    use pingxuan_domain::screening::{
        DuplicateReason, DuplicateSuggestion, NominationDetail, ScreeningPlace, ScreeningView,
    };
    let nomination = |id: i64, photos: Vec<PhotoView>, text: &str| NominationDetail {
        id,
        reference: format!("TJ06-{id:06}"),
        description: text.into(),
        photos,
        position: Some(GeoPoint {
            latitude: 23.5889,
            longitude: 116.7433,
        }),
        contact_phone: Some("13800001234".into()),
        rejected_reason: None,
        created_at: round_start(),
    };
    ScreeningView {
        round_id: 6,
        category: Category::Market,
        locked,
        shortlist_size: 20,
        places: vec![
            ScreeningPlace {
                place: market(1, "彩塘镇华美农贸市场"),
                nominations: vec![
                    nomination(11, vec![photo('a'), photo('b')], "门口垃圾堆积，污水横流。"),
                    nomination(12, vec![photo('c')], "活禽区没有隔离。"),
                ],
            },
            ScreeningPlace {
                place: market(2, "华美市场"),
                nominations: vec![nomination(13, vec![photo('d')], "华美市场门口垃圾很多。")],
            },
        ],
        suggestions: vec![DuplicateSuggestion {
            place_a: 1,
            place_b: 2,
            reasons: vec![
                DuplicateReason::SimilarName { similarity: 0.67 },
                DuplicateReason::Near { metres: 29.6 },
            ],
        }],
        suggestions_total: 1,
        shortlist: vec![],
    }
}

#[wasm_bindgen_test]
fn screening_shortlist_draft_defaults_checks_and_merges() {
    use pingxuan::forms::screening_shortlist::{candidate_index, CandidateDraft, ShortlistDraft};
    let view = screening_view(false);
    let mut draft = ShortlistDraft::from_view(&view);
    assert!(draft.is_empty());

    // A nominated place: its name as title, the first resident's words, their first photo.
    let first = CandidateDraft::nominated(&view.places[0]);
    assert_eq!(first.title, "彩塘镇华美农贸市场");
    assert_eq!(first.description, "门口垃圾堆积，污水横流。");
    assert_eq!(
        first.cover.as_ref().map(|p| p.id.as_str()),
        Some(&*"a".repeat(22))
    );
    assert_eq!(first.cover_choices(Some(&view.places[0])).len(), 3);
    draft.add(first.clone());
    draft.add(first);
    draft.add(CandidateDraft::nominated(&view.places[1]));
    // A register place nobody nominated needs the department's reason.
    draft.add(CandidateDraft::registered(9, "彩塘综合市场"));
    assert_eq!(draft.len(), 3);
    draft.shift(9, true);
    assert_eq!(draft.position(9), Some(1));

    let errors = draft.check(&view, "请写明部门掌握的情况。").unwrap_err();
    let at = |field: &str| errors.iter().any(|e| e.field == field);
    assert!(at("candidates"), "{errors:?}");
    assert!(at("candidates[1].description"), "{errors:?}");
    assert!(at("candidates[1].department_reason"), "{errors:?}");
    assert!(!at("candidates[2].department_reason"), "{errors:?}");
    assert_eq!(candidate_index("candidates[12].title"), Some(12));
    assert_eq!(candidate_index("candidates"), None);

    // 华美市场 merged into 彩塘镇华美农贸市场, which is on the list already: dropped.
    draft.after_merge(2, &view.places[0].place);
    assert!(!draft.contains(2));
    // The other way round: the candidate now stands for the kept place, renamed.
    let mut other = ShortlistDraft::default();
    other.add(CandidateDraft::nominated(&view.places[1]));
    other.after_merge(2, &view.places[0].place);
    assert_eq!(other.candidates[0].place_id, 1);
    assert_eq!(other.candidates[0].title, "彩塘镇华美农贸市场");
    assert_eq!(other.input().candidates[0].place_id, 1);
}

#[wasm_bindgen_test]
fn screening_place_choice_uses_the_domain_rules() {
    use pingxuan::forms::nomination_draft::PlaceDraft;
    use pingxuan::forms::screening_place::{place_choice, place_problem, place_ready};
    let mut p = PlaceDraft::default();
    assert_eq!(place_choice(&p), None);
    assert!(place_problem(&p, field::PLACE, Lang::Zh).is_some());
    assert!(!place_ready(&p, Lang::Zh));
    p.chosen = Some(ChosenPlace::from(&market(7, "彩塘综合市场")));
    assert_eq!(
        place_choice(&p),
        Some(PlaceChoice::Registered { place_id: 7 })
    );
    assert!(place_ready(&p, Lang::Zh));
    p.new_place = true;
    p.name = "市".into();
    p.town = "天河区".into();
    assert!(place_problem(&p, field::PLACE_NAME, Lang::Zh).is_some());
    assert!(place_problem(&p, field::PLACE_TOWN, Lang::Zh).is_some());
    p.name = "华美市场".into();
    p.town = "彩塘镇".into();
    assert!(place_ready(&p, Lang::Zh));
    assert_eq!(
        place_choice(&p),
        Some(PlaceChoice::New {
            name: "华美市场".into(),
            town: "彩塘镇".into()
        })
    );
}

#[wasm_bindgen_test]
async fn screening_places_offer_the_merge_and_the_pick() {
    use pingxuan::components::screening_context::Screening;
    use pingxuan::components::screening_places::ScreeningPlaces;
    for locked in [false, true] {
        let root = container();
        let draft = RwSignal::new(None::<Screening>);
        let _mounted = mount_to(root.clone(), move || {
            provide_lang_context_with(Lang::Zh);
            provide_session_context_with(session_as(Role::Admin));
            let s = Screening::new(screening_view(locked), Phase::Screening);
            draft.set(Some(s));
            view! { <ScreeningPlaces s /> }
        });
        tick().await;
        let s = draft.get_untracked().unwrap();
        assert_eq!(count(&root, "[data-testid=screening-place]"), 2);
        assert!(text(&root, ".list-summary").contains("共 3 条推荐，涉及 2 个地点"));
        let chips: Vec<String> = (0..count(&root, ".chip"))
            .map(|i| {
                root.query_selector_all(".chip")
                    .unwrap()
                    .item(i)
                    .unwrap()
                    .text_content()
                    .unwrap()
            })
            .collect();
        assert_eq!(chips, vec!["名称相近", "相距约30米"]);
        // Every pair found is shown: no line about the others.
        assert_eq!(count(&root, ".dup-capped"), 0);
        let merge = root.query_selector("button.merge").unwrap();
        let pick = find(&root, "[data-testid=screening-place] button.pick");
        if locked {
            assert!(merge.is_none(), "no merge once locked");
            assert!(pick.has_attribute("disabled"));
            continue;
        }
        assert_eq!(
            merge.unwrap().text_content().unwrap(),
            "把「华美市场」并入「彩塘镇华美农贸市场」"
        );
        assert_eq!(pick.get_attribute("aria-pressed").as_deref(), Some("false"));
        pick.click();
        tick().await;
        assert_eq!(pick.get_attribute("aria-pressed").as_deref(), Some("true"));
        assert_eq!(s.picked(), 1);
        // Unfolded: the nominations with the staff-only phone.
        find(&root, "[data-testid=screening-place] button[aria-expanded]").click();
        tick().await;
        assert_eq!(count(&root, "[data-testid=nomination]"), 2);
        assert!(text(&root, ".staff-only").contains("13800001234"));
        assert!(text(&root, ".staff-only").contains("23.5889, 116.7433"));
    }
}

#[wasm_bindgen_test]
async fn screening_says_how_many_pairs_were_found_when_it_shows_only_the_strongest() {
    use pingxuan::components::screening_context::Screening;
    use pingxuan::components::screening_duplicates::DuplicateList;
    for (lang, want) in [
        (Lang::Zh, "共找到1204组，显示最相近的1组。"),
        (Lang::En, "Found 1204 pairs; showing the 1 most alike."),
    ] {
        let root = container();
        let _mounted = mount_to(root.clone(), move || {
            provide_lang_context_with(lang);
            provide_session_context_with(session_as(Role::Admin));
            let mut view = screening_view(false);
            view.suggestions_total = 1204;
            let s = Screening::new(view, Phase::Screening);
            view! { <DuplicateList s /> }
        });
        tick().await;
        assert_eq!(count(&root, "[data-testid=duplicate]"), 1);
        assert_eq!(text(&root, ".dup-capped"), want);
    }
}

// ── Voting (/vote/) ──

/// A market candidate of round 6, with or without a cover photo.
fn vote_candidate(id: i64, cover: bool) -> pingxuan_domain::screening::Candidate {
    pingxuan_domain::screening::Candidate {
        id,
        round_id: 6,
        category: Category::Market,
        place_id: id * 10,
        title: format!("候选市场{id}"),
        description: "门口垃圾堆积，污水横流。".into(),
        cover: cover.then(|| photo('v')),
        nominations: 3,
        department_reason: None,
        town: if cover {
            "彩塘镇".into()
        } else {
            String::new()
        },
    }
}

#[wasm_bindgen_test]
fn a_ballot_holds_one_to_max_choices() {
    use pingxuan::forms::vote_selection::{Selection, Tap};
    // One choice: a tap on another candidate moves it, like a radio group.
    let mut one = Selection::new(1);
    assert_eq!(one.tap(7), Tap::Chosen);
    assert_eq!(one.tap(9), Tap::Chosen);
    assert_eq!(one.ids(), &[9]);
    assert_eq!(one.tap(9), Tap::Unchosen);
    assert!(one.is_empty());
    // More: a full ballot refuses until one is untapped.
    let mut three = Selection::new(3);
    for id in [4, 1, 2] {
        assert_eq!(three.tap(id), Tap::Chosen);
    }
    assert_eq!(three.tap(5), Tap::Full);
    assert!(!three.contains(5));
    assert_eq!(three.input().validate(3).unwrap(), vec![1, 2, 4]);
    assert_eq!(three.tap(1), Tap::Unchosen);
    assert_eq!(three.tap(5), Tap::Chosen);
    assert_eq!(Selection::new(0).max(), 1);
}

#[wasm_bindgen_test]
fn voting_is_open_only_in_its_phase_and_window() {
    use pingxuan::components::vote_status::{voting_status, VotingStatus};
    let window = Schedule::starting(round_start()).voting;
    let before = window.starts_at - chrono::Duration::seconds(1);
    let inside = window.starts_at;
    let after = window.ends_at;
    for (phase, now, expected) in [
        (Phase::Screening, inside, VotingStatus::NotYet),
        (Phase::Voting, before, VotingStatus::NotYet),
        (Phase::Voting, inside, VotingStatus::Open),
        (Phase::Voting, after, VotingStatus::Over),
        (Phase::FieldScoring, inside, VotingStatus::Over),
        (Phase::Published, after, VotingStatus::Over),
    ] {
        assert_eq!(
            voting_status(phase, window, now),
            expected,
            "{phase:?} {now}"
        );
    }
}

#[wasm_bindgen_test]
fn an_already_voted_refusal_hands_back_the_first_receipt() {
    use pingxuan::pages::vote_category_page::earlier_receipt;
    use pingxuan_domain::voting::BallotReceipt;
    let first = BallotReceipt {
        receipt: "K7QX-2M9D-P3RT-8WZA".into(),
        round_id: 6,
        category: Category::Market,
        candidate_ids: vec![3],
        cast_at: round_start(),
    };
    let refusal = ClientError::Server {
        status: 409,
        body: ErrorBody {
            receipt: Some(Box::new(first.clone())),
            ..ErrorBody::new(ErrorCode::AlreadyVoted)
        },
    };
    assert_eq!(earlier_receipt(&refusal), Some(first));
    let closed = ClientError::Server {
        status: 409,
        body: ErrorBody::new(ErrorCode::PhaseClosed),
    };
    assert_eq!(earlier_receipt(&closed), None);
    assert_eq!(earlier_receipt(&ClientError::Network), None);
}

#[wasm_bindgen_test]
async fn a_candidate_card_is_a_large_toggle_with_a_lazy_cover() {
    use pingxuan::components::vote_candidate_card::VoteCandidateCard;
    let root = container();
    let chosen = RwSignal::new(false);
    let tapped = RwSignal::new(None::<i64>);
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        let on_tap = Callback::new(move |id: i64| {
            tapped.set(Some(id));
            chosen.update(|c| *c = !*c);
        });
        view! {
            <ul>
                <VoteCandidateCard candidate=vote_candidate(5, true) number=3 chosen on_tap />
                <VoteCandidateCard candidate=vote_candidate(6, false) number=4 chosen=Signal::stored(true) vote_count=Some(12) />
            </ul>
        }
    });
    tick().await;
    let button = find(&root, "button.candidate");
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert_eq!(text(&root, "button.candidate .candidate-no"), "3号");
    assert_eq!(
        text(&root, "button.candidate .candidate-title"),
        "候选市场5"
    );
    assert_eq!(text(&root, "button.candidate .candidate-town"), "彩塘镇");
    // No town on record: no empty line for it.
    assert_eq!(count(&root, "li.candidate.static .candidate-town"), 0);
    assert_eq!(text(&root, "button.candidate .badge.count"), "3 人推荐");
    let img = find(&root, "button.candidate img.candidate-cover");
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(img.get_attribute("width").as_deref(), Some("1600"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("1200"));
    assert_eq!(img.get_attribute("alt").as_deref(), Some("候选市场5"));
    assert!(img.get_attribute("src").unwrap().ends_with(".thumb.jpg"));
    button.click();
    tick().await;
    assert_eq!(tapped.get_untracked(), Some(5));
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(button.class_name().contains("chosen"));
    // Without a tap handler: a plain item, marked chosen, with its votes; no photo, a
    // placeholder of the same size.
    let plain = find(&root, "li.candidate.static");
    assert!(plain.class_name().contains("chosen"));
    assert_eq!(
        text(&root, "li.candidate.static .candidate-cover.none"),
        "暂无照片"
    );
    assert_eq!(text(&root, "li.candidate.static .badge.votes"), "12 票");
    assert_eq!(count(&root, "li.candidate.static button"), 0);
}

#[wasm_bindgen_test]
async fn before_voting_the_page_says_when_it_opens_in_beijing_time() {
    use pingxuan::components::vote_status::{VoteStatusCard, VotingStatus};
    let window = Schedule::starting(round_start()).voting;
    for (status, title) in [
        (VotingStatus::NotYet, "网上投票还没开始"),
        (VotingStatus::Over, "本期网上投票已结束"),
    ] {
        let root = container();
        let _mounted = mount_to(root.clone(), move || {
            provide_lang_context_with(Lang::Zh);
            view! { <VoteStatusCard status window now=Signal::stored(round_start()) /> }
        });
        tick().await;
        assert_eq!(text(&root, ".state-title"), title);
        if status == VotingStatus::NotYet {
            // 15 + 4 days after 12月1日 00:00 (Beijing).
            assert!(
                text(&root, ".state-hint")
                    .starts_with("网上投票将于2026年12月20日 00:00开始（北京时间）"),
                "{}",
                text(&root, ".state-hint")
            );
            assert_eq!(text(&root, ".countdown-label"), "距离投票开始还有");
            assert_eq!(text(&root, ".countdown-value"), "19天 00小时 00分 00秒");
        } else {
            assert_eq!(count(&root, ".countdown"), 0);
        }
    }
}

#[wasm_bindgen_test]
async fn the_receipt_shows_the_code_the_choice_and_why_to_keep_it() {
    use pingxuan::components::ballot_receipt::BallotReceiptCard;
    use pingxuan_domain::voting::BallotReceipt;
    let receipt = BallotReceipt {
        receipt: "K7QX-2M9D-P3RT-8WZA".into(),
        round_id: 6,
        category: Category::Market,
        candidate_ids: vec![5],
        cast_at: round_start(),
    };
    for earlier in [false, true] {
        let root = container();
        let receipt = receipt.clone();
        let _mounted = mount_to(root.clone(), move || {
            provide_lang_context_with(Lang::Zh);
            view! { <BallotReceiptCard receipt titles=vec!["候选市场5".to_owned()] earlier /> }
        });
        tick().await;
        assert_eq!(
            text(&root, ".done-title"),
            if earlier { "已投票" } else { "投票成功" }
        );
        assert_eq!(text(&root, "[data-testid=receipt]"), "K7QX-2M9D-P3RT-8WZA");
        assert_eq!(text(&root, ".receipt-chosen li"), "候选市场5");
        assert_eq!(
            text(&root, ".receipt-when"),
            "投票时间：2026年12月1日 00:00（北京时间）"
        );
        assert_eq!(
            text(&root, ".receipt-keep"),
            "请保存您的投票凭证，投票结束后可在公示名单中核对"
        );
    }
}

#[wasm_bindgen_test]
async fn the_verify_sheet_offers_wechat_first_only_when_asked_to() {
    use pingxuan::components::vote_verify_sheet::VoteVerifySheet;
    let leaving = RwSignal::new(false);
    let root = container();
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        view! {
            <VoteVerifySheet
                on_verified=Callback::new(|_| {})
                on_close=Callback::new(|_| {})
                wechat_url=Some("/api/v1/voting/wechat/start?return_to=/vote/market".to_owned())
                on_wechat=Callback::new(move |_| leaving.set(true))
                wechat_failed=true
            />
        }
    });
    tick().await;
    assert_eq!(text(&root, ".sheet-title"), "验证身份");
    let link = find(&root, "a.button.wechat");
    assert_eq!(link.text_content().unwrap(), "微信授权，一键验证");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/api/v1/voting/wechat/start?return_to=/vote/market")
    );
    assert_eq!(link.get_attribute("rel").as_deref(), Some("external"));
    // WeChat comes before the number, and the number's form is still there.
    let order = root.inner_html();
    assert!(order.find("button wechat").unwrap() < order.find("vote-phone").unwrap());
    assert_eq!(text(&root, ".sheet-or"), "或用手机号验证");
    assert_eq!(
        text(&root, "[role=alert]"),
        "微信授权没有完成，请再点一次，或用手机号验证。"
    );
    // The ballot is kept before the page leaves (the navigation itself is cancelled here).
    let stop =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
            e.prevent_default()
        });
    link.add_event_listener_with_callback("click", stop.as_ref().unchecked_ref())
        .unwrap();
    link.click();
    assert!(leaving.get_untracked());

    let plain = container();
    let _mounted = mount_to(plain.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        view! { <VoteVerifySheet on_verified=Callback::new(|_| {}) on_close=Callback::new(|_| {}) /> }
    });
    tick().await;
    assert_eq!(text(&plain, ".sheet-title"), "验证手机号");
    assert_eq!(count(&plain, "a.button.wechat"), 0);
    assert_eq!(count(&plain, ".sheet-or"), 0);
}

#[wasm_bindgen_test]
fn the_resend_countdown_comes_from_retry_after() {
    use pingxuan::components::vote_verify_sheet::seconds_to_wait;
    use pingxuan::i18n::vote::resend_in;
    let wait = |retry_after: Option<u32>| ClientError::Server {
        status: 429,
        body: ErrorBody {
            // Words alone no longer drive the countdown.
            message: "验证码已发送，请42秒后再重新获取。".into(),
            retry_after,
            ..ErrorBody::new(ErrorCode::RateLimited)
        },
    };
    assert_eq!(seconds_to_wait(&wait(Some(17))), Some(17));
    assert_eq!(seconds_to_wait(&wait(None)), None);
    assert_eq!(seconds_to_wait(&ClientError::Network), None);
    assert_eq!(resend_in(Lang::Zh, 59), "重新获取（59秒）");
    assert_eq!(resend_in(Lang::Zh, 60), "重新获取（60秒）");
    assert_eq!(resend_in(Lang::Zh, 901), "重新获取（16分钟）");
    assert_eq!(resend_in(Lang::En, 900), "Resend in 15 min");
}

/// The office's app (`/office/`): its navigation, the admin gate's way to sign in, and the
/// panel against ballot-stuffing — the hourly chart's model, bursts, sources, voiding.
mod office {
    use super::*;
    use pingxuan::components::admin_gate::AdminGate;
    use pingxuan::components::bottom_nav::{OfficeNav, OfficeWasm};
    use pingxuan::components::fraud_chart::{charts, hour_label, hour_number, HourlyCharts};
    use pingxuan::components::fraud_lists::{minute_range, BurstList, SourceList};
    use pingxuan::components::fraud_names::CandidateNames;
    use pingxuan::components::fraud_void_sheet::reason_fits;
    use pingxuan_domain::voting::{Burst, HourlyVotes, SharedSource};

    fn hourly(category: Category, candidate_id: i64, hour: &str, ballots: u32) -> HourlyVotes {
        HourlyVotes {
            category,
            candidate_id,
            hour: hour.into(),
            ballots,
        }
    }

    fn burst(candidate_id: i64, minute: &str, ballots: u32) -> Burst {
        Burst {
            category: Category::Market,
            candidate_id,
            minute: minute.into(),
            ballots,
        }
    }

    fn names() -> CandidateNames {
        CandidateNames::new(vec![vote_candidate(5, false), vote_candidate(6, false)])
    }

    #[wasm_bindgen_test]
    fn the_hourly_chart_shares_one_axis_per_category_and_marks_bursts() {
        let n = hour_number("2026-12-04 23:00").unwrap();
        assert_eq!(hour_number("2026-12-05 00:00"), Some(n + 1));
        assert_eq!(
            hour_number("2026-12-04 23:07"),
            Some(n),
            "a minute is in its hour"
        );
        assert_eq!(hour_label(n + 1), "12-05 00:00");
        for junk in [
            "",
            "2026-12-04",
            "2026-13-04 10:00",
            "2026-12-04 24:00",
            "abcd-12-04 10:00",
        ] {
            assert_eq!(hour_number(junk), None, "{junk:?}");
        }
        let list = charts(
            &[
                hourly(Category::Market, 6, "2026-12-04 23:00", 2),
                hourly(Category::Market, 5, "2026-12-04 22:00", 1),
                hourly(Category::Market, 5, "2026-12-05 01:00", 37),
                hourly(Category::Village, 9, "2026-12-03 08:00", 4),
                hourly(Category::Village, 9, "2026-12-02 02:00", 1),
            ],
            &[burst(5, "2026-12-05 01:07", 36)],
        );
        assert_eq!(
            list.iter().map(|c| c.category).collect::<Vec<_>>(),
            Category::ALL.to_vec()
        );
        let market = list
            .iter()
            .find(|c| c.category == Category::Market)
            .unwrap();
        // 22:00 to 01:00 on a half-day axis ending at 01:00; the tallest bar 37; the
        // busiest candidate first.
        assert_eq!(hour_label(market.first_hour), "12-04 14:00");
        assert_eq!((market.hours, market.max, market.total), (12, 37, 40));
        assert_eq!(market.rows[0].candidate_id, 5);
        assert_eq!(market.rows[0].total, 38);
        let bars: Vec<(i64, u32, bool)> = market.rows[0]
            .bars
            .iter()
            .map(|b| (b.offset, b.ballots, b.burst))
            .collect();
        assert_eq!(bars, vec![(8, 1, false), (11, 37, true)]);
        assert_eq!(market.rows[0].peak.offset, 11);
        assert!(!market.rows[1].bars[0].burst, "the burst was another's");
        // Each category has its own axis, longer when its ballots span longer; one
        // without ballots has no rows.
        let village = list
            .iter()
            .find(|c| c.category == Category::Village)
            .unwrap();
        assert_eq!(hour_label(village.first_hour), "12-02 02:00");
        assert_eq!((village.hours, village.total), (31, 5));
        assert!(list
            .iter()
            .find(|c| c.category == Category::Road)
            .unwrap()
            .rows
            .is_empty());
    }

    #[wasm_bindgen_test]
    fn a_burst_minute_reads_as_a_range_and_void_reasons_are_checked() {
        let range = |m: &str| minute_range(m).map(|(d, f, t)| format!("{d} {f}–{t}"));
        assert_eq!(
            range("2026-12-04 14:07").as_deref(),
            Some("12-04 14:07–14:08")
        );
        assert_eq!(
            range("2026-12-04 14:59").as_deref(),
            Some("12-04 14:59–15:00")
        );
        assert_eq!(
            range("2026-12-04 23:59").as_deref(),
            Some("12-04 23:59–00:00")
        );
        assert_eq!(range("2026-12-04 24:00"), None);
        assert_eq!(range("junk"), None);
        assert!(!reason_fits(""));
        assert!(!reason_fits("  刷 "));
        assert!(reason_fits("刷票"));
        assert!(reason_fits(&"票".repeat(200)));
        assert!(!reason_fits(&"票".repeat(201)));
    }

    #[wasm_bindgen_test]
    async fn the_office_nav_and_gate_send_people_to_the_staff_app_to_sign_in() {
        for (state, expected, gate) in [
            (SessionState::SignedOut, vec!["首页", "登录"], "请先登录"),
            (
                session_as(Role::Department {
                    category: Category::Market,
                }),
                vec!["首页", "工作台", "评分表"],
                "没有权限",
            ),
            (
                session_as(Role::Admin),
                vec![
                    "首页",
                    "工作台",
                    "监督台",
                    "防刷票",
                    "现场评分",
                    "结果",
                    "评分表",
                ],
                "仅管理员可见",
            ),
        ] {
            let root = container();
            let _mounted = mount_to(root.clone(), move || {
                provide_lang_context_with(Lang::Zh);
                provide_session_context_with(state.clone());
                view! {
                    <Router>
                        <AdminGate external=true>
                            <p class="secret">"仅管理员可见"</p>
                        </AdminGate>
                        <OfficeNav />
                    </Router>
                }
            });
            tick().await;
            assert_eq!(nav_names(&root), expected);
            for other_app in ["/", "/staff/"] {
                let link = find(&root, &format!("nav.bottom-nav a[href='{other_app}']"));
                assert_eq!(link.get_attribute("rel").as_deref(), Some("external"));
            }
            assert!(root.text_content().unwrap().contains(gate), "{gate}");
            if gate == "请先登录" {
                let sign_in = find(&root, ".state-card a[href='/staff/']");
                assert_eq!(sign_in.get_attribute("rel").as_deref(), Some("external"));
            }
            assert_eq!(count(&root, ".secret"), u32::from(gate == "仅管理员可见"));
            if gate == "仅管理员可见" {
                // The results workbench is a wasm of its own: a full page load.
                let results = find(&root, "nav.bottom-nav a[href='/office/results']");
                assert_eq!(results.get_attribute("rel").as_deref(), Some("external"));
                // The office's own pages are router links.
                let fraud = find(&root, "nav.bottom-nav a[href='/office/fraud']");
                assert_eq!(fraud.get_attribute("rel"), None);
            }
            if gate != "请先登录" {
                // So are the score sheets, for admins and lead departments alike.
                let sheets = find(&root, "nav.bottom-nav a[href='/office/sheets']");
                assert_eq!(sheets.get_attribute("rel").as_deref(), Some("external"));
            }
        }
    }

    /// The office home's 整改进度: three counts, each a full page load into /rectify/,
    /// 逾期 red only when there are any; no tasks at all says so.
    #[wasm_bindgen_test]
    async fn the_office_home_counts_rectification_and_flags_overdue_in_red() {
        use pingxuan::pages::office_home_page::RectifySummaryCounts;
        use pingxuan_domain::rectification::RectificationCounts;
        let counts = |overdue, submitted, to_do, verified| RectificationCounts {
            overdue,
            submitted,
            to_do,
            verified,
            reminders_open: 0,
        };
        for (c, chips, alert) in [
            (
                counts(3, 1, 6, 2),
                vec!["3逾期", "1待核验", "6待整改"],
                true,
            ),
            (
                counts(0, 2, 0, 8),
                vec!["0逾期", "2待核验", "0待整改"],
                false,
            ),
        ] {
            let root = container();
            let _mounted = mount_to(root.clone(), move || {
                provide_lang_context_with(Lang::Zh);
                view! { <RectifySummaryCounts counts=c /> }
            });
            tick().await;
            let links = root.query_selector_all("a.summary-chip").unwrap();
            let texts: Vec<String> = (0..links.length())
                .map(|i| links.item(i).unwrap().text_content().unwrap_or_default())
                .collect();
            assert_eq!(texts, chips);
            for i in 0..links.length() {
                let a: web_sys::Element = links.item(i).unwrap().unchecked_into();
                assert_eq!(a.get_attribute("href").as_deref(), Some("/rectify/"));
                assert_eq!(a.get_attribute("rel").as_deref(), Some("external"));
            }
            assert_eq!(count(&root, "a.summary-chip.alert"), u32::from(alert));
            if alert {
                let first = find(&root, "a.summary-chip");
                let class = first.get_attribute("class").unwrap_or_default();
                assert!(class.contains("alert"), "逾期 is the red one: {class}");
            }
        }
        let root = container();
        let _mounted = mount_to(root.clone(), move || {
            provide_lang_context_with(Lang::Zh);
            view! { <RectifySummaryCounts counts=RectificationCounts::default() /> }
        });
        tick().await;
        assert_eq!(count(&root, "a.summary-chip"), 0);
        assert_eq!(
            text(&root, "[data-testid='no-rectifications']"),
            "目前没有整改任务"
        );
    }

    /// Which office links are full page loads, in each of the office's three wasms: all
    /// but the wasm's own pages; the results workbench marks its one page current.
    #[wasm_bindgen_test]
    async fn each_office_wasm_loads_the_others_pages_in_full() {
        let office_links = [
            "/office/",
            "/office/fraud",
            "/office/teams",
            "/office/results",
            "/office/sheets",
        ];
        for (app, own) in [
            (
                OfficeWasm::Office,
                &["/office/", "/office/fraud", "/office/teams"][..],
            ),
            (OfficeWasm::Results, &[][..]),
            (OfficeWasm::Sheets, &["/office/sheets"][..]),
        ] {
            let root = container();
            let _mounted = mount_to(root.clone(), move || {
                provide_lang_context_with(Lang::Zh);
                provide_session_context_with(session_as(Role::Admin));
                view! {
                    <Router>
                        <OfficeNav app=app />
                    </Router>
                }
            });
            tick().await;
            assert_eq!(
                nav_names(&root),
                vec![
                    "首页",
                    "工作台",
                    "监督台",
                    "防刷票",
                    "现场评分",
                    "结果",
                    "评分表"
                ],
                "{app:?}"
            );
            for href in office_links {
                let link = find(&root, &format!("nav.bottom-nav a[href='{href}']"));
                let external = !own.contains(&href);
                assert_eq!(
                    link.get_attribute("rel").as_deref(),
                    external.then_some("external"),
                    "{app:?} {href}"
                );
            }
            let results = find(&root, "nav.bottom-nav a[href='/office/results']");
            assert_eq!(
                results.get_attribute("aria-current").as_deref(),
                (app == OfficeWasm::Results).then_some("page"),
                "{app:?}"
            );
        }
        // A lead department in the sheets app: its sheets, in the app, and the way out.
        let root = container();
        let _mounted = mount_to(root.clone(), move || {
            provide_lang_context_with(Lang::Zh);
            provide_session_context_with(session_as(Role::Department {
                category: Category::Market,
            }));
            view! {
                <Router>
                    <OfficeNav app=OfficeWasm::Sheets />
                </Router>
            }
        });
        tick().await;
        assert_eq!(nav_names(&root), vec!["首页", "工作台", "评分表"]);
        let sheets = find(&root, "nav.bottom-nav a[href='/office/sheets']");
        assert_eq!(sheets.get_attribute("rel"), None);
    }

    #[wasm_bindgen_test]
    async fn bursts_sources_and_charts_say_it_plainly() {
        let root = container();
        let _mounted = mount_to(root.clone(), move || {
            provide_lang_context_with(Lang::Zh);
            let data = charts(
                &[
                    hourly(Category::Market, 5, "2026-12-04 13:00", 3),
                    hourly(Category::Market, 5, "2026-12-04 14:00", 37),
                    hourly(Category::Market, 6, "2026-12-04 14:00", 1),
                ],
                &[burst(5, "2026-12-04 14:07", 37)],
            );
            view! {
                <Router>
                    <BurstList bursts=vec![burst(5, "2026-12-04 14:07", 37)] names=names() />
                    <SourceList device=true sources=vec![] />
                    <SourceList
                        device=false
                        sources=vec![SharedSource { source: "112.96.33.0/24".into(), voters: 40, ballots: 52 }]
                    />
                    <HourlyCharts charts=data names=names() />
                </Router>
            }
        });
        tick().await;
        assert_eq!(text(&root, ".burst .burst-head strong"), "候选市场5");
        assert_eq!(
            text(&root, ".burst .burst-when"),
            "12-04 14:07–14:08 收到 37 票"
        );
        assert!(root
            .text_content()
            .unwrap()
            .contains("没有多人共用的设备。"));
        let network = find(&root, "a.source-row");
        assert_eq!(
            network.get_attribute("href").as_deref(),
            Some("/office/fraud?network=112.96.33.0%2F24")
        );
        assert_eq!(
            text(&root, "a.source-row .source-name"),
            "网络 112.96.33.0/24"
        );
        assert_eq!(
            text(&root, "a.source-row .source-counts"),
            "40 位投票人 · 52 张选票"
        );
        // Market: two rows, the burst hour red; the other three categories say they are empty.
        assert_eq!(count(&root, ".chart-row"), 2);
        assert_eq!(text(&root, ".chart-row .chart-name"), "候选市场5");
        assert_eq!(count(&root, ".chart-row rect"), 3);
        assert_eq!(count(&root, ".chart-row rect.burst"), 1);
        let svg = find(&root, ".chart-row svg");
        assert_eq!(
            svg.get_attribute("aria-label").as_deref(),
            Some("候选市场5：共 40 票，最多的一小时 37 票（12-04 14:00）")
        );
        assert_eq!(svg.get_attribute("viewBox").as_deref(), Some("0 0 12 100"));
        assert_eq!(count(&root, ".fraud-chart"), 4);
        assert_eq!(
            root.text_content()
                .unwrap()
                .matches("这一类还没有选票。")
                .count(),
            3
        );
    }
}

/// Sends a keydown for `key` to the window, as a keyboard does.
fn press(key: &str) {
    js_sys::Function::new_with_args(
        "k",
        "window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }))",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &key.into())
    .unwrap();
}

#[wasm_bindgen_test]
async fn bottom_sheet_closes_on_escape_and_backdrop_not_inside_and_focuses_its_control() {
    use pingxuan::components::bottom_sheet::BottomSheet;
    use pingxuan::i18n::fraud::FraudMsg;
    let root = container();
    let open = RwSignal::new(true);
    let closes = RwSignal::new(0);
    let _mounted = mount_to(root.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        let on_close = Callback::new(move |_| {
            closes.update(|n| *n += 1);
            open.set(false);
        });
        view! {
            <Show when=move || open.get()>
                <BottomSheet
                    title_id="t-sheet-title"
                    title=FraudMsg::VoidTitle
                    close=FraudMsg::Close
                    on_close
                    focus_id="t-sheet-field"
                >
                    <input id="t-sheet-field" type="text" />
                    <button type="button" id="t-sheet-inside">"inside"</button>
                </BottomSheet>
            </Show>
        }
    });
    tick().await;

    // The dialog, named by its heading, with the requested control focused.
    let dialog = find(
        &root,
        ".sheet-backdrop > .sheet[role='dialog'][aria-modal='true']",
    );
    assert_eq!(
        dialog.get_attribute("aria-labelledby").as_deref(),
        Some("t-sheet-title")
    );
    assert_eq!(text(&root, "h2.sheet-title#t-sheet-title"), "作废这张选票");
    assert_eq!(
        find(&root, ".sheet-close")
            .get_attribute("aria-label")
            .as_deref(),
        Some("关闭")
    );
    let active = document().active_element().map(|e| e.id());
    assert_eq!(active.as_deref(), Some("t-sheet-field"));

    // Taps inside the sheet (a button, the sheet itself) leave it open.
    find(&root, "#t-sheet-inside").click();
    dialog.click();
    tick().await;
    assert_eq!(closes.get_untracked(), 0);
    assert_eq!(count(&root, ".sheet"), 1);

    // A tap on the backdrop closes it.
    find(&root, ".sheet-backdrop").click();
    tick().await;
    assert_eq!(closes.get_untracked(), 1);
    assert_eq!(count(&root, ".sheet"), 0);

    // Reopened, Escape closes it; other keys do not.
    open.set(true);
    tick().await;
    press("Enter");
    tick().await;
    assert_eq!(count(&root, ".sheet"), 1);
    press("Escape");
    tick().await;
    assert_eq!(closes.get_untracked(), 2);
    assert_eq!(count(&root, ".sheet"), 0);

    // Once unmounted its Escape listener is gone: Escape no longer calls on_close.
    press("Escape");
    tick().await;
    assert_eq!(closes.get_untracked(), 2);

    // The × button closes it too.
    open.set(true);
    tick().await;
    find(&root, ".sheet-close").click();
    tick().await;
    assert_eq!(closes.get_untracked(), 3);
    assert_eq!(count(&root, ".sheet"), 0);
}
