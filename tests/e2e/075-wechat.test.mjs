// Voting with a WeChat Official Account: a server of its own (its public address set,
// WeChat configured against a local stand-in of WeChat's API), since the main e2e server
// has no Official Account.
//
// There is no internet here: WeChat's JS-SDK (res.wx.qq.com) is a small stand-in script
// that records what the page asks of it, and WeChat's authorization page
// (open.weixin.qq.com) is a route that sends the browser straight back with a code the
// API stand-in knows — as WeChat does for `snsapi_base`, without asking the person.
//
// Checked: the share card (wx.config with the server's appId, timestamp, nonceStr and a
// signature that verifies against the stand-in's jsapi_ticket; the category's title, a
// plain description, an absolute image); absolute Open Graph addresses; 微信授权 offered
// above the SMS form only inside WeChat; one tap to WeChat and back verified, the choice
// kept, then 确认投票 and the receipt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { WECHAT_ANDROID, launch, phone, shot } from './helpers.mjs';
import { ensureVoting } from './voting-data.mjs';

const SHOTS = process.env.E2E_SCREENSHOTS ?? 'tests/e2e/screenshots';
const SERVER_BIN =
  process.env.E2E_SERVER_BIN ??
  path.resolve(process.env.CARGO_TARGET_DIR ?? 'target', 'debug/pingxuan-server');
const APPID = 'wx0e2e0e2e0e2e0e2e';
const SECRET = 'e2e-wechat-app-secret';
const TICKET = 'e2e-jsapi-ticket-0123456789abcdefghijklmnopqrstuvwxyz';
const PASSWORD = 'e2e-wechat-admin-password';
/** A phone's browser that is not WeChat. */
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36';

/** WeChat's JS-SDK as far as the page uses it; every call lands in `window.__wx`. */
const JSSDK_STANDIN = `
window.__wx = { configs: [], app: [], timeline: [] };
window.wx = {
  config(c) { window.__wx.configs.push(JSON.parse(JSON.stringify(c))); },
  ready(fn) { setTimeout(fn, 0); },
  error() {},
  updateAppMessageShareData(d) { window.__wx.app.push(JSON.parse(JSON.stringify(d))); },
  updateTimelineShareData(d) { window.__wx.timeline.push(JSON.parse(JSON.stringify(d))); },
};`;

let browser;
let base;
let server;
let standin;
let dataDir;
/** Codes the stand-in will exchange, to their openids; and those already used. */
const codes = new Map();
const used = new Set();

/** WeChat's API, the three calls the server makes, as documented. */
function wechatApi(req, res) {
  const url = new URL(req.url, 'http://standin');
  const q = Object.fromEntries(url.searchParams);
  const reply = (body) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/cgi-bin/token') {
    if (q.appid !== APPID || q.secret !== SECRET) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    return reply({ access_token: 'e2e-api-token', expires_in: 7200 });
  }
  if (url.pathname === '/cgi-bin/ticket/getticket') {
    if (q.access_token !== 'e2e-api-token' || q.type !== 'jsapi') return reply({ errcode: 40001, errmsg: 'invalid credential' });
    return reply({ errcode: 0, errmsg: 'ok', ticket: TICKET, expires_in: 7200 });
  }
  if (url.pathname === '/sns/oauth2/access_token') {
    if (q.appid !== APPID || q.secret !== SECRET) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (!codes.has(q.code)) return reply({ errcode: 40029, errmsg: 'invalid code' });
    if (used.has(q.code)) return reply({ errcode: 40163, errmsg: 'code been used' });
    used.add(q.code);
    return reply({ access_token: 'web', expires_in: 7200, refresh_token: 'r', openid: codes.get(q.code), scope: 'snsapi_base' });
  }
  res.statusCode = 404;
  reply({ errcode: 404, errmsg: 'not found' });
}

