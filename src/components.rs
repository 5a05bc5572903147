//! Widgets shared by the pages: the shell's header and bottom navigation, the phase
//! timeline and countdown, loading/empty/error states, and form pieces.

pub mod admin_gate;
pub mod bottom_nav;
pub mod confirm_button;
pub mod countdown;
pub mod empty_state;
pub mod error_state;
pub mod header;
pub mod loading_state;
pub mod notice;
pub mod phase_timeline;
pub mod phase_window;
pub mod round_form;
pub mod text_field;
