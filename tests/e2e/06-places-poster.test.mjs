// The place register and the A4 poster. An admin searches the register, adds a place
// (a bad input is refused in Chinese beside its field), corrects it, and residents'
// search finds it; a lead department sees only its own category; the poster shows
// the QR code, the dates and the steps, and prints alone on one A4 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BASE, launch, phone, shot, signInAsAdmin } from './helpers.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? 'tests/e2e/screenshots';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The residents' search: the same public endpoint the nomination form uses. */
async function residentsSearch(request, category, q) {
  const res = await request.get(
    `${BASE}/api/v1/places?category=${category}&q=${encodeURIComponent(q)}`,
  );
  assert.equal(res.status(), 200);
  return (await res.json()).places;
}

/** The error shown for the input labelled `label`, found through aria-describedby. */
async function errorOf(page, label) {
  const input = page.getByLabel(label, { exact: true });
  // Waits for the mark: a server's refusal arrives after the tap that sent the form.
  await assert.doesNotReject(input.and(page.locator('[aria-invalid="true"]')).waitFor(), `${label} is marked invalid`);
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const errorId = ids.split(' ').find((id) => id.endsWith('-error'));
  assert.ok(errorId, `${label} names its error`);
  return page.locator(`[id="${errorId}"]`).innerText();
}

/** Nothing on the poster is cut off: it holds all its content within its A4 box. */
async function assertPosterFits(page, when) {
  const [content, box] = await page.getByTestId('poster').evaluate((p) => [p.scrollHeight, p.clientHeight]);
  assert.ok(content <= box + 1, `${when}: the poster's content (${content}px) fits its page (${box}px)`);
}

/** The poster alone as the phone shows it, without the fixed navigation over it. */
async function previewShot(page, name) {
  const nav = page.locator('nav.bottom-nav');
  await nav.evaluate((n) => { n.style.visibility = 'hidden'; });
  await page.getByTestId('poster').screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await nav.evaluate((n) => { n.style.visibility = ''; });
}