async function freePort() {
  const probe = net.createServer();
  await new Promise((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address();
  await new Promise((r) => probe.close(r));
  return port;
}

before(async () => {
  standin = http.createServer(wechatApi);
  await new Promise((r) => standin.listen(0, '127.0.0.1', r));
  const api = `http://127.0.0.1:${standin.address().port}`;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'pingxuan-e2e-wechat-'));
  const env = {
    ...process.env,
    PINGXUAN_DATA_DIR: dataDir,
    PINGXUAN_DIST_DIR: path.resolve('dist'),
    PINGXUAN_ADDR: `127.0.0.1:${port}`,
    PINGXUAN_PUBLIC_URL: base,
    PINGXUAN_DEMO: '1',
    PINGXUAN_WECHAT_APPID: APPID,
    PINGXUAN_WECHAT_SECRET: SECRET,
    PINGXUAN_WECHAT_API: api,
    PINGXUAN_ADMIN_PASSWORD: PASSWORD,
    RUST_LOG: 'warn',
  };
  await promisify(execFile)(SERVER_BIN, ['admin', 'create', '--username', 'admin'], { env });
  server = spawn(SERVER_BIN, [], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; ; i++) {
    assert.ok(i < 200, 'the WeChat test server starts');
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await launch();
  await ensureVoting(browser, { base, user: 'admin', password: PASSWORD });
});

after(async () => {
  await browser?.close();
  server?.kill();
  standin?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** WeChat's JS-SDK signature of `url` with the stand-in's ticket. */
function signature(config, url) {
  const plain = `jsapi_ticket=${TICKET}&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=${url}`;
  return createHash('sha1').update(plain).digest('hex');
}

/** Serves the JS-SDK stand-in; returns the list of its loads. */
async function fakeJsSdk(context) {
  const loads = [];
  await context.route('https://res.wx.qq.com/**', (route) => {
    loads.push(route.request().url());
    route.fulfill({ contentType: 'application/javascript', body: JSSDK_STANDIN });
  });
  return loads;
}

/** The JS-SDK calls once there are `n` share cards set. */
async function sharedCards(page, n) {
  await page.waitForFunction((n) => window.__wx?.timeline.length >= n, n);
  return page.evaluate(() => window.__wx);
}

test('a voting link shared from WeChat carries a signed share card and absolute previews', async () => {
  // What link previewers read, absolute now that the public address is known.
  const res = await fetch(`${base}/vote/market`);
  const html = await res.text();
  assert.match(html, new RegExp(`<meta property="og:url" content="${base}/vote/market"`));
  assert.match(html, new RegExp(`<meta property="og:image" content="${base}/icons/icon-512.png"`));
  // The page says an Official Account can sign its share card: no request to find out.
  assert.match(html, /<meta name="pingxuan-wechat" content="on"/);
  // The CSP allows WeChat's script origin, and only in script-src.
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' https:\/\/res\.wx\.qq\.com /);
  assert.equal(csp.match(/wx\.qq\.com/g).length, 1, csp);

  const { context, page, problems } = await phone(browser, WECHAT_ANDROID);
  const loads = await fakeJsSdk(context);
  // WeChat adds `from=…` to links opened from a chat; a fragment is not signed.
  const landing = `${base}/vote/market?from=groupmessage`;
  await page.goto(`${landing}#top`);
  let wx = await sharedCards(page, 1);
  assert.deepEqual(loads, ['https://res.wx.qq.com/open/js/jweixin-1.6.0.js']);
  const [config] = wx.configs;
  assert.equal(config.appId, APPID);
  assert.equal(config.debug, false);
  assert.equal(typeof config.timestamp, 'number');
  assert.ok(Math.abs(config.timestamp - Date.now() / 1000) < 120, `timestamp ${config.timestamp}`);
  assert.match(config.nonceStr, /^[A-Za-z0-9]{8,32}$/);
  assert.equal(config.signature, signature(config, landing), 'signed for this page, without #…');
  assert.deepEqual(config.jsApiList, ['updateAppMessageShareData', 'updateTimelineShareData']);
  for (const card of [wx.app[0], wx.timeline[0]]) {
    assert.equal(card.title, '网上投票：十个最差农贸市场');
    assert.equal(card.link, landing);
    assert.equal(card.imgUrl, `${base}/icons/icon-512.png`);
    assert.match(card.imgUrl, /^https?:\/\//);
  }
  assert.match(wx.app[0].desc, /选出您认为最差的/);
  const img = await fetch(wx.app[0].imgUrl);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/png');

  // On to the categories in the app: the card follows the page (signed anew, no reload).
  await page.getByRole('link', { name: '全部类别' }).click();
  await page.waitForURL(`${base}/vote/`);
  wx = await sharedCards(page, 2);
  assert.equal(loads.length, 1, 'the SDK loads once');
  const home = wx.configs[1];
  assert.equal(home.signature, signature(home, `${base}/vote/`));
  assert.equal(wx.timeline[1].title, '网上投票 · 潮州创卫“最差四个十”评选');
  assert.equal(wx.timeline[1].link, `${base}/vote/`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('outside WeChat the sheet offers only SMS and no WeChat script loads', async () => {
  const { context, page, problems } = await phone(browser, CHROME_ANDROID);
  const loads = await fakeJsSdk(context);
  await page.goto(`${base}/vote/market`);
  await page.getByTestId('candidate').first().click();
  await page.getByRole('button', { name: '投票', exact: true }).click();
  const sheet = page.getByRole('dialog', { name: '验证手机号' });
  await sheet.getByLabel('手机号码').waitFor();
  assert.equal(await sheet.getByRole('link', { name: /微信/ }).count(), 0);
  assert.deepEqual(loads, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in WeChat a resident verifies with one tap on 微信授权 and comes back to confirm', async () => {
  const { context, page, problems } = await phone(browser, WECHAT_ANDROID);
  await fakeJsSdk(context);
  // WeChat's authorization page: snsapi_base asks nothing, it returns at once.
  const asked = [];
  await context.route('https://open.weixin.qq.com/**', (route) => {
    const to = new URL(route.request().url());
    asked.push(Object.fromEntries(to.searchParams));
    const code = `E2ECODE${asked.length}`;
    codes.set(code, 'openid-e2e-resident');
    const back = new URL(to.searchParams.get('redirect_uri'));
    back.searchParams.set('code', code);
    back.searchParams.set('state', to.searchParams.get('state'));
    route.fulfill({ status: 302, headers: { location: back.toString() } });
  });
  await page.goto(`${base}/vote/market`);
  const cards = page.getByTestId('candidate');
  await cards.first().waitFor();
  // The town held to account is on each card.
  assert.match(await cards.nth(2).locator('.candidate-town').innerText(), /(镇|街道|办)$/);

  // Tap 1: choose. Tap 2: 投票.
  await cards.nth(2).click();
  const chosen = (await cards.nth(2).locator('.candidate-title').textContent()).trim();
  await page.getByRole('button', { name: '投票', exact: true }).click();
  const sheet = page.getByRole('dialog', { name: '验证身份' });
  const wechat = sheet.getByRole('link', { name: '微信授权，一键验证' });
  await wechat.waitFor();
  // WeChat first, the SMS form below it.
  const [w, p] = [await wechat.boundingBox(), await sheet.getByLabel('手机号码').boundingBox()];
  assert.ok(w.y < p.y, 'WeChat above the mobile number');
  assert.ok(w.height >= 48 && w.width >= 300, `a large target: ${JSON.stringify(w)}`);
  await page.screenshot({ path: path.join(SHOTS, 'vote-verify-wechat.png') });

  // Tap 3: 微信授权 — to WeChat and straight back, verified, the choice kept.
  await wechat.click();
  const confirm = page.getByRole('dialog', { name: '确认投给：' });
  await confirm.getByText(chosen).waitFor();
  assert.equal(asked.length, 1);
  assert.equal(asked[0].appid, APPID);
  assert.equal(asked[0].scope, 'snsapi_base');
  assert.equal(asked[0].redirect_uri, `${base}/api/v1/voting/wechat/callback`);
  // Back on the same page with nothing secret in its address. (The browser carries
  // WeChat's `#wechat_redirect` over the redirects, as in WeChat itself.)
  assert.equal(page.url().split('#')[0], `${base}/vote/market`);
  assert.doesNotMatch(page.url(), /code|state/);
  await page.screenshot({ path: path.join(SHOTS, 'vote-confirm-after-wechat.png') });

  // Tap 4: 确认投票.
  await confirm.getByRole('button', { name: '确认投票' }).click();
  await page.getByRole('heading', { name: '投票成功' }).waitFor();
  await page.getByTestId('ballot-receipt').getByText(chosen).waitFor();
  const receipt = (await page.getByTestId('receipt').textContent()).trim();
  await shot(page, 'vote-receipt-wechat');
  // A reload: 已投票 with the same receipt; nothing of the kept choice reopens a sheet.
  await page.reload();
  await page.getByRole('heading', { name: '已投票' }).waitFor();
  assert.equal((await page.getByTestId('receipt').textContent()).trim(), receipt);
  assert.equal(await page.getByRole('dialog').count(), 0);
  // The browser notes one answer: "not voted here yet" (404) on the way back from WeChat.
  assert.deepEqual(problems.filter((p) => !p.includes('status of 404')), []);
  await context.close();
});
