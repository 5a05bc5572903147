//! State: the context providers shared across pages (UI language, staff session) and the
//! two small tools every page uses to talk to the server (`Remote` reads, `Mutation` writes).

pub mod field_context;
pub mod field_outbox;
pub mod field_sync;
pub mod lang_context;
pub mod mutation;
pub mod photo_queue;
pub mod remote;
pub mod session_context;
