// Score sheets (/office/sheets, a wasm of its own beside the office app), on a phone.
// The market department signs in, follows the workbench's link to the sheets, sees its
// own category only, copies the approved (demo) market sheet as a new version, changes
// an item's points: the running total drops below 100 with the domain's message beside
// it, and a deduction larger than its item is flagged under its box; it fixes both and
// saves the draft, and previews it as an inspector will see it. The admin then approves
// the draft in the confirm sheet — read-only from then on — and pins it for the round
// (本轮使用), or, once field scoring runs (after 09), is told why the round's sheet
// cannot change.
//
// The office's nav reaches the sheets with a full page load and the sheets app's nav
// leads back the same way.
//
// Self-sufficient (`E2E_ONLY=10 cargo xtask e2e`): the demo seed's approved sheets are
// all it needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phone, screen, shot, signInAsAdmin, overflows } from './helpers.mjs';
import { adminApi } from './ballot-data.mjs';

const DEPT = { username: 'sheets_market', password: 'Sheet-Password-2026' };

let browser;
let admin;
let draftId;
before(async () => {
  browser = await launch();
  admin = await adminApi();
  const made = await admin.send('POST', '/api/v1/staff', {
    username: DEPT.username,
    display_name: '市场监管局 评分表',
    role: { kind: 'department', category: 'market' },
    password: DEPT.password,
  });
  assert.ok([201, 409].includes(made.status), JSON.stringify(made.json));
});
after(async () => { await browser?.close(); });

/** The wasm this page runs: the name of its module script's file. */
async function wasmApp(page) {
  return page.evaluate(() => {
    const link = document.querySelector('link[rel="modulepreload"], script[type="module"][src]');
    const inline = [...document.querySelectorAll('script[type="module"]')].map((s) => s.textContent).join(' ');
    return (link?.getAttribute('href') ?? link?.getAttribute('src') ?? '') + ' ' + inline;
  });
}

