//! Results: what a round's ranking is computed from (one read, [`read_inputs`]), the
//! office's exclusions, and the published versions (`result_versions`), each frozen with
//! its open data in the transaction that publishes it.

use super::audit::{self, Entry};
use super::nominations::photo_view;
use super::Dialect;
use super::{on_conn, on_db};
use super::{sheets, Db};
use chrono::{DateTime, Utc};
use pingxuan_domain::api::RoundView;
use pingxuan_domain::field::{scored_items, SheetSubmission};
use pingxuan_domain::results::{
    ArchivedRound, CandidateInfo, Exclusion, ExclusionKind, OpenBallot, OpenExclusion, OpenItem,
    OpenSheet, OpenSheetVersion, VersionInfo,
};
use pingxuan_domain::{Category, Phase};
use sqlx::Row;
use std::collections::BTreeMap;

/// Everything the results are computed from: the round's candidates, every ballot and
/// every synced sheet (with what voids and exclusions say of them), the sheet versions
/// they were filled on, and the exclusions' record.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub candidates: Vec<CandidateInfo>,
    pub ballots: Vec<OpenBallot>,
    pub sheet_versions: Vec<OpenSheetVersion>,
    pub sheets: Vec<OpenSheet>,
    pub exclusions: Vec<OpenExclusion>,
}

fn decode(what: String) -> sqlx::Error {
    sqlx::Error::Decode(what.into())
}

fn category(s: &str, what: &str) -> Result<Category, sqlx::Error> {
    Category::parse(s).ok_or_else(|| decode(format!("{what}: category {s:?}")))
}

fn parse_ids(list: Option<String>) -> Vec<i64> {
    let mut ids: Vec<i64> = list
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    ids.sort_unstable();
    ids
}

