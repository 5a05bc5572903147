// The office's path: sign in, advance the phase, and see the home page follow; manage
// staff accounts. Runs after 01-home and 02-nominate (the phase moves on here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, overflows, phone, screen, shot, signInAsAdmin } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the residents\' nav leads to the staff app, and its nav back home', async () => {
  const { context, page, problems } = await phone(browser);
  await page.goto(BASE);
  await page.getByTestId('current-phase').waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作人员' }).click();
  await page.waitForURL(`${BASE}/staff/`);
  await page.getByLabel('用户名').waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' }).click();
  await page.waitForURL(`${BASE}/`);
  await page.getByTestId('current-phase').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a wrong password is refused in Chinese', async () => {
  const { context, page } = await phone(browser);
  await page.goto(`${BASE}/staff/`);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByText('用户名或密码不对').waitFor();
  await shot(page, 'login-error');
  await context.close();
});

test('the admin pages ask strangers to sign in', async () => {
  const { context, page } = await phone(browser);
  await page.goto(`${BASE}/staff/round`);
  await page.getByText('请先登录').first().waitFor();
  await context.close();
});

test('an admin signs in, advances the phase, and the home page shows it', async () => {
  const { context, page, problems } = await phone(browser);
  await page.goto(`${BASE}/staff/`);
  await page.getByLabel('用户名').waitFor();
  await shot(page, 'login');
  await signInAsAdmin(page);
  await page.getByRole('button', { name: /进入下一阶段：部门筛选/ }).waitFor();
  await shot(page, 'admin-round');
  await page.getByRole('button', { name: /进入下一阶段：部门筛选/ }).click();
  await page.getByRole('button', { name: '确认' }).click();
  await page.getByText('已进入下一阶段').waitFor();
  await page.goto(BASE);
  await page.getByTestId('current-phase').filter({ hasText: '部门筛选' }).waitFor();
  await shot(page, 'home-after-advance');
  // Residents see the same thing in a fresh browser.
  const other = await phone(browser);
  await other.page.goto(BASE);
  await other.page.getByTestId('current-phase').filter({ hasText: '部门筛选' }).waitFor();
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('an admin creates a department account and it appears in the list', async () => {
  const { context, page, problems } = await phone(browser);
  await signInAsAdmin(page);
  await page.goto(`${BASE}/staff/accounts`);
  await page.getByLabel('用户名').waitFor();
  await page.getByLabel('用户名').fill('market.lin');
  await page.getByLabel('姓名').fill('林晓红');
  await page.getByLabel('初始密码').fill('market-lin-2026');
  await page.getByLabel('角色').selectOption({ label: '市市场监管局' });
  await page.getByRole('button', { name: '创建账号' }).click();
  await page.getByText('market.lin').waitFor();
  await shot(page, 'admin-staff');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an admin creates a town account with its town, and the town official signs in to its tasks', async () => {
  const { context, page, problems } = await phone(browser);
  await signInAsAdmin(page);
  await page.goto(`${BASE}/staff/accounts`);
  await page.getByLabel('用户名').fill('xihu.wang');
  await page.getByLabel('姓名').fill('王海燕');
  await page.getByLabel('初始密码').fill('xihu-wang-2026');
  // 镇（街道）整改 asks for the town, and will not create the account without one.
  await page.getByLabel('所在镇（街道）').waitFor({ state: 'detached' });
  await page.getByLabel('角色').selectOption({ label: '镇（街道）整改' });
  const town = page.getByLabel('所在镇（街道）');
  await page.getByRole('button', { name: '创建账号' }).click();
  await page.getByText('请从列表中选择所在的镇（街道）。').waitFor();
  assert.equal(await town.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByText('xihu.wang').count(), 0, 'nothing was created');
  await screen(page, 'admin-staff-town-error');
  await town.selectOption('西湖街道');
  await page.getByText('请从列表中选择所在的镇（街道）。').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '创建账号' }).click();
  const row = page.locator('.staff-item', { hasText: 'xihu.wang' });
  await row.waitFor();
  assert.match(await row.locator('.staff-meta').innerText(), /镇（街道）整改 · 西湖街道/);
  assert.equal(await overflows(page), false);
  await row.scrollIntoViewIfNeeded();
  await screen(page, 'admin-staff-town');
  assert.deepEqual(problems, []);
  await context.close();

  // The town's official signs in and reaches the town's rectification tasks.
  const official = await phone(browser);
  await official.page.goto(`${BASE}/staff/`);
  await official.page.getByLabel('用户名').fill('xihu.wang');
  await official.page.getByLabel('密码', { exact: true }).fill('xihu-wang-2026');
  await official.page.getByRole('button', { name: '登录', exact: true }).click();
  await official.page.getByRole('link', { name: '整改任务' }).click();
  await official.page.waitForURL(`${BASE}/rectify/`);
  await official.page.getByText('暂时没有整改任务').waitFor();
  await screen(official.page, 'rectify-town-empty');
  assert.deepEqual(official.problems, []);
  await official.context.close();
});
