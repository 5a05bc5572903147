//! Entry point of the office's score-sheet app: installs the panic hook and mounts
//! [`pingxuan::office_sheets_app::OfficeSheetsApp`] (only it).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::office_sheets_app::OfficeSheetsApp);
}
