// Ballots for the tests that need many (the round put in voting by voting-data.mjs):
// the admin's API session, and residents who verify by SMS (the code read from the
// development provider's lines in the server's log) and vote through the public API —
// from a device of the test's choosing, which is how the fraud panel's bursts and shared
// devices are made.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ADMIN_PASSWORD, ADMIN_USER, BASE } from './helpers.mjs';

const LOG = process.env.E2E_SERVER_LOG;

/** JSON over HTTP with an optional cookie; answers `{ status, json, cookies }`. */
async function call(method, url, { data, headers = {}, cookie } = {}) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: {
      ...(data === undefined ? {} : { 'content-type': 'application/json' }),
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: data === undefined ? undefined : JSON.stringify(data),
  });
  const text = await res.text();
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { status: res.status, json: text ? JSON.parse(text) : null, cookies };
}

/** The admin, signed in through the API: `get`/`send` carry the cookie and CSRF token. */
export async function adminApi() {
  const signed = await call('POST', '/api/v1/session', {
    data: { username: ADMIN_USER, password: ADMIN_PASSWORD },
  });
  assert.equal(signed.status, 200, JSON.stringify(signed.json));
  const cookie = signed.cookies.join('; ');
  const headers = { 'x-csrf-token': signed.json.csrf_token };
  return {
    get: (url) => call('GET', url, { cookie }),
    send: (method, url, data) => call(method, url, { data, headers, cookie }),
  };
}

/** Anonymous JSON, for what the public may (not) see. */
export const publicGet = (url) => call('GET', url);

/** The first 12 hex digits of the device id's SHA-256: how the fraud panel names it. */
export function deviceName(deviceId) {
  return createHash('sha256').update(deviceId).digest('hex').slice(0, 12);
}

/** How the development SMS provider writes a number in the log: `+86139****0001`. */
const masked = (phone) => `+86${phone.slice(0, 3)}****${phone.slice(7)}`;

/** The codes the development provider "sent" to `phone`, oldest first. */
async function codesFor(phone) {
  assert.ok(LOG, 'E2E_SERVER_LOG names the server log (cargo xtask e2e sets it)');
  const text = await readFile(LOG, 'utf8');
  const at = masked(phone).replace(/[+*]/g, '\\$&');
  const line = new RegExp(`DEVELOPMENT SMS PROVIDER[^\\n]*? code (\\d{6}) for ${at}`, 'g');
  return [...text.matchAll(line)].map((m) => m[1]);
}

/** A resident verified by SMS: the voter cookie, to cast ballots with. */
export async function verifiedVoter(phone) {
  const before = (await codesFor(phone)).length;
  const sent = await call('POST', '/api/v1/voting/sms-code', { data: { phone } });
  assert.equal(sent.status, 202, `SMS code for ${phone}: ${JSON.stringify(sent.json)}`);
  let codes = [];
  for (let i = 0; i < 100 && codes.length <= before; i++) {
    await new Promise((r) => setTimeout(r, 50));
    codes = await codesFor(phone);
  }
  assert.ok(codes.length > before, `a code for ${phone} in the server log`);
  const verified = await call('POST', '/api/v1/voting/verify', { data: { phone, code: codes.at(-1) } });
  assert.equal(verified.status, 200, JSON.stringify(verified.json));
  return { phone, cookie: verified.cookies.join('; ') };
}

/** The voter's ballot in `category` for `candidateIds`, sent from the device `deviceId`. */
export async function cast(roundId, category, voter, candidateIds, deviceId) {
  const res = await call('POST', `/api/v1/rounds/${roundId}/ballots/${category}`, {
    data: { candidate_ids: candidateIds },
    headers: { 'x-device-id': deviceId },
    cookie: voter.cookie,
  });
  assert.equal(res.status, 201, `${voter.phone}'s ballot: ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Resolves once the server's clock is at most `second` seconds into its minute, so a
 * burst sent now stays within one minute. (The server shares this machine's clock.) */
export async function startOfMinute(second = 40) {
  const into = new Date().getSeconds();
  if (into > second) await new Promise((r) => setTimeout(r, (61 - into) * 1000));
}
