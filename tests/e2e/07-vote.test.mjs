// A resident votes from the link shared in a WeChat group, on a phone: /vote/, the
// market category, one tap to choose, 投票, the SMS verification (the code read from the
// development SMS provider's lines in the server's log), 确认投票, the receipt; a reload
// still shows 已投票 with the same receipt; the same number verified on a second phone
// is told 已投票 with that receipt too.
//
// Self-sufficient: voting-data.mjs puts the round in voting through the admin API.
// Runs alone too: `E2E_ONLY=07 cargo xtask e2e`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BASE, WECHAT_IOS, launch, phone, shot, signInAsAdmin } from './helpers.mjs';
import { SIZE, ensureVoting } from './voting-data.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? 'tests/e2e/screenshots';
const LOG = process.env.E2E_SERVER_LOG;
const NUMBER = '13812345678';
const MASKED = '138****5678';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What the phone's screen shows now (the bar and sheets are pinned to it). */
async function screen(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** True when the page is wider than the phone (something would scroll sideways). */
async function overflows(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Console problems other than the browser's note on an answer with one of `statuses`. */
function unexpected(problems, statuses = []) {
  return problems.filter(
    (p) => !statuses.some((s) => p.includes(`the server responded with a status of ${s}`)),
  );
}

/** Every code the development SMS provider "sent" to the masked number, oldest first. */
async function codesInLog() {
  assert.ok(LOG, 'E2E_SERVER_LOG names the server log (cargo xtask e2e sets it)');
  const text = await readFile(LOG, 'utf8');
  const masked = `+86${MASKED}`.replace(/[+*]/g, '\\$&');
  const line = new RegExp(`DEVELOPMENT SMS PROVIDER[^\\n]*? code (\\d{6}) for ${masked}`, 'g');
  return [...text.matchAll(line)].map((m) => m[1]);
}

/** The newest code, waiting until there are more than `before` codes in the log. */
async function newCode(before) {
  for (let i = 0; i < 100; i++) {
    const codes = await codesInLog();
    if (codes.length > before) return codes.at(-1);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no SMS code appeared in the server log');
}

let round;
let receipt;
let chosen;

test('the voting link: four categories, a link preview, and the home page leads there', async () => {
  round = await ensureVoting(browser);
  // What WeChat reads for the link preview.
  const html = await (await fetch(`${BASE}/vote/`)).text();
  for (const property of ['og:title', 'og:description', 'og:image', 'og:type']) {
    assert.match(html, new RegExp(`<meta property="${property}" content="[^"]+"`), property);
  }
  assert.ok(!html.includes('serviceWorker'), 'no service worker');

  assert.ok(!html.includes('pingxuan-wechat'), 'no Official Account here');

  const { context, page, problems } = await phone(browser);
  // In WeChat, but without an Official Account: WeChat's JS-SDK is never asked for.
  const sdkLoads = [];
  await context.route('https://res.wx.qq.com/**', (route) => {
    sdkLoads.push(route.request().url());
    route.abort();
  });
  await page.goto(BASE);
  const cta = page.getByTestId('vote-cta');
  await cta.waitFor();
  assert.equal(await cta.getAttribute('href'), '/vote/');
  assert.equal(await cta.getAttribute('rel'), 'external');
  await shot(page, 'home-voting');
  await cta.click();
  await page.waitForURL(`${BASE}/vote/`);
  const cards = page.getByTestId('vote-category');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 4);
  await page.getByText('投票进行中').waitFor();
  assert.equal(await page.title(), '网上投票 · 潮州创卫·最差评选');
  assert.equal(await overflows(page), false);
  await shot(page, 'vote-home');
  // The language switch works as in the other apps.
  await page.getByRole('button', { name: 'EN' }).click();
  await page.getByRole('heading', { name: 'Online voting' }).waitFor();
  await page.getByRole('link', { name: /Farmers' markets/ }).waitFor();
  await shot(page, 'vote-home-english');
  await page.getByRole('link', { name: /Farmers' markets/ }).click();
  await page.getByRole('heading', { name: "Ten worst farmers' markets" }).waitFor();
  await page.getByTestId('candidate').first().waitFor();
  await page.getByTestId('candidate').first().click();
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  await page.getByRole('dialog', { name: 'Verify your mobile number' }).waitFor();
  assert.equal(await overflows(page), false);
  await screen(page, 'vote-verify-english');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '十个最差农贸市场' }).waitFor();
  assert.deepEqual(sdkLoads, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a resident chooses, verifies by SMS, confirms and keeps the receipt', async () => {
  const { context, page, problems } = await phone(browser);
  await page.goto(`${BASE}/vote/`);
  await page.getByRole('link', { name: /农贸市场/ }).click();
  await page.waitForURL(`${BASE}/vote/market`);
  const cards = page.getByTestId('candidate');
  await cards.first().waitFor();
  assert.equal(await cards.count(), SIZE);
  const box = await cards.nth(0).boundingBox();
  assert.ok(box.height >= 88 && box.width >= 340, `a large touch target: ${JSON.stringify(box)}`);
  // Covers are lazy thumbnails that keep their space while loading.
  const cover = page.locator('img.candidate-cover').first();
  if (await cover.count()) {
    assert.equal(await cover.getAttribute('loading'), 'lazy');
    assert.ok(Number(await cover.getAttribute('width')) > 0);
    assert.ok(Number(await cover.getAttribute('height')) > 0);
  }
  const vote = page.getByRole('button', { name: '投票', exact: true });
  assert.equal(await vote.isDisabled(), true, 'nothing chosen yet');
  await screen(page, 'vote-market');
  await shot(page, 'vote-market-full');

  // Tap 1: choose. (Tapping another moves the single choice.)
  await cards.nth(0).click();
  await cards.nth(1).click();
  assert.equal(await cards.nth(0).getAttribute('aria-pressed'), 'false');
  assert.equal(await cards.nth(1).getAttribute('aria-pressed'), 'true');
  chosen = (await cards.nth(1).locator('.candidate-title').textContent()).trim();
  await page.getByTestId('vote-bar-status').filter({ hasText: `已选 1/1：${chosen}` }).waitFor();
  await screen(page, 'vote-chosen');

  // Tap 2: 投票 — not verified yet, so the verification sheet.
  await vote.click();
  const sheet = page.getByRole('dialog', { name: '验证手机号' });
  await sheet.waitFor();
  const number = sheet.getByLabel('手机号码');
  assert.equal(await number.getAttribute('inputmode'), 'numeric');
  assert.equal(await number.getAttribute('autocomplete'), 'tel');
  // A wrong number is caught on the phone.
  await number.fill('1234');
  await sheet.getByRole('button', { name: '获取验证码' }).click();
  await sheet.getByText('请填写11位中国大陆手机号码。').waitFor();
  await number.fill(NUMBER);
  const before = (await codesInLog()).length;
  await sheet.getByRole('button', { name: '获取验证码' }).click();
  await sheet.getByText(`验证码已发送至${MASKED}`).waitFor();
  await sheet.getByRole('button', { name: /重新获取（\d+秒）/ }).waitFor();
  const code = await newCode(before);
  const codeInput = sheet.getByLabel('短信验证码');
  assert.equal(await codeInput.getAttribute('inputmode'), 'numeric');
  assert.equal(await codeInput.getAttribute('autocomplete'), 'one-time-code');
  await codeInput.fill(code);
  assert.equal(await overflows(page), false);
  await screen(page, 'vote-verify');
  await sheet.getByRole('button', { name: '验证', exact: true }).click();

  // Tap 3: 确认投票.
  const confirm = page.getByRole('dialog', { name: '确认投给：' });
  await confirm.getByText(chosen).waitFor();
  await screen(page, 'vote-confirm');
  await confirm.getByRole('button', { name: '确认投票' }).click();

  // Done: the receipt.
  await page.getByRole('heading', { name: '投票成功' }).waitFor();
  receipt = (await page.getByTestId('receipt').textContent()).trim();
  assert.match(receipt, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  const card = page.getByTestId('ballot-receipt');
  await card.getByText(chosen).waitFor();
  await card.getByText('请保存您的投票凭证，投票结束后可在公示名单中核对').waitFor();
  assert.equal(await overflows(page), false);
  await shot(page, 'vote-receipt');

  // A reload: still 已投票, the same receipt (from the server, /mine).
  await page.reload();
  await page.getByRole('heading', { name: '已投票' }).waitFor();
  assert.equal((await page.getByTestId('receipt').textContent()).trim(), receipt);
  await page.getByTestId('ballot-receipt').getByText(chosen).waitFor();
  assert.equal(await page.getByRole('button', { name: '投票', exact: true }).count(), 0);
  assert.equal(await overflows(page), false);
  await shot(page, 'vote-voted');

  // The categories show where this phone has voted.
  await page.getByRole('link', { name: '投其他类别' }).click();
  await page.waitForURL(`${BASE}/vote/`);
  await page.getByRole('link', { name: /农贸市场/ }).filter({ hasText: '已投票' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the same number on a second phone is told 已投票, with the first receipt', async () => {
  assert.ok(receipt, 'the previous test voted');
  const { context, page, problems } = await phone(browser, WECHAT_IOS);
  await page.goto(`${BASE}/vote/market`);
  const cards = page.getByTestId('candidate');
  await cards.first().waitFor();
  await cards.nth(4).click();
  await page.getByRole('button', { name: '投票', exact: true }).click();
  const sheet = page.getByRole('dialog', { name: '验证手机号' });
  await sheet.getByLabel('手机号码').fill(NUMBER);
  const ask = sheet.getByRole('button', { name: '获取验证码' });
  // Within a minute of the first phone's code the server says to wait, and the button
  // counts down; then a new code is sent.
  const tooSoon = sheet.getByText(/验证码已发送，请\d+秒后再重新获取。/);
  const sent = sheet.getByText(`验证码已发送至${MASKED}`);
  const before = (await codesInLog()).length;
  for (let attempt = 0; ; attempt++) {
    assert.ok(attempt < 3, 'a code is sent once the minute has passed');
    await ask.click();
    await tooSoon.or(sent).waitFor();
    if (await sent.isVisible()) break;
    await sheet.getByRole('button', { name: /重新获取（\d+秒）/ }).waitFor();
    if (attempt === 0) await screen(page, 'vote-too-soon');
    await ask.waitFor({ timeout: 75_000 });
  }
  const code = await newCode(before);
  // A wrong code is refused in plain words; the right one then works.
  const wrong = `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
  await sheet.getByLabel('短信验证码').fill(wrong);
  await sheet.getByRole('button', { name: '验证', exact: true }).click();
  await sheet.getByText('验证码不对或已过期，请重新输入或重新获取。').waitFor();
  await screen(page, 'vote-wrong-code');
  await sheet.getByLabel('短信验证码').fill(code);
  await sheet.getByRole('button', { name: '验证', exact: true }).click();
  await page.getByRole('dialog', { name: '确认投给：' }).getByRole('button', { name: '确认投票' }).click();
  // The server refuses a second ballot and hands back the first one's receipt.
  await page.getByRole('heading', { name: '已投票' }).waitFor();
  await page.getByText('您在这一类已经投过票了，每人每类只能投一次。').waitFor();
  assert.equal((await page.getByTestId('receipt').textContent()).trim(), receipt);
  await page.getByTestId('ballot-receipt').getByText(chosen).waitFor();
  assert.equal(await overflows(page), false);
  await shot(page, 'vote-already-voted');
  // The browser notes the refused answers (too soon, the wrong code, the second ballot).
  assert.deepEqual(unexpected(problems, [409, 422, 429]), []);
  await context.close();
});

test('while voting is open the office prints a poster with a QR code for each category', async () => {
  const { context, page, problems } = await phone(browser);
  await signInAsAdmin(page);
  await page.goto(`${BASE}/staff/poster`);
  const poster = page.getByTestId('poster');
  await poster.waitFor();
  await page.getByText(/现在是网上投票阶段/).waitFor();
  const cards = poster.getByTestId('poster-vote-card');
  assert.equal(await cards.count(), 4);
  for (const [i, [kind, slug]] of [['乡村', 'village'], ['乡村沟渠', 'ditch'], ['乡村道路', 'road'], ['农贸市场', 'market']].entries()) {
    const card = cards.nth(i);
    assert.match(await card.innerText(), new RegExp(kind));
    assert.match(await card.innerText(), new RegExp(`/vote/${slug}$`, 'm'));
    const img = card.locator('img');
    await img.evaluate((el) => (el.complete ? null : new Promise((r) => { el.onload = r; el.onerror = r; })));
    assert.ok(await img.evaluate((el) => el.naturalWidth > 0), `${slug}'s QR code loads`);
  }
  assert.match(await page.getByTestId('poster-dates').innerText(), /北京时间/);
  await shot(page, 'poster-voting');
  await page.emulateMedia({ media: 'print' });
  const [content, box] = await poster.evaluate((p) => [p.scrollHeight, p.clientHeight]);
  assert.ok(content <= box + 1, `the voting poster's content (${content}px) fits its page (${box}px)`);
  assert.deepEqual(problems, []);
  await context.close();
});
