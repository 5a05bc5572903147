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
    assert!(!deps.contains("pingxuan"), "{deps}");
}
