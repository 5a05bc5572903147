//! The candidates' names the fraud panel shows instead of ids: loaded once from the
//! round's shortlists, cheap to clone into every list and chart.

use crate::i18n::fraud::candidate_fallback;
use pingxuan_domain::screening::Candidate;
use pingxuan_domain::Lang;
use std::sync::Arc;

/// Candidate id → public title, for one round.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CandidateNames(Arc<Vec<(i64, String)>>);

impl CandidateNames {
    /// The names of `candidates` (every category's shortlist).
    pub fn new(candidates: Vec<Candidate>) -> CandidateNames {
        CandidateNames(Arc::new(
            candidates.into_iter().map(|c| (c.id, c.title)).collect(),
        ))
    }

    /// The candidate's title, or "候选对象 #id" when the shortlists do not have it.
    pub fn name(&self, id: i64, lang: Lang) -> String {
        self.0
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, title)| title.clone())
            .unwrap_or_else(|| candidate_fallback(lang, id))
    }

    /// Several candidates' titles, joined with "、".
    pub fn names(&self, ids: &[i64], lang: Lang) -> String {
        let sep = lang.pick("、", ", ");
        ids.iter()
            .map(|id| self.name(*id, lang))
            .collect::<Vec<_>>()
            .join(sep)
    }
}
