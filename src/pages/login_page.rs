//! `/login`: staff sign in here; once signed in, the same address is their workbench,
//! with who they are, where to go, and the sign-out button.

use crate::api;
use crate::components::loading_state::LoadingState;
use crate::components::text_field::TextField;
use crate::i18n::Msg;
use crate::state::lang_context::use_lang;
use crate::state::session_context::{use_session, SessionState};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use pingxuan_domain::api::LoginRequest;
use pingxuan_domain::lang::Label;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Loading,
    SignedIn,
    SignedOut,
}

/// The sign-in form, or the workbench of whoever is signed in.
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let which = Memo::new(move |_| match session.state() {
        SessionState::Loading => View::Loading,
        SessionState::SignedIn(_) => View::SignedIn,
        // If the session could not be checked, signing in is still the way forward.
        SessionState::SignedOut | SessionState::Failed(_) => View::SignedOut,
    });
    view! {
        <div class="page">
            {move || match which.get() {
                View::Loading => view! { <LoadingState /> }.into_any(),
                View::SignedIn => view! { <Workbench /> }.into_any(),
                View::SignedOut => view! { <LoginForm /> }.into_any(),
            }}
        </div>
    }
}

/// User name, password (with show/hide), and one clear button.
#[component]
fn LoginForm() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);

    let login = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            let result = api::session::login(&request).await;
            if let Ok(s) = &result {
                let to = if s.account.role.is_admin() {
                    "/admin/round"
                } else {
                    "/"
                };
                navigate(to, Default::default());
                session.signed_in(s.clone());
            }
            result
        }
    });
    let pending = login.pending();

    let required = move |value: RwSignal<String>, msg: Msg| {
        Signal::derive(move || {
            (attempted.get() && value.with(|v| v.trim().is_empty())).then(|| lang.t(msg).to_owned())
        })
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let (u, p) = (username.get_untracked(), password.get_untracked());
        if u.trim().is_empty() || p.trim().is_empty() || pending.get_untracked() {
            return;
        }
        login.dispatch(LoginRequest {
            username: u.trim().to_owned(),
            password: p,
        });
    };
    let failure = move || {
        login.value().with(|v| {
            v.as_ref()
                .and_then(|r| r.as_ref().err().map(|e| e.message(lang.get())))
        })
    };

    view! {
        <h1 class="page-title">{move || lang.t(Msg::LoginTitle)}</h1>
        <section class="card">
            <p class="card-lead">{move || lang.t(Msg::LoginHint)}</p>
            <form class="form" novalidate=true on:submit=submit>
                <TextField
                    id="login-username"
                    label=move || lang.t(Msg::Username)
                    autocomplete="username"
                    value=username
                    on_input=Callback::new(move |v| username.set(v))
                    error=required(username, Msg::UsernameRequired)
                />
                <TextField
                    id="login-password"
                    label=move || lang.t(Msg::Password)
                    autocomplete="current-password"
                    password=true
                    value=password
                    on_input=Callback::new(move |v| password.set(v))
                    error=required(password, Msg::PasswordRequired)
                />
                {move || failure().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                <button type="submit" class="button primary block" disabled=move || pending.get()>
                    {move || lang.t(if pending.get() { Msg::SigningIn } else { Msg::SignIn })}
                </button>
            </form>
        </section>
    }
}

/// Who is signed in, their pages, and signing out.
#[component]
fn Workbench() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let logout = Action::new_local(move |_: &()| {
        let csrf = session.csrf();
        let navigate = navigate.clone();
        async move {
            let result = api::session::logout(&csrf).await;
            match &result {
                Ok(()) => {
                    session.signed_out();
                    navigate("/", Default::default());
                }
                Err(e) => session.note_error(e),
            }
            result
        }
    });
    let pending = logout.pending();
    let failure = move || {
        logout.value().with(|v| {
            v.as_ref()
                .and_then(|r| r.as_ref().err().map(|e| e.message(lang.get())))
        })
    };
    let account = move || session.account();
    view! {
        <h1 class="page-title">{move || lang.t(Msg::WorkbenchTitle)}</h1>
        <section class="card">
            {move || {
                account()
                    .map(|a| {
                        let role = a.role;
                        view! {
                            <p class="eyebrow">{move || lang.t(Msg::SignedInAs)}</p>
                            <p class="account-name">{a.display_name.clone()}</p>
                            <dl class="facts">
                                <dt>{move || lang.t(Msg::Username)}</dt>
                                <dd>{a.username.clone()}</dd>
                                <dt>{move || lang.t(Msg::Role)}</dt>
                                <dd>{move || role.label(lang.get())}</dd>
                            </dl>
                        }
                    })
            }}
        </section>
        <Show
            when=move || session.is_admin()
            fallback=move || view! { <p class="card muted">{move || lang.t(Msg::ComingSoon)}</p> }
        >
            <nav class="card link-list" aria-label=move || lang.t(Msg::WorkbenchTitle)>
                <a class="link-row" href="/admin/round">
                    {move || lang.t(Msg::NavRound)}
                </a>
                <a class="link-row" href="/admin/staff">
                    {move || lang.t(Msg::NavStaff)}
                </a>
            </nav>
        </Show>
        {move || failure().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
        <button
            type="button"
            class="button block"
            disabled=move || pending.get()
            on:click=move |_| {
                logout.dispatch(());
            }
        >
            {move || lang.t(if pending.get() { Msg::SigningOut } else { Msg::SignOut })}
        </button>
    }
}
