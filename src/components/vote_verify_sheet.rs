//! The verification sheet: inside WeChat, when the deployment has an Official Account,
//! 微信授权 first (one tap: WeChat's authorization and back, verified); then a mainland
//! mobile number, 获取验证码 (then a resend countdown), the six-digit code from the text
//! message, 验证. The phone's keyboard is numeric and the browser may fill in the number
//! and the code by itself.

use crate::api::{self, ClientError};
use crate::browser::device_id::device_id;
use crate::components::ballot_memory::remember_verified;
use crate::components::bottom_sheet::{focus, BottomSheet};
use crate::components::notice::Notice;
use crate::forms::field_errors::message_for;
use crate::i18n::vote::{code_sent, resend_in, VoteMsg};
use crate::i18n::{Msg, Text};
use crate::state::lang_context::{tr, tr_when, use_lang};
use crate::state::mutation::Mutation;
use leptos::prelude::*;
use pingxuan_domain::voting::{parse_sms_code, PhoneNumber, SmsCodeSent};
use std::time::Duration;

/// The ids of the two inputs (their labels point at them).
pub const PHONE_INPUT: &str = "vote-phone";
pub const CODE_INPUT: &str = "vote-code";
/// The id of the 微信授权 link (focused first when it is offered).
pub const WECHAT_LINK: &str = "vote-wechat";

/// The seconds a refusal asks to wait, from its `retry_after`: a code asked for too
/// soon, or a number locked after wrong codes.
pub fn seconds_to_wait(error: &ClientError) -> Option<i64> {
    match error {
        ClientError::Server { body, .. } => body.retry_after.map(i64::from),
        _ => None,
    }
}

/// A field for digits (the number, the code): its label, an input that brings up the
/// numeric keyboard, an optional button beside it, and its problem, tied together.
#[component]
fn DigitsField(
    id: &'static str,
    label: VoteMsg,
    placeholder: VoteMsg,
    /// `tel` or `text`.
    input_type: &'static str,
    /// What the browser may fill in: `tel`, `one-time-code`.
    autocomplete: &'static str,
    max_len: u32,
    #[prop(into)] error: Signal<Option<String>>,
    on_input: Callback<String>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let error_id = format!("{id}-error");
    let described_by = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{move || label.text(lang.get())}</label>
            <div class="input-wrap">
                <input
                    id=id
                    class=class
                    type=input_type
                    inputmode="numeric"
                    autocomplete=autocomplete
                    maxlength=max_len
                    placeholder=move || placeholder.text(lang.get())
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=described_by
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                />
                {children.map(|c| c())}
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
        </div>
    }
}

