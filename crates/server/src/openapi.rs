//! The OpenAPI 3 document at `/api/openapi.json`, generated from the handlers'
//! annotations and the domain crate's types.

use crate::routes::accountability;
use crate::routes::field_conflicts;
use crate::routes::results_share;
use crate::routes::{ballot_snapshots, evidence, field, sheets, teams};
use crate::routes::{
    fraud, health, nominations, photos, places, posters, rounds, screening, session, staff, voting,
    wechat,
};
use crate::routes::{rectification, results, results_export};
use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Pingxuan (评选) API", description = "潮州“最差四个十”评选 — the JSON API shared by the app and its server."),
    paths(
        health::health,
        session::login, session::current, session::logout,
        rounds::current, rounds::one, rounds::list, rounds::create, rounds::update, rounds::advance,
        staff::list, staff::create, staff::update,
        places::search, places::create, places::update,
        photos::upload, nominations::create, nominations::list,
        posters::nomination_qr, posters::vote_qr,
        screening::view, screening::merge, screening::split, screening::reject, screening::shortlist, screening::set_shortlist,
        voting::send_code, voting::verify, voting::me, voting::voting_view, voting::cast, voting::my_ballot, voting::ballot_list,
        wechat::start, wechat::callback, wechat::jssdk,
        fraud::report, fraud::ballots, fraud::void,
        sheets::list, sheets::one, sheets::create, sheets::edit, sheets::approve, sheets::round_sheets, sheets::pin,
        teams::view, teams::replace,
        field::bundle, field::sync_sheet, field::consistency,
        evidence::announce, evidence::status, evidence::chunk,
        field_conflicts::list, field_conflicts::resolve,
        ballot_snapshots::list,
        results::preview, results::exclude, results::withdraw, results::publish, results::correct,
        results::archive, results::latest, results::version, results::open_data,
        results_export::csv,
        accountability::round, accountability::overview, accountability::place_history,
        results_export::xlsx,
        rectification::list, rectification::summary, rectification::detail, rectification::submit, rectification::verify,
        rectification::send_back, rectification::acknowledge,
        results_share::card,
    ),
    components(schemas(pingxuan_domain::ErrorBody, pingxuan_domain::ErrorCode, pingxuan_domain::FieldError)),
    tags(
        (name = "system"), (name = "session", description = "staff sign-in"),
        (name = "rounds", description = "rounds and their phases"), (name = "staff", description = "staff accounts"),
        (name = "places", description = "the place register"), (name = "nominations", description = "residents' nominations and photos"),
        (name = "screening", description = "department screening and the shortlist"),
        (name = "voting", description = "verified voters, ballots and receipts"),
        (name = "field", description = "score sheets, inspection teams, offline sync and evidence photos"),
        (name = "results", description = "the office's preview, exclusions, publication and corrections; the public results, their versions and open data"),
        (name = "rectification", description = "整改: the tasks published results give the towns, their submissions, verification and reminders"),
    )
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
