//! Accountability across rounds (问责): from the published rounds, oldest first, how many
//! rounds in a row a place — and the town held responsible for it — has been named among
//! the worst, and what that brings: two in a row → the responsible unit's deputy leader
//! in charge (分管领导问责), three or more → its principal leader (主要领导问责).
//!
//! The decisions the bulletin leaves open, taken here:
//! - **Both the place and its town.** The bulletin names places (项目) and holds their
//!   town (所在镇、街道、办) to account, so a place keeps its streak, and a town keeps one
//!   of its own: a round names the town when any of its places, in any category, is in a
//!   worst ten. The escalation falls on the town's leaders either way.
//! - **"In a row" counts published rounds.** Rounds are ordered as the caller passes them
//!   (by schedule); a round that was never published (abandoned, or still running) is not
//!   in the list and is skipped. A published round in which the place was not named —
//!   not shortlisted, ranked outside the lists, or only warned (次差) — breaks the streak.
//! - **The current version decides.** Each round is read in its latest published version,
//!   so a correction that takes a place out of the worst ten takes its streak with it.

use crate::category::Category;
use crate::scoring::Tier;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Named worst this many rounds in a row: the deputy leader in charge is accountable.
pub const DEPUTY_STREAK: u32 = 2;
/// Named worst this many rounds in a row (or more): the principal leader is accountable.
pub const PRINCIPAL_STREAK: u32 = 3;

/// What a streak brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Escalation {
    /// Named once, or not named.
    None,
    /// 分管领导问责: named two rounds in a row.
    DeputyLeader,
    /// 主要领导问责: named three rounds in a row or more.
    PrincipalLeader,
}

impl Escalation {
    /// The escalation of a streak of `rounds` consecutive published rounds.
    pub fn for_streak(rounds: u32) -> Escalation {
        match rounds {
            n if n >= PRINCIPAL_STREAK => Escalation::PrincipalLeader,
            n if n >= DEPUTY_STREAK => Escalation::DeputyLeader,
            _ => Escalation::None,
        }
    }
}

/// One ranked line of a published round, with the place it stands for (the server joins
/// the candidate to its place).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundLine {
    pub candidate_id: i64,
    pub place_id: i64,
    pub place_name: String,
    /// The town held responsible, as the version published it.
    pub town: String,
    pub category: Category,
    pub rank: u32,
    pub tier: Tier,
}

/// A published round in its current (latest) version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedRound {
    pub round_id: i64,
    pub round_name: String,
    /// The version read (1 = the publication).
    pub version: u32,
    pub lines: Vec<RoundLine>,
}

impl PublishedRound {
    fn place_line(&self, place_id: i64) -> Option<&RoundLine> {
        self.lines.iter().find(|l| l.place_id == place_id)
    }

    fn names_place(&self, place_id: i64) -> bool {
        self.place_line(place_id)
            .is_some_and(|l| l.tier == Tier::Worst)
    }

    /// The town's places in this round's worst lists.
    fn town_named(&self, town: &str) -> Vec<String> {
        self.lines
            .iter()
            .filter(|l| l.tier == Tier::Worst && l.town == town)
            .map(|l| l.place_name.clone())
            .collect()
    }
}

/// A place in one published round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceRound {
    pub round_id: i64,
    pub round_name: String,
    /// Its rank (1 = worst) when it was shortlisted and ranked that round.
    pub rank: Option<u32>,
    /// Its list that round; none when it was not ranked.
    pub tier: Option<Tier>,
}

/// A town in one published round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TownRound {
    pub round_id: i64,
    pub round_name: String,
    /// Its places named worst that round (empty: not named).
    pub named: Vec<String>,
}

/// A place's standing at a round: its streak, the escalation and its history up to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceAccountability {
    pub place_id: i64,
    /// Its candidate in the round asked about, if it was shortlisted there.
    pub candidate_id: Option<i64>,
    pub place_name: String,
    pub town: String,
    pub category: Category,
    /// Consecutive published rounds named worst, ending at the round asked about.
    pub streak: u32,
    pub escalation: Escalation,
    /// Every published round up to the one asked about, oldest first.
    pub history: Vec<PlaceRound>,
}