/// Reads a round's inputs on `conn` (inside the publishing transaction, or not).
pub(crate) async fn read_inputs(
    conn: impl Into<super::Conn<'_>>,
    round: &RoundView,
) -> Result<Inputs, sqlx::Error> {
    on_conn!(conn => {
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i64, String, String, String, String, Option<String>, Option<i64>, Option<i64>)> =
            sqlx::query_as(
                "SELECT c.id, c.category, c.title, p.name, p.town, c.cover_photo_id, ph.width, ph.height \
                 FROM candidates c JOIN places p ON p.id = c.place_id LEFT JOIN photos ph ON ph.id = c.cover_photo_id \
                 WHERE c.round_id = $1 ORDER BY c.category, c.position",
            )
            .bind(round.id)
            .fetch_all(&mut *conn)
            .await?;
        let mut candidates = Vec::with_capacity(rows.len());
        for (id, cat, title, place_name, town, cover, w, h) in rows {
            candidates.push(CandidateInfo {
                id,
                category: category(&cat, &format!("candidate {id}"))?,
                title,
                place_name,
                town,
                cover_url: cover.map(|c| photo_view(c, w.unwrap_or(0), h.unwrap_or(0)).url),
            });
        }

        let rows = sqlx::query(&format!(
            "SELECT b.id, b.receipt, b.category, CASE WHEN b.voided_at IS NULL THEN NULL ELSE COALESCE(b.void_reason, '') END AS voided, \
             (SELECT x.reason FROM result_exclusions x WHERE x.round_id = b.round_id AND x.kind = 'ballot' \
              AND x.target_id = b.id AND x.withdrawn_at IS NULL) AS excluded, \
             (SELECT {} FROM ballot_choices c WHERE c.ballot_id = b.id) AS choices \
             FROM ballots b WHERE b.round_id = $1 ORDER BY b.id",
            DB::comma_list("c.candidate_id")
        ))
        .bind(round.id)
        .fetch_all(&mut *conn)
        .await?;
        let mut ballots = Vec::with_capacity(rows.len());
        for r in rows {
            let id: i64 = r.get("id");
            ballots.push(OpenBallot {
                receipt: r.get("receipt"),
                category: category(&r.get::<String, _>("category"), &format!("ballot {id}"))?,
                candidate_ids: parse_ids(r.get("choices")),
                voided: r.get("voided"),
                excluded: r.get("excluded"),
            });
        }

        let rows = sqlx::query(
            "SELECT f.id, f.client_id, f.candidate_id, f.sheet_id, sg.name AS sub_group, f.body, f.total, f.replaces, f.received_at, \
             (SELECT x.reason FROM result_exclusions x WHERE x.round_id = f.round_id AND x.kind = 'sheet' \
              AND x.target_id = f.id AND x.withdrawn_at IS NULL) AS excluded \
             FROM field_sheets f JOIN sub_groups sg ON sg.id = f.sub_group_id WHERE f.round_id = $1 ORDER BY f.id",
        )
        .bind(round.id)
        .fetch_all(&mut *conn)
        .await?;
        let mut versions: BTreeMap<i64, OpenSheetVersion> = BTreeMap::new();
        let mut out_sheets = Vec::with_capacity(rows.len());
        for r in rows {
            let id: i64 = r.get("id");
            let sheet_version_id: i64 = r.get("sheet_id");
            if !versions.contains_key(&sheet_version_id) {
                let v = sheets::get(&mut *conn, sheet_version_id)
                    .await?
                    .ok_or_else(|| decode(format!("sheet {id}: version {sheet_version_id}")))?;
                versions.insert(
                    v.id,
                    OpenSheetVersion {
                        id: v.id,
                        category: v.category,
                        version: v.version,
                        content: v.content,
                    },
                );
            }
            let content = &versions[&sheet_version_id].content;
            let body: SheetSubmission = serde_json::from_str(r.get::<&str, _>("body"))
                .map_err(|_| decode(format!("sheet {id}: body")))?;
            let received_at: DateTime<Utc> = r.get("received_at");
            out_sheets.push(OpenSheet {
                id,
                client_id: r.get("client_id"),
                candidate_id: r.get("candidate_id"),
                sheet_version_id,
                sub_group: r.get("sub_group"),
                items: scored_items(content, &body.scores)
                    .into_iter()
                    .map(|(s, points)| OpenItem {
                        item_id: s.item_id,
                        mark: s.mark,
                        points,
                    })
                    .collect(),
                total: r.get::<i64, _>("total").clamp(0, 100) as u32,
                replaces: r.get("replaces"),
                late: received_at >= round.schedule.field_scoring.ends_at,
                excluded: r.get("excluded"),
            });
        }

        #[allow(clippy::type_complexity)]
        let rows: Vec<(String, i64, String, DateTime<Utc>, Option<DateTime<Utc>>, Option<String>)> =
            sqlx::query_as(
                "SELECT x.kind, x.target_id, x.reason, x.excluded_at, x.withdrawn_at, b.receipt \
                 FROM result_exclusions x LEFT JOIN ballots b ON x.kind = 'ballot' AND b.id = x.target_id \
                 WHERE x.round_id = $1 ORDER BY x.id",
            )
            .bind(round.id)
            .fetch_all(&mut *conn)
            .await?;
        let exclusions = rows
            .into_iter()
            .map(
                |(kind, target_id, reason, excluded_at, withdrawn_at, receipt)| {
                    let kind = ExclusionKind::parse(&kind)
                        .ok_or_else(|| decode(format!("exclusion kind {kind:?}")))?;
                    Ok(OpenExclusion {
                        kind,
                        target: receipt.unwrap_or_else(|| target_id.to_string()),
                        reason,
                        excluded_at,
                        withdrawn_at,
                    })
                },
            )
            .collect::<Result<_, sqlx::Error>>()?;

        Ok(Inputs {
            candidates,
            ballots,
            sheet_versions: versions.into_values().collect(),
            sheets: out_sheets,
            exclusions,
        })
    })
}

