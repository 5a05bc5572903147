// An inspector scores on site with no signal, on a phone: signs in once at /field/ (the
// staff session) while online, and the app installs — its service worker keeps the
// shell, IndexedDB the candidates and sheets. Then the network goes (the browser's
// offline mode): three sheets are filled and finalised with a camera photo each, a
// fourth is left as a draft; the page is reloaded offline and the drafts and the outbox
// are all there. The network comes back, and all three sync exactly once — checked on
// the server's own data (the office's consistency view), not only on the screen.
//
// Self-sufficient: through the admin API the round is put in voting with a market
// shortlist (voting-data.mjs, unless earlier files did), then in field scoring with that
// window holding now, and the demo inspector wg1a.lead's sub-group gets four markets. Runs alone too:
// `E2E_ONLY=09 cargo xtask e2e`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE, launch, overflows, phone, screen, shot } from './helpers.mjs';
import { ensureFieldScoringRound, staffApi, teamsInput } from './field-data.mjs';

const INSPECTOR = 'wg1a.lead';
const INSPECTOR_PASSWORD = 'xianchang-2026';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The round in field scoring, its window open; wg1a's sub-group with four markets. */
async function ensureFieldScoring(admin) {
  const round = await ensureFieldScoringRound(browser, admin);
  const teams = (await admin.get(`/api/v1/rounds/${round.id}/teams`)).json;
  const markets = teams.candidates.filter((c) => c.category === 'market').slice(0, 4);
  assert.equal(markets.length, 4, 'four shortlisted markets');
  const mine = teams.work_groups
    .flatMap((g) => g.sub_groups)
    .find((s) => s.members.some((m) => m.username === INSPECTOR));
  assert.ok(mine, `${INSPECTOR} is in a demo sub-group`);
  const input = teamsInput(teams, (s) => (s.id === mine.id ? markets.map((c) => c.id) : s.candidate_ids));
  const saved = await admin.send('PUT', `/api/v1/rounds/${round.id}/teams`, input);
  assert.equal(saved.status, 200, JSON.stringify(saved.json));
  return { round, markets, subGroupId: mine.id };
}

