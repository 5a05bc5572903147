//! The field app in a real (headless) browser: the score sheet's controls and running
//! total, the draft that becomes a submission, the outbox's state machine, the phone's
//! IndexedDB store, ids and checksums.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p pingxuan --test field`

#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use pingxuan::api::ClientError;
use pingxuan::browser::field_crypto::{sha256_hex, uuid_v4};
use pingxuan::browser::field_store::{self, Store};
use pingxuan::components::field_item::FieldItem;
use pingxuan::forms::field_sheet_draft::SheetDraft;
use pingxuan::state::field_outbox::{send_order, OutboxRecord, OutboxStatus, Verdict};
use pingxuan::state::lang_context::provide_lang_context_with;
use pingxuan_domain::field::{parse_client_id, SheetReceipt};
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::score_sheet::{ItemRule, Mark, SheetContent, SheetItem, SheetSection};
use pingxuan_domain::{ErrorBody, ErrorCode, FieldError, Lang};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::{click, container};

/// A market sheet: 1.1 graded of 4 (segmented), 1.2 graded of 46 (stepper), 2.1
/// deducted 2 a finding of 10, 2.2 deducted 5 of 40 — 100 in all.
fn sheet() -> SheetContent {
    let item = |id: &str, rule| SheetItem {
        id: id.into(),
        text: format!("第{id}项：市场内地面干净，无积水。"),
        rule,
    };
    SheetContent {
        title: "潮州市农贸市场现场评分表".into(),
        sections: vec![
            SheetSection {
                id: "1".into(),
                title: "环境卫生".into(),
                items: vec![
                    item("1.1", ItemRule::Graded { max: 4 }),
                    item("1.2", ItemRule::Graded { max: 46 }),
                ],
            },
            SheetSection {
                id: "2".into(),
                title: "病媒生物防制".into(),
                items: vec![
                    item(
                        "2.1",
                        ItemRule::Deducted {
                            per_finding: 2,
                            max: 10,
                        },
                    ),
                    item(
                        "2.2",
                        ItemRule::Deducted {
                            per_finding: 5,
                            max: 40,
                        },
                    ),
                ],
            },
        ],
    }
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let all = root.query_selector_all(selector).unwrap();
    (0..all.length())
        .map(|i| all.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn the_controls_mark_items_and_the_running_total_follows() {
    let el = container();
    let draft = RwSignal::new(SheetDraft::new(7, 1));
    let changes = RwSignal::new(0);
    let content = sheet();
    let _handle = mount_to(el.clone(), move || {
        provide_lang_context_with(Lang::Zh);
        let stored = StoredValue::new(content.clone());
        let on_change = Callback::new(move |()| changes.update(|c| *c += 1));
        content
            .items()
            .cloned()
            .map(|item| view! { <FieldItem item draft sheet=stored on_change flagged=false /> })
            .collect_view()
    });
    tick().await;
    let s = sheet();
    // Nothing marked: graded items count 0, deducted ones their full value.
    assert_eq!(draft.get_untracked().running_total(&s), 50);
    assert_eq!(
        texts(&el, ".item-points"),
        vec!["未评分", "未评分", "得 10 / 10 分", "得 40 / 40 分"]
    );
    // 1.1: the segmented bar has 0..=4; tap 3.
    assert_eq!(
        texts(&el, "[data-testid=sheet-item]:nth-of-type(1) .seg").len(),
        5
    );
    click(&el, ".seg", 3);
    tick().await;
    assert_eq!(
        el.query_selector(".seg[aria-pressed=true]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "3"
    );
    // 1.2: a stepper; + from unmarked gives full marks, − takes one off.
    click(&el, ".step", 1);
    tick().await;
    click(&el, ".step", 0);
    tick().await;
    // 2.1: three findings, one taken back → 2 × 2 off.
    for _ in 0..3 {
        click(&el, ".step", 3);
        tick().await;
    }
    click(&el, ".step", 2);
    tick().await;
    // 2.2: nine findings at 5 each would be 45 off: floored at 0.
    for _ in 0..9 {
        click(&el, ".step", 5);
        tick().await;
    }
    let d = draft.get_untracked();
    assert_eq!(d.marks["1.1"], Mark::Graded { points: 3 });
    assert_eq!(d.marks["1.2"], Mark::Graded { points: 45 });
    assert_eq!(d.marks["2.1"], Mark::Deducted { findings: 2 });
    assert_eq!(d.marks["2.2"], Mark::Deducted { findings: 9 });
    assert_eq!(d.running_total(&s), 3 + 45 + 6);
    assert_eq!(
        d.running_total(&s),
        s.running_total(&[
            ("1.1", d.marks["1.1"]),
            ("1.2", d.marks["1.2"]),
            ("2.1", d.marks["2.1"]),
            ("2.2", d.marks["2.2"])
        ])
    );
    assert_eq!(
        texts(&el, ".item-points"),
        vec![
            "得 3 / 4 分",
            "得 45 / 46 分",
            "得 6 / 10 分",
            "得 0 / 40 分"
        ]
    );
    assert_eq!(texts(&el, ".points-off"), vec!["扣 4 分", "扣 40 分"]);
    assert_eq!(
        changes.get_untracked(),
        1 + 2 + 4 + 9,
        "every change is reported for saving"
    );
}

#[wasm_bindgen_test]
fn a_draft_finalises_into_the_submission_the_server_checks() {
    let s = sheet();
    let id = uuid_v4();
    let at = Utc.with_ymd_and_hms(2026, 12, 20, 3, 0, 0).unwrap();
    let mut d = SheetDraft::new(7, 1);
    d.set_points(&s, "1.1", 9);
    d.add_findings(&s, "2.2", 1);
    // A graded item left unmarked blocks finishing; deducted ones count as nothing found.
    assert_eq!(d.unmarked(&s), vec!["1.2"]);
    let e = d.finalise(&s, &id, at, None).unwrap_err();
    assert_eq!(e[0].code, "incomplete");
    d.set_points(&s, "1.2", 40);
    d.notes.insert("2.2".into(), "  门口垃圾堆积  ".into());
    d.photos.insert("2.2".into(), vec![uuid_v4()]);
    let beijing = GeoPoint {
        latitude: 39.9,
        longitude: 116.4,
    };
    let sub = d.finalise(&s, &id, at, Some(beijing)).unwrap();
    assert_eq!(
        d.marks["1.1"],
        Mark::Graded { points: 4 },
        "clamped to the item's max"
    );
    assert_eq!(sub.scores.len(), 4);
    assert_eq!(sub.scores[2].mark, Mark::Deducted { findings: 0 });
    assert_eq!(sub.scores[3].note.as_deref(), Some("门口垃圾堆积"));
    assert_eq!(
        sub.location, None,
        "a position outside the city is left out"
    );
    assert_eq!(sub.validate(&id, &s, at).unwrap().total, 4 + 40 + 10 + 35);
    // A correction carries everything over and names the sheet it replaces.
    let c = SheetDraft::correcting(&sub, &id);
    assert_eq!(c.replaces.as_deref(), Some(id.as_str()));
    assert_eq!(c.running_total(&s), 89);
    assert_eq!(c.photo_ids().len(), 1);
}

fn receipt(client_id: &str) -> SheetReceipt {
    SheetReceipt {
        client_id: client_id.into(),
        sheet_id: 11,
        candidate_id: 7,
        total: 89,
        replaces: None,
        received_at: Utc.with_ymd_and_hms(2026, 12, 20, 4, 0, 0).unwrap(),
    }
}

fn server(status: u16, code: ErrorCode, message: &str) -> ClientError {
    let mut body = ErrorBody::new(code);
    body.message = message.into();
    if code == ErrorCode::ValidationFailed {
        body.fields = Some(vec![FieldError::new(
            "candidate_id",
            "not_assigned",
            message,
        )]);
    }
    ClientError::Server { status, body }
}

fn record(queued_at: f64) -> OutboxRecord {
    let s = sheet();
    let id = uuid_v4();
    let mut d = SheetDraft::new(7, 1);
    d.set_points(&s, "1.1", 4);
    d.set_points(&s, "1.2", 40);
    d.photos.insert("1.1".into(), vec![uuid_v4(), uuid_v4()]);
    let at = Utc.with_ymd_and_hms(2026, 12, 20, 3, 0, 0).unwrap();
    let sub = d.finalise(&s, &id, at, None).unwrap();
    OutboxRecord::new(id, 3, sub, 94, queued_at)
}

#[wasm_bindgen_test]
fn the_outbox_moves_each_sheet_by_the_servers_answer() {
    let mut r = record(1.0);
    assert!(r.is_waiting() && r.is_pending());
    assert_eq!(r.photos_to_send().len(), 2);
    r.uploaded.push(r.photo_ids()[0].clone());
    assert_eq!(r.photos_to_send(), vec![r.photo_ids()[1].clone()]);

    // No answer, or a server fault: still waiting, the batch stops, the reason kept.
    for e in [
        ClientError::Network,
        ClientError::BadResponse { status: 502 },
        server(500, ErrorCode::Internal, "服务器出错了。"),
        server(429, ErrorCode::RateLimited, "操作太频繁。"),
    ] {
        let v = Verdict::of(Err(e));
        assert!(matches!(v, Verdict::RetryLater(_)), "{v:?}");
        assert!(!v.batch_goes_on());
        r.apply(&v);
        assert!(r.is_waiting());
        assert!(r.last_error.is_some());
    }
    // The session ended: waiting, sign in first.
    let v = Verdict::of(Err(server(401, ErrorCode::Unauthenticated, "请先登录。")));
    assert_eq!(v, Verdict::SignIn);
    r.apply(&v);
    assert!(r.is_waiting());

    // A refusal: kept with the server's reason, not sent again until asked.
    let v = Verdict::of(Err(server(
        422,
        ErrorCode::ValidationFailed,
        "这个候选对象没有分配给您的小组。",
    )));
    assert!(v.batch_goes_on());
    r.apply(&v);
    assert_eq!(
        r.status,
        OutboxStatus::Refused {
            message: "这个候选对象没有分配给您的小组。".into()
        }
    );
    assert!(!r.is_waiting() && r.is_pending());
    assert!(send_order(std::slice::from_ref(&r)).is_empty());
    r.retry();
    assert!(r.is_waiting());

    // A conflict: kept for the office, never retried, not counted as waiting.
    let mut c = record(2.0);
    let v = Verdict::of(Err(server(
        409,
        ErrorCode::Conflict,
        "这张评分表的编号已用于另一份不同的内容，这份已留存，交创卫办核对处理。",
    )));
    c.apply(&v);
    assert!(matches!(c.status, OutboxStatus::Conflict { .. }));
    assert!(!c.is_pending());
    c.retry();
    assert!(
        matches!(c.status, OutboxStatus::Conflict { .. }),
        "only refused sheets go again"
    );

    // Stored, or the identical resend answered with the same receipt: synced.
    let id = r.client_id.clone();
    let v = Verdict::of(Ok(receipt(&id)));
    r.apply(&v);
    assert!(r.is_synced() && !r.is_pending());
    assert_eq!(r.last_error, None);
    assert_eq!(r.attempts, 7);

    // Oldest first; synced and conflicting sheets are not sent.
    let (a, b) = (record(30.0), record(10.0));
    let order = send_order(&[a.clone(), r.clone(), b.clone(), c]);
    assert_eq!(order, vec![b.client_id, a.client_id]);

    // It survives the trip through IndexedDB's JSON.
    let back: OutboxRecord = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(back, r);
}

#[wasm_bindgen_test]
async fn the_phone_store_keeps_texts_and_moves_a_draft_to_the_outbox_at_once() {
    field_store::put_text(Store::Drafts, "7", "{\"draft\":1}")
        .await
        .unwrap();
    field_store::put_text(Store::Drafts, "8", "{\"draft\":2}")
        .await
        .unwrap();
    assert_eq!(
        field_store::get_text(Store::Drafts, "7")
            .await
            .unwrap()
            .as_deref(),
        Some("{\"draft\":1}")
    );
    field_store::finalise("7", "0f8fad5b-d9cb-469f-a165-70867728950e", "{\"sheet\":1}")
        .await
        .unwrap();
    assert_eq!(
        field_store::get_text(Store::Drafts, "7").await.unwrap(),
        None
    );
    assert_eq!(
        field_store::all_texts(Store::Drafts).await.unwrap(),
        vec!["{\"draft\":2}"]
    );
    assert_eq!(
        field_store::all_texts(Store::Outbox).await.unwrap(),
        vec!["{\"sheet\":1}"]
    );
    let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(
        &js_sys::Uint8Array::from(&b"jpeg"[..]),
    ))
    .unwrap();
    field_store::put_photo("p1", &blob).await.unwrap();
    assert_eq!(field_store::get_photo("p1").await.unwrap().size(), 4.0);
    field_store::delete(Store::Photos, "p1").await.unwrap();
    assert!(field_store::get_photo("p1").await.is_none());
}

#[wasm_bindgen_test]
async fn ids_are_uuids_and_checksums_are_sha256() {
    let a = uuid_v4();
    assert_eq!(parse_client_id("id", &a).unwrap(), a);
    assert_eq!(&a[14..15], "4");
    assert!("89ab".contains(&a[19..20]));
    assert_ne!(a, uuid_v4());
    assert_eq!(
        sha256_hex(b"abc").await.unwrap(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
