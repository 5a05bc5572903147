//! The bottom navigations. Residents' apps: 首页, 我要推荐, 推荐公示, and 工作人员 — links
//! between apps (home/list at `/`, the form at `/nominate/`, staff at `/staff/`) are plain
//! full page loads, so each app downloads only its own pages. Staff app: 首页 (a plain link
//! back to the public site), 登录/工作台, and the office's pages for admins. Office app
//! (`/office/`): 首页 and 工作台 (other apps), 监督台 and 防刷票.
//! Thumb-reachable, each item at least 44 px tall.

use crate::i18n::fraud::FraudMsg;
use crate::i18n::results::ResultsMsg;
use crate::i18n::Msg;
use crate::state::lang_context::{tr, use_lang};
use crate::state::session_context::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

const HOME: &str = "M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z";
const PERSON: &str = "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0";
const CALENDAR: &str = "M4 5h16v16H4zM4 10h16M8 3v4M16 3v4M8 14h3M8 17h6";
const CAMERA: &str = "M4 8h3l2-3h6l2 3h3v11H4zM12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z";
const LIST: &str = "M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01";
const PEOPLE: &str = "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20a7 7 0 0 1 14 0M16 4.5a3.5 3.5 0 0 1 0 6.5M18.5 14A6 6 0 0 1 22 20";

fn icon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d=path></path>
        </svg>
    }
}

/// 首页: the public site, another app — a full page load (from the staff and office apps).
fn public_home() -> impl IntoView {
    view! {
        <a href="/" rel="external">
            {icon(HOME)}
            <span>{tr(Msg::NavHome)}</span>
        </a>
    }
}

/// 工作台 for whoever is signed in, else 登录 (reactive).
fn workbench_label() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    let session = use_session();
    move || {
        lang.t(if session.account().is_some() {
            Msg::NavWorkbench
        } else {
            Msg::NavLogin
        })
    }
}

/// Which residents' app a navigation sits in: its own pages are router links, the other
/// app's are full page loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentApp {
    /// Home and the nominations list (`/`).
    Main,
    /// The nomination form (`/nominate/`).
    Nominate,
}

/// The residents' main navigation, fixed to the bottom of the screen.
#[component]
pub fn BottomNav(app: ResidentApp) -> impl IntoView {
    let main = app == ResidentApp::Main;
    // Links into the other residents' app: the browser loads it, the router must not.
    let in_main = (!main).then_some("external");
    let in_nominate = main.then_some("external");
    view! {
        <nav class="bottom-nav" aria-label=tr(Msg::NavMain)>
            {if main {
                view! {
                    <A href="/" exact=true>
                        {icon(HOME)}
                        <span>{tr(Msg::NavHome)}</span>
                    </A>
                }
                    .into_any()
            } else {
                view! {
                    <a href="/" rel=in_main>
                        {icon(HOME)}
                        <span>{tr(Msg::NavHome)}</span>
                    </a>
                }
                    .into_any()
            }}
            <a href="/nominate/" rel=in_nominate aria-current=(!main).then_some("page")>
                {icon(CAMERA)}
                <span>{tr(Msg::Nominate)}</span>
            </a>
            {if main {
                view! {
                    <A href="/nominations">
                        {icon(LIST)}
                        <span>{tr(Msg::NominationsTitle)}</span>
                    </A>
                }
                    .into_any()
            } else {
                view! {
                    <a href="/nominations" rel=in_main>
                        {icon(LIST)}
                        <span>{tr(Msg::NominationsTitle)}</span>
                    </a>
                }
                    .into_any()
            }}
            {if main {
                view! {
                    <A href="/results">
                        {icon(CHART)}
                        <span>{tr(ResultsMsg::NavResults)}</span>
                    </A>
                }
                    .into_any()
            } else {
                view! {
                    <a href="/results" rel=in_main>
                        {icon(CHART)}
                        <span>{tr(ResultsMsg::NavResults)}</span>
                    </a>
                }
                    .into_any()
            }}
            // Another app: the browser loads it, the router must not.
            <a href="/staff/" rel="external">
                {icon(PERSON)}
                <span>{tr(Msg::NavStaffSite)}</span>
            </a>
        </nav>
    }
}

