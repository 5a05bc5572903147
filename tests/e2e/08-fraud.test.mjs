// The campaign office's panel against ballot-stuffing (/office/fraud), on a phone.
// Ballots are seeded through the public API: 31 residents verified by SMS who vote for
// one market from one phone within one minute (a burst, and a device shared by 31
// voters), and a family of three on another phone. Then: the public sees no counts and
// cannot open the panel; a department account is told 没有权限; the admin comes from the
// staff workbench, sees the burst and the shared device, opens its ballots, voids one
// with a reason in the confirm sheet, and the voided count goes up.
//
// Self-sufficient (`E2E_ONLY=08 cargo xtask e2e`): the round is put in voting with a
// market shortlist when no earlier test did. Alone, the panel is first seen empty.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, launch, phone, shot, signInAsAdmin } from './helpers.mjs';
import {
  adminApi, cast, deviceName, publicGet, startOfMinute, verifiedVoter,
} from './ballot-data.mjs';
import { ensureVoting } from './voting-data.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? 'tests/e2e/screenshots';
const STUFFER = 'e2e-stuffing-phone-0001';
const FAMILY = 'e2e-family-phone-0002';
const BURST = 31;
const REASON = '同一部手机一分钟内为同一对象投了31票，属于刷票。';
const DEPT = { username: 'fraud_dept', password: 'Dept-Password-2026' };

let browser;
let admin;
let round;
let target; // the market the burst was for
before(async () => {
  browser = await launch();
  admin = await adminApi();
  round = await ensureVoting(browser);
});
after(async () => { await browser?.close(); });

