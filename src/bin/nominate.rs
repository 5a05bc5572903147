//! Entry point of the nomination app: installs the panic hook and mounts
//! [`pingxuan::nominate_app::NominateApp`] (only it, so the other pages are left out).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::nominate_app::NominateApp);
}
