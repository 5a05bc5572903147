//! The place register.

use super::{on_conn, on_db};
use super::{Db, WriteError};
use chrono::{DateTime, Utc};
use pingxuan_domain::geo::GeoPoint;
use pingxuan_domain::nomination::ParsedPlace;
use pingxuan_domain::place::{NewPlace, Place};
use pingxuan_domain::region::District;
use pingxuan_domain::Category;

#[derive(sqlx::FromRow)]
pub(crate) struct Row {
    id: i64,
    category: String,
    name: String,
    town: String,
    district: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    created_at: DateTime<Utc>,
}

pub(crate) const COLUMNS: &str =
    "id, category, name, town, district, latitude, longitude, created_at";

/// How a place entered the register.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    Register,
    Resident,
    Department,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Register => "register",
            Source::Resident => "resident",
            Source::Department => "department",
        }
    }
}

pub(crate) fn district_str(d: District) -> &'static str {
    match d {
        District::Xiangqiao => "xiangqiao",
        District::Chaoan => "chaoan",
        District::Raoping => "raoping",
        District::Fengxi => "fengxi",
    }
}

fn district_parse(s: &str) -> Option<District> {
    District::ALL.into_iter().find(|d| district_str(*d) == s)
}

impl Row {
    pub(crate) fn into_place(self) -> Result<Place, sqlx::Error> {
        let bad = |what: &str| sqlx::Error::Decode(format!("place {}: bad {what}", self.id).into());
        Ok(Place {
            category: Category::parse(&self.category).ok_or_else(|| bad("category"))?,
            district: district_parse(&self.district).ok_or_else(|| bad("district"))?,
            position: match (self.latitude, self.longitude) {
                (Some(latitude), Some(longitude)) => Some(GeoPoint {
                    latitude,
                    longitude,
                }),
                _ => None,
            },
            id: self.id,
            name: self.name,
            town: self.town,
            created_at: self.created_at,
        })
    }
}

/// Binds a place's category, name, town, district, latitude and longitude, in that order.
macro_rules! bind_place {
    ($q:expr, $p:expr) => {
        $q.bind($p.category.as_str())
            .bind(&$p.name)
            .bind(&$p.town)
            .bind(district_str($p.district))
            .bind($p.position.map(|g| g.latitude))
            .bind($p.position.map(|g| g.longitude))
    };
}

const INSERT: &str = "INSERT INTO places (category, name, town, district, latitude, longitude, source, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/// Inserts a place, or returns the existing one with the same category, town and name.
pub(crate) async fn find_or_insert(
    conn: impl Into<super::Conn<'_>>,
    p: &NewPlace,
    source: Source,
    now: DateTime<Utc>,
) -> Result<Place, sqlx::Error> {
    on_conn!(conn => {
        let sql = format!("{INSERT} ON CONFLICT (category, town, name) DO NOTHING");
        bind_place!(sqlx::query(&sql), p)
            .bind(source.as_str())
            .bind(now)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        let row: Row = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM places WHERE category = $1 AND town = $2 AND name = $3"
        ))
        .bind(p.category.as_str())
        .bind(&p.town)
        .bind(&p.name)
        .fetch_one(&mut *conn)
        .await?;
        row.into_place()
    })
}

/// What a nomination or a screening decision names as its place.
pub(crate) enum Resolved {
    Found(Place),
    Unknown,
    OtherCategory,
}

/// A registered place of `category`, or a new one entered into the register from `source`.
pub(crate) async fn resolve(
    conn: impl Into<super::Conn<'_>>,
    category: Category,
    place: &ParsedPlace,
    source: Source,
    now: DateTime<Utc>,
) -> Result<Resolved, sqlx::Error> {
    on_conn!(conn => {
        Ok(match place {
            ParsedPlace::Registered(id) => match get(conn, *id).await? {
                Some(p) if p.category == category => Resolved::Found(p),
                Some(_) => Resolved::OtherCategory,
                None => Resolved::Unknown,
            },
            ParsedPlace::New {
                name,
                town,
                district,
            } => {
                // No position: the register is public; a resident's position stays with the
                // nomination (staff only).
                let new = NewPlace {
                    category,
                    name: name.clone(),
                    town: town.clone(),
                    district: *district,
                    position: None,
                };
                Resolved::Found(find_or_insert(conn, &new, source, now).await?)
            }
        })
    })
}

pub(crate) async fn get(
    conn: impl Into<super::Conn<'_>>,
    id: i64,
) -> Result<Option<Place>, sqlx::Error> {
    on_conn!(conn => {
        let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM places WHERE id = $1"))
            .bind(id)
            .fetch_optional(conn)
            .await?;
        row.map(Row::into_place).transpose()
    })
}

impl Db {
    /// Adds a place to the register; `Duplicate` when it is already there.
    pub async fn insert_place(
        &self,
        p: &NewPlace,
        source: Source,
        now: DateTime<Utc>,
    ) -> Result<Place, WriteError> {
        on_db!(self, db => {
            let sql = format!("{INSERT} RETURNING {COLUMNS}");
            let row: Row = bind_place!(sqlx::query_as(&sql), p)
                .bind(source.as_str())
                .bind(now)
                .bind(now)
                .fetch_one(db.pool)
                .await
                .map_err(WriteError::from_sqlx)?;
            Ok(row.into_place()?)
        })
    }

    /// Replaces a place's fields; `Duplicate` when another place already has them.
    pub async fn update_place(
        &self,
        id: i64,
        p: &NewPlace,
        now: DateTime<Utc>,
    ) -> Result<Option<Place>, WriteError> {
        on_db!(self, db => {
            let sql = format!(
                "UPDATE places SET category = $1, name = $2, town = $3, district = $4, latitude = $5, longitude = $6, updated_at = $7 \
                 WHERE id = $8 RETURNING {COLUMNS}"
            );
            let row: Option<Row> = bind_place!(sqlx::query_as(&sql), p)
                .bind(now)
                .bind(id)
                .fetch_optional(db.pool)
                .await
                .map_err(WriteError::from_sqlx)?;
            Ok(row.map(Row::into_place).transpose()?)
        })
    }

    pub async fn place(&self, id: i64) -> Result<Option<Place>, sqlx::Error> {
        on_db!(self, db => {
            get(&mut *db.pool.acquire().await?, id).await
        })
    }

    /// Places of a category whose name or town contains `q`, shortest names first.
    pub async fn search_places(
        &self,
        category: Category,
        q: &str,
        limit: u32,
    ) -> Result<Vec<Place>, sqlx::Error> {
        on_db!(self, db => {
            let pattern = format!(
                "%{}%",
                q.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let rows: Vec<Row> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM places WHERE category = $1 AND (name LIKE $2 ESCAPE '\\' OR town LIKE $3 ESCAPE '\\') \
                 ORDER BY length(name), name LIMIT $4"
            ))
            .bind(category.as_str())
            .bind(&pattern)
            .bind(&pattern)
            .bind(i64::from(limit))
            .fetch_all(db.pool)
            .await?;
            rows.into_iter().map(Row::into_place).collect()
        })
    }

    /// How many places the register holds.
    pub async fn place_count(&self) -> Result<i64, sqlx::Error> {
        on_db!(self, db => {
            sqlx::query_scalar("SELECT COUNT(*) FROM places")
                .fetch_one(db.pool)
                .await
        })
    }
}
