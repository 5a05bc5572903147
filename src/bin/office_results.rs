//! Entry point of the office's results workbench: installs the panic hook and mounts
//! [`pingxuan::office_results_app::OfficeResultsApp`] (only it).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::office_results_app::OfficeResultsApp);
}