/** What the phone's screen shows now (sheets are pinned to it). */
async function screen(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** True when the page is wider than the phone (something would scroll sideways). */
async function overflows(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

test('anonymous and department visitors are kept out; the public sees no live counts', async () => {
  // No ballots yet (this file alone): the panel says so.
  const report = await admin.get(`/api/v1/rounds/${round.id}/fraud`);
  assert.equal(report.status, 200);
  const empty = report.json.hourly.length === 0 && report.json.busy_networks.length === 0;

  assert.equal((await publicGet(`/api/v1/rounds/${round.id}/fraud`)).status, 401);
  const view = await publicGet(`/api/v1/rounds/${round.id}/voting/market`);
  assert.equal(view.status, 200);
  assert.equal(view.json.counts, null, 'no live counts for the public while voting is open');

  const { context, page, problems } = await phone(browser);
  await page.goto(`${BASE}/office/fraud`);
  await page.getByRole('heading', { name: '防刷票监控' }).waitFor();
  await page.getByText('请先登录', { exact: true }).waitFor();
  const signIn = page.getByRole('link', { name: '去登录' });
  assert.equal(await signIn.getAttribute('href'), '/staff/');
  assert.equal(await signIn.getAttribute('rel'), 'external', 'a full page load into the staff app');
  await shot(page, 'office-fraud-signed-out');

  // A lead department's account: signed in, but the panel is the office's.
  const made = await admin.send('POST', '/api/v1/staff', {
    username: DEPT.username,
    display_name: '市场监管局 值班',
    role: { kind: 'department', category: 'market' },
    password: DEPT.password,
  });
  assert.ok([201, 409].includes(made.status), JSON.stringify(made.json));
  await signIn.click();
  await page.waitForURL(`${BASE}/staff/`);
  await page.getByLabel('用户名').fill(DEPT.username);
  await page.getByLabel('密码', { exact: true }).fill(DEPT.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  assert.equal(await page.getByRole('link', { name: '防刷票监控' }).count(), 0, 'admins only');
  await page.goto(`${BASE}/office/fraud`);
  await page.getByText('没有权限').waitFor();
  assert.equal(await page.getByTestId('voided-count').count(), 0);
  await shot(page, 'office-fraud-no-permission');
  assert.deepEqual(problems, []);
  await context.close();

  if (empty) {
    const { context, page, problems } = await phone(browser);
    await signInAsAdmin(page);
    await page.goto(`${BASE}/office/fraud`);
    await page.getByTestId('no-ballots').getByText('还没有人投票').waitFor();
    await shot(page, 'office-fraud-empty');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a burst from one phone shows on the panel; the admin voids a ballot with a reason', async () => {
  const candidates = (await publicGet(`/api/v1/rounds/${round.id}/shortlist/market`)).json;
  target = candidates[7];
  // Everyone verifies first; then the stuffer's 31 ballots go in together, in one minute.
  const stuffed = [];
  for (let i = 1; i <= BURST; i++) stuffed.push(await verifiedVoter(`139${String(i).padStart(8, '0')}`));
  const family = [];
  for (let i = 1; i <= 3; i++) family.push(await verifiedVoter(`137${String(i).padStart(8, '0')}`));
  await startOfMinute();
  await Promise.all(stuffed.map((v) => cast(round.id, 'market', v, [target.id], STUFFER)));
  for (const [i, v] of family.entries()) await cast(round.id, 'market', v, [candidates[3 + i].id], FAMILY);
  const before = (await admin.get(`/api/v1/rounds/${round.id}/fraud`)).json.voided_ballots;

  // From the staff workbench, a full page load into the office's app.
  const { context, page, problems } = await phone(browser);
  await signInAsAdmin(page);
  await page.goto(`${BASE}/staff/`);
  const link = page.getByRole('link', { name: '防刷票监控' });
  assert.equal(await link.getAttribute('rel'), 'external');
  await link.click();
  await page.waitForURL(`${BASE}/office/fraud`);
  await page.getByText(/公众页面不显示票数/).waitFor();
  await page.getByTestId('voided-count').getByText(`${before} 张`, { exact: true }).waitFor();

  // The burst, said plainly.
  const burst = page.getByTestId('burst').filter({ hasText: target.title });
  await burst.waitFor();
  const said = await burst.innerText();
  const [, votes] = said.match(/\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2} 收到 (\d+) 票/) ?? [];
  assert.ok(Number(votes) >= BURST, `the burst: ${said}`);

  // The shared devices: the stuffer's phone with 31 voters; the family's with 3.
  const stuffer = page.getByTestId('source').filter({ hasText: `设备 ${deviceName(STUFFER)}` });
  await stuffer.getByText(`${BURST} 位投票人 · ${BURST} 张选票`).waitFor();
  await page.getByTestId('source').filter({ hasText: `设备 ${deviceName(FAMILY)}` })
    .getByText('3 位投票人 · 3 张选票').waitFor();
  // The busy network: everyone here votes from 127.0.0.1.
  await page.getByTestId('source').filter({ hasText: '网络 127.0.0.0/24' }).waitFor();
  // The hourly chart has the market's row, with a burst hour in red.
  const row = page.getByTestId('chart-row').filter({ hasText: target.title });
  assert.ok(Number(await row.locator('.chart-count').textContent()) >= BURST);
  assert.ok((await row.locator('rect.burst').count()) >= 1, 'the burst hour is marked');
  assert.match(await row.locator('svg').getAttribute('aria-label'), /最多的一小时 \d+ 票/);
  assert.equal(await overflows(page), false);
  await shot(page, 'office-fraud-panel');

  // The device's ballots: voters as numbers, times, choices.
  await stuffer.click();
  await page.waitForURL(`${BASE}/office/fraud?device=${deviceName(STUFFER)}`);
  const ballots = page.getByTestId('ballot');
  await ballots.first().waitFor();
  assert.equal(await ballots.count(), BURST);
  assert.equal((await page.getByTestId('source-summary').textContent()).trim(), `${BURST} 张选票`);
  const first = ballots.first();
  assert.match(await first.innerText(), /投票人 #\d+/);
  assert.match(await first.innerText(), /\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await first.getByText(`投给：${target.title}`).waitFor();
  const voter = (await first.innerText()).match(/投票人 #(\d+)/)[1];
  assert.equal(await overflows(page), false);
  await screen(page, 'office-fraud-device');

  // 作废: the confirm sheet wants a reason.
  await first.getByRole('button', { name: '作废' }).click();
  const sheet = page.getByRole('dialog', { name: '作废这张选票' });
  await sheet.waitFor();
  await sheet.getByText(`投票人 #${voter}`).waitFor();
  await sheet.getByText(/不能撤销/).waitFor();
  await sheet.getByRole('button', { name: '确认作废' }).click();
  await sheet.getByText('请写明作废的理由（2到200个字）。').waitFor();
  await sheet.getByLabel('作废理由').fill(REASON);
  assert.equal(await overflows(page), false);
  await screen(page, 'office-fraud-void-sheet');
  await sheet.getByRole('button', { name: '确认作废' }).click();
  await page.getByRole('status').getByText(`已作废投票人 #${voter} 的选票，票数已更新。`).waitFor();
  assert.equal(await sheet.count(), 0, 'the sheet closes');
  await first.getByText(REASON).waitFor();
  assert.equal(await first.getByRole('button', { name: '作废' }).count(), 0);
  await page.getByTestId('source-summary').getByText(`${BURST} 张选票，其中 1 张已作废`).waitFor();
  await page.getByTestId('voided-count').getByText(`${before + 1} 张`, { exact: true }).waitFor();
  await screen(page, 'office-fraud-voided');

  // The server agrees, and the panel still says so after going back.
  const after = (await admin.get(`/api/v1/rounds/${round.id}/fraud`)).json;
  assert.equal(after.voided_ballots, before + 1);
  await page.getByRole('link', { name: '返回监控总览' }).click();
  await page.waitForURL(`${BASE}/office/fraud`);
  await page.getByTestId('voided-count').getByText(`${before + 1} 张`, { exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the panel reads in English and fits a desktop screen', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signInAsAdmin(page);
  await page.goto(`${BASE}/office/fraud`);
  await page.getByTestId('burst').first().waitFor();
  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByRole('heading', { name: 'Ballot-stuffing watch' }).waitFor();
  await page.getByRole('heading', { name: 'Devices shared by voters' }).waitFor();
  await page.getByTestId('burst').filter({ hasText: target.title }).getByText(/vote\(s\) on \d{2}-\d{2}/).waitFor();
  await shot(page, 'office-fraud-desktop-english');
  await page.getByRole('button', { name: '中文' }).click();
  await context.close();
});
