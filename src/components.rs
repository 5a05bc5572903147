//! Widgets shared by the pages: the shell's header and bottom navigation, the phase
//! timeline and countdown, loading/empty/error states, form pieces, and the parts of
//! the nomination form and list.

pub mod admin_gate;
pub mod ballot_memory;
pub mod ballot_receipt;
pub mod bottom_nav;
pub mod category_choice;
pub mod confirm_button;
pub mod countdown;
pub mod empty_state;
pub mod error_state;
pub mod fraud_ballots;
pub mod fraud_chart;
pub mod fraud_lists;
pub mod fraud_names;
pub mod fraud_void_sheet;
pub mod header;
pub mod loading_state;
pub mod location_choice;
pub mod nominated_place_card;
pub mod notice;
pub mod phase_timeline;
pub mod phase_window;
pub mod photo_picker;
pub mod place_editor;
pub mod place_picker;
pub mod poster_sheet;
pub mod round_form;
pub mod screening_context;
pub mod screening_duplicates;
pub mod screening_places;
pub mod screening_shortlist;
pub mod text_area_field;
pub mod text_field;
pub mod town_select;
pub mod vote_candidate_card;
pub mod vote_confirm_sheet;
pub mod vote_poster_sheet;
pub mod vote_share;
pub mod vote_sheet;
pub mod vote_status;
pub mod vote_verify_sheet;