/// A town's standing at a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TownAccountability {
    pub town: String,
    pub streak: u32,
    pub escalation: Escalation,
    /// Every published round up to the one asked about, oldest first.
    pub history: Vec<TownRound>,
}

/// `GET /api/v1/rounds/{id}/accountability`: every place and town named worst in the
/// round, with its streak ending there (public; the results page's badges).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundAccountability {
    pub round_id: i64,
    pub round_name: String,
    /// The round's version read (its latest).
    pub version: u32,
    /// Places named worst this round, longest streak first.
    pub places: Vec<PlaceAccountability>,
    /// Towns named this round, longest streak first.
    pub towns: Vec<TownAccountability>,
}

/// `GET /api/v1/accountability`: the escalations standing at the latest published
/// round, with each one's history (the office's dashboard).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountabilityOverview {
    /// The latest published round; none before any publication.
    pub round_id: Option<i64>,
    pub round_name: Option<String>,
    /// Places with an escalation, longest streak first.
    pub places: Vec<PlaceAccountability>,
    /// Towns with an escalation, longest streak first.
    pub towns: Vec<TownAccountability>,
}

/// `GET /api/v1/places/{id}/history`: every published round in which the place was
/// ranked, oldest first, and its streak at the latest published round (public).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceHistory {
    pub place_id: i64,
    pub rounds: Vec<PlaceRound>,
    pub streak: u32,
    pub escalation: Escalation,
}

/// Consecutive rounds, counting back from the last of `rounds`, that `named` holds for.
pub fn streak(rounds: &[PublishedRound], named: impl Fn(&PublishedRound) -> bool) -> u32 {
    rounds.iter().rev().take_while(|r| named(r)).count() as u32
}

fn place_round(r: &PublishedRound, place_id: i64) -> PlaceRound {
    let line = r.place_line(place_id);
    PlaceRound {
        round_id: r.round_id,
        round_name: r.round_name.clone(),
        rank: line.map(|l| l.rank),
        tier: line.map(|l| l.tier),
    }
}

/// A place's standing at the last of `rounds` (published rounds, oldest first), named
/// by `line` there or, when it was not ranked there, by its latest line before.
fn place_at(rounds: &[PublishedRound], place_id: i64) -> Option<PlaceAccountability> {
    let line = rounds.iter().rev().find_map(|r| r.place_line(place_id))?;
    let last = rounds.last()?;
    let n = streak(rounds, |r| r.names_place(place_id));
    Some(PlaceAccountability {
        place_id,
        candidate_id: last.place_line(place_id).map(|l| l.candidate_id),
        place_name: line.place_name.clone(),
        town: line.town.clone(),
        category: line.category,
        streak: n,
        escalation: Escalation::for_streak(n),
        history: rounds.iter().map(|r| place_round(r, place_id)).collect(),
    })
}

fn town_at(rounds: &[PublishedRound], town: &str) -> TownAccountability {
    let n = streak(rounds, |r| !r.town_named(town).is_empty());
    TownAccountability {
        town: town.to_owned(),
        streak: n,
        escalation: Escalation::for_streak(n),
        history: rounds
            .iter()
            .map(|r| TownRound {
                round_id: r.round_id,
                round_name: r.round_name.clone(),
                named: r.town_named(town),
            })
            .collect(),
    }
}

fn longest_first_places(mut v: Vec<PlaceAccountability>) -> Vec<PlaceAccountability> {
    v.sort_by(|a, b| b.streak.cmp(&a.streak).then(a.place_id.cmp(&b.place_id)));
    v
}

fn longest_first_towns(mut v: Vec<TownAccountability>) -> Vec<TownAccountability> {
    v.sort_by(|a, b| b.streak.cmp(&a.streak).then_with(|| a.town.cmp(&b.town)));
    v
}

