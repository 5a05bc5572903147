//! A score sheet being filled in on site: the marks given so far, the notes, the evidence
//! photos' ids, and the overall note — kept as a draft on the phone (IndexedDB) until the
//! inspector finalises it into the domain's [`SheetSubmission`]. The running total and
//! the finalise check are the domain crate's own ([`SheetContent::running_total`],
//! [`SheetSubmission::validate`]), so the phone shows what the server will compute.

use chrono::{DateTime, Utc};
use pingxuan_domain::field::{ItemScore, SheetSubmission, MAX_ITEM_PHOTOS};
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::score_sheet::{ItemRule, Mark, SheetContent, MAX_FINDINGS};
use pingxuan_domain::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One candidate's sheet in progress.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SheetDraft {
    pub candidate_id: i64,
    /// The pinned version it is filled on.
    pub sheet_version_id: i64,
    /// Item id → the mark given; an item not here is not marked yet.
    #[serde(default)]
    pub marks: BTreeMap<String, Mark>,
    /// Item id → the inspector's note.
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
    /// Item id → ids of evidence photos (their blobs are in IndexedDB under these ids).
    #[serde(default)]
    pub photos: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub note: String,
    /// The client id of a synced sheet this draft corrects.
    #[serde(default)]
    pub replaces: Option<String>,
}

impl SheetDraft {
    /// An empty sheet for `candidate_id` on version `sheet_version_id`.
    pub fn new(candidate_id: i64, sheet_version_id: i64) -> SheetDraft {
        SheetDraft {
            candidate_id,
            sheet_version_id,
            ..SheetDraft::default()
        }
    }

    /// A correction of a sheet already sent: the same marks, notes and photos, naming
    /// the one it replaces.
    pub fn correcting(submission: &SheetSubmission, client_id: &str) -> SheetDraft {
        let mut draft = SheetDraft::new(submission.candidate_id, submission.sheet_version_id);
        for s in &submission.scores {
            draft.marks.insert(s.item_id.clone(), s.mark);
            if let Some(n) = s.note.as_ref().filter(|n| !n.is_empty()) {
                draft.notes.insert(s.item_id.clone(), n.clone());
            }
            if !s.photo_ids.is_empty() {
                draft.photos.insert(s.item_id.clone(), s.photo_ids.clone());
            }
        }
        draft.note = submission.note.clone().unwrap_or_default();
        draft.replaces = Some(client_id.to_owned());
        draft
    }

    /// Nothing entered yet.
    pub fn is_blank(&self) -> bool {
        self.marks.is_empty()
            && self.notes.values().all(|n| n.trim().is_empty())
            && self.photos.values().all(Vec::is_empty)
            && self.note.trim().is_empty()
    }

    fn mark_list(&self) -> Vec<(&str, Mark)> {
        self.marks.iter().map(|(id, m)| (id.as_str(), *m)).collect()
    }

    /// The total so far, as the domain computes it: unmarked graded items count 0,
    /// unmarked deducted items their full value.
    pub fn running_total(&self, sheet: &SheetContent) -> u32 {
        sheet.running_total(&self.mark_list())
    }

    /// The points `item_id` gives now (as in the running total).
    pub fn item_points(&self, sheet: &SheetContent, item_id: &str) -> u32 {
        let Some(item) = sheet.item(item_id) else {
            return 0;
        };
        match (self.marks.get(item_id), item.rule) {
            (Some(m), rule) => pingxuan_domain::score_sheet::item_points(rule, *m).unwrap_or(0),
            (None, ItemRule::Graded { .. }) => 0,
            (None, ItemRule::Deducted { max, .. }) => max,
        }
    }

    /// Sets a graded item's points, clamped to 0..=max.
    pub fn set_points(&mut self, sheet: &SheetContent, item_id: &str, points: u32) {
        if let Some(ItemRule::Graded { max }) = sheet.item(item_id).map(|i| i.rule) {
            self.marks.insert(
                item_id.to_owned(),
                Mark::Graded {
                    points: points.min(max),
                },
            );
        }
    }

    /// Findings counted against a deducted item (0 when not marked yet).
    pub fn findings(&self, item_id: &str) -> u32 {
        match self.marks.get(item_id) {
            Some(Mark::Deducted { findings }) => *findings,
            _ => 0,
        }
    }

    /// Adds `delta` findings to a deducted item (never below 0 nor above the domain's
    /// limit). Counting past the point where the item reaches 0 is allowed: it records
    /// what was seen, and the item stays at 0.
    pub fn add_findings(&mut self, sheet: &SheetContent, item_id: &str, delta: i32) {
        if let Some(ItemRule::Deducted { .. }) = sheet.item(item_id).map(|i| i.rule) {
            let now = self.findings(item_id) as i64 + i64::from(delta);
            let findings = now.clamp(0, i64::from(MAX_FINDINGS)) as u32;
            self.marks
                .insert(item_id.to_owned(), Mark::Deducted { findings });
        }
    }

    /// Graded items not given points yet, in the sheet's order (deducted items left
    /// alone count as "nothing found").
    pub fn unmarked(&self, sheet: &SheetContent) -> Vec<String> {
        sheet
            .items()
            .filter(|it| matches!(it.rule, ItemRule::Graded { .. }))
            .filter(|it| !self.marks.contains_key(&it.id))
            .map(|it| it.id.clone())
            .collect()
    }

    /// Whether another photo may be added to `item_id`.
    pub fn photo_room(&self, item_id: &str) -> bool {
        self.photos.get(item_id).map_or(0, Vec::len) < MAX_ITEM_PHOTOS
    }

    /// Every evidence photo id, in the sheet's item order.
    pub fn photo_ids(&self) -> Vec<String> {
        self.photos.values().flatten().cloned().collect()
    }

    /// The finalised sheet: every item scored (deducted items nobody touched as 0
    /// findings), notes trimmed, checked against its version exactly as the server will
    /// check it. `client_id` is the id it will be synced under.
    pub fn finalise(
        &self,
        sheet: &SheetContent,
        client_id: &str,
        filled_at: DateTime<Utc>,
        location: Option<GeoPoint>,
    ) -> Result<SheetSubmission, Vec<FieldError>> {
        let scores = sheet
            .items()
            .filter_map(|it| {
                let mark = match (self.marks.get(&it.id), it.rule) {
                    (Some(m), _) => *m,
                    (None, ItemRule::Deducted { .. }) => Mark::Deducted { findings: 0 },
                    (None, ItemRule::Graded { .. }) => return None,
                };
                Some(ItemScore {
                    item_id: it.id.clone(),
                    mark,
                    note: self
                        .notes
                        .get(&it.id)
                        .map(|n| n.trim().to_owned())
                        .filter(|n| !n.is_empty()),
                    photo_ids: self.photos.get(&it.id).cloned().unwrap_or_default(),
                })
            })
            .collect();
        let note = self.note.trim();
        let submission = SheetSubmission {
            candidate_id: self.candidate_id,
            sheet_version_id: self.sheet_version_id,
            scores,
            note: (!note.is_empty()).then(|| note.to_owned()),
            filled_at,
            // A position outside the city is the phone's mistake: left out, not refused.
            location: location.filter(|p| p.validate("location").is_ok()),
            replaces: self.replaces.clone(),
        };
        submission.validate(client_id, sheet, filled_at)?;
        Ok(submission)
    }
}