/** A photo-like JPEG, as a phone camera would hand it over. */
async function cameraJpeg(page, hue) {
  const b64 = await page.evaluate(async (hue) => {
    const c = document.createElement('canvas');
    c.width = 1200;
    c.height = 900;
    const g = c.getContext('2d');
    const ground = g.createLinearGradient(0, 0, 1200, 900);
    ground.addColorStop(0, `hsl(${hue},40%,70%)`);
    ground.addColorStop(1, `hsl(${hue + 40},30%,30%)`);
    g.fillStyle = ground;
    g.fillRect(0, 0, 1200, 900);
    for (let i = 0; i < 60; i++) {
      g.fillStyle = `hsl(${(hue + i * 23) % 360},45%,${30 + (i % 5) * 10}%)`;
      g.fillRect((i * 97) % 1150, (i * 53) % 860, 40 + (i % 7) * 12, 30 + (i % 3) * 20);
    }
    // Gravel and litter: detail a camera sees, so the shrunk photo still takes a few
    // pieces to upload.
    const band = g.getImageData(0, 500, 1200, 400);
    let seed = hue + 7;
    for (let i = 0; i < band.data.length; i += 4) {
      seed = (seed * 16807) % 2147483647;
      const v = seed % 256;
      band.data[i] = (band.data[i] + v) / 2;
      band.data[i + 1] = (band.data[i + 1] + ((v * 7) % 256)) / 2;
      band.data[i + 2] = (band.data[i + 2] + ((v * 13) % 256)) / 2;
    }
    g.putImageData(band, 0, 500);
    const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, hue);
  return { name: `IMG_${hue}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') };
}

/** Marks every item of the open sheet: graded ones near the top, `findings` problems on
 * the first deducted item. */
async function fillSheet(page, findings) {
  const items = page.getByTestId('sheet-item');
  const n = await items.count();
  assert.ok(n >= 10, `${n} items on the sheet`);
  let counted = false;
  for (let i = 0; i < n; i++) {
    const item = items.nth(i);
    const segs = item.locator('.seg');
    if (await segs.count()) {
      await segs.nth((await segs.count()) - 2).click();
    } else if (await item.getByRole('button', { name: '满分' }).count()) {
      await item.getByRole('button', { name: '满分' }).click();
    } else if (!counted) {
      for (let k = 0; k < findings; k++) await item.getByRole('button', { name: '加一' }).click();
      counted = true;
    }
  }
}

const state = {};

test('an inspector signs in once with signal and the app installs', async () => {
  // One admin sign-in for the whole file: every test signs in from 127.0.0.1.
  state.admin = await staffApi(browser);
  Object.assign(state, await ensureFieldScoring(state.admin));

  // The worker is served for /field/ only, never cached stale; the other apps have none.
  const sw = await fetch(`${BASE}/field/sw.js`);
  assert.equal(sw.status, 200);
  assert.match(sw.headers.get('content-type'), /javascript/);
  assert.equal(sw.headers.get('service-worker-allowed'), '/field/');
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
  assert.match(sw.headers.get('content-security-policy'), /worker-src 'self'/);
  const manifest = await (await fetch(`${BASE}/field/manifest.webmanifest`)).json();
  assert.equal(manifest.short_name, '现场评分');
  assert.equal(manifest.scope, '/field/');
  for (const url of ['/sw.js', '/vote/sw.js']) {
    assert.equal((await fetch(`${BASE}${url}`)).status, 404, url);
  }
  for (const url of ['/', '/vote/']) {
    assert.ok(!(await (await fetch(`${BASE}${url}`)).text()).includes('serviceWorker'), url);
  }

  const { context, page, problems } = await phone(browser);
  state.context = context;
  state.page = page;
  state.problems = problems;
  await page.goto(`${BASE}/field/`);
  await page.getByRole('heading', { name: '现场评分 · 登录' }).waitFor();
  assert.equal(await page.title(), '现场评分 · 潮州创卫·最差评选');
  await shot(page, 'field-sign-in');
  await page.getByLabel('用户名').fill(INSPECTOR);
  await page.getByLabel('密码', { exact: true }).fill(INSPECTOR_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: '第一工作组 · 第一小组' }).waitFor();
  const cards = page.getByTestId('field-candidate');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 4);
  for (const status of await page.getByTestId('sheet-status').allTextContents()) assert.equal(status, '未评');
  // Installed: the worker controls the page and holds the shell.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const cached = await page.evaluate(async () => {
    const cache = await caches.open('pingxuan-field-shell-v1');
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  for (const kind of [/^\/field\/$/, /_bg\.wasm$/, /pingxuan-field-.*\.js$/, /\.css$/, /icon-192\.png$/]) {
    assert.ok(cached.some((p) => kind.test(p)), `${kind} in ${cached.join(' ')}`);
  }
  assert.equal(await overflows(page), false);
  await shot(page, 'field-assignments');
});

test('offline: three sheets finalised with a photo each, one draft, all kept across a reload', async () => {
  const { context, page } = state;
  await context.setOffline(true);
  await page.reload();
  await page.getByText('离线', { exact: true }).waitFor();
  await page.getByTestId('field-candidate').first().waitFor();
  // The candidates' photos come from the worker's cache too.
  const cover = page.locator('img.field-cover').first();
  await cover.waitFor();
  assert.ok(await cover.evaluate((img) => img.decode().then(() => img.naturalWidth > 0, () => false)), 'cover offline');
  const titles = await page.locator('.field-card-title').allTextContents();
  state.totals = {};
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('field-candidate').nth(i).click();
    await page.getByTestId('sheet-item').first().waitFor();
    if (i === 0) await screen(page, 'field-sheet-top');
    await fillSheet(page, i + 1);
    // Evidence from the camera on the first item, and a note.
    const first = page.getByTestId('sheet-item').first();
    await first.locator('input[type=file]').setInputFiles(await cameraJpeg(page, 40 * i + 10));
    await first.locator('.evidence-photo img').waitFor();
    await first.getByRole('button', { name: '写说明' }).click();
    await first.getByLabel('说明').fill(`第${i + 1}份：地面有积水，摊位周边有垃圾。`);
    await page.getByLabel('总体意见').fill('整体脏乱，需限期整改。');
    const total = Number(await page.locator('.total-value').textContent());
    state.totals[titles[i]] = total;
    if (i === 0) {
      assert.equal(await overflows(page), false);
      await screen(page, 'field-sheet');
    }
    await page.getByRole('button', { name: '完成评分' }).click();
    await page.getByRole('dialog', { name: '完成这份评分？' }).waitFor();
    if (i === 0) await screen(page, 'field-finalise');
    await page.getByRole('button', { name: '确认完成' }).click();
    await page.getByTestId('field-candidate').first().waitFor();
    assert.equal(await page.getByTestId('outbox-badge').locator('.badge-count').textContent(), String(i + 1));
  }
  // The fourth: a few marks, left as a draft (saved as it goes).
  await page.getByTestId('field-candidate').nth(3).click();
  await page.getByTestId('sheet-item').first().getByRole('button', { name: '加一' }).click();
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('草稿已保存在手机上。').waitFor();
  await page.getByRole('link', { name: '我的评分对象' }).click();

  // A reload with no network: the shell from the worker, everything else from IndexedDB.
  await page.reload();
  await page.getByTestId('field-candidate').first().waitFor();
  assert.deepEqual(await page.getByTestId('sheet-status').allTextContents(), [
    '已完成待同步',
    '已完成待同步',
    '已完成待同步',
    '草稿',
  ]);
  assert.equal(await page.getByTestId('outbox-badge').locator('.badge-count').textContent(), '3');
  await page.getByTestId('sync-line').getByText('现在没有网络').waitFor();
  await shot(page, 'field-offline-queued');
  await page.getByTestId('field-candidate').nth(3).click();
  await page.getByTestId('sheet-item').first().getByText('1 处').waitFor();
  await page.getByRole('link', { name: '我的评分对象' }).click();
  await page.getByTestId('outbox-badge').click();
  assert.equal(await page.getByTestId('outbox-record').count(), 3);
  await shot(page, 'field-outbox-offline');
  // The last resort works offline too: a sheet saved as a JSON file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('outbox-record').first().getByRole('button', { name: '导出文件' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^评分表-\d+-[0-9a-f]{8}\.json$/);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.match(exported.record.client_id, /^[0-9a-f-]{36}$/);
  assert.equal(exported.record.status.state, 'waiting');
  assert.equal(exported.record.submission.scores.length, 19);
});

test('back online, the three sheets sync exactly once', async () => {
  const { context, page, problems } = state;
  // The connection drops once in the middle of a photo: its upload resumes from the
  // offset the server has.
  let dropped = 0;
  await page.route(/\/api\/v1\/field\/uploads\/[^/]+\/chunks\/[1-9]\d*$/, (route) =>
    dropped++ === 0 ? route.abort('connectionreset') : route.continue(),
  );
  await context.setOffline(false);
  await page.getByTestId('outbox-badge').locator('.badge-count.zero').waitFor({ timeout: 30000 });
  await page.getByText('已同步 3 份。').first().waitFor();
  assert.equal(await page.locator('.record .chip.synced').count(), 3);
  await shot(page, 'field-outbox-synced');
  assert.equal(dropped > 1, true, 'a dropped piece was sent again');
  await page.getByRole('link', { name: '我的评分对象' }).click();
  assert.deepEqual(await page.getByTestId('sheet-status').allTextContents(), [
    '已同步',
    '已同步',
    '已同步',
    '草稿',
  ]);
  // A reload online syncs again at start: nothing is sent twice.
  await page.reload();
  await page.getByTestId('field-candidate').first().waitFor();
  await page.waitForTimeout(1500);

  // The server's own record: one live sheet per candidate from this sub-group, its
  // evidence photo arrived, no conflicts, the totals the phone showed.
  const view = (await state.admin.get(`/api/v1/rounds/${state.round.id}/field/consistency/market?margin=15`)).json;
  await state.admin.close();
  const ours = view.candidates.flatMap((c) =>
    c.sheets.filter((s) => s.sub_group_id === state.subGroupId).map((s) => ({ ...s, title: c.candidate.title })),
  );
  assert.equal(ours.length, 3, JSON.stringify(ours.map((s) => s.client_id)));
  assert.equal(new Set(ours.map((s) => s.client_id)).size, 3);
  assert.equal(view.conflicts.length, 0);
  for (const sheet of ours) {
    assert.equal(sheet.total, state.totals[sheet.title], sheet.title);
    const evidence = sheet.items.flatMap((i) => i.photos);
    assert.equal(evidence.length, 1, `${sheet.title}: its photo arrived`);
    assert.equal(sheet.note, '整体脏乱，需限期整改。');
    assert.equal(sheet.late, false);
  }
  assert.deepEqual(
    problems.filter((p) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET/.test(p)),
    [],
  );
  await context.close();
});
