// The voting phase for the end-to-end tests: a round whose voting window holds now, with a
// 20-candidate market shortlist from the register (the office's own photos as the first
// covers), set up through the admin API. Used by 07 (the main server) and 075 (a server
// with a WeChat Official Account of its own).
//
// Self-sufficient: the round gets a schedule whose voting window holds now, moves to
// screening if it is still taking nominations, gets the shortlist (unless screening,
// e.g. 05, left one), and moves to voting.
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ADMIN_USER, BASE } from './helpers.mjs';

/** Candidates in the market category. */
export const SIZE = 20;
const DAY = 24 * 3600 * 1000;
/** The phases' default lengths in days (nomination, screening, voting, field scoring, review). */
const DAYS = [15, 4, 8, 3, 3];

const PROBLEMS = [
  '门口垃圾堆积，污水横流，夏天气味很大。',
  '活禽区没有隔离，鸡毛粪便到处都是。',
  '排水沟堵塞，污水漫到摊位下面。',
  '占道经营严重，三轮车把路口堵死了。',
  '公共厕所没有水冲，苍蝇很多。',
];

/** A few photo-like JPEGs (market-ish colours and shapes) drawn on a canvas. */
async function makeJpegs(context, n) {
  const page = await context.newPage();
  const list = await page.evaluate(async (n) => {
    const out = [];
    for (let k = 0; k < n; k++) {
      const c = document.createElement('canvas');
      c.width = 640;
      c.height = 480;
      const g = c.getContext('2d');
      let seed = 31 * (k + 3);
      const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const ground = g.createLinearGradient(0, 0, 0, 480);
      ground.addColorStop(0, `hsl(${200 + k * 9},35%,70%)`);
      ground.addColorStop(0.45, `hsl(${30 + k * 13},25%,55%)`);
      ground.addColorStop(1, `hsl(${20 + k * 7},20%,30%)`);
      g.fillStyle = ground;
      g.fillRect(0, 0, 640, 480);
      for (let i = 0; i < 160; i++) {
        g.fillStyle = `hsl(${rnd() * 360},${30 + rnd() * 40}%,${25 + rnd() * 45}%)`;
        g.beginPath();
        g.ellipse(rnd() * 640, 200 + rnd() * 280, 6 + rnd() * 50, 4 + rnd() * 30, rnd() * 3, 0, 7);
        g.fill();
      }
      const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.85));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push(btoa(s));
    }
    return out;
  }, n);
  await page.close();
  return list.map((b64) => Buffer.from(b64, 'base64'));
}

/** Back-to-back windows of the default lengths from `start`, as the API writes them. */
function scheduleFrom(start) {
  const names = ['nomination', 'screening', 'voting', 'field_scoring', 'review'];
  const schedule = {};
  let at = start.getTime();
  names.forEach((name, i) => {
    const end = at + DAYS[i] * DAY;
    schedule[name] = {
      starts_at: new Date(at).toISOString().replace(/\.\d+Z$/, 'Z'),
      ends_at: new Date(end).toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    at = end;
  });
  return schedule;
}

/**
 * Puts the current round of the server at `base` in voting, its window open, with 20
 * market candidates; returns the round.
 */
export async function ensureVoting(browser, { base = BASE, user = ADMIN_USER, password = ADMIN_PASSWORD } = {}) {
  const context = await browser.newContext();
  const api = context.request;
  const call = async (method, url, options = {}) => {
    const res = await api.fetch(`${base}${url}`, { method, ...options });
    const text = await res.text();
    return { status: res.status(), json: text ? JSON.parse(text) : null };
  };
  const signed = await call('POST', '/api/v1/session', {
    data: { username: user, password },
  });
  assert.equal(signed.status, 200, JSON.stringify(signed.json));
  const headers = { 'x-csrf-token': signed.json.csrf_token };
  let { round } = (await call('GET', '/api/v1/rounds/current')).json;
  assert.ok(round, 'the demo seed has a round');
  const advance = async (from) => {
    const moved = await call('POST', `/api/v1/rounds/${round.id}/advance`, { data: { from }, headers });
    assert.equal(moved.status, 200, JSON.stringify(moved.json));
    round = moved.json;
  };
  if (round.phase === 'nomination' || round.phase === 'screening') {
    // Voting opens 15 + 4 days after the start: start 19 days and an hour ago.
    const schedule = scheduleFrom(new Date(Date.now() - 19 * DAY - 3600 * 1000));
    const put = await call('PUT', `/api/v1/rounds/${round.id}`, {
      data: { name: round.name, schedule, config: round.config },
      headers,
    });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    round = put.json;
  }
  if (round.phase === 'nomination') await advance('nomination');
  if (round.phase === 'screening') {
    const existing = (await call('GET', `/api/v1/rounds/${round.id}/shortlist/market`)).json;
    if (existing.length !== SIZE) {
      // The office's own photos as covers for the first few.
      const covers = [];
      for (const jpeg of await makeJpegs(context, 6)) {
        const up = await call('POST', '/api/v1/photos', {
          data: jpeg,
          headers: { ...headers, 'content-type': 'image/jpeg' },
        });
        assert.equal(up.status, 201, JSON.stringify(up.json));
        covers.push(up.json.id);
      }
      const { places } = (await call('GET', '/api/v1/places?category=market&limit=50')).json;
      assert.ok(places.length >= SIZE, `${places.length} markets in the register`);
      const candidates = places.slice(0, SIZE).map((p, i) => ({
        place_id: p.id,
        title: p.name,
        description: `${PROBLEMS[i % PROBLEMS.length]}部门日常巡查发现问题突出，多次整改不到位。`,
        cover_photo_id: covers[i] ?? null,
        department_reason: '部门巡查记录：近三个月三次检查均不合格。',
      }));
      const saved = await call('PUT', `/api/v1/rounds/${round.id}/shortlist/market`, {
        data: { candidates },
        headers,
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.json));
    }
    await advance('screening');
  }
  assert.equal(round.phase, 'voting');
  const now = Date.now();
  assert.ok(
    Date.parse(round.schedule.voting.starts_at) <= now && now < Date.parse(round.schedule.voting.ends_at),
    `the voting window ${JSON.stringify(round.schedule.voting)} holds now`,
  );
  await context.close();
  return round;
}
