//! `/staff/accounts`: the office's list of staff accounts — create (a town's rectification
//! account with its town), disable/enable, and reset passwords. Checked with the domain's
//! `CreateStaffRequest::parse()`, `validate_town()` and `UpdateStaffRequest::parse()`
//! before anything is sent.

use crate::api;
use crate::components::admin_gate::AdminGate;
use crate::components::confirm_button::ConfirmButton;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::notice::Notice;
use crate::components::text_field::TextField;
use crate::components::town_select::TownSelect;
use crate::forms::field_errors::message_for;
use crate::forms::role_choice;
use crate::i18n::{active_question, Msg};
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use crate::state::remote::Remote;
use crate::state::session_context::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use pingxuan_domain::api::{CreateStaffRequest, StaffAccount, UpdateStaffRequest};
use pingxuan_domain::lang::Label;
use pingxuan_domain::place::validate_town;
use pingxuan_domain::region::Town;
use pingxuan_domain::{ErrorCode, FieldError, Role};

/// The staff accounts page (admins only).
#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    view! {
        <div class="page">
            <h1 class="page-title">{tr(Msg::NavStaff)}</h1>
            <AdminGate>
                <StaffAccounts />
            </AdminGate>
        </div>
    }
}

#[component]
fn StaffAccounts() -> impl IntoView {
    let session = use_session();
    let list = Remote::new(move || async move {
        let result = api::staff::list().await;
        if let Err(e) = &result {
            session.note_error(e);
        }
        result
    });
    view! {
        <section class="card">
            <h2 class="card-title">{tr(Msg::StaffListTitle)}</h2>
            {move || match list.get() {
                None => view! { <LoadingState /> }.into_any(),
                Some(Ok(l)) if l.accounts.is_empty() => {
                    view! { <EmptyState title=Msg::NoStaff /> }.into_any()
                }
                Some(Ok(l)) => view! {
                    <ul class="staff-list">
                        {l.accounts.into_iter().map(|account| view! { <StaffRow account /> }).collect_view()}
                    </ul>
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <ErrorState error on_retry=Callback::new(move |_| list.reload()) />
                }
                .into_any(),
            }}
        </section>
        <CreateStaffForm on_created=Callback::new(move |_| list.refresh()) />
    }
}

