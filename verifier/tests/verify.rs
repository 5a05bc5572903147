//! The verifier on a small round written by hand: it agrees with correct results and
//! catches one changed ballot choice, one changed item score and one changed total.

use pingxuan_verify::verify;
use serde_json::{json, Value};

fn graded(points: u32) -> Value {
    json!({"kind": "graded", "points": points})
}

fn deducted(findings: u32) -> Value {
    json!({"kind": "deducted", "findings": findings})
}

fn sheet(
    id: i64,
    client: &str,
    candidate: i64,
    a: u32,
    b_findings: u32,
    total: u32,
    replaces: Option<&str>,
) -> Value {
    let b = 40u32.saturating_sub(10 * b_findings);
    json!({
        "id": id, "client_id": client, "candidate_id": candidate, "sheet_version_id": 7,
        "sub_group": "第一组A组", "total": total, "replaces": replaces, "late": false, "excluded": null,
        "items": [
            {"item_id": "a", "mark": graded(a), "points": a},
            {"item_id": "b", "mark": deducted(b_findings), "points": b}
        ]
    })
}

fn ballot(receipt: &str, ids: &[i64], voided: Option<&str>) -> Value {
    json!({"receipt": receipt, "category": "market", "candidate_ids": ids, "voided": voided, "excluded": null})
}

#[allow(clippy::too_many_arguments)]
fn line(
    id: i64,
    votes: u64,
    vote: f64,
    field: f64,
    sheets: u32,
    total: f64,
    rank: u32,
    tier: &str,
) -> Value {
    json!({"candidate_id": id, "title": format!("市场{id}"), "place_name": "", "town": "黄冈镇", "cover_url": null,
           "votes": votes, "vote_score": vote, "field_score": field, "sheets": sheets, "total": total,
           "rank": rank, "tier": tier, "tie_break": null})
}

/// Market 1: two votes (the most) → vote score 0; one sheet 30 + (40 − 10) = 60 →
/// total 0.6 × 60 = 36. Market 2: one vote → 50; sheets 100 and 70 (the 0 was
/// corrected) → 85; total 0.4 × 50 + 0.6 × 85 = 71. The voided ballot does not count.
fn fixture() -> Value {
    let config = json!({"vote_weight": 0.4, "field_weight": 0.6, "vote_normalisation": "relative_to_max",
        "worst_n": 1, "warned_n": 1, "max_choices": 1, "candidates_per_category": 2, "hide_live_counts": true});
    json!({
        "format": "pingxuan-open-data/1",
        "round": {"id": 1, "name": "第1期", "config": config},
        "candidates": [
            {"id": 1, "category": "market", "title": "市场1", "place_name": "", "town": "黄冈镇", "cover_url": null},
            {"id": 2, "category": "market", "title": "市场2", "place_name": "", "town": "黄冈镇", "cover_url": null}
        ],
        "ballots": [
            ballot("R1", &[1], None), ballot("R2", &[1], None), ballot("R3", &[2], None),
            ballot("R4", &[2], Some("同一设备批量投票"))
        ],
        "sheet_versions": [{"id": 7, "category": "market", "version": 1, "content": {"title": "评分表", "sections": [
            {"id": "s", "title": "环境", "items": [
                {"id": "a", "text": "干净", "rule": {"kind": "graded", "max": 60}},
                {"id": "b", "text": "无垃圾", "rule": {"kind": "deducted", "per_finding": 10, "max": 40}}
            ]}
        ]}}],
        "sheets": [
            sheet(1, "c1", 1, 30, 1, 60, None),
            sheet(2, "c2", 2, 60, 0, 100, None),
            sheet(3, "c3", 2, 0, 4, 0, None),
            sheet(4, "c4", 2, 50, 2, 70, Some("c3"))
        ],
        "exclusions": [],
        "results": {"round_id": 1, "round_name": "第1期", "version": 1, "reason": null,
            "published_at": "2026-12-01T00:00:00Z", "config": config,
            "categories": [
                {"category": "market", "unscored": [], "ballots": 3, "lines": [
                    line(1, 2, 0.0, 60.0, 1, 36.0, 1, "worst"),
                    line(2, 1, 50.0, 85.0, 2, 71.0, 2, "warned")
                ]}
            ]}
    })
}

