//! The app's only door to the server: every URL is built here from
//! `pingxuan_domain::api::paths`, every answer comes back as `Result<T, ClientError>`.

pub mod accountability;
mod client;
mod client_error;
pub mod field;
pub mod fraud;
pub mod nominations;
pub mod photos;
pub mod places;
pub mod posters;
pub mod rectification;
pub mod results;
pub mod rounds;
pub mod screening;
pub mod session;
pub mod sheets;
pub mod staff;
pub mod teams;
pub mod voting;

pub use client::{fetch_json, post_public, send_json};
pub use client_error::ClientError;
