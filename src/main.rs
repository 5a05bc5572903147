//! Entry point of the residents' app: installs the panic hook and mounts
//! [`pingxuan::app::App`] (only it, so the staff pages are left out).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::app::App);
}