#[test]
fn a_correct_export_agrees() {
    let s = verify(&fixture()).unwrap();
    assert_eq!(s.mismatches, vec![], "{:?}", s.mismatches);
    assert_eq!(
        (
            s.categories,
            s.candidates,
            s.ballots_counted,
            s.sheets_counted
        ),
        (1, 2, 3, 3)
    );
}

#[test]
fn one_changed_ballot_choice_is_caught() {
    let mut doc = fixture();
    doc["ballots"][2]["candidate_ids"] = json!([1]);
    let s = verify(&doc).unwrap();
    let fields: Vec<(&str, &str)> = s
        .mismatches
        .iter()
        .map(|m| (m.candidate.as_str(), m.field.as_str()))
        .collect();
    assert!(
        fields.contains(&("#1 市场1", "votes")),
        "{:?}",
        s.mismatches
    );
    assert!(
        fields.contains(&("#2 市场2", "votes")),
        "{:?}",
        s.mismatches
    );
    let m = s
        .mismatches
        .iter()
        .find(|m| m.field == "votes" && m.candidate.starts_with("#1"))
        .unwrap();
    assert_eq!((m.published.as_str(), m.recomputed.as_str()), ("2", "3"));
}

#[test]
fn one_changed_item_score_is_caught() {
    let mut doc = fixture();
    // The mark says 50 where the published points and total say 60.
    doc["sheets"][1]["items"][0]["mark"] = graded(50);
    let s = verify(&doc).unwrap();
    let fields: Vec<(&str, &str)> = s
        .mismatches
        .iter()
        .map(|m| (m.scope.as_str(), m.field.as_str()))
        .collect();
    assert!(
        fields.contains(&("sheet 2", "item a points")),
        "{:?}",
        s.mismatches
    );
    assert!(fields.contains(&("sheet 2", "total")), "{:?}", s.mismatches);
    assert!(
        fields.contains(&("market", "field_score")),
        "{:?}",
        s.mismatches
    );
}

#[test]
fn a_changed_published_total_is_caught_and_an_unknown_format_refused() {
    let mut doc = fixture();
    doc["results"]["categories"][0]["lines"][1]["total"] = json!(70.0);
    let s = verify(&doc).unwrap();
    assert_eq!(s.mismatches.len(), 1, "{:?}", s.mismatches);
    assert_eq!(s.mismatches[0].field, "total");
    assert_eq!(s.mismatches[0].published, "70");
    assert_eq!(s.mismatches[0].recomputed, "71");
    doc["format"] = json!("something-else/1");
    assert!(verify(&doc).is_err());
}

/// Runs the binary on `text` written to a file; its exit code and output.
fn run(name: &str, text: &str) -> (i32, String) {
    let path = std::env::temp_dir().join(format!(
        "pingxuan-verify-{}-{name}.json",
        std::process::id()
    ));
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pingxuan-verify"))
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn the_binary_exits_0_on_agreement_1_on_a_mismatch_2_on_an_unreadable_file() {
    let (code, out) = run("ok", &fixture().to_string());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("OK: 1 categories, 2 candidates, 3 counted ballots, 3 counted sheets"),
        "{out}"
    );
    let mut doc = fixture();
    doc["ballots"][0]["candidate_ids"] = json!([2]);
    let (code, out) = run("tampered", &doc.to_string());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("MISMATCH market #1 市场1: votes published 2 but recomputed 1"),
        "{out}"
    );
    let (code, _) = run("broken", "{\"format\": ");
    assert_eq!(code, 2);
}

#[test]
fn the_verifier_shares_no_code_with_the_server_or_the_domain() {
    let manifest = include_str!("../Cargo.toml");
    let deps = manifest.split("[dependencies]").nth(1).unwrap();
    let deps = deps.split("\n[").next().unwrap();
    assert!(deps.contains("serde_json"), "{deps}");
    assert!(deps.contains("sha2"), "{deps}");
    assert!(!deps.contains("pingxuan"), "{deps}");
}

