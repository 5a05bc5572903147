//! Server integration tests: each test starts the real server on a free loopback port
//! with its own fresh SQLite database (or a fresh PostgreSQL database on the server
//! `PINGXUAN_TEST_POSTGRES_URL` names) and talks HTTP to it.

mod helpers;
mod images;

mod accountability;
mod backends;
mod bad_input;
mod field;
mod field_fault;
mod health;
mod nominations;
mod openapi;
mod places;
mod posters;
mod proxies;
mod rate_limits;
mod rectification;
mod rectification_migration;
mod results;
mod results_share;
mod roles;
mod rounds;
mod screening;
mod session;
mod staff;
mod storage;
mod two_servers;
mod voting;
mod web;
mod wechat;
