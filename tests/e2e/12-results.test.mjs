// The published results on a phone. Through the API the round is brought to field
// scoring (voting-data.mjs first when run alone), the demo inspector wg1a.lead's
// sub-group scores twelve markets through the sync endpoint, the office moves the round
// to review and publishes. Then a resident, from a WeChat link on a phone: the home page
// leads to the results; the market tab shows the ten worst and the two warned in the
// order and with the scores the server published, a chart of their totals, the formula in
// plain words and the open data; a correction makes version 2 and version 1 stays
// readable; the archive lists the round; printed, the page is the A4 notice of all four
// categories. Runs alone too: `E2E_ONLY=12 cargo xtask e2e`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, overflows, phone, screen, shot } from './helpers.mjs';
import { ensureFieldScoringRound, sheetFor, staffApi, teamsInput } from './field-data.mjs';

const INSPECTOR = 'wg1a.lead';
const INSPECTOR_PASSWORD = 'xianchang-2026';
const SCORED = 12;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function uuid() {
  return crypto.randomUUID();
}

/** The round published, with `SCORED` markets scored by wg1a's sub-group. */
async function ensurePublished(admin) {
  let { round } = (await admin.get('/api/v1/rounds/current')).json;
  if (round.phase === 'published') return round;
  if (round.phase !== 'field_scoring' && round.phase !== 'review') {
    round = await ensureFieldScoringRound(browser, admin);
  }
  if (round.phase === 'field_scoring') {
    // wg1a's sub-group scores the first twelve markets.
    const teams = (await admin.get(`/api/v1/rounds/${round.id}/teams`)).json;
    const markets = teams.candidates.filter((c) => c.category === 'market').slice(0, SCORED);
    assert.equal(markets.length, SCORED);
    const input = teamsInput(teams, (s) => (s.members.some((m) => m.username === INSPECTOR)
      ? [...new Set([...s.candidate_ids, ...markets.map((c) => c.id)])]
      : s.candidate_ids));
    const saved = await admin.send('PUT', `/api/v1/rounds/${round.id}/teams`, input);
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    const inspector = await staffApi(browser, INSPECTOR, INSPECTOR_PASSWORD);
    const bundle = (await inspector.get('/api/v1/field/bundle')).json;
    const version = bundle.sheets.find((s) => s.category === 'market');
    assert.ok(version, 'the pinned market sheet');
    for (const [i, c] of markets.entries()) {
      const body = sheetFor(version, c.id, 0.35 + i * 0.05, i % 3);
      const r = await inspector.send('PUT', `/api/v1/rounds/${round.id}/field/sheets/${uuid()}`, body);
      assert.equal(r.status, 201, JSON.stringify(r.json));
    }
    await inspector.close();
    const review = await admin.send('POST', `/api/v1/rounds/${round.id}/advance`, { from: 'field_scoring' });
    assert.equal(review.status, 200, JSON.stringify(review.json));
  }
  const published = await admin.send('POST', `/api/v1/rounds/${round.id}/results/publish`, {});
  assert.ok(published.status < 300, JSON.stringify(published.json));
  return (await admin.get('/api/v1/rounds/current')).json.round;
}