/// One account: name, user name, role, status, and its two actions.
#[component]
fn StaffRow(account: StaffAccount) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let id = account.id;
    let account = RwSignal::new(account);
    let is_me = move || session.account().map(|a| a.id) == Some(id);
    let update = Mutation::new();

    let resetting = RwSignal::new(false);
    let new_password = RwSignal::new(String::new());
    let reset_attempted = RwSignal::new(false);

    // Sends `request`; on success shows the account as the server now has it.
    let send = move |request: UpdateStaffRequest, done: Msg| {
        let csrf = session.csrf();
        update.run(async move {
            match api::staff::update(id, &request, &csrf).await {
                Ok(updated) => {
                    account.set(updated);
                    if request.password.is_some() {
                        resetting.set(false);
                        new_password.set(String::new());
                        reset_attempted.set(false);
                    }
                    Ok(done)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    };

    let password_request = move || UpdateStaffRequest {
        password: Some(new_password.get()),
        ..Default::default()
    };
    let password_error = Signal::derive(move || {
        let local = (reset_attempted.get() || !new_password.with(String::is_empty))
            .then(|| password_request().parse().err())
            .flatten()
            .and_then(|errors| message_for(&errors, "password"));
        local.or_else(|| {
            update
                .error()
                .and_then(|e| message_for(e.field_errors(), "password"))
        })
    });
    let submit_password = move |ev: SubmitEvent| {
        ev.prevent_default();
        reset_attempted.set(true);
        let request = password_request();
        if request.parse().is_ok() {
            send(request, Msg::PasswordReset);
        }
    };
    let active = move || account.with(|a| a.active);
    let name = move || account.with(|a| a.display_name.clone());

    view! {
        <li class="staff-item" class:inactive=move || !active()>
            <div class="staff-head">
                <p class="staff-name">{move || name()} {move || if is_me() { lang.t(Msg::ThisIsYou) } else { "" }}</p>
                <span class=move || if active() { "badge ok" } else { "badge off" }>
                    {move || lang.t(if active() { Msg::Active } else { Msg::Disabled })}
                </span>
            </div>
            <p class="staff-meta">
                <span class="mono">{move || account.with(|a| a.username.clone())}</span>
                " · "
                // A town account: 镇（街道）整改 · its town.
                {move || account.with(|a| a.role.town().map(|_| format!("{} · ", lang.t(Msg::TownRole))))}
                {move || account.with(|a| a.role.label(lang.get()))}
            </p>
            <div class="button-row">
                {move || {
                    (!is_me())
                        .then(|| {
                            view! {
                                <ConfirmButton
                                    label=move || lang.t(if active() { Msg::Disable } else { Msg::Enable })
                                    question=move || active_question(lang.get(), &name(), active())
                                    pending_label=tr(Msg::Saving)
                                    pending=update.pending_signal()
                                    on_confirm=Callback::new(move |_| {
                                        let request = UpdateStaffRequest {
                                            active: Some(!account.with_untracked(|a| a.active)),
                                            ..Default::default()
                                        };
                                        send(request, Msg::Saved);
                                    })
                                />
                            }
                                .into_any()
                        })
                }}
                <button
                    type="button"
                    class="button"
                    aria-expanded=move || if resetting.get() { "true" } else { "false" }
                    on:click=move |_| {
                        resetting.update(|r| *r = !*r);
                        update.clear();
                    }
                >
                    {tr(Msg::ResetPassword)}
                </button>
            </div>
            {move || {
                resetting
                    .get()
                    .then(|| {
                        view! {
                            <form class="form inline-form" novalidate=true on:submit=submit_password>
                                <TextField
                                    id=format!("staff-{id}-password")
                                    label=tr(Msg::NewPassword)
                                    label_prefix=Some(TextProp::from(name))
                                    hint=Some(Msg::PasswordHint)
                                    autocomplete="new-password"
                                    password=true
                                    value=new_password
                                    on_input=Callback::new(move |v| new_password.set(v))
                                    error=password_error
                                />
                                <button type="submit" class="button primary" disabled=move || update.pending()>
                                    {tr_when(update.pending_signal(), Msg::Saving, Msg::SavePassword)}
                                </button>
                            </form>
                        }
                            .into_any()
                    })
            }}
            <Notice mutation=update />
        </li>
    }
}

/// Index of each field in the form's "touched" list.
const FIELDS: [&str; 4] = ["username", "display_name", "password", "town"];

/// The new-account form.
#[component]
fn CreateStaffForm(
    /// Called after an account is created, to reload the list.
    on_created: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Inspector);
    // 镇（街道）整改 chosen: the role is the town picked in `town`.
    let town_role = RwSignal::new(false);
    let town = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Which of FIELDS were changed; all count as touched after a submit.
    let touched = RwSignal::new([false; 4]);
    let attempted = RwSignal::new(false);
    let edited_since_submit = RwSignal::new([false; 4]);
    let create = Mutation::new();

    // The role to create, or why not: a town account needs a town from the list.
    let chosen_role = move || -> Result<Role, FieldError> {
        if !town_role.get() {
            return Ok(role.get());
        }
        town.with(|t| {
            validate_town("town", t).map(|_| Role::Town {
                town: Town::parse(t).expect("validate_town knows the same towns"),
            })
        })
    };
    let request = move || {
        let role = chosen_role();
        let req = CreateStaffRequest {
            username: username.get(),
            display_name: display_name.get(),
            role: role.clone().unwrap_or(Role::Inspector),
            password: password.get(),
        };
        (req, role.err())
    };
    // Every problem with the form as it stands, the town's last.
    let problems = move || {
        let (req, town_problem) = request();
        let mut errors = req.parse().err().unwrap_or_default();
        errors.extend(town_problem);
        errors
    };
    let local = Memo::new(move |_| problems());
    let server_message = move |name: &str| {
        let error = create.error()?;
        if error.code() == Some(ErrorCode::Conflict) {
            // A taken user name is a problem with that field, so say it there.
            (name == "username").then(|| lang.t(Msg::UsernameTaken).to_owned())
        } else {
            message_for(error.field_errors(), name)
        }
    };
    let error_for = move |i: usize| {
        Signal::derive(move || {
            let name = FIELDS[i];
            let shown = attempted.get() || touched.with(|t| t[i]);
            shown
                .then(|| local.with(|l| message_for(l, name)))
                .flatten()
                .or_else(|| {
                    (!edited_since_submit.with(|e| e[i]))
                        .then(|| server_message(name))
                        .flatten()
                })
        })
    };
    let edit = move |i: usize, target: RwSignal<String>| {
        Callback::new(move |v: String| {
            target.set(v);
            touched.update(|t| t[i] = true);
            edited_since_submit.update(|t| t[i] = true);
        })
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        if !problems().is_empty() {
            return;
        }
        let (req, _) = request();
        edited_since_submit.set([false; 4]);
        let csrf = session.csrf();
        create.run(async move {
            match api::staff::create(&req, &csrf).await {
                Ok(_) => {
                    username.set(String::new());
                    display_name.set(String::new());
                    password.set(String::new());
                    touched.set([false; 4]);
                    attempted.set(false);
                    on_created.run(());
                    Ok(Msg::AccountCreated)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    let role_options = move || {
        let l = lang.get();
        role_choice::choices()
            .into_iter()
            .map(|r| {
                view! {
                    <option value=role_choice::key(r) selected=move || !town_role.get() && role.get() == r>
                        {role_choice::option_label(r, l)}
                    </option>
                }
            })
            .collect_view()
    };
    // A taken user name shows under its field, not in the line above the button.
    let conflict = move || create.error().and_then(|e| e.code()) == Some(ErrorCode::Conflict);

    view! {
        <section class="card">
            <h2 class="card-title">{tr(Msg::CreateStaffTitle)}</h2>
            <form class="form" novalidate=true on:submit=submit>
                <TextField
                    id="new-staff-username"
                    label=tr(Msg::Username)
                    hint=Some(Msg::UsernameHint)
                    autocomplete="off"
                    value=username
                    on_input=edit(0, username)
                    error=error_for(0)
                />
                <TextField
                    id="new-staff-display-name"
                    label=tr(Msg::DisplayName)
                    autocomplete="off"
                    value=display_name
                    on_input=edit(1, display_name)
                    error=error_for(1)
                />
                <div class="field">
                    <label for="new-staff-role">{tr(Msg::Role)}</label>
                    <select
                        id="new-staff-role"
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            town_role.set(key == role_choice::TOWN);
                            if let Some(r) = role_choice::from_key(&key) {
                                role.set(r);
                            }
                        }
                    >
                        {move || role_options()}
                        <option value=role_choice::TOWN selected=move || town_role.get()>
                            {tr(Msg::TownRole)}
                        </option>
                    </select>
                </div>
                // A town account answers for one town: picked from the domain's list.
                <Show when=move || town_role.get()>
                    <TownSelect
                        id="new-staff-town"
                        initial=town.get_untracked()
                        on_change=edit(3, town)
                        error=error_for(3)
                    />
                </Show>
                <TextField
                    id="new-staff-password"
                    label=tr(Msg::InitialPassword)
                    hint=Some(Msg::PasswordHint)
                    autocomplete="new-password"
                    password=true
                    value=password
                    on_input=edit(2, password)
                    error=error_for(2)
                />
                {move || (!conflict()).then(|| view! { <Notice mutation=create /> }.into_any())}
                <button type="submit" class="button primary block" disabled=move || create.pending()>
                    {tr_when(create.pending_signal(), Msg::Creating, Msg::CreateAccount)}
                </button>
            </form>
        </section>
    }
}
