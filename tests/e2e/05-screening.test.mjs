// Department screening on a phone: the office merges a suggested duplicate (and takes
// it back once), shortlists 20 markets — every nominated one with a cover picked from
// its photos, the rest from the register with the department's reason and its own
// photo — saves, and finds the 20 again after a reload.
//
// Runs after 03 moved the round to screening, on the nominations 025 sent while the
// round still took them (fifteen markets, one of them also under a second name beside
// the first; see screening-data.mjs). Run alone (`E2E_ONLY=05 cargo xtask e2e`) the
// round is still taking nominations: then 05 sends them itself and moves the round on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, launch, phone, signInAsAdmin } from './helpers.mjs';
import {
  DUPLICATE, ORIGINAL, PROBLEMS, api, makeJpegs, nominatedMarkets, registerMarkets, seedScreeningNominations,
} from './screening-data.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? 'tests/e2e/screenshots';

const SIZE = 20;
const TITLE = '华美农贸市场（彩塘镇）';


/** What the phone's screen shows (a full-page shot cannot show the pinned bars). */
async function screen(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Alone, the round still takes nominations: residents nominate (see
 *  screening-data.mjs), then the office moves it to screening through the signed-in
 *  page's cookies. In the full run 025 nominated them before 03 moved the round on. */
async function nominateIfStillOpen(context, page) {
  const { json } = await api('/api/v1/rounds/current');
  const round = json.round;
  if (round.phase !== 'nomination') return;
  await seedScreeningNominations(context);
  const session = await (await page.request.get(`${BASE}/api/v1/session`)).json();
  const moved = await page.request.post(`${BASE}/api/v1/rounds/${round.id}/advance`, {
    data: { from: 'nomination' },
    headers: { 'x-csrf-token': session.csrf_token },
  });
  assert.equal(moved.status(), 200, await moved.text());
}

test('staff merge a duplicate and shortlist 20', async () => {
  const { context, page, problems } = await phone(browser);
  await signInAsAdmin(page);
  await nominateIfStillOpen(context, page);
  const nominatedHere = await nominatedMarkets();

  // From the workbench to screening; the office picks the markets' tab.
  await page.goto(`${BASE}/staff/`);
  await page.getByRole('link', { name: '推荐筛选' }).click();
  await page.waitForURL(`${BASE}/staff/screening`);
  await page.getByRole('navigation', { name: '评选范围' }).getByRole('link', { name: '农贸市场' }).click();
  await page.waitForURL(/category=market/);
  const places = page.getByTestId('screening-place');
  await places.first().waitFor();
  await page.getByText(/十个最差农贸市场：共 \d+ 条推荐/).waitFor();
  assert.equal(await page.getByTestId('screening-locked').count(), 0, 'screening is open');
  const original = places.filter({ has: page.getByRole('heading', { name: ORIGINAL, exact: true }) });
  await original.waitFor();
  await screen(page, 'screening-places');

  {
    // The planted pair is suggested, with its reasons; one tap merges it, 撤销 takes
    // it back, and one more tap merges it again.
    const pair = page.getByTestId('duplicate').filter({ hasText: DUPLICATE });
    await pair.waitFor();
    const reasons = await pair.locator('.chip').allInnerTexts();
    assert.ok(reasons.includes('名称相近'), `reasons: ${reasons}`);
    assert.ok(reasons.some((r) => /^相距约\d+米$/.test(r)), `reasons: ${reasons}`);
    await screen(page, 'screening-duplicates');
    // 02's nomination of the market adds one in the full run: counts are relative.
    const count = async () => Number((await original.locator('.badge.count').innerText()).match(/(\d+) 人推荐/)[1]);
    const before = await count();
    const merge = pair.getByRole('button', { name: `把「${DUPLICATE}」并入「${ORIGINAL}」` });
    await merge.click();
    await page.getByRole('status').filter({ hasText: `已把「${DUPLICATE}」的1条推荐并入「${ORIGINAL}」` }).waitFor();
    await places.filter({ hasText: DUPLICATE }).waitFor({ state: 'detached' });
    assert.equal(await count(), before + 1);
    await screen(page, 'screening-merged');
    await page.getByRole('button', { name: '撤销' }).click();
    await places.filter({ has: page.getByRole('heading', { name: DUPLICATE }) }).waitFor();
    assert.equal(await count(), before);
    await pair.getByRole('button', { name: `把「${DUPLICATE}」并入「${ORIGINAL}」` }).click();
    await page.getByRole('status').filter({ hasText: '已把「华美市场」' }).waitFor();
    await places.filter({ hasText: DUPLICATE }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '关闭' }).click();
    assert.equal(await page.getByTestId('duplicate').count(), 0);
  }

  // The merged place's nominations, with the staff-only contact details.
  await original.getByRole('button', { name: /查看\d+条推荐/ }).click();
  const nominations = original.getByTestId('nomination');
  await nominations.first().waitFor();
  assert.match(await nominations.first().innerText(), /TJ\d{2}-\d{6}/);
  assert.match(await original.innerText(), /以下仅工作人员可见/);
  assert.match(await original.innerText(), /推荐时的位置/);
  await nominations.first().scrollIntoViewIfNeeded();
  await screen(page, 'screening-nominations');

  {
    // One of its nominations was about another market: moved there, found in the
    // register by name.
    const misfiled = nominations.filter({ hasText: PROBLEMS[14] });
    await misfiled.getByRole('button', { name: '移到其他地点' }).click();
    const target = (await registerMarkets()).find((p) => !nominatedHere.includes(p.name));
    await misfiled.getByLabel('搜索地点').fill(target.name);
    await misfiled.getByRole('button', { name: new RegExp(`^${target.name}`) }).click();
    await screen(page, 'screening-split');
    await misfiled.getByRole('button', { name: '移过去' }).click();
    await places.filter({ has: page.getByRole('heading', { name: target.name, exact: true }) }).waitFor();
    assert.match(await original.locator('.badge.count').innerText(), new RegExp(`${before} 人推荐`));

    // Another is set aside, with the reason; its market can no longer be picked.
    const lastName = nominatedHere.at(-1);
    const last = places.filter({ has: page.getByRole('heading', { name: lastName, exact: true }) });
    await last.getByRole('button', { name: /查看\d+条推荐/ }).click();
    await last.getByRole('button', { name: '不采纳' }).click();
    await last.getByRole('button', { name: '确认不采纳' }).click();
    await last.getByText('请写明不采纳的理由（2到200个字）。').waitFor();
    await last.getByLabel(/不采纳的理由/).fill('照片拍的是居民小区，不是农贸市场。');
    await last.getByRole('button', { name: '确认不采纳' }).click();
    const rejected = last;
    await rejected.getByText('未采纳：照片拍的是居民小区，不是农贸市场。').waitFor();
    assert.equal(await rejected.getByRole('button', { name: '入选', exact: true }).isDisabled(), true);
    await rejected.scrollIntoViewIfNeeded();
    await screen(page, 'screening-rejected');
  }

  // Every market residents nominated (and not set aside) goes on the list.
  const picks = places.getByRole('button', { name: '入选', exact: true }).and(page.locator(':enabled'));
  const nominated = await picks.count();
  assert.equal(nominated, 15);
  for (let i = 0; i < nominated; i++) await picks.nth(i).click();
  assert.equal(await places.first().getByRole('button', { name: '入选', exact: true }).getAttribute('aria-pressed'), 'true');
  const onScreen = await places.getByRole('heading').allInnerTexts();
  const shortlistTab = page.getByRole('tab', { name: /候选名单/ });
  assert.match(await shortlistTab.innerText(), new RegExp(`已选 ${nominated} / ${SIZE}`));

  // The shortlist: a cover picked by tapping one of each place's photos.
  await shortlistTab.click();
  const candidates = page.getByTestId('candidate');
  await candidates.first().waitFor();
  assert.equal(await candidates.count(), nominated);
  for (let i = 0; i < nominated; i++) {
    const covers = candidates.nth(i).getByRole('radio');
    await covers.last().check();
  }
  // A plainer public title for the merged market.
  const first = candidates.filter({ hasText: ORIGINAL });
  await first.getByLabel('公开标题').fill(TITLE);

  // The rest from the register: residents did not nominate them, so the department
  // says why, and covers each with its own photo.
  const taken = new Set([ORIGINAL, DUPLICATE, ...nominatedHere, ...onScreen]);
  const extra = (await registerMarkets()).filter((p) => !taken.has(p.name)).slice(0, SIZE - nominated);
  assert.equal(extra.length, SIZE - nominated, 'enough register markets');
  const ownPhotos = await makeJpegs(context, extra.map((_, i) => 500 + i));
  for (const [i, place] of extra.entries()) {
    await page.getByRole('button', { name: '从地点库添加' }).click();
    await page.getByLabel('搜索地点').fill(place.name);
    await page.getByRole('button', { name: new RegExp(`^${place.name}`) }).click();
    await page.getByRole('button', { name: '列入候选名单' }).click();
    const added = candidates.last();
    await added.getByText('部门添加').waitFor();
    await added.getByLabel(/说明/).fill(`${place.name}地面污水横流，垃圾清运不及时。`);
    // The last one's reason is left out at first, to see the problem shown there.
    if (i < extra.length - 1) {
      await added.getByLabel(/部门掌握的情况/).fill(`11月检查发现${place.name}排水不畅、垃圾堆积，至今未整改。`);
    }
    await added.getByLabel('上传部门照片').setInputFiles({ name: `dept-${i}.jpg`, mimeType: 'image/jpeg', buffer: ownPhotos[i] });
    await added.getByRole('radio', { name: '第1张照片' }).waitFor();
    assert.equal(await added.getByRole('radio', { name: '第1张照片' }).isChecked(), true);
  }
  assert.equal(await candidates.count(), SIZE);
  await page.getByText(`已选 ${SIZE} / ${SIZE}`).first().waitFor();
  await screen(page, 'screening-shortlist');

  // Saving names the missing reason beside its candidate, in Chinese.
  await page.getByRole('button', { name: '保存候选名单' }).click();
  const last = candidates.last();
  await last.getByText('市民没有推荐这个地点，请写明部门掌握的情况。').waitFor();
  await page.getByText('有1处需要修改').waitFor();
  await screen(page, 'screening-shortlist-error');
  await last.getByLabel(/部门掌握的情况/).fill('市场监管局12月巡查：地面污水横流，多次责令整改未果。');
  await page.getByRole('button', { name: '保存候选名单' }).click();
  await page.getByText('候选名单已保存。').waitFor();
  await screen(page, 'screening-saved');

  // After a reload the 20 are still there, with their titles and covers.
  await page.reload();
  await page.getByRole('tab', { name: /候选名单/ }).click();
  await candidates.nth(SIZE - 1).waitFor();
  assert.equal(await candidates.count(), SIZE);
  await page.getByTestId('picked-count').filter({ hasText: `已选 ${SIZE} / ${SIZE}` }).waitFor();
  assert.equal(await candidates.first().getByLabel('公开标题').inputValue(), TITLE);
  for (let i = 0; i < SIZE; i++) {
    assert.equal(await candidates.nth(i).locator('input[type=radio]:checked').count(), 1, `candidate ${i + 1} has a cover`);
  }
  assert.match(await last.getByLabel(/部门掌握的情况/).inputValue(), /市场监管局/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  assert.deepEqual(problems, []);
  await context.close();
});