/// Why an exclusion could not be added or withdrawn.
#[derive(Debug, thiserror::Error)]
pub enum ExclusionError {
    /// No such sheet, ballot or exclusion in this round.
    #[error("not found")]
    NotFound,
    /// The item is excluded already, or the exclusion was withdrawn already.
    #[error("already done")]
    Already,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A version ready to store, made by the caller from the inputs read in the same
/// transaction.
pub struct Frozen {
    pub results: String,
    pub sha256: String,
    pub open_data: String,
    pub open_data_sha256: String,
}

/// Publication (version 1, moving the round from review) or a correction (a later
/// version of a published round, with its reason).
#[derive(Debug, Clone, Copy)]
pub enum Publication<'a> {
    First,
    Correction(&'a str),
}

/// Why a version was not stored.
#[derive(Debug, thiserror::Error)]
pub enum PublishError<E> {
    #[error("no such round")]
    NotFound,
    /// The round is not in review (to publish) or not published (to correct).
    #[error("the round is in {0:?}")]
    WrongPhase(Phase),
    /// The caller's builder refused (e.g. an unscored candidate).
    #[error("refused")]
    Refused(E),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

const EXCLUSIONS: &str = "SELECT x.id, x.kind, x.target_id, x.reason, e.display_name AS excluded_by, x.excluded_at, \
     x.withdrawn_at, w.display_name AS withdrawn_by FROM result_exclusions x \
     JOIN staff_accounts e ON e.id = x.excluded_by LEFT JOIN staff_accounts w ON w.id = x.withdrawn_by";

fn exclusion<R: Row>(r: R) -> Result<Exclusion, sqlx::Error>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    String: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    i64: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    DateTime<Utc>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<DateTime<Utc>>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let kind: String = r.get("kind");
    Ok(Exclusion {
        id: r.get("id"),
        kind: ExclusionKind::parse(&kind).ok_or_else(|| decode(format!("exclusion {kind:?}")))?,
        target_id: r.get("target_id"),
        reason: r.get("reason"),
        excluded_by: r.get("excluded_by"),
        excluded_at: r.get("excluded_at"),
        withdrawn_at: r.get("withdrawn_at"),
        withdrawn_by: r.get("withdrawn_by"),
    })
}

impl Db {
    /// The round's inputs as they are now (the office's preview).
    pub async fn results_inputs(&self, round: &RoundView) -> Result<Inputs, sqlx::Error> {
        on_db!(self, db => {
            let mut conn = db.pool.acquire().await?;
            read_inputs(&mut conn, round).await
        })
    }

    /// Every exclusion of a round, newest first.
    pub async fn exclusions(&self, round_id: i64) -> Result<Vec<Exclusion>, sqlx::Error> {
        on_db!(self, db => {
            let rows = sqlx::query(&format!(
                "{EXCLUSIONS} WHERE x.round_id = $1 ORDER BY x.id DESC"
            ))
            .bind(round_id)
            .fetch_all(db.pool)
            .await?;
            rows.into_iter().map(exclusion).collect()
        })
    }

