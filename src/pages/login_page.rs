//! `/staff/`: staff sign in here; once signed in, the same address is their workbench,
//! with who they are, where to go, and the sign-out button.

use crate::api;
use crate::components::loading_state::LoadingState;
use crate::components::notice::Notice;
use crate::components::text_field::TextField;
use crate::forms::field_errors::message_for;
use crate::i18n::Msg;
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use crate::state::session_context::{use_session, SessionState};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use pingxuan_domain::api::LoginRequest;
use pingxuan_domain::lang::Label;

/// The sign-in form, or the workbench of whoever is signed in.
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    // Re-renders only when someone signs in or out.
    let which = move || {
        session.state_with(|s| match s {
            SessionState::Loading => 0,
            SessionState::SignedIn(_) => 1,
            // If the session could not be checked, signing in is still the way forward.
            SessionState::SignedOut | SessionState::Failed(_) => 2,
        })
    };
    view! {
        <div class="page">
            {move || match which() {
                0 => view! { <LoadingState /> }.into_any(),
                1 => view! { <Workbench /> }.into_any(),
                _ => view! { <LoginForm /> }.into_any(),
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
    let login = Mutation::new();

    // Empty fields are caught here; anything else the server says about a field
    // (e.g. a name that is far too long) shows under it too.
    let required = move |value: RwSignal<String>, msg: Msg, name: &'static str| {
        Signal::derive(move || {
            (attempted.get() && value.with(|v| v.trim().is_empty()))
                .then(|| lang.t(msg).to_owned())
                .or_else(|| {
                    login
                        .error()
                        .and_then(|e| message_for(e.field_errors(), name))
                })
        })
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let (u, p) = (username.get_untracked(), password.get_untracked());
        if u.trim().is_empty() || p.trim().is_empty() {
            return;
        }
        let request = LoginRequest {
            username: u.trim().to_owned(),
            password: p,
        };
        let navigate = navigate.clone();
        login.run(async move {
            let s = api::session::login(&request).await?;
            let to = if s.account.role.is_admin() {
                "/staff/round"
            } else {
                "/staff/"
            };
            navigate(to, Default::default());
            session.signed_in(s);
            Ok(Msg::SignIn)
        });
    };

    view! {
        <h1 class="page-title">{tr(Msg::LoginTitle)}</h1>
        <section class="card">
            <p class="card-lead">{tr(Msg::LoginHint)}</p>
            <form class="form" novalidate=true on:submit=submit>
                <TextField
                    id="login-username"
                    label=tr(Msg::Username)
                    autocomplete="username"
                    value=username
                    on_input=Callback::new(move |v| username.set(v))
                    error=required(username, Msg::UsernameRequired, "username")
                />
                <TextField
                    id="login-password"
                    label=tr(Msg::Password)
                    autocomplete="current-password"
                    password=true
                    value=password
                    on_input=Callback::new(move |v| password.set(v))
                    error=required(password, Msg::PasswordRequired, "password")
                />
                <Notice mutation=login errors_only=true />
                <button type="submit" class="button primary block" disabled=move || login.pending()>
                    {tr_when(login.pending_signal(), Msg::SigningIn, Msg::SignIn)}
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
    let logout = Mutation::new();
    let sign_out = move |_| {
        let csrf = session.csrf();
        let navigate = navigate.clone();
        logout.run(async move {
            match api::session::logout(&csrf).await {
                Ok(()) => {
                    session.signed_out();
                    navigate("/staff/", Default::default());
                    Ok(Msg::SignOut)
                }
                Err(e) => {
                    session.note_error(&e);
                    Err(e)
                }
            }
        });
    };
    view! {
        <h1 class="page-title">{tr(Msg::WorkbenchTitle)}</h1>
        <section class="card">
            {move || {
                session
                    .account()
                    .map(|a| {
                        let role = a.role;
                        view! {
                            <p class="eyebrow">{tr(Msg::SignedInAs)}</p>
                            <p class="account-name">{a.display_name}</p>
                            <dl class="facts">
                                <dt>{tr(Msg::Username)}</dt>
                                <dd>{a.username}</dd>
                                <dt>{tr(Msg::Role)}</dt>
                                <dd>{move || role.label(lang.get())}</dd>
                            </dl>
                        }
                            .into_any()
                    })
            }}
        </section>
        <nav class="card link-list" aria-label=tr(Msg::WorkbenchTitle)>
            <Show when=move || session.is_admin()>
                <A href="/staff/round" attr:class="link-row">
                    {tr(Msg::NavRound)}
                </A>
                <A href="/staff/accounts" attr:class="link-row">
                    {tr(Msg::NavStaff)}
                </A>
            </Show>
            <Show when=move || session.is_admin() || session.department().is_some()>
                <A href="/staff/screening" attr:class="link-row">
                    {tr(Msg::NavScreening)}
                </A>
                <A href="/staff/places" attr:class="link-row">
                    {tr(Msg::NavPlaces)}
                </A>
                // The score sheets are a wasm of their own: a full page load.
                <a href="/office/sheets" rel="external" class="link-row">
                    {tr(Msg::NavScoreSheets)}
                </a>
            </Show>
            <Show when=move || session.is_admin()>
                <A href="/staff/poster" attr:class="link-row">
                    {tr(Msg::NavPoster)}
                </A>
                <a href="/office/fraud" rel="external" class="link-row">{tr(Msg::NavFraud)}</a>
            </Show>
            <a href="/rectify/" rel="external" class="link-row">{tr(Msg::NavRectify)}</a>
        </nav>
        <Show when=move || !session.is_admin() && session.department().is_none()>
            <p class="card muted">{tr(Msg::ComingSoon)}</p>
        </Show>
        <Notice mutation=logout errors_only=true />
        <button type="button" class="button block" disabled=move || logout.pending() on:click=sign_out>
            {tr_when(logout.pending_signal(), Msg::SigningOut, Msg::SignOut)}
        </button>
    }
}
