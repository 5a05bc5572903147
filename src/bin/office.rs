//! Entry point of the office app: installs the panic hook and mounts
//! [`pingxuan::office_app::OfficeApp`] (only it, so the other apps' pages are left out).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::office_app::OfficeApp);
}