test('an admin keeps the register: search, add, a refused input, a correction', async () => {
  const { context, page, problems } = await phone(browser);
  await signInAsAdmin(page);
  await page.goto(`${BASE}/staff/`);
  await page.getByRole('link', { name: '地点库' }).click();
  await page.waitForURL(`${BASE}/staff/places`);

  // Four tabs; the markets' register lists its first places.
  const tabs = page.getByRole('navigation', { name: '类别' });
  assert.equal(await tabs.getByRole('link').count(), 4);
  await tabs.getByRole('link', { name: '农贸市场' }).click();
  await page.waitForURL(/category=market/);
  const list = page.getByRole('list', { name: '搜索结果' });
  const rows = list.getByTestId('register-place');
  await rows.first().waitFor();
  assert.match(await page.locator('.list-summary').innerText(), /个/);
  await shot(page, 'places-list');

  // Search as you type: every row is in 彩塘.
  await page.getByLabel('搜索地点').fill('彩塘');
  await page.getByText(/找到 \d+ 个地点/).waitFor();
  const found = await rows.allInnerTexts();
  assert.ok(found.length > 0);
  for (const row of found) assert.match(row, /彩塘/);

  // A bad input is refused before sending, in Chinese, beside each field.
  await page.getByRole('button', { name: /添加地点/ }).first().click();
  const form = page.locator('form.place-editor');
  await form.getByLabel('地点名称').fill('市');
  await form.getByLabel('纬度').fill('二十三');
  await form.getByRole('button', { name: '保存地点' }).click();
  assert.equal(await errorOf(page, '地点名称'), '请写出地点名称，至少2个字。');
  assert.equal(await errorOf(page, '所在镇（街道）'), '请从列表中选择所在的镇（街道）。');
  assert.equal(await errorOf(page, '纬度'), '请填写数字，例如 23.6612。');
  assert.equal(await errorOf(page, '经度'), '纬度和经度要一起填写。');
  // The first problem has the focus.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'place-form-name');
  await shot(page, 'places-errors');

  // Put right and saved: the new place is listed, with its position.
  const name = '彩塘镇测试农贸市场';
  await form.getByLabel('地点名称').fill(name);
  await form.getByLabel('所在镇（街道）').selectOption('彩塘镇');
  await form.getByLabel('纬度').fill('23.5921');
  await form.getByLabel('经度').fill('116.7357');
  await form.getByRole('button', { name: '保存地点' }).click();
  await page.getByRole('status').filter({ hasText: `已添加「${name}」` }).waitFor();
  const added = rows.filter({ hasText: name });
  await added.getByText('已定位').waitFor();
  await added.getByText(/彩塘镇 · 潮安区/).waitFor();
  await shot(page, 'places-added');

  // Residents' search finds it at once.
  let places = await residentsSearch(page.request, 'market', '测试农贸');
  assert.deepEqual(
    places.map((p) => [p.name, p.town, p.district, p.position?.latitude]),
    [[name, '彩塘镇', 'chaoan', 23.5921]],
  );

  // The same name in the same town again: the server's refusal sits under the name.
  await page.getByRole('button', { name: /添加地点/ }).first().click();
  await form.getByLabel('地点名称').fill(name);
  await form.getByLabel('所在镇（街道）').selectOption('彩塘镇');
  await form.getByRole('button', { name: '保存地点' }).click();
  await page.getByText('这个镇已经有同名的地点了。').waitFor();
  assert.equal(await errorOf(page, '地点名称'), '这个镇已经有同名的地点了。');
  await form.getByRole('button', { name: '取消' }).click();

  // Corrected in place: a new name, another town, no position.
  const renamed = '庵埠镇测试综合农贸市场';
  await added.getByRole('button', { name: `修改 ${name}` }).click();
  await form.getByLabel('地点名称').fill(renamed);
  await form.getByLabel('所在镇（街道）').selectOption('庵埠镇');
  await form.getByRole('button', { name: '清除位置' }).click();
  assert.equal(await form.getByLabel('纬度').inputValue(), '');
  await shot(page, 'places-editing');
  await form.getByRole('button', { name: '保存地点' }).click();
  await page.getByRole('status').filter({ hasText: `已保存「${renamed}」的修改` }).waitFor();
  const corrected = rows.filter({ hasText: renamed });
  await corrected.getByText('未定位').waitFor();
  await corrected.getByText('刚刚保存').waitFor();
  await shot(page, 'places-corrected');

  places = await residentsSearch(page.request, 'market', '测试综合');
  assert.deepEqual(
    places.map((p) => [p.name, p.town, p.position ?? null]),
    [[renamed, '庵埠镇', null]],
  );
  assert.deepEqual(await residentsSearch(page.request, 'market', name), []);

  // Nothing found: said plainly, with the way to add it.
  await page.getByLabel('搜索地点').fill('没有这个地方');
  await page.getByText('没有找到“没有这个地方”').waitFor();
  await shot(page, 'places-none');
  await page.getByRole('button', { name: '添加新地点“没有这个地方”' }).click();
  assert.equal(await form.getByLabel('地点名称').inputValue(), '没有这个地方');
  await form.getByRole('button', { name: '取消' }).click();
  // The browser logs the refused duplicate (409) as a failed request; nothing else.
  assert.deepEqual(problems.filter((p) => !p.includes('409 (Conflict)')), []);
  await context.close();
});

