//! `/admin/staff`: the office's list of staff accounts — create, disable/enable, and
//! reset passwords. Checked with the domain's `CreateStaffRequest::parse()` and
//! `UpdateStaffRequest::parse()` before anything is sent.

use crate::api;
use crate::components::admin_gate::AdminGate;
use crate::components::confirm_button::ConfirmButton;
use crate::components::empty_state::EmptyState;
use crate::components::error_state::ErrorState;
use crate::components::loading_state::LoadingState;
use crate::components::text_field::TextField;
use crate::forms::field_errors::message_for;
use crate::forms::role_choice;
use crate::i18n::{active_question, Msg};
use crate::state::lang_context::use_lang;
use crate::state::session_context::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use pingxuan_domain::api::{CreateStaffRequest, StaffAccount, UpdateStaffRequest};
use pingxuan_domain::lang::Label;
use pingxuan_domain::{ErrorCode, FieldError, Role};
use std::collections::BTreeSet;

/// The staff accounts page (admins only).
#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="page">
            <h1 class="page-title">{move || lang.t(Msg::NavStaff)}</h1>
            <AdminGate>
                <StaffAccounts />
            </AdminGate>
        </div>
    }
}

#[component]
fn StaffAccounts() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        async move {
            let result = api::staff::list().await;
            if let Err(e) = &result {
                session.note_error(e);
            }
            result
        }
    });
    view! {
        <section class="card">
            <h2 class="card-title">{move || lang.t(Msg::StaffListTitle)}</h2>
            <Transition fallback=|| view! { <LoadingState /> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) if l.accounts.is_empty() => {
                            view! { <EmptyState title=Msg::NoStaff /> }.into_any()
                        }
                        Ok(l) => view! {
                            <ul class="staff-list">
                                {l
                                    .accounts
                                    .into_iter()
                                    .map(|account| view! { <StaffRow account /> })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! {
                            <ErrorState error on_retry=Callback::new(move |_| list.refetch()) />
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </section>
        <CreateStaffForm on_created=Callback::new(move |_| reload.update(|n| *n += 1)) />
    }
}

/// What the last change to a row was, to say the right thing when it succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Active,
    Password,
}

/// One account: name, user name, role, status, and its two actions.
#[component]
fn StaffRow(account: StaffAccount) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let id = account.id;
    let account = RwSignal::new(account);
    let is_me = move || session.account().map(|a| a.id) == Some(id);
    let last_change = RwSignal::new(None::<Change>);

    let update = Action::new_local(move |request: &UpdateStaffRequest| {
        let request = request.clone();
        let csrf = session.csrf();
        async move {
            let result = api::staff::update(id, &request, &csrf).await;
            match &result {
                Ok(updated) => account.set(updated.clone()),
                Err(e) => session.note_error(e),
            }
            result
        }
    });
    let pending = update.pending();

    let resetting = RwSignal::new(false);
    let new_password = RwSignal::new(String::new());
    let reset_attempted = RwSignal::new(false);
    let password_request = move || UpdateStaffRequest {
        password: Some(new_password.get()),
        ..Default::default()
    };
    let password_error = Signal::derive(move || {
        let local = (reset_attempted.get() || !new_password.with(String::is_empty))
            .then(|| password_request().parse().err())
            .flatten()
            .and_then(|errors| message_for(&errors, "password"));
        let server = move || {
            update.value().with(|v| match (last_change.get(), v) {
                (Some(Change::Password), Some(Err(e))) => message_for(e.field_errors(), "password"),
                _ => None,
            })
        };
        local.or_else(server)
    });
    let submit_password = move |ev: SubmitEvent| {
        ev.prevent_default();
        reset_attempted.set(true);
        let request = password_request();
        if request.parse().is_ok() && !pending.get_untracked() {
            last_change.set(Some(Change::Password));
            update.dispatch(request);
        }
    };
    // Close the reset form once the new password is saved.
    Effect::new(move |_| {
        if update.value().with(|v| matches!(v, Some(Ok(_))))
            && last_change.get() == Some(Change::Password)
        {
            resetting.set(false);
            new_password.set(String::new());
            reset_attempted.set(false);
        }
    });

    let outcome = move || {
        let l = lang.get();
        update.value().with(|v| match v {
            Some(Ok(_)) if last_change.get() == Some(Change::Password) => {
                Some((true, Msg::PasswordReset.text(l).to_owned()))
            }
            Some(Ok(_)) => Some((true, Msg::Saved.text(l).to_owned())),
            Some(Err(e)) if e.field_errors().is_empty() => Some((false, e.message(l))),
            _ => None,
        })
    };
    let active = move || account.with(|a| a.active);
    let name = move || account.with(|a| a.display_name.clone());
    let field_id = format!("staff-{id}-password");

    view! {
        <li class="staff-item" class:inactive=move || !active()>
            <div class="staff-head">
                <p class="staff-name">
                    {name}
                    {move || is_me().then(|| lang.t(Msg::ThisIsYou))}
                </p>
                <span class=move || if active() { "badge ok" } else { "badge off" }>
                    {move || lang.t(if active() { Msg::Active } else { Msg::Disabled })}
                </span>
            </div>
            <p class="staff-meta">
                <span class="mono">{move || account.with(|a| a.username.clone())}</span>
                " · "
                {move || account.with(|a| a.role.label(lang.get()))}
            </p>
            <div class="button-row">
                <Show when=move || !is_me()>
                    <ConfirmButton
                        label=move || lang.t(if active() { Msg::Disable } else { Msg::Enable })
                        question=move || active_question(lang.get(), &name(), active())
                        pending_label=move || lang.t(Msg::Saving)
                        pending=pending
                        on_confirm=Callback::new(move |_| {
                            last_change.set(Some(Change::Active));
                            update
                                .dispatch(UpdateStaffRequest {
                                    active: Some(!account.with_untracked(|a| a.active)),
                                    ..Default::default()
                                });
                        })
                    />
                </Show>
                <button
                    type="button"
                    class="button"
                    aria-expanded=move || if resetting.get() { "true" } else { "false" }
                    on:click=move |_| resetting.update(|r| *r = !*r)
                >
                    {move || lang.t(Msg::ResetPassword)}
                </button>
            </div>
            <Show when=move || resetting.get()>
                <form class="form inline-form" novalidate=true on:submit=submit_password>
                    <TextField
                        id=field_id.clone()
                        label=move || lang.t(Msg::NewPassword)
                        label_prefix=name
                        hint=move || lang.t(Msg::PasswordHint)
                        autocomplete="new-password"
                        password=true
                        value=new_password
                        on_input=Callback::new(move |v| new_password.set(v))
                        error=password_error
                    />
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || lang.t(if pending.get() { Msg::Saving } else { Msg::SavePassword })}
                    </button>
                </form>
            </Show>
            {move || {
                outcome()
                    .map(|(ok, text)| {
                        view! {
                            <p
                                class=if ok { "notice ok" } else { "form-error" }
                                role=if ok { "status" } else { "alert" }
                            >
                                {text}
                            </p>
                        }
                    })
            }}
        </li>
    }
}

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
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(BTreeSet::<&'static str>::new());
    let attempted = RwSignal::new(false);
    let edited_since_submit = RwSignal::new(BTreeSet::<&'static str>::new());

    let request = move || CreateStaffRequest {
        username: username.get(),
        display_name: display_name.get(),
        role: role.get(),
        password: password.get(),
    };
    let local = Memo::new(move |_| request().parse().err().unwrap_or_default());

    let create = Action::new_local(move |request: &CreateStaffRequest| {
        let request = request.clone();
        let csrf = session.csrf();
        async move {
            let result = api::staff::create(&request, &csrf).await;
            match &result {
                Ok(_) => {
                    username.set(String::new());
                    display_name.set(String::new());
                    password.set(String::new());
                    touched.set(BTreeSet::new());
                    attempted.set(false);
                    on_created.run(());
                }
                Err(e) => session.note_error(e),
            }
            result
        }
    });
    let pending = create.pending();
    let failure = Memo::new(move |_| {
        create
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    });
    let server_errors = move || -> Vec<FieldError> {
        failure.with(|f| match f {
            // A taken user name is a problem with that field, so say it there.
            Some(e) if e.code() == Some(ErrorCode::Conflict) => vec![FieldError::new(
                "username",
                "taken",
                Msg::UsernameTaken.text(lang.get()),
            )],
            Some(e) => e.field_errors().to_vec(),
            None => Vec::new(),
        })
    };
    let error_for = move |name: &'static str| {
        Signal::derive(move || {
            let shown = attempted.get() || touched.with(|t| t.contains(name));
            shown
                .then(|| local.with(|l| message_for(l, name)))
                .flatten()
                .or_else(|| {
                    (!edited_since_submit.with(|e| e.contains(name)))
                        .then(|| message_for(&server_errors(), name))
                        .flatten()
                })
        })
    };
    let edit = move |name: &'static str, target: RwSignal<String>| {
        Callback::new(move |v: String| {
            target.set(v);
            touched.update(|t| {
                t.insert(name);
            });
            edited_since_submit.update(|t| {
                t.insert(name);
            });
        })
    };
    let banner = move || {
        failure.with(|f| match f {
            Some(e) if e.code() == Some(ErrorCode::Conflict) => None,
            Some(e) => Some(e.message(lang.get())),
            None => None,
        })
    };
    let created = move || create.value().with(|v| matches!(v, Some(Ok(_))));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let req = request();
        if req.parse().is_ok() && !pending.get_untracked() {
            edited_since_submit.set(BTreeSet::new());
            create.dispatch(req);
        }
    };
    let role_options = move || {
        let l = lang.get();
        role_choice::choices()
            .into_iter()
            .map(|r| {
                view! {
                    <option value=role_choice::key(r) selected=move || role.get() == r>
                        {role_choice::option_label(r, l)}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <section class="card">
            <h2 class="card-title">{move || lang.t(Msg::CreateStaffTitle)}</h2>
            <form class="form" novalidate=true on:submit=submit>
                <TextField
                    id="new-staff-username"
                    label=move || lang.t(Msg::Username)
                    hint=move || lang.t(Msg::UsernameHint)
                    autocomplete="off"
                    value=username
                    on_input=edit("username", username)
                    error=error_for("username")
                />
                <TextField
                    id="new-staff-display-name"
                    label=move || lang.t(Msg::DisplayName)
                    autocomplete="off"
                    value=display_name
                    on_input=edit("display_name", display_name)
                    error=error_for("display_name")
                />
                <div class="field">
                    <label for="new-staff-role">{move || lang.t(Msg::Role)}</label>
                    <select
                        id="new-staff-role"
                        on:change=move |ev| {
                            if let Some(r) = role_choice::from_key(&event_target_value(&ev)) {
                                role.set(r);
                            }
                        }
                    >
                        {role_options}
                    </select>
                </div>
                <TextField
                    id="new-staff-password"
                    label=move || lang.t(Msg::InitialPassword)
                    hint=move || lang.t(Msg::PasswordHint)
                    autocomplete="new-password"
                    password=true
                    value=password
                    on_input=edit("password", password)
                    error=error_for("password")
                />
                {move || banner().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                {move || {
                    created()
                        .then(|| {
                            view! {
                                <p class="notice ok" role="status">
                                    {move || lang.t(Msg::AccountCreated)}
                                </p>
                            }
                        })
                }}
                <button type="submit" class="button primary block" disabled=move || pending.get()>
                    {move || lang.t(if pending.get() { Msg::Creating } else { Msg::CreateAccount })}
                </button>
            </form>
        </section>
    }
}