test('a resident reads the published results on a phone, the corrections and the printed notice', async () => {
  const admin = await staffApi(browser);
  const round = await ensurePublished(admin);
  assert.equal(round.phase, 'published');
  const published = (await admin.get(`/api/v1/rounds/${round.id}/results`)).json;
  const market = published.categories.find((c) => c.category === 'market');
  assert.equal(market.worst.length, 10, 'ten worst markets');
  assert.ok(market.warned.length >= 2, 'and the warned');

  let { page, problems } = await phone(browser);
  await page.goto(`${BASE}/`);
  await page.getByTestId('results-cta').click();
  await page.waitForURL(`${BASE}/results/${round.id}`);
  await page.getByRole('link', { name: '农贸市场', exact: true }).click();
  await page.waitForURL(/category=market/);
  const worst = page.getByTestId('worst-list').getByTestId('result-line');
  await worst.first().waitFor();
  assert.equal(await worst.count(), 10);
  // In the server's order, with its scores, one decimal.
  for (const [i, line] of market.worst.entries()) {
    const card = worst.nth(i);
    assert.match(await card.innerText(), new RegExp(`第 ${line.rank} 名`));
    assert.ok((await card.innerText()).includes(line.title), `card ${i}: ${line.title}`);
    assert.ok((await card.innerText()).includes((Math.round(line.total * 10) / 10).toFixed(1)), `card ${i}: total ${line.total}`);
  }
  const warned = page.getByTestId('warned-list').getByTestId('result-line');
  assert.equal(await warned.count(), market.warned.length);
  // The chart: one bar per named market, the worst in their colour.
  assert.equal(await page.locator('svg.results-chart .chart-row.worst').count(), 10);
  assert.equal(await page.locator('svg.results-chart .chart-row.warned').count(), market.warned.length);
  await page.getByText('综合得分 = 群众投票得分 × 40% + 现场评分 × 60%', { exact: true }).waitFor();
  const openData = page.getByRole('link', { name: '下载公开数据（JSON）' });
  const data = await page.request.get(new URL(await openData.getAttribute('href'), BASE).href);
  assert.equal(data.status(), 200, 'the open data is public');
  assert.equal(await overflows(page), false, 'nothing scrolls sideways');
  await shot(page, 'results-market');
  await screen(page, 'results-market-top');
  await worst.first().scrollIntoViewIfNeeded();
  await screen(page, 'results-market-worst');
  await warned.first().scrollIntoViewIfNeeded();
  await screen(page, 'results-market-warned');
  await openData.scrollIntoViewIfNeeded();
  await screen(page, 'results-market-end');

  // A category where nothing was scored says so.
  await page.getByRole('link', { name: '乡村', exact: true }).click();
  await page.locator('.state-card').getByText('本类别没有参与排名的对象。').waitFor();

  // A correction: version 2 with its reason; version 1 stays readable.
  const corrected = await admin.send('POST', `/api/v1/rounds/${round.id}/results/corrections`, {
    reason: '一张评分表录入有误，已核实更正。',
  });
  assert.ok(corrected.status < 300, JSON.stringify(corrected.json));
  // (The latest results may be cached for a minute: a new visitor's phone.)
  assert.deepEqual(problems, []);
  await page.context().close();
  ({ page, problems } = await phone(browser));
  await page.goto(`${BASE}/results/${round.id}?category=market`);
  await page.getByText('一张评分表录入有误，已核实更正。').first().waitFor();
  await page.getByText(/第 2 版/).first().waitFor();
  await page.getByRole('link', { name: /第 1 版/ }).click();
  await page.waitForURL(/version=1/);
  await page.getByText(/第 1 版.*正在查看/).waitFor();
  await shot(page, 'results-version-1');

  // The archive lists the round.
  await page.goto(`${BASE}/results`);
  await page.getByTestId('results-archive').getByText(round.name).click();
  await page.waitForURL(`${BASE}/results/${round.id}`);

  // On paper: the notice of all four categories, A4, without the app's chrome.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('navigation', { name: '主导航' }).isVisible(), false, 'nav hidden');
  assert.equal(await page.locator('.printed-notice').isVisible(), true, 'the notice shows');
  assert.equal(await page.locator('.printed-notice .notice-category').count(), 4);
  assert.equal(await page.locator('.printed-notice .notice-category').nth(3).locator('tbody tr').count(), 10 + market.warned.length);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const media = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(media && Math.abs(Number(media[1]) - 595.3) < 1, `A4: ${media?.[0]}`);
  await page.setViewportSize({ width: 794, height: 1123 });
  await shot(page, 'results-notice-print');
  await page.emulateMedia({ media: 'screen' });

  assert.deepEqual(problems, []);
  await admin.close();
});
