//! Entry point of the voting app: installs the panic hook and mounts
//! [`pingxuan::vote_app::VoteApp`] (only it, so the other pages are left out).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(pingxuan::vote_app::VoteApp);
}