/// The staff app's navigation: back to the public site, the workbench (or sign-in), and
/// the office's pages for admins.
#[component]
pub fn StaffNav() -> impl IntoView {
    let session = use_session();
    view! {
        <nav class="bottom-nav" aria-label=tr(Msg::NavMain)>
            {public_home()}
            <A href="/staff/" exact=true>
                {icon(PERSON)}
                <span>{workbench_label()}</span>
            </A>
            <Show when=move || session.is_admin()>
                <A href="/staff/round">
                    {icon(CALENDAR)}
                    <span>{tr(Msg::NavRound)}</span>
                </A>
                <A href="/staff/accounts">
                    {icon(PEOPLE)}
                    <span>{tr(Msg::NavStaff)}</span>
                </A>
            </Show>
        </nav>
    }
}

const SHIELD: &str = "M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6zM9 12l2 2 4-4";
const CLIPBOARD: &str = "M9 4h6v3H9zM7 5H5v16h14V5h-2M8 12l2.5 2.5L16 9";
const CHART: &str = "M4 20h16M7 16v-5M12 16V6M17 16v-8";
/// A score sheet: a clipboard with lines.
const SHEET: &str = "M8 4h8v3H8zM6 5.5H5v15h14v-15h-1M8 11h8M8 14.5h8M8 18h5";

/// Which of the office's wasms a navigation sits in (`/office/` is three apps): links to
/// its own pages are router links, the others' full page loads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OfficeWasm {
    /// The office app (`/office/`: index, fraud, teams, consistency).
    #[default]
    Office,
    /// The results workbench (`/office/results`).
    Results,
    /// The score sheets (`/office/sheets`).
    Sheets,
}

/// The office app's navigation (`/office/`): the public site and the staff workbench (or
/// sign-in) — other apps, so full page loads — then the office's index and its panel.
/// The results workbench (`/office/results`) and the score sheets (`/office/sheets`) are
/// wasms of their own: full page loads from the office app, and from either of them
/// every other office link is one.
#[component]
pub fn OfficeNav(
    /// The wasm this navigation is in.
    #[prop(optional)]
    app: OfficeWasm,
) -> impl IntoView {
    let session = use_session();
    // A link to an office page in wasm `of`: a router link inside that wasm, else a full
    // page load.
    let office = move |of: OfficeWasm,
                       href: &'static str,
                       path: &'static str,
                       label: &'static str,
                       exact: bool| {
        if of == app {
            view! {
                <A href=href exact=exact>
                    {icon(path)}
                    <span>{label}</span>
                </A>
            }
            .into_any()
        } else {
            view! {
                <a href=href rel="external">
                    {icon(path)}
                    <span>{label}</span>
                </a>
            }
            .into_any()
        }
    };
    let lang = use_lang();
    view! {
        <nav class="bottom-nav" aria-label=tr(Msg::NavMain)>
            {public_home()}
            <a href="/staff/" rel="external">
                {icon(PERSON)}
                <span>{workbench_label()}</span>
            </a>
            // The oversight pages are the admins'; a lead department sees its sheets only.
            <Show when=move || session.is_admin()>
                {move || office(OfficeWasm::Office, "/office/", CHART, lang.t(FraudMsg::NavOffice), true)}
                {move || office(OfficeWasm::Office, "/office/fraud", SHIELD, lang.t(FraudMsg::NavFraud), false)}
                {move || office(OfficeWasm::Office, "/office/teams", CLIPBOARD, lang.t(crate::i18n::teams::TeamsMsg::NavField), false)}
                <a
                    href="/office/results"
                    rel="external"
                    aria-current=(app == OfficeWasm::Results).then_some("page")
                >
                    {icon(TROPHY)}
                    <span>{tr(crate::i18n::office_results::OfficeResultsMsg::NavResults)}</span>
                </a>
            </Show>
            <Show when=move || session.is_admin() || session.department().is_some()>
                {move || office(OfficeWasm::Sheets, "/office/sheets", SHEET, lang.t(crate::i18n::sheets::SheetMsg::NavSheets), false)}
            </Show>
        </nav>
    }
}

/// The results: a podium.
const TROPHY: &str = "M4 20h16M6 20v-6h4v6M10 20V9h4v11M14 20v-4h4v4";
