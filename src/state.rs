//! Cross-page state, provided through context: the UI language and the staff session.

pub mod lang_context;
pub mod session_context;
