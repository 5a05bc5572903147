//! One routed view a file.

pub mod admin_round_page;
pub mod consistency_page;
pub mod field_home_page;
pub mod field_outbox_page;
pub mod field_sheet_page;
pub mod fraud_page;
pub mod home_page;
pub mod login_page;
pub mod nominate_page;
pub mod nominations_page;
pub mod not_found_page;
pub mod office_home_page;
pub mod office_results_page;
pub mod places_page;
pub mod poster_page;
pub mod rectify_list_page;
pub mod rectify_task_page;
pub mod results_archive_page;
pub mod results_page;
pub mod screening_page;
pub mod sheet_editor_page;
pub mod sheet_list_page;
pub mod staff_accounts_page;
pub mod teams_page;
pub mod vote_category_page;
pub mod vote_home_page;