/// The standing of every place and town named worst in round `round_id`, from `rounds`
/// (every published round, oldest first); none when that round is not among them.
pub fn for_round(rounds: &[PublishedRound], round_id: i64) -> Option<RoundAccountability> {
    let at = rounds.iter().position(|r| r.round_id == round_id)?;
    let upto = &rounds[..=at];
    let round = &rounds[at];
    let worst = round.lines.iter().filter(|l| l.tier == Tier::Worst);
    let places: BTreeSet<i64> = worst.clone().map(|l| l.place_id).collect();
    let towns: BTreeSet<&str> = worst.map(|l| l.town.as_str()).collect();
    Some(RoundAccountability {
        round_id,
        round_name: round.round_name.clone(),
        version: round.version,
        places: longest_first_places(
            places
                .into_iter()
                .filter_map(|p| place_at(upto, p))
                .collect(),
        ),
        towns: longest_first_towns(towns.into_iter().map(|t| town_at(upto, t)).collect()),
    })
}

/// The escalations standing at the latest of `rounds` (every published round, oldest
/// first).
pub fn overview(rounds: &[PublishedRound]) -> AccountabilityOverview {
    let Some(last) = rounds.last() else {
        return AccountabilityOverview {
            round_id: None,
            round_name: None,
            places: Vec::new(),
            towns: Vec::new(),
        };
    };
    let now = for_round(rounds, last.round_id).expect("the last round is in the list");
    AccountabilityOverview {
        round_id: Some(now.round_id),
        round_name: Some(now.round_name),
        places: now
            .places
            .into_iter()
            .filter(|p| p.escalation != Escalation::None)
            .collect(),
        towns: now
            .towns
            .into_iter()
            .filter(|t| t.escalation != Escalation::None)
            .collect(),
    }
}

