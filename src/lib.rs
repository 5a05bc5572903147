//! Pingxuan (评选): the mobile web app of Chaozhou's 最差四个十 selection.
//!
//! Bird's-eye view: [`app`] (residents: home and list), [`nominate_app`] (the nomination
//! form, under `/nominate/`) and [`staff_app`] (staff, under `/staff/`) hold the three
//! apps' routers and shells — separate wasm bundles, so each link loads only its pages; [`pages`] one routed view a
//! file; [`components`] the widgets they share; [`state`] the context providers
//! (language, session) and the `Remote`/`Mutation` read and write helpers; [`api`] the
//! only place that talks to the server; [`forms`] the plain-data form models that turn
//! what people type into the domain's request types.
//!
//! Architecture invariant: request/response types, validation, phase rules and
//! Beijing-time formatting come from `pingxuan-domain`; this crate never re-implements them.

pub mod api;
pub mod app;
pub mod browser;
pub mod clock;
pub mod components;
pub mod field_app;
pub mod forms;
pub mod i18n;
pub mod nominate_app;
pub mod office_app;
pub mod office_results_app;
pub mod office_sheets_app;
pub mod pages;
pub mod rectify_app;
pub mod staff_app;
pub mod state;
pub mod vote_app;
