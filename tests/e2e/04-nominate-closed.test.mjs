// After the admin test moved the round to screening: /nominate says plainly that
// nominations are over, with the dates, instead of a form; the list stays public.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phone, shot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('outside the nomination phase the form is replaced by a plain notice', async () => {
  const { context, page, problems } = await phone(browser);
  await page.goto(`${BASE}/nominate`);
  const closed = page.getByTestId('nomination-closed');
  await closed.waitFor();
  const text = await closed.innerText();
  assert.match(text, /本期网上推荐已结束/);
  assert.match(text, /部门筛选/);
  assert.match(text, /北京时间/);
  assert.equal(await page.getByRole('radio').count(), 0, 'no form');
  await shot(page, 'nominate-closed');

  await closed.getByRole('link', { name: '查看推荐公示' }).click();
  await page.getByRole('link', { name: '农贸市场' }).click();
  await page.getByTestId('nominated-place').filter({ hasText: '彩塘镇华美农贸市场' }).waitFor();

  await page.goto(BASE);
  await page.getByTestId('current-phase').filter({ hasText: '部门筛选' }).waitFor();
  assert.equal(await page.getByTestId('nominate-cta').count(), 0, 'no call to nominate');
  assert.deepEqual(problems, []);
  await context.close();
});
