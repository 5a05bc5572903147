//! Entry point of the Pingxuan app: installs the panic hook and mounts [`pingxuan::app::App`].

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::app::App);
}