/// A place's history: the published rounds in which it was ranked, oldest first, and
/// its streak at the latest published round.
pub fn place_history(rounds: &[PublishedRound], place_id: i64) -> PlaceHistory {
    let n = streak(rounds, |r| r.names_place(place_id));
    PlaceHistory {
        place_id,
        rounds: rounds
            .iter()
            .filter(|r| r.place_line(place_id).is_some())
            .map(|r| place_round(r, place_id))
            .collect(),
        streak: n,
        escalation: Escalation::for_streak(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A round whose lines are (place id, town, tier), ranked in that order.
    fn round(id: i64, lines: &[(i64, &str, Tier)]) -> PublishedRound {
        PublishedRound {
            round_id: id,
            round_name: format!("第{id}期"),
            version: 1,
            lines: lines
                .iter()
                .enumerate()
                .map(|(i, &(place_id, town, tier))| RoundLine {
                    candidate_id: id * 100 + place_id,
                    place_id,
                    place_name: format!("地点{place_id}"),
                    town: town.to_owned(),
                    category: Category::Market,
                    rank: i as u32 + 1,
                    tier,
                })
                .collect(),
        }
    }

    use Tier::{Other, Warned, Worst};

    #[test]
    fn escalation_by_streak() {
        let table = [
            (0, Escalation::None),
            (1, Escalation::None),
            (2, Escalation::DeputyLeader),
            (3, Escalation::PrincipalLeader),
            (7, Escalation::PrincipalLeader),
        ];
        for (n, want) in table {
            assert_eq!(Escalation::for_streak(n), want, "streak {n}");
        }
    }

    #[test]
    fn a_place_named_two_then_three_rounds_in_a_row_escalates() {
        let r1 = round(1, &[(7, "意溪镇", Worst), (8, "凤新街道", Warned)]);
        let r2 = round(2, &[(7, "意溪镇", Worst), (8, "凤新街道", Worst)]);
        let r3 = round(3, &[(7, "意溪镇", Worst), (8, "凤新街道", Worst)]);
        let two = for_round(&[r1.clone(), r2.clone()], 2).unwrap();
        let p7 = two.places.iter().find(|p| p.place_id == 7).unwrap();
        assert_eq!((p7.streak, p7.escalation), (2, Escalation::DeputyLeader));
        assert_eq!(p7.candidate_id, Some(207));
        let p8 = two.places.iter().find(|p| p.place_id == 8).unwrap();
        assert_eq!(
            (p8.streak, p8.escalation),
            (1, Escalation::None),
            "warned breaks"
        );
        let three = for_round(&[r1.clone(), r2, r3], 3).unwrap();
        assert_eq!(three.places[0].place_id, 7, "longest streak first");
        assert_eq!(three.places[0].escalation, Escalation::PrincipalLeader);
        assert_eq!(three.places[0].history.len(), 3);
        assert_eq!(three.places[1].escalation, Escalation::DeputyLeader);
        // Asked about round 1, later rounds do not count.
        let first = for_round(&[r1], 1).unwrap();
        assert_eq!(first.places.len(), 1);
        assert_eq!(first.places[0].streak, 1);
    }

    #[test]
    fn a_round_without_the_place_breaks_the_streak() {
        let rounds = [
            round(1, &[(7, "意溪镇", Worst)]),
            round(2, &[(7, "意溪镇", Other)]),
            round(3, &[(7, "意溪镇", Worst)]),
            round(4, &[(9, "意溪镇", Worst)]),
        ];
        let at3 = for_round(&rounds[..3], 3).unwrap();
        assert_eq!(at3.places[0].streak, 1);
        assert_eq!(at3.places[0].history[1].tier, Some(Other));
        // Round 4 does not name place 7, but names its town through place 9.
        let at4 = for_round(&rounds, 4).unwrap();
        assert!(at4.places.iter().all(|p| p.place_id == 9));
        assert_eq!(at4.towns.len(), 1);
        assert_eq!(at4.towns[0].streak, 2, "rounds 3 and 4 name 意溪镇");
        assert_eq!(at4.towns[0].escalation, Escalation::DeputyLeader);
        assert_eq!(at4.towns[0].history[1].named, Vec::<String>::new());
        assert_eq!(at4.towns[0].history[3].named, vec!["地点9".to_owned()]);
        assert_eq!(place_history(&rounds, 7).streak, 0);
        assert_eq!(place_history(&rounds, 7).rounds.len(), 3);
    }

    #[test]
    fn unpublished_rounds_are_not_in_the_list_and_so_are_skipped() {
        // Round 2 was never published: rounds 1 and 3 are consecutive published rounds.
        let rounds = [
            round(1, &[(7, "意溪镇", Worst)]),
            round(3, &[(7, "意溪镇", Worst)]),
        ];
        assert_eq!(for_round(&rounds, 3).unwrap().places[0].streak, 2);
        assert!(for_round(&rounds, 2).is_none());
    }

    #[test]
    fn the_overview_lists_escalations_at_the_latest_round_only() {
        assert_eq!(overview(&[]).round_id, None);
        let rounds = [
            round(1, &[(7, "意溪镇", Worst), (8, "凤新街道", Worst)]),
            round(
                2,
                &[
                    (7, "意溪镇", Worst),
                    (8, "凤新街道", Warned),
                    (5, "金石镇", Worst),
                ],
            ),
        ];
        let o = overview(&rounds);
        assert_eq!(o.round_id, Some(2));
        let places: Vec<i64> = o.places.iter().map(|p| p.place_id).collect();
        assert_eq!(places, vec![7]);
        let towns: Vec<&str> = o.towns.iter().map(|t| t.town.as_str()).collect();
        assert_eq!(towns, vec!["意溪镇"]);
        // A correction of round 2 that takes place 7 out of the worst: nothing stands.
        let corrected = [
            rounds[0].clone(),
            PublishedRound {
                version: 2,
                ..round(
                    2,
                    &[
                        (8, "凤新街道", Warned),
                        (7, "意溪镇", Warned),
                        (5, "金石镇", Worst),
                    ],
                )
            },
        ];
        let o = overview(&corrected);
        assert!(o.places.is_empty() && o.towns.is_empty(), "{o:?}");
    }
}
