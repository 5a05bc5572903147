//! Entry point of the field app: installs the panic hook and mounts
//! [`pingxuan::field_app::FieldApp`] (only it, so the other apps' pages are left out).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::field_app::FieldApp);
}