/// The fixture's ballot box in two snapshots: two market ballots at the first midnight,
/// all four at the close (fractional seconds as the server may write them). The digests
/// and chains were computed outside Rust, with Python's hashlib, from the formats the
/// server documents.
fn snapshots() -> Value {
    let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    let digests = |market: (u64, &str)| {
        json!([
            {"category": "village", "count": 0, "sha256": empty},
            {"category": "ditch", "count": 0, "sha256": empty},
            {"category": "road", "count": 0, "sha256": empty},
            {"category": "market", "count": market.0, "sha256": market.1}
        ])
    };
    let first = "9146a55e35444549e1bb4cbb54c3624491cbddba00a05d17f87fc64ad7ee23c4";
    json!({"next_at": null, "snapshots": [
        {"seq": 1, "taken_at": "2026-11-20T16:00:00.250Z", "last": false, "previous": null,
         "categories": digests((2, "884f81129c04e9517b7d0ff2afd46ff5d4a1af3da650bffbfbd54868359dd33c")),
         "chain": first},
        {"seq": 2, "taken_at": "2026-11-21T10:00:00Z", "last": true, "previous": first,
         "categories": digests((4, "01f428e576d918729de28bbe911a1803c6110ef79f92e2c20a476c37853c74cf")),
         "chain": "498a355342f81c40e265f320b9f5cb81d9a1214fed2243f8a7dea40bd37d908a"}
    ]})
}

/// Where each mismatch is and what it is about.
fn scopes_and_fields(caught: &[pingxuan_verify::Mismatch]) -> Vec<(&str, &str)> {
    caught
        .iter()
        .map(|m| (m.scope.as_str(), m.field.as_str()))
        .collect()
}

#[test]
fn snapshots_agree_with_the_ballots_and_catch_a_changed_past() {
    let doc = fixture();
    let s = pingxuan_verify::verify_snapshots(&doc, &snapshots()).unwrap();
    assert_eq!((s.snapshots, s.mismatches), (2, vec![]));

    // The first ballot's choice changed after the first midnight.
    let mut changed = fixture();
    changed["ballots"][0]["candidate_ids"] = json!([2]);
    let caught = pingxuan_verify::verify_snapshots(&changed, &snapshots())
        .unwrap()
        .mismatches;
    let found = scopes_and_fields(&caught);
    assert_eq!(
        found,
        [
            ("snapshot 1 market", "sha256"),
            ("snapshot 2 market", "sha256")
        ]
    );

    // A ballot added after the close.
    let mut added = fixture();
    added["ballots"]
        .as_array_mut()
        .unwrap()
        .push(ballot("R5", &[1], None));
    let caught = pingxuan_verify::verify_snapshots(&added, &snapshots())
        .unwrap()
        .mismatches;
    assert_eq!(caught.len(), 1, "{caught:?}");
    assert_eq!(
        (
            caught[0].field.as_str(),
            caught[0].published.as_str(),
            caught[0].recomputed.as_str()
        ),
        ("count at the close", "4", "5")
    );

    // A snapshot that does not name its predecessor.
    let mut unlinked = snapshots();
    unlinked["snapshots"][1]["previous"] = Value::Null;
    let caught = pingxuan_verify::verify_snapshots(&doc, &unlinked)
        .unwrap()
        .mismatches;
    let found = scopes_and_fields(&caught);
    // The chain is computed from what snapshot 1 published, so only the stated link
    // is wrong.
    assert_eq!(found, [("snapshot 2", "previous")]);
}

#[test]
fn the_binary_checks_snapshots_when_given_them() {
    let dir = std::env::temp_dir();
    let open = dir.join(format!("pingxuan-verify-{}-open.json", std::process::id()));
    let snaps = dir.join(format!("pingxuan-verify-{}-snaps.json", std::process::id()));
    std::fs::write(&open, fixture().to_string()).unwrap();
    let run = |snapshots: &Value| {
        std::fs::write(&snaps, snapshots.to_string()).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pingxuan-verify"))
            .arg(&open)
            .arg(&snaps)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = run(&snapshots());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("OK: 2 daily ballot-box snapshots"), "{out}");
    let mut forged = snapshots();
    forged["snapshots"][0]["chain"] = json!("0".repeat(64));
    let (code, out) = run(&forged);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("MISMATCH snapshot 1 : chain published 0000"),
        "{out}"
    );
    let (code, _) = run(&json!({"snapshots": [{"seq": 1}]}));
    assert_eq!(code, 2, "a snapshot without its fields is unreadable");
    std::fs::remove_file(&open).unwrap();
    std::fs::remove_file(&snaps).unwrap();
}