    /// Excludes one of the round's sheets or ballots, with the reason in the audit log.
    /// One active exclusion per item: the partial UNIQUE index decides.
    pub async fn add_exclusion(
        &self,
        round_id: i64,
        kind: ExclusionKind,
        target_id: i64,
        reason: &str,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<Exclusion, ExclusionError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let exists_sql = match kind {
                ExclusionKind::Sheet => {
                    "SELECT EXISTS (SELECT 1 FROM field_sheets WHERE id = $1 AND round_id = $2)"
                }
                ExclusionKind::Ballot => {
                    "SELECT EXISTS (SELECT 1 FROM ballots WHERE id = $1 AND round_id = $2)"
                }
            };
            let id: i64 = match sqlx::query_scalar(
                "INSERT INTO result_exclusions (round_id, kind, target_id, reason, excluded_by, excluded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(round_id)
            .bind(kind.as_str())
            .bind(target_id)
            .bind(reason)
            .bind(by)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            {
                Ok(id) => id,
                Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                    return Err(ExclusionError::Already)
                }
                Err(e) => return Err(e.into()),
            };
            let exists: bool = sqlx::query_scalar(exists_sql)
                .bind(target_id)
                .bind(round_id)
                .fetch_one(&mut *tx)
                .await?;
            if !exists {
                return Err(ExclusionError::NotFound);
            }
            audit::record(
                &mut tx,
                now,
                Entry {
                    account_id: Some(by),
                    action: "results.exclude",
                    target: format!("round:{round_id}/{}:{target_id}", kind.as_str()),
                    detail: reason.to_owned(),
                },
            )
            .await?;
            let row = sqlx::query(&format!("{EXCLUSIONS} WHERE x.id = $1"))
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            let out = exclusion(row)?;
            tx.commit().await?;
            Ok(out)
        })
    }

    /// Withdraws an exclusion (the item counts again), recorded in the audit log.
    pub async fn withdraw_exclusion(
        &self,
        round_id: i64,
        exclusion_id: i64,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<(), ExclusionError> {
        on_db!(self, db => {
            let mut tx = db.begin_write().await?;
            let done: Option<(String, i64)> = sqlx::query_as(
                "UPDATE result_exclusions SET withdrawn_at = $1, withdrawn_by = $2 \
                 WHERE id = $3 AND round_id = $4 AND withdrawn_at IS NULL RETURNING kind, target_id",
            )
            .bind(now)
            .bind(by)
            .bind(exclusion_id)
            .bind(round_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((kind, target_id)) = done else {
                let exists: bool = sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM result_exclusions WHERE id = $1 AND round_id = $2)",
                )
                .bind(exclusion_id)
                .bind(round_id)
                .fetch_one(&mut *tx)
                .await?;
                return Err(if exists {
                    ExclusionError::Already
                } else {
                    ExclusionError::NotFound
                });
            };
            audit::record(
                &mut tx,
                now,
                Entry {
                    account_id: Some(by),
                    action: "results.withdraw_exclusion",
                    target: format!("round:{round_id}/{kind}:{target_id}"),
                    detail: format!("exclusion {exclusion_id}"),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Stores the next version of a round's results in one transaction: first the write
    /// that decides (review → published for the first version; a published round for a
    /// correction), then the inputs read under that lock, `build` making the documents,
    /// the version row and the audit entries.
    pub async fn publish_results<E>(
        &self,
        round_id: i64,
        publication: Publication<'_>,
        by: i64,
        now: DateTime<Utc>,
        build: impl FnOnce(&RoundView, &Inputs, u32) -> Result<Frozen, E>,
    ) -> Result<VersionInfo, PublishError<E>> {
        on_db!(self, db => {
            // The name and schedule as read just before; the config cannot change once
            // voting has begun.
            let round = self.round(round_id).await?.ok_or(PublishError::NotFound)?;
            let mut tx = db.begin_write().await?;
            let (sql, action) = match publication {
                Publication::First => (
                    "UPDATE rounds SET phase = 'published', updated_at = $1 WHERE id = $2 AND phase = 'review'",
                    "results.publish",
                ),
                Publication::Correction(_) => (
                    "UPDATE rounds SET updated_at = $1 WHERE id = $2 AND phase = 'published'",
                    "results.correct",
                ),
            };
            let changed = sqlx::query(sql)
                .bind(now)
                .bind(round_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let phase: Option<String> = sqlx::query_scalar("SELECT phase FROM rounds WHERE id = $1")
                .bind(round_id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(phase) = phase else {
                return Err(PublishError::NotFound);
            };
            if changed == 0 {
                return Err(PublishError::WrongPhase(
                    Phase::parse(&phase).unwrap_or(Phase::Nomination),
                ));
            }
            let inputs = read_inputs(&mut tx, &round).await?;
            let version: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM result_versions WHERE round_id = $1",
            )
            .bind(round_id)
            .fetch_one(&mut *tx)
            .await?;
            let version = version as u32;
            let frozen = build(&round, &inputs, version).map_err(PublishError::Refused)?;
            let reason = match publication {
                Publication::First => None,
                Publication::Correction(r) => Some(r),
            };
            sqlx::query(
                "INSERT INTO result_versions (round_id, version, reason, results, sha256, open_data, open_data_sha256, published_by, published_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(round_id)
            .bind(i64::from(version))
            .bind(reason)
            .bind(&frozen.results)
            .bind(&frozen.sha256)
            .bind(&frozen.open_data)
            .bind(&frozen.open_data_sha256)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            super::rectification::follow_version(
                &mut tx,
                round_id,
                version,
                &frozen.results,
                reason,
                by,
                now,
            )
            .await?;
            if let Publication::First = publication {
                audit::record(
                    &mut tx,
                    now,
                    Entry {
                        account_id: Some(by),
                        action: "round.advance",
                        target: format!("round:{round_id}"),
                        detail: "review -> published".into(),
                    },
                )
                .await?;
            }
            audit::record(
                &mut tx,
                now,
                Entry {
                    account_id: Some(by),
                    action,
                    target: format!("round:{round_id}"),
                    detail: format!(
                        "version {version} sha256 {}{}",
                        frozen.sha256,
                        reason.map(|r| format!(": {r}")).unwrap_or_default()
                    ),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(VersionInfo {
                version,
                reason: reason.map(str::to_owned),
                published_at: now,
                sha256: frozen.sha256,
            })
        })
    }

    /// A round's published versions, oldest first.
    pub async fn result_versions(&self, round_id: i64) -> Result<Vec<VersionInfo>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<(i64, Option<String>, DateTime<Utc>, String)> = sqlx::query_as(
                "SELECT version, reason, published_at, sha256 FROM result_versions WHERE round_id = $1 ORDER BY version",
            )
            .bind(round_id)
            .fetch_all(db.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(version, reason, published_at, sha256)| VersionInfo {
                    version: version as u32,
                    reason,
                    published_at,
                    sha256,
                })
                .collect())
        })
    }

    /// A stored version's results JSON and its hash: `version`, or the latest.
    pub async fn stored_results(
        &self,
        round_id: i64,
        version: Option<u32>,
    ) -> Result<Option<(String, String)>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(
                "SELECT results, sha256 FROM result_versions WHERE round_id = $1 AND ($2 IS NULL OR version = $3) \
                 ORDER BY version DESC LIMIT 1",
            )
            .bind(round_id)
            .bind(version.map(i64::from))
            .bind(version.map(i64::from))
            .fetch_optional(db.pool)
            .await
        })
    }

    /// A version's open data document and its hash: `version`, or the latest.
    pub async fn stored_open_data(
        &self,
        round_id: i64,
        version: Option<u32>,
    ) -> Result<Option<(String, String)>, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_as(
                "SELECT open_data, open_data_sha256 FROM result_versions WHERE round_id = $1 AND ($2 IS NULL OR version = $3) \
                 ORDER BY version DESC LIMIT 1",
            )
            .bind(round_id)
            .bind(version.map(i64::from))
            .bind(version.map(i64::from))
            .fetch_optional(db.pool)
            .await
        })
    }

    /// Rounds with published results, newest first.
    pub async fn results_archive(&self) -> Result<Vec<ArchivedRound>, sqlx::Error> {
        on_db!(self, db => {
            let rows: Vec<(i64, String, DateTime<Utc>, i64)> = sqlx::query_as(
                "SELECT r.id, r.name, \
                 (SELECT v.published_at FROM result_versions v WHERE v.round_id = r.id AND v.version = 1), \
                 (SELECT MAX(v.version) FROM result_versions v WHERE v.round_id = r.id) \
                 FROM rounds r WHERE EXISTS (SELECT 1 FROM result_versions v WHERE v.round_id = r.id) ORDER BY r.id DESC",
            )
            .fetch_all(db.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(
                    |(round_id, round_name, published_at, latest)| ArchivedRound {
                        round_id,
                        round_name,
                        published_at,
                        latest_version: latest as u32,
                    },
                )
                .collect())
        })
    }
}
