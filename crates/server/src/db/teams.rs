//! Inspection teams: `work_groups`, `sub_groups`, `sub_group_members` and the candidates
//! assigned to sub-groups (`assignments`), per round. The office replaces the whole set-up
//! at once; sub-groups keep their ids (and their sheets) when the input names them.

use super::audit::{self, Entry};
use super::Db;
use super::{on_conn, on_db};
use chrono::{DateTime, Utc};
use pingxuan_domain::field::{
    CandidateBrief, Member, MemberKind, MyTeam, SubGroup, TeamsInput, WorkGroup,
};
use pingxuan_domain::Category;
use std::collections::BTreeMap;

/// Why a set-up was refused; indices point into the input.
#[derive(Debug, thiserror::Error)]
pub enum TeamsError {
    #[error("work group {0} is not in this round")]
    UnknownWorkGroup(usize),
    #[error("sub-group {0}/{1} is not in this round")]
    UnknownSubGroup(usize, usize),
    #[error("member {0}/{1}/{2} is not an active inspector")]
    NotInspector(usize, usize, usize),
    #[error("candidate {0}/{1} is not shortlisted in this round")]
    UnknownCandidate(usize, usize),
    /// A sub-group left out of the input already has sheets.
    #[error("sub-group {0} has sheets")]
    HasSheets(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl Db {
    /// Replaces the round's teams and assignments, all or nothing.
    pub async fn replace_teams(
        &self,
        round_id: i64,
        input: &TeamsInput,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<(), TeamsError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let mut kept_groups = Vec::new();
            let mut kept_subs = Vec::new();
            let mut sub_ids = Vec::new();
            for (g, wg) in input.work_groups.iter().enumerate() {
                let group_id = match wg.id {
                    Some(id) => {
                        let changed = sqlx::query(
                            "UPDATE work_groups SET name = $1, leader_name = $2, position = $3 WHERE id = $4 AND round_id = $5",
                        )
                        .bind(wg.name.trim())
                        .bind(wg.leader_name.trim())
                        .bind(g as i64)
                        .bind(id)
                        .bind(round_id)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if changed == 0 {
                            return Err(TeamsError::UnknownWorkGroup(g));
                        }
                        id
                    }
                    None => {
                        sqlx::query_scalar(
                            "INSERT INTO work_groups (round_id, name, leader_name, position, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        )
                        .bind(round_id)
                        .bind(wg.name.trim())
                        .bind(wg.leader_name.trim())
                        .bind(g as i64)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await?
                    }
                };
                kept_groups.push(group_id);
                for (s, sg) in wg.sub_groups.iter().enumerate() {
                    let sub_id = match sg.id {
                        Some(id) => {
                            let changed = sqlx::query(
                                "UPDATE sub_groups SET work_group_id = $1, name = $2, position = $3 WHERE id = $4 AND round_id = $5",
                            )
                            .bind(group_id)
                            .bind(sg.name.trim())
                            .bind(s as i64)
                            .bind(id)
                            .bind(round_id)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                            if changed == 0 {
                                return Err(TeamsError::UnknownSubGroup(g, s));
                            }
                            id
                        }
                        None => {
                            sqlx::query_scalar(
                                "INSERT INTO sub_groups (round_id, work_group_id, name, position, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                            )
                            .bind(round_id)
                            .bind(group_id)
                            .bind(sg.name.trim())
                            .bind(s as i64)
                            .bind(now)
                            .fetch_one(&mut *tx)
                            .await?
                        }
                    };
                    kept_subs.push(sub_id);
                    sub_ids.push((g, s, sub_id));
                }
            }
            // Sub-groups and work groups left out go, unless sheets were scored by them.
            let gone: Vec<(i64, String, bool)> = sqlx::query_as(
                "SELECT sg.id, sg.name, EXISTS (SELECT 1 FROM field_sheets f WHERE f.sub_group_id = sg.id) \
                 FROM sub_groups sg WHERE sg.round_id = $1",
            )
            .bind(round_id)
            .fetch_all(&mut *tx)
            .await?;
            for (id, name, has_sheets) in gone.into_iter().filter(|g| !kept_subs.contains(&g.0)) {
                if has_sheets {
                    return Err(TeamsError::HasSheets(name));
                }
                sqlx::query("DELETE FROM sub_groups WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            let groups: Vec<i64> = sqlx::query_scalar("SELECT id FROM work_groups WHERE round_id = $1")
                .bind(round_id)
                .fetch_all(&mut *tx)
                .await?;
            for id in groups.into_iter().filter(|id| !kept_groups.contains(id)) {
                sqlx::query("DELETE FROM work_groups WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            // Members and assignments are replaced whole.
            sqlx::query("DELETE FROM sub_group_members WHERE round_id = $1")
                .bind(round_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "DELETE FROM assignments WHERE sub_group_id IN (SELECT id FROM sub_groups WHERE round_id = $1)",
            )
            .bind(round_id)
            .execute(&mut *tx)
            .await?;
            let mut members = 0;
            let mut assigned = 0;
            for (g, s, sub_id) in sub_ids {
                let sg = &input.work_groups[g].sub_groups[s];
                for (m, member) in sg.members.iter().enumerate() {
                    let added = sqlx::query(
                        "INSERT INTO sub_group_members (sub_group_id, round_id, account_id, kind, leader, position) \
                         SELECT $1, $2, id, $3, $4, $5 FROM staff_accounts WHERE id = $6 AND role = 'inspector' AND active",
                    )
                    .bind(sub_id)
                    .bind(round_id)
                    .bind(member.kind.as_str())
                    .bind(member.leader)
                    .bind(m as i64)
                    .bind(member.account_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if added == 0 {
                        return Err(TeamsError::NotInspector(g, s, m));
                    }
                    members += 1;
                }
                for (c, candidate) in sg.candidate_ids.iter().enumerate() {
                    let added = sqlx::query(
                        "INSERT INTO assignments (sub_group_id, candidate_id, position) \
                         SELECT $1, id, $2 FROM candidates WHERE id = $3 AND round_id = $4",
                    )
                    .bind(sub_id)
                    .bind(c as i64)
                    .bind(candidate)
                    .bind(round_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if added == 0 {
                        return Err(TeamsError::UnknownCandidate(g, s));
                    }
                    assigned += 1;
                }
            }
            let entry = Entry {
                account_id: by,
                action: "field.teams",
                target: format!("round:{round_id}"),
                detail: format!(
                    "{} work groups, {} sub-groups, {members} members, {assigned} assignments",
                    kept_groups.len(),
                    kept_subs.len()
                ),
            };
            audit::record(&mut tx, now, entry).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// The round's teams in order, with members (leader first) and assignments.
    pub async fn teams(&self, round_id: i64) -> Result<Vec<WorkGroup>, sqlx::Error> {
        on_db!(self, db => {
            let mut conn = db.pool.acquire().await?;
            teams(&mut conn, round_id, None).await
        })
    }

    /// The round's shortlisted candidates, by category then shortlist order.
    pub async fn candidate_briefs(
        &self,
        round_id: i64,
    ) -> Result<Vec<CandidateBrief>, sqlx::Error> {
        on_db!(self, db => {
            candidate_briefs(&mut *db.pool.acquire().await?, round_id, None).await
        })
    }

    /// The inspector's team in the round, if any.
    pub async fn my_team(
        &self,
        round_id: i64,
        account_id: i64,
    ) -> Result<Option<MyTeam>, sqlx::Error> {
        on_db!(self, db => {
            let mut conn = db.pool.acquire().await?;
            my_team(&mut conn, round_id, account_id).await
        })
    }
}

/// The inspector's team in the round, if any (inside a transaction).
pub(crate) async fn my_team(
    conn: impl Into<super::Conn<'_>>,
    round_id: i64,
    account_id: i64,
) -> Result<Option<MyTeam>, sqlx::Error> {
    on_conn!(conn => {
        let sub: Option<i64> = sqlx::query_scalar(
            "SELECT sub_group_id FROM sub_group_members WHERE round_id = $1 AND account_id = $2",
        )
        .bind(round_id)
        .bind(account_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(sub) = sub else { return Ok(None) };
        let groups = teams(conn, round_id, Some(sub)).await?;
        Ok(groups.into_iter().next().and_then(|wg| {
            let sub_group = wg.sub_groups.into_iter().next()?;
            Some(MyTeam {
                work_group_id: wg.id,
                work_group_name: wg.name,
                work_group_leader: wg.leader_name,
                sub_group,
            })
        }))
    })
}

/// The round's teams, or only the one holding sub-group `only`.
async fn teams(
    conn: impl Into<super::Conn<'_>>,
    round_id: i64,
    only: Option<i64>,
) -> Result<Vec<WorkGroup>, sqlx::Error> {
    on_conn!(conn => {
        let subs: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
            "SELECT wg.id, wg.name, wg.leader_name, sg.id, sg.name FROM work_groups wg \
             JOIN sub_groups sg ON sg.work_group_id = wg.id \
             WHERE wg.round_id = $1 AND ($2 IS NULL OR sg.id = $3) ORDER BY wg.position, wg.id, sg.position, sg.id",
        )
        .bind(round_id)
        .bind(only)
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
        #[allow(clippy::type_complexity)]
        let members: Vec<(i64, i64, String, String, String, bool)> = sqlx::query_as(
            "SELECT m.sub_group_id, a.id, a.username, a.display_name, m.kind, m.leader FROM sub_group_members m \
             JOIN staff_accounts a ON a.id = m.account_id WHERE m.round_id = $1 AND ($2 IS NULL OR m.sub_group_id = $3) \
             ORDER BY m.sub_group_id, m.leader DESC, m.position",
        )
        .bind(round_id)
        .bind(only)
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
        let assigned: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT a.sub_group_id, a.candidate_id FROM assignments a JOIN sub_groups sg ON sg.id = a.sub_group_id \
             WHERE sg.round_id = $1 AND ($2 IS NULL OR sg.id = $3) ORDER BY a.sub_group_id, a.position",
        )
        .bind(round_id)
        .bind(only)
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
        let mut members_of: BTreeMap<i64, Vec<Member>> = BTreeMap::new();
        for (sub, account_id, username, display_name, kind, leader) in members {
            let kind = MemberKind::parse(&kind)
                .ok_or_else(|| sqlx::Error::Decode(format!("member kind {kind:?}").into()))?;
            members_of.entry(sub).or_default().push(Member {
                account_id,
                username,
                display_name,
                kind,
                leader,
            });
        }
        let mut candidates_of: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (sub, candidate) in assigned {
            candidates_of.entry(sub).or_default().push(candidate);
        }
        let mut out: Vec<WorkGroup> = Vec::new();
        for (group_id, name, leader_name, sub_id, sub_name) in subs {
            if out.last().is_none_or(|g| g.id != group_id) {
                out.push(WorkGroup {
                    id: group_id,
                    name,
                    leader_name,
                    sub_groups: Vec::new(),
                });
            }
            let group = out.last_mut().expect("pushed above");
            group.sub_groups.push(SubGroup {
                id: sub_id,
                name: sub_name,
                members: members_of.remove(&sub_id).unwrap_or_default(),
                candidate_ids: candidates_of.remove(&sub_id).unwrap_or_default(),
            });
        }
        Ok(out)
    })
}

/// The round's shortlisted candidates (of one category, or all), by category then
/// shortlist order.
pub(crate) async fn candidate_briefs(
    conn: impl Into<super::Conn<'_>>,
    round_id: i64,
    category: Option<Category>,
) -> Result<Vec<CandidateBrief>, sqlx::Error> {
    on_conn!(conn => {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT c.id, c.category, c.title, p.town FROM candidates c JOIN places p ON p.id = c.place_id \
             WHERE c.round_id = $1 AND ($2 IS NULL OR c.category = $3) ORDER BY c.category, c.position",
        )
        .bind(round_id)
        .bind(category.map(|c| c.as_str()))
        .bind(category.map(|c| c.as_str()))
        .fetch_all(conn)
        .await?;
        rows.into_iter()
            .map(|(id, category, title, town)| {
                Ok(CandidateBrief {
                    id,
                    category: Category::parse(&category).ok_or_else(|| {
                        sqlx::Error::Decode(format!("candidate {id}: category").into())
                    })?,
                    title,
                    town,
                })
            })
            .collect()
    })
}
