// The office reviews and publishes the results on a phone (/office/results, a wasm of its
// own). Through the API a round is brought to review: the demo round when this file runs
// alone, or — after 12 published the demo round — a second round the admin starts, with
// the market shortlist (voting-data.mjs), the demo's approved market sheet pinned and two
// demo sub-groups. wg1a.lead's sub-group scores eight markets; wg1b.lead's scores the first
// one again, much lower. Then the admin, on a phone: the preview of the markets with their
// scores as the server computes them; the first market's low sheet excluded with a reason
// (its on-site score and total go up), the exclusion withdrawn (they come back); 公布 through
// the confirm sheet that says what happens; version 1, the public page behind its link and
// the CSV and XLSX exports; a correction with a reason makes version 2. Runs alone too:
// `E2E_ONLY=13 cargo xtask e2e`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, overflows, phone, screen, shot, signInAsAdmin } from './helpers.mjs';
import { ensureFieldScoringRound, sheetFor, staffApi, teamsInput } from './field-data.mjs';

const INSPECTOR = 'wg1a.lead';
const SECOND = 'wg1b.lead';
const PASSWORD = 'xianchang-2026';
const SCORED = 8;
const REASON = '评分表填错了对象，经核实排除';
const CORRECTION = '一张选票经复核无效，更正排名。';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A score as the pages write it: one decimal. */
const score = (x) => (Math.round(x * 10) / 10).toFixed(1);

/** The teams input that gives `markets` to the INSPECTOR's sub-group and the first market to SECOND's too. */
function assignments(teams, source, markets) {
  const ids = markets.map((c) => c.id);
  const change = (s) => {
    if (s.members.some((m) => m.username === INSPECTOR)) return [...new Set([...s.candidate_ids, ...ids])];
    if (s.members.some((m) => m.username === SECOND)) return [...new Set([...s.candidate_ids, ids[0]])];
    return s.candidate_ids;
  };
  const has = (t, name) => t.work_groups.some((g) => g.sub_groups.some((s) => s.members.some((m) => m.username === name)));
  if (has(teams, INSPECTOR) && has(teams, SECOND)) return teamsInput(teams, change);
  // A new round has no teams yet: the two demo sub-groups of the previous round.
  const subs = source.work_groups.flatMap((g) => g.sub_groups)
    .filter((s) => s.members.some((m) => m.username === INSPECTOR || m.username === SECOND));
  return {
    work_groups: [{
      name: '第一工作组',
      leader_name: '',
      sub_groups: subs.map((s) => ({
        name: s.name,
        members: s.members.map((m) => ({ account_id: m.account_id, kind: m.kind, leader: m.leader })),
        candidate_ids: change({ ...s, candidate_ids: [] }),
      })),
    }],
  };
}

