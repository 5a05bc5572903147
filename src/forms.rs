//! Plain-data form models: what people type, as strings, and how it becomes the domain's
//! request types. No DOM here, so the logic is easy to test.

pub mod beijing_datetime;
pub mod field_errors;
pub mod field_sheet_draft;
pub mod nomination_draft;
pub mod place_form;
pub mod role_choice;
pub mod round_draft;
pub mod screening_place;
pub mod screening_shortlist;
pub mod sheet_editor;
pub mod vote_selection;
