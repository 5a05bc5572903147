//! Entry point of the staff app: installs the panic hook and mounts
//! [`pingxuan::staff_app::StaffApp`] (only it, so the residents' pages are left out).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::staff_app::StaffApp);
}