async function signIn(page, { username, password }) {
  await page.goto(`${BASE}/staff/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}

test('the market department copies the approved sheet, breaks and fixes the total, and saves', async () => {
  const before = (await admin.get('/api/v1/sheets?category=market')).json.versions;
  const approved = before.find((v) => v.status === 'approved');
  assert.ok(approved, 'the demo seed approved a market sheet');
  assert.ok(!before.some((v) => v.status === 'draft'), 'no market draft yet');

  const { context, page, problems } = await phone(browser);
  await signIn(page, DEPT);
  // The workbench links to the sheets (another wasm: a full page load).
  const toSheets = page.getByRole('link', { name: '现场评分表' });
  assert.equal(await toSheets.getAttribute('rel'), 'external');
  await toSheets.click();
  await page.waitForURL(`${BASE}/office/sheets`);
  await page.getByRole('heading', { name: '现场评分表' }).waitFor();
  const versions = page.getByTestId('sheet-versions');
  await versions.getByText('已批准').first().waitFor();
  assert.equal(await page.getByRole('navigation', { name: '评选类别' }).count(), 0, 'a department sees its own category, no tabs');
  assert.equal(await page.getByRole('link', { name: '评分表', exact: true }).count(), 1, 'the office nav has the sheets');
  assert.ok(!(await overflows(page)));
  await shot(page, 'sheets-list-department');

  await page.getByRole('button', { name: '复制为新版本' }).click();
  await page.waitForURL(/\/office\/sheets\/\d+$/);
  draftId = Number(page.url().split('/').pop());
  await page.getByRole('heading', { name: '编辑评分表' }).waitFor();
  await page.getByTestId('sheet-meta').getByText('草稿').waitFor();
  const total = page.getByTestId('sheet-total');
  assert.match(await total.innerText(), /100\s*\/100/);
  await page.getByText('合计正好100分。').waitFor();

  // The first item (扣分, 8 points, 2 a finding): 8 → 5 and the total drops to 97.
  const item = page.getByTestId('editor-item').first();
  const max = item.getByLabel('分值', { exact: true });
  assert.equal(await max.inputValue(), '8');
  await max.fill('5');
  assert.match(await total.innerText(), /97\s*\/100/);
  await page.getByTestId('total-problem').getByText('各项分值合计须为100分，现在是97分。').waitFor();
  // A deduction larger than its item is flagged under its own box.
  const per = item.getByLabel('每处扣分', { exact: true });
  await per.fill('6');
  await item.getByText('每处扣分须至少1分，且不超过这一项的分值。').waitFor();
  assert.equal(await per.getAttribute('aria-invalid'), 'true');
  await max.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
  await screen(page, 'sheets-editor-total-97');
  // Saving is refused on the phone: nothing goes out while the sheet has problems.
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('还有问题没改好，请看标红的地方。').waitFor();
  assert.equal((await admin.get(`/api/v1/sheets/${draftId}`)).json.content.sections[0].items[0].rule.max, 8);

  // Fixed: the wording changes too, and the total is 100 again.
  await per.fill('2');
  await max.fill('8');
  const wording = '市场内地面平整、干净，无积水、无垃圾（每发现一处扣2分）。';
  await item.getByLabel('评分标准').fill(wording);
  assert.match(await total.innerText(), /100\s*\/100/);
  assert.equal(await page.getByTestId('total-problem').count(), 0);
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('草稿已保存。').waitFor();
  const saved = (await admin.get(`/api/v1/sheets/${draftId}`)).json;
  assert.equal(saved.status, 'draft');
  assert.equal(saved.content.sections[0].items[0].text, wording);
  assert.equal(saved.edited_by, '市场监管局 评分表');
  assert.ok(!(await overflows(page)));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screen(page, 'sheets-editor-saved');

  // How an inspector will see it: the field app's controls, nothing saved.
  await page.getByRole('button', { name: '预览', exact: true }).click();
  await page.getByTestId('sheet-preview').getByText(wording).waitFor();
  await screen(page, 'sheets-preview');
  await page.getByRole('button', { name: '编辑', exact: true }).click();
  await item.waitFor();

  // A department writes; the office approves.
  assert.equal(await page.getByRole('button', { name: '批准', exact: true }).count(), 0);
  await page.getByText('批准和选用评分表由市创卫办负责。').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the admin approves the draft in a confirm sheet and pins it for the round', async () => {
  assert.ok(draftId, 'the department saved a draft');
  const { context, page, problems } = await phone(browser);
  await signInAsAdmin(page);
  // From the office's home, the nav's 评分表 is another wasm: a full page load.
  await page.goto(`${BASE}/office/`);
  await page.getByRole('heading', { name: '市创卫办监督台' }).waitFor();
  const navSheets = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '评分表', exact: true });
  assert.equal(await navSheets.getAttribute('rel'), 'external');
  assert.match(await wasmApp(page), /pingxuan-office-[0-9a-f]+\.js/);
  await navSheets.click();
  await page.waitForURL(`${BASE}/office/sheets`);
  await page.getByRole('navigation', { name: '评选类别' }).waitFor();
  assert.match(await wasmApp(page), /pingxuan-office-sheets-[0-9a-f]+\.js/, 'the sheets app, not the office app');
  await page.getByRole('navigation', { name: '评选类别' }).getByRole('link', { name: '农贸市场' }).click();
  await page.waitForURL(`${BASE}/office/sheets?category=market`);
  const card = page.getByTestId('sheet-versions').getByRole('link').filter({ hasText: '草稿' });
  await card.waitFor();
  await shot(page, 'sheets-list-admin');
  await card.click();
  await page.waitForURL(`${BASE}/office/sheets/${draftId}`);

  await page.getByRole('button', { name: '批准', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '批准这个版本？' });
  await dialog.waitFor();
  await screen(page, 'sheets-approve-confirm');
  await dialog.getByRole('button', { name: '确认批准' }).click();
  await page.getByRole('heading', { name: '评分表', exact: true }).waitFor();
  await page.getByText('这个版本已批准，不能再修改。要修改，请复制为新版本。').waitFor();
  assert.equal(await page.getByRole('button', { name: '保存草稿' }).count(), 0);
  assert.ok(await page.getByTestId('editor-item').first().getByLabel('分值', { exact: true }).isDisabled());
  const approved = (await admin.get(`/api/v1/sheets/${draftId}`)).json;
  assert.equal(approved.status, 'approved');
  assert.ok(approved.approved_by);

  const round = (await admin.get('/api/v1/rounds/current')).json.round;
  const pins = (await admin.get(`/api/v1/rounds/${round.id}/sheets`)).json;
  if (pins.editable) {
    await page.getByRole('button', { name: '本轮使用' }).click();
    await page.getByTestId('pin-state').getByText('已设为本轮使用。').waitFor();
    const after = (await admin.get(`/api/v1/rounds/${round.id}/sheets`)).json;
    assert.equal(after.pinned.find((v) => v.category === 'market').id, draftId);
    await page.getByTestId('sheet-meta').getByText('本轮在用').waitFor();
  } else {
    // Field scoring runs (after 09): the round's market sheet is fixed, and says so.
    await page.getByTestId('pin-state').getByText('现场评分已经开始，本轮使用的评分表已经固定，不能再更换。').waitFor();
    assert.equal(await page.getByRole('button', { name: '本轮使用' }).count(), 0);
    const refused = await admin.send('PUT', `/api/v1/rounds/${round.id}/sheets/market`, { sheet_id: draftId });
    assert.equal(refused.status, 409);
  }
  assert.ok(!(await overflows(page)));
  await shot(page, 'sheets-approved-admin');

  // Back on the list, the version is approved (and in use when it could be pinned).
  await page.getByRole('link', { name: '返回评分表列表' }).click();
  await page.getByTestId('sheet-versions').waitFor();
  const status = pins.editable ? '本轮在用' : '已批准';
  await page.getByTestId('sheet-versions').getByRole('link').first().getByText(status).waitFor();
  // The nav's 监督台 leads back to the office app, a full page load.
  const navOffice = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '监督台' });
  assert.equal(await navOffice.getAttribute('rel'), 'external');
  await navOffice.click();
  await page.waitForURL(`${BASE}/office/`);
  await page.getByRole('heading', { name: '市创卫办监督台' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