/** A round in review with SCORED markets scored; returns it and the first market's two sheets. */
async function ensureReview(admin) {
  let { round } = (await admin.get('/api/v1/rounds/current')).json;
  const { rounds } = (await admin.get('/api/v1/rounds')).json;
  let previous = rounds.find((r) => r.id !== round.id) ?? round;
  if (round.phase === 'published') {
    // 12 published the demo round: the office starts the next one.
    previous = round;
    const created = await admin.send('POST', '/api/v1/rounds', {
      name: '第二期（端到端测试）',
      schedule: round.schedule,
      config: round.config,
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    round = created.json;
  }
  assert.notEqual(round.phase, 'review', 'this file brings the round to review itself');
  round = await ensureFieldScoringRound(browser, admin);
  const pins = (await admin.get(`/api/v1/rounds/${round.id}/sheets`)).json;
  if (!pins.pinned.some((s) => s.category === 'market')) {
    const old = (await admin.get(`/api/v1/rounds/${previous.id}/sheets`)).json;
    const market = old.pinned.find((s) => s.category === 'market');
    assert.ok(market, 'the previous round had a market sheet');
    const pinned = await admin.send('PUT', `/api/v1/rounds/${round.id}/sheets/market`, { sheet_id: market.id });
    assert.equal(pinned.status, 200, JSON.stringify(pinned.json));
  }
  const teams = (await admin.get(`/api/v1/rounds/${round.id}/teams`)).json;
  const source = (await admin.get(`/api/v1/rounds/${previous.id}/teams`)).json;
  const markets = teams.candidates.filter((c) => c.category === 'market').slice(0, SCORED);
  assert.equal(markets.length, SCORED);
  const saved = await admin.send('PUT', `/api/v1/rounds/${round.id}/teams`, assignments(teams, source, markets));
  assert.equal(saved.status, 200, JSON.stringify(saved.json));

  const sync = async (username, list, share) => {
    const inspector = await staffApi(browser, username, PASSWORD);
    const bundle = (await inspector.get('/api/v1/field/bundle')).json;
    const version = bundle.sheets.find((s) => s.category === 'market');
    assert.ok(version, 'the pinned market sheet');
    const receipts = [];
    for (const [i, c] of list.entries()) {
      const r = await inspector.send('PUT', `/api/v1/rounds/${round.id}/field/sheets/${crypto.randomUUID()}`,
        sheetFor(version, c.id, share(i), i % 3));
      assert.equal(r.status, 201, JSON.stringify(r.json));
      receipts.push(r.json.sheet_id);
    }
    await inspector.close();
    return receipts;
  };
  const [high] = await sync(INSPECTOR, markets, (i) => 0.9 - i * 0.05);
  const [low] = await sync(SECOND, markets.slice(0, 1), () => 0);
  const review = await admin.send('POST', `/api/v1/rounds/${round.id}/advance`, { from: 'field_scoring' });
  assert.equal(review.status, 200, JSON.stringify(review.json));
  return { round: review.json, first: markets[0], high, low };
}

/** The first market's line in the server's preview. */
async function lineOf(admin, roundId, candidateId) {
  const p = (await admin.get(`/api/v1/rounds/${roundId}/results/preview`)).json;
  return p.categories.find((c) => c.category === 'market').lines.find((l) => l.candidate_id === candidateId);
}

test('the office reviews, excludes, publishes and corrects the results on a phone', async () => {
  const admin = await staffApi(browser);
  const { round, first, low } = await ensureReview(admin);
  assert.equal(round.phase, 'review');
  const before = await lineOf(admin, round.id, first.id);
  assert.equal(before.sheets, 2);

  const { page, problems } = await phone(browser);
  await signInAsAdmin(page);
  // From the office's index: the workbench is a link to another app.
  await page.goto(`${BASE}/office/`);
  await page.getByRole('navigation', { name: '市创卫办监督台' }).getByRole('link', { name: '结果审核与公布' }).click();
  await page.waitForURL(`${BASE}/office/results`);
  await page.getByRole('heading', { name: '结果审核与公布' }).waitFor();
  await page.getByText('结果审核阶段：确认排名无误后即可公布。').waitFor();
  // Markets are the only scored category: their tab is open, with every scored market.
  assert.equal(await page.getByRole('link', { name: '农贸市场', exact: true }).getAttribute('aria-current'), 'page');
  const lines = page.getByTestId('office-line');
  await lines.first().waitFor();
  assert.equal(await lines.count(), SCORED);
  const preview = (await admin.get(`/api/v1/rounds/${round.id}/results/preview`)).json;
  const market = preview.categories.find((c) => c.category === 'market');
  for (const [i, l] of market.lines.entries()) {
    const text = await lines.nth(i).innerText();
    assert.match(text, new RegExp(`第 ${l.rank} 名`));
    assert.ok(text.includes(l.title), `${i}: ${l.title}`);
    assert.ok(text.includes(score(l.total)) && text.includes(score(l.field_score)), `${i}: ${text}`);
  }
  assert.ok((await lines.first().innerText()).includes('最差'), 'the worst are marked');
  assert.equal(await overflows(page), false, 'nothing scrolls sideways');
  await screen(page, 'office-results-top');
  await shot(page, 'office-results-preview');

  // The first market's sheets: exclude the low one with a reason.
  const line = page.locator(`[data-candidate="${first.id}"]`);
  await line.getByRole('button', { name: /查看评分表/ }).click();
  await line.locator(`[data-sheet="${low}"]`).getByRole('button', { name: '排除' }).click();
  const dialog = page.getByRole('dialog', { name: '排除这张评分表' });
  await dialog.getByRole('button', { name: '确认排除' }).click();
  await dialog.getByText('请写明理由（2到200个字）。').waitFor();
  await screen(page, 'office-results-exclude-sheet');
  await dialog.getByLabel('排除理由（必填）').fill(REASON);
  await dialog.getByRole('button', { name: '确认排除' }).click();
  await dialog.waitFor({ state: 'detached' });
  const after = await lineOf(admin, round.id, first.id);
  assert.equal(after.sheets, 1);
  assert.ok(after.field_score > before.field_score, 'the low sheet no longer counts');
  const moved = page.locator(`[data-candidate="${first.id}"]`);
  await moved.getByTestId('line-field').getByText(score(after.field_score), { exact: true }).waitFor();
  assert.ok((await moved.innerText()).includes(score(after.total)));
  const exclusion = page.getByTestId('exclusion').first();
  assert.ok((await exclusion.innerText()).includes(REASON));
  await exclusion.scrollIntoViewIfNeeded();
  await screen(page, 'office-results-exclusions');

  // Withdrawn: the sheet counts again and the numbers come back.
  await exclusion.getByRole('button', { name: '撤销' }).click();
  await page.locator(`[data-candidate="${first.id}"]`).getByTestId('line-field')
    .getByText(score(before.field_score), { exact: true }).waitFor();
  await page.getByTestId('exclusion').first().getByText('已撤销').waitFor();

  // 公布: the confirm sheet says what happens, then version 1.
  const publication = page.getByTestId('publication');
  await publication.getByRole('button', { name: '公布结果' }).click();
  const confirm = page.getByRole('dialog', { name: '公布评选结果' });
  await confirm.getByText(/冻结为第 1 版，并立即在公开的评选结果页面显示/).waitFor();
  await screen(page, 'office-results-publish');
  await confirm.getByRole('button', { name: '确认公布第 1 版' }).click();
  await confirm.waitFor({ state: 'detached' });
  await publication.getByTestId('office-version').getByText('第 1 版').waitFor();
  await page.getByText('结果已公布。', { exact: false }).first().waitFor();
  assert.equal((await admin.get(`/api/v1/rounds/${round.id}/results`)).status, 200, 'public now');
  // The CSV export of version 1.
  const csvHref = await publication.getByRole('link', { name: '导出 CSV' }).first().getAttribute('href');
  assert.equal(csvHref, `/api/v1/rounds/${round.id}/results/export.csv?version=1`);
  const csv = await page.request.get(new URL(csvHref, BASE).href);
  assert.equal(csv.status(), 200);
  assert.ok((await csv.text()).includes(first.title), 'the export lists the markets');
  const xlsxHref = await publication.getByRole('link', { name: '导出 Excel（XLSX）' }).first().getAttribute('href');
  assert.equal(xlsxHref, `/api/v1/rounds/${round.id}/results/export.xlsx?version=1`);
  const xlsx = await page.request.get(new URL(xlsxHref, BASE).href);
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
  await publication.scrollIntoViewIfNeeded();
  await screen(page, 'office-results-published');

  // A correction with a reason: version 2.
  await publication.getByRole('button', { name: '发布更正…' }).click();
  const correct = page.getByRole('dialog', { name: '发布更正版本' });
  await correct.getByLabel('更正理由（必填）').fill(CORRECTION);
  await correct.getByRole('button', { name: '确认发布更正' }).click();
  await correct.waitFor({ state: 'detached' });
  await publication.getByTestId('office-version').first().getByText('第 2 版').waitFor();
  assert.ok((await publication.innerText()).includes(CORRECTION));
  assert.equal(await page.getByTestId('office-version').count(), 2, 'both versions stay');
  assert.equal(await overflows(page), false, 'nothing scrolls sideways');
  await shot(page, 'office-results-versions');

  // The public page behind its link (another app: a full page load).
  await publication.getByRole('link', { name: '查看公开页面' }).click();
  await page.waitForURL(`${BASE}/results/${round.id}`);
  await page.getByRole('heading', { name: round.name }).waitFor();
  await page.getByText(CORRECTION).first().waitFor();

  assert.deepEqual(problems, []);
  await page.context().close();
  await admin.close();
});

test('others are told they may not use the workbench', async () => {
  const { page, problems } = await phone(browser);
  await page.goto(`${BASE}/office/results`);
  await page.getByText('请先登录').first().waitFor();
  await screen(page, 'office-results-signed-out');
  // An inspector signs in through the staff form on this phone, then opens the
  // workbench: 没有权限, and no line of the preview was fetched or shown.
  await page.goto(`${BASE}/staff/`);
  await page.getByLabel('用户名').fill(INSPECTOR);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('button', { name: '退出登录' }).first().waitFor();
  await page.goto(`${BASE}/office/results`);
  await page.getByText('没有权限').first().waitFor();
  assert.equal(await page.getByTestId('office-line').count(), 0);
  await screen(page, 'office-results-no-permission');
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await page.context().close();
});
