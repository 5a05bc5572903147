//! Entry point of the rectification app: installs the panic hook and mounts
//! [`pingxuan::rectify_app::RectifyApp`] (only it, so the other apps' pages are left out).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::rectify_app::RectifyApp);
}