test('a lead department keeps only its own category', async () => {
  // The admin makes a water department account through the API.
  const admin = await phone(browser);
  await signInAsAdmin(admin.page);
  const session = await (await admin.page.request.get(`${BASE}/api/v1/session`)).json();
  const created = await admin.page.request.post(`${BASE}/api/v1/staff`, {
    headers: { 'x-csrf-token': session.csrf_token },
    data: {
      username: 'ditch.chen',
      display_name: '陈水生',
      role: { kind: 'department', category: 'ditch' },
      password: 'ditch-chen-2026',
    },
  });
  assert.equal(created.status(), 201, await created.text());
  await admin.context.close();

  const { context, page, problems } = await phone(browser);
  await page.goto(`${BASE}/staff/`);
  await page.getByLabel('用户名').fill('ditch.chen');
  await page.getByLabel('密码', { exact: true }).fill('ditch-chen-2026');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('link', { name: '地点库' }).click();
  await page.getByText('本部门负责：十条最差乡村沟渠').waitFor();
  assert.equal(await page.getByRole('navigation', { name: '类别' }).count(), 0, 'no tabs');
  // Another category in the address still shows its own.
  await page.goto(`${BASE}/staff/places?category=market`);
  await page.getByText('本部门负责：十条最差乡村沟渠').waitFor();
  const rows = page.getByRole('list', { name: '搜索结果' }).getByTestId('register-place');
  await rows.first().waitFor();
  for (const row of await rows.allInnerTexts()) assert.match(row, /排水沟|灌溉渠/);
  // Its form has no category picker: a new place is a ditch.
  await page.getByRole('button', { name: /添加地点/ }).first().click();
  assert.equal(await page.getByLabel('类别').count(), 0);
  await page.getByLabel('地点名称').fill('浮洋镇测试排水沟');
  await page.getByLabel('所在镇（街道）').selectOption('浮洋镇');
  await page.getByRole('button', { name: '保存地点' }).click();
  await page.getByText('已添加「浮洋镇测试排水沟」').waitFor();
  await shot(page, 'places-department');
  const places = await residentsSearch(page.request, 'ditch', '浮洋镇测试');
  assert.deepEqual(places.map((p) => p.name), ['浮洋镇测试排水沟']);
  // No poster for departments.
  assert.equal(await page.getByRole('link', { name: '宣传海报' }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the poster: QR code, dates and steps; printed alone on one A4 page', async () => {
  const { context, page, problems } = await phone(browser);
  await signInAsAdmin(page);
  await page.goto(`${BASE}/staff/`);
  await page.getByRole('link', { name: '宣传海报' }).click();
  await page.waitForURL(`${BASE}/staff/poster`);

  const poster = page.getByTestId('poster');
  const qr = poster.getByRole('img', { name: '网上推荐二维码' });
  await qr.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector('.poster-qr');
    return img?.complete && img.naturalWidth > 0;
  });
  const box = await qr.boundingBox();
  assert.ok(box.width > 140, `the QR code is large on a phone (${box.width}px)`);

  const text = await poster.innerText();
  assert.match(text, /潮州创卫/);
  assert.match(text, /最差四个十/);
  assert.match(text, /网上推荐/);
  for (const step of ['扫码', '选类别', '拍照', '提交']) assert.ok(text.includes(step), step);
  for (const kind of ['十个最差乡村', '十条最差乡村沟渠', '十条最差乡村道路', '十个最差农贸市场']) {
    assert.ok(text.includes(kind), kind);
  }
  const dates = await page.getByTestId('poster-dates').innerText();
  assert.match(dates, /北京时间/);
  assert.match(dates, /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
  const host = new URL(BASE).host;
  assert.equal(await page.getByTestId('poster-link').innerText(), `${host}/nominate`);
  await assertPosterFits(page, 'on a phone');
  await shot(page, 'poster');
  await previewShot(page, 'poster-preview');

  // 打印 opens the browser's print dialog.
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => { window.printed += 1; };
  });
  await page.getByRole('button', { name: '打印' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);

  // On paper: the poster alone.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.app-header').isVisible(), false, 'header hidden');
  assert.equal(await page.getByRole('navigation', { name: '主导航' }).isVisible(), false, 'nav hidden');
  assert.equal(await page.getByRole('button', { name: '打印' }).isVisible(), false, 'button hidden');
  assert.equal(await page.getByRole('heading', { name: '宣传海报' }).isVisible(), false, 'title hidden');
  assert.ok(await poster.isVisible());
  await shot(page, 'poster-print-phone');
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await assertPosterFits(page, 'printed');
  await shot(page, 'poster-print-a4');

  // One A4 page, with the page size the stylesheet asks for.
  const pdf = await page.pdf({ preferCSSPageSize: true });
  await writeFile(path.join(SHOTS, 'poster.pdf'), pdf);
  const raw = pdf.toString('latin1');
  assert.equal((raw.match(/\/Type\s*\/Page\b/g) ?? []).length, 1, 'one page');
  const media = raw.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(media, 'a media box');
  assert.ok(Math.abs(Number(media[1]) - 595.3) < 1 && Math.abs(Number(media[2]) - 841.9) < 1, `A4: ${media[0]}`);

  // Back on screen, in English: the same poster, in the other language.
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'EN' }).click();
  await poster.getByText('Scan with WeChat to nominate').waitFor();
  await assertPosterFits(page, 'in English');
  await previewShot(page, 'poster-english');
  await page.getByRole('button', { name: '中文' }).click();
  assert.deepEqual(problems, []);
  await context.close();
});