/// The sheet. `on_verified` runs once the server accepted the code (this phone now
/// carries the voter cookie).
#[component]
pub fn VoteVerifySheet(
    on_verified: Callback<()>,
    on_close: Callback<()>,
    /// WeChat authorization's address, when it is offered (an Official Account, and the
    /// page is open in WeChat).
    #[prop(optional_no_strip)]
    wechat_url: Option<String>,
    /// Runs just before the page leaves for WeChat (to keep the ballot for the return).
    #[prop(optional)]
    on_wechat: Option<Callback<()>>,
    /// The page came back from WeChat without being verified.
    #[prop(optional)]
    wechat_failed: bool,
) -> impl IntoView {
    let lang = use_lang();
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let sent = RwSignal::new(None::<SmsCodeSent>);
    // Local problems, shown at once; the server's field problems come from the mutations.
    let phone_problem = RwSignal::new(false);
    let code_problem = RwSignal::new(false);
    // Seconds before another code may be asked for, counting down.
    let wait = RwSignal::new(0i64);
    let sending = Mutation::new();
    let verifying = Mutation::new();
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if wait.get_untracked() > 0 {
                wait.update(|w| *w -= 1);
                // "请42秒后再重新获取" is stale once the button can be tapped again.
                if wait.get_untracked() == 0 {
                    for m in [sending, verifying] {
                        if untrack(|| m.error()).is_some_and(|e| seconds_to_wait(&e).is_some()) {
                            m.clear();
                        }
                    }
                }
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let device = StoredValue::new(device_id());
    let offers_wechat = wechat_url.is_some();
    // The countdown follows the server's `retry_after` (a second more: it rounds down).
    let wait_for = move |e: &ClientError| {
        if let Some(s) = seconds_to_wait(e) {
            wait.set(s + 1);
        }
    };

    let ask = move |_| {
        let number = phone.get_untracked();
        if PhoneNumber::parse("phone", &number).is_err() {
            phone_problem.set(true);
            focus(PHONE_INPUT);
            return;
        }
        phone_problem.set(false);
        verifying.clear();
        sending.run(async move {
            match api::voting::send_code(&number, &device.get_value()).await {
                Ok(answer) => {
                    wait.set(i64::from(answer.resend_after));
                    sent.set(Some(answer));
                    focus(CODE_INPUT);
                    Ok(Msg::Saved)
                }
                Err(e) => {
                    // "验证码已发送，请42秒后再重新获取。": the button counts down too.
                    wait_for(&e);
                    Err(e)
                }
            }
        });
    };
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = phone.get_untracked();
        let bad_phone = PhoneNumber::parse("phone", &number).is_err();
        let typed = code.get_untracked();
        let bad_code = parse_sms_code("code", &typed).is_err();
        phone_problem.set(bad_phone);
        code_problem.set(bad_code);
        if bad_phone {
            focus(PHONE_INPUT);
            return;
        }
        if bad_code {
            focus(CODE_INPUT);
            return;
        }
        verifying.run(async move {
            let voter = api::voting::verify(&number, &typed, &device.get_value())
                .await
                .inspect_err(wait_for)?;
            remember_verified(voter.masked_phone.as_deref().unwrap_or_default());
            on_verified.run(());
            Ok(Msg::Saved)
        });
    };

    // A field's problem: the local check first, then the server's.
    let problem = move |name: &'static str, local: RwSignal<bool>, msg: VoteMsg| {
        move || {
            if local.get() {
                return Some(msg.text(lang.get()).to_owned());
            }
            [verifying, sending]
                .into_iter()
                .find_map(|m| m.error().and_then(|e| message_for(e.field_errors(), name)))
        }
    };
    let phone_error = problem("phone", phone_problem, VoteMsg::PhoneInvalid);
    let code_error = problem("code", code_problem, VoteMsg::CodeInvalid);
    let resend_label = move || {
        let l = lang.get();
        match wait.get() {
            0 => VoteMsg::GetCode.text(l).to_owned(),
            s => resend_in(l, s),
        }
    };
    let ask_label = move || {
        if sending.pending() {
            VoteMsg::SendingCode.text(lang.get()).to_owned()
        } else {
            resend_label()
        }
    };
    let sent_line = move || {
        sent.get().map(|s| {
            view! {
                <p class="notice ok" role="status">
                    {move || code_sent(lang.get(), &s.masked_phone, s.expires_in.div_ceil(60))}
                </p>
            }
        })
    };

    let wechat = wechat_url.map(|url| {
        view! {
            <a
                id=WECHAT_LINK
                class="button wechat big block"
                href=url
                rel="external"
                on:click=move |_| {
                    if let Some(leaving) = on_wechat {
                        leaving.run(());
                    }
                }
            >
                {tr(VoteMsg::Wechat)}
            </a>
            {wechat_failed
                .then(|| view! { <p class="form-error" role="alert">{tr(VoteMsg::WechatNotDone)}</p> })}
            <p class="sheet-or">
                <span>{tr(VoteMsg::OrPhone)}</span>
            </p>
        }
    });
    // The 微信授权 link when it is offered, else the phone number.
    let first = if offers_wechat {
        WECHAT_LINK
    } else {
        PHONE_INPUT
    };
    let (title, intro) = if offers_wechat {
        (VoteMsg::VerifyWhoTitle, VoteMsg::VerifyWhoIntro)
    } else {
        (VoteMsg::VerifyTitle, VoteMsg::VerifyIntro)
    };

    view! {
        <BottomSheet
            title_id="verify-title"
            title
            close=VoteMsg::Close
            on_close
            focus_id=first
        >
            <p class="sheet-lead">{move || intro.text(lang.get())}</p>
            {wechat}
            <form class="form" novalidate=true on:submit=check>
                <DigitsField
                    id=PHONE_INPUT
                    label=VoteMsg::Phone
                    placeholder=VoteMsg::PhonePlaceholder
                    input_type="tel"
                    autocomplete="tel"
                    max_len=20
                    error=Signal::derive(phone_error)
                    on_input=Callback::new(move |v| {
                        phone.set(v);
                        phone_problem.set(false);
                    })
                >
                    <button
                        type="button"
                        class="button get-code"
                        disabled=move || { sending.pending() || wait.get() > 0 }
                        on:click=ask
                    >
                        {ask_label}
                    </button>
                </DigitsField>
                {sent_line}
                <DigitsField
                    id=CODE_INPUT
                    label=VoteMsg::Code
                    placeholder=VoteMsg::CodePlaceholder
                    input_type="text"
                    autocomplete="one-time-code"
                    max_len=6
                    class="code-input"
                    error=Signal::derive(code_error)
                    on_input=Callback::new(move |v| {
                        code.set(v);
                        code_problem.set(false);
                    })
                />
                <Notice mutation=sending errors_only=true />
                <Notice mutation=verifying errors_only=true />
                <button type="submit" class="button primary block big" disabled=move || verifying.pending()>
                    {tr_when(verifying.pending_signal(), VoteMsg::Verifying, VoteMsg::VerifyButton)}
                </button>
            </form>
        </BottomSheet>
    }
}
