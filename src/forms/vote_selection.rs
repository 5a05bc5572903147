//! A ballot being filled in: the candidates tapped so far, at most `max_choices`, and the
//! `BallotInput` they become. With one choice a tap on another candidate moves the
//! choice (like a radio group); with more, a full ballot refuses until one is untapped.

use pingxuan_domain::voting::BallotInput;

/// What a tap did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tap {
    /// The candidate is now chosen.
    Chosen,
    /// The candidate is no longer chosen.
    Unchosen,
    /// The ballot was full (and allows more than one): nothing changed.
    Full,
}

/// The chosen candidates, in the order they were tapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    max: u32,
    chosen: Vec<i64>,
}

impl Selection {
    /// An empty ballot allowing `max_choices` (at least one).
    pub fn new(max_choices: u32) -> Selection {
        Selection {
            max: max_choices.max(1),
            chosen: Vec::new(),
        }
    }

    /// Chooses `id`, or unchooses it if it was chosen.
    pub fn tap(&mut self, id: i64) -> Tap {
        if let Some(at) = self.chosen.iter().position(|c| *c == id) {
            self.chosen.remove(at);
            return Tap::Unchosen;
        }
        if self.chosen.len() < self.max as usize {
            self.chosen.push(id);
            Tap::Chosen
        } else if self.max == 1 {
            self.chosen = vec![id];
            Tap::Chosen
        } else {
            Tap::Full
        }
    }

    pub fn contains(&self, id: i64) -> bool {
        self.chosen.contains(&id)
    }

    /// The chosen ids, in tapping order.
    pub fn ids(&self) -> &[i64] {
        &self.chosen
    }

    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    /// How many a ballot may hold.
    pub fn max(&self) -> u32 {
        self.max
    }

    /// The request body; `BallotInput::validate` is the domain's check of it.
    pub fn input(&self) -> BallotInput {
        BallotInput {
            candidate_ids: self.chosen.clone(),
        }
    }
}
