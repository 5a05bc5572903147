// Field scoring set-up shared by the end-to-end files (09, 11): the admin through the
// API, and the round moved into field scoring with its window holding now.
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ADMIN_USER, BASE } from './helpers.mjs';
import { ensureVoting } from './voting-data.mjs';

const DAY = 24 * 3600 * 1000;
/** The phases in order with their default lengths in days. */
const PHASES = [['nomination', 15], ['screening', 4], ['voting', 8], ['field_scoring', 3], ['review', 3]];

/** A staff member through the API (the admin by default): `get(url)`, `send(method, url, data)` → { status, json }. */
export async function staffApi(browser, username = ADMIN_USER, password = ADMIN_PASSWORD) {
  const context = await browser.newContext();
  const call = async (method, url, data, headers = {}) => {
    const res = await context.request.fetch(`${BASE}${url}`, { method, data, headers });
    const text = await res.text();
    return { status: res.status(), json: text ? JSON.parse(text) : null };
  };
  const signed = await call('POST', '/api/v1/session', { username, password });
  assert.equal(signed.status, 200, JSON.stringify(signed.json));
  const csrf = { 'x-csrf-token': signed.json.csrf_token };
  return {
    get: (url) => call('GET', url),
    send: (method, url, data) => call(method, url, data, csrf),
    close: () => context.close(),
  };
}

/** Back-to-back windows of the default lengths from `start`. */
function scheduleFrom(start) {
  const schedule = {};
  let at = start;
  for (const [phase, days] of PHASES) {
    const iso = (t) => new Date(t).toISOString().replace(/\.\d+Z$/, 'Z');
    schedule[phase] = { starts_at: iso(at), ends_at: iso(at + days * DAY) };
    at += days * DAY;
  }
  return schedule;
}

/** The current round in field scoring, its window open (from voting, via voting-data.mjs). */
export async function ensureFieldScoringRound(browser, admin) {
  let { round } = (await admin.get('/api/v1/rounds/current')).json;
  if (round.phase !== 'field_scoring') {
    // In voting with a market shortlist first (voting-data.mjs), then voting closed an
    // hour ago and field scoring open: nominations started 27 days and an hour ago.
    if (round.phase !== 'voting') round = await ensureVoting(browser);
    const put = await admin.send('PUT', `/api/v1/rounds/${round.id}`, {
      name: round.name,
      schedule: scheduleFrom(Date.now() - 27 * DAY - 3600 * 1000),
      config: round.config,
    });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    const moved = await admin.send('POST', `/api/v1/rounds/${round.id}/advance`, { from: 'voting' });
    assert.equal(moved.status, 200, JSON.stringify(moved.json));
    round = moved.json;
  }
  assert.equal(round.phase, 'field_scoring');
  return round;
}

/** The teams view turned back into the input that keeps everything as it is. */
export function teamsInput(teams, change = (s) => s.candidate_ids) {
  return {
    work_groups: teams.work_groups.map((g) => ({
      id: g.id,
      name: g.name,
      leader_name: g.leader_name,
      sub_groups: g.sub_groups.map((s) => ({
        id: s.id,
        name: s.name,
        members: s.members.map((m) => ({ account_id: m.account_id, kind: m.kind, leader: m.leader })),
        candidate_ids: change(s),
      })),
    })),
  };
}

/** A finalised sheet for `candidate`: graded items at `share` of their maximum, `findings` per deducted item. */
export function sheetFor(version, candidate, share, findings) {
  const scores = version.content.sections.flatMap((s) => s.items).map((it) => ({
    item_id: it.id,
    mark: it.rule.kind === 'graded'
      ? { kind: 'graded', points: Math.round(it.rule.max * share) }
      : { kind: 'deducted', findings },
  }));
  return {
    candidate_id: candidate,
    sheet_version_id: version.id,
    scores,
    note: '现场核查记录。',
    filled_at: new Date(Date.now() - 3600 * 1000).toISOString(),
  };
}
