// The public home page on a phone in WeChat: the round's phase in Chinese, its dates,
// a countdown, the language switch, and the 404 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, WECHAT_ANDROID, WECHAT_IOS, launch, phone, shot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [name, ua] of [['android', WECHAT_ANDROID], ['ios', WECHAT_IOS]]) {
  test(`home shows the current phase in Chinese (WeChat ${name})`, async () => {
    const { context, page, problems } = await phone(browser, ua);
    await page.goto(BASE);
    const phase = page.getByTestId('current-phase');
    await phase.waitFor({ timeout: 15000 });
    assert.equal((await phase.textContent()).trim(), '网上推荐');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    const body = await page.locator('body').innerText();
    assert.match(body, /距离本阶段结束还有/);
    assert.match(body, /\d+天 \d{2}小时/, 'a running countdown');
    assert.match(body, /北京时间/);
    // Nothing overflows the phone's width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await shot(page, `home-${name}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the language switch changes the page to English and is remembered', async () => {
  const { context, page } = await phone(browser);
  await page.goto(BASE);
  await page.getByTestId('current-phase').waitFor();
  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByTestId('current-phase').filter({ hasText: 'Nomination' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.getByTestId('current-phase').filter({ hasText: 'Nomination' }).waitFor();
  await shot(page, 'home-english');
  await context.close();
});

test('an unknown address shows a Chinese 404 with a way home', async () => {
  const { context, page } = await phone(browser);
  const res = await page.goto(`${BASE}/no/such/page`);
  assert.equal(res.status(), 200, 'client routes are served the app');
  await page.getByText('返回首页').first().waitFor();
  await shot(page, 'not-found');
  await page.getByText('返回首页').first().click();
  await page.getByTestId('current-phase').waitFor();
  await context.close();
});

test('the page keeps working when the API is unreachable, with a retry', async () => {
  const { context, page } = await phone(browser);
  await page.route('**/api/v1/rounds/current', (route) => route.abort('internetdisconnected'));
  await page.goto(BASE);
  await page.getByText('网络连接失败').first().waitFor();
  await shot(page, 'home-offline-error');
  await page.unroute('**/api/v1/rounds/current');
  await page.getByRole('button', { name: '重试' }).click();
  await page.getByTestId('current-phase').waitFor();
  await context.close();
});
