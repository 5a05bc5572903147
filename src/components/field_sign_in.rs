//! The field app's sign-in: the staff session (the same `POST /api/v1/session` as the
//! staff app), once, with signal; then the bundle is downloaded for offline work.

use crate::api;
use crate::components::notice::Notice;
use crate::i18n::field::FieldMsg;
use crate::i18n::Msg;
use crate::state::field_context::use_field;
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use pingxuan_domain::api::LoginRequest;

/// User name, password and 登录.
#[component]
pub fn FieldSignIn() -> impl IntoView {
    let lang = use_lang();
    let field = use_field();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let login = Mutation::new();
    // The one missing field, if any, said under the form (the server's problems too).
    let missing = move || {
        if !attempted.get() {
            None
        } else if username.with(|v| v.trim().is_empty()) {
            Some(Msg::UsernameRequired)
        } else if password.with(|v| v.trim().is_empty()) {
            Some(Msg::PasswordRequired)
        } else {
            None
        }
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
        login.run(async move {
            let session = api::session::login(&request).await?;
            field.spawn(async move {
                field.signed_in(session).await;
                field.sync_now();
            });
            Ok(Msg::SignIn)
        });
    };
    view! {
        <h1 class="page-title">{tr(FieldMsg::SignInTitle)}</h1>
        <section class="card">
            <p class="card-lead">{tr(FieldMsg::SignInLead)}</p>
            <p class="card-lead">{tr(FieldMsg::FirstTimeOnline)}</p>
            <form class="form" novalidate=true on:submit=submit>
                <div class="field">
                    <label for="login-username">{tr(Msg::Username)}</label>
                    <input
                        id="login-username"
                        autocomplete="username"
                        autocapitalize="none"
                        on:input=move |ev| username.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="login-password">{tr(Msg::Password)}</label>
                    <input
                        id="login-password"
                        type="password"
                        autocomplete="current-password"
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </div>
                {move || missing().map(|m| view! { <p class="form-error" role="alert">{move || lang.t(m)}</p> })}
                <Notice mutation=login errors_only=true />
                <button type="submit" class="button primary block big" disabled=move || login.pending()>
                    {tr_when(login.pending_signal(), Msg::SigningIn, Msg::SignIn)}
                </button>
            </form>
        </section>
    }
}
