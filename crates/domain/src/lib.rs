//! Pingxuan's pure domain: the vocabulary of the 最差四个十 selection, the API contract
//! shared by app and server, validation, phase rules, scoring and ranking.
//!
//! Architecture invariant: this crate does no I/O (no network, no files, no clock, no
//! randomness). Callers pass "now" in. It builds for `wasm32-unknown-unknown` and native.

pub mod account;
pub mod accountability;
pub mod api;
pub mod ballot_snapshot;
pub mod category;
pub mod error;
pub mod field;
pub mod geo;
pub mod lang;
pub mod nomination;
pub mod phase;
pub mod place;
pub mod rectification;
pub mod region;
pub mod results;
pub mod results_csv;
pub mod round;
pub mod score_sheet;
pub mod score_sheet_demo;
pub mod scoring;
pub mod screening;
pub mod similarity;
pub mod time;
pub mod voting;

pub use account::{Password, Role, Username};
pub use category::Category;
pub use error::{ErrorBody, ErrorCode, FieldError};
pub use lang::Lang;
pub use phase::Phase;
pub use round::{RoundConfig, Schedule};
