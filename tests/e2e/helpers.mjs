// Shared set-up for the end-to-end tests: Debian's Chromium through playwright-core,
// phone contexts with WeChat in-app browser user agents, screenshots to look at.
import { chromium } from 'playwright-core';
import path from 'node:path';

export const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080';
export const ADMIN_USER = process.env.E2E_ADMIN_USER ?? 'admin';
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? '';
const SHOTS = process.env.E2E_SCREENSHOTS ?? 'tests/e2e/screenshots';

export const WECHAT_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
export const WECHAT_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic',
    ],
  });
}

/** A phone: 390×844, touch, Chinese locale, a WeChat in-app browser's user agent. */
export async function phone(browser, userAgent = WECHAT_ANDROID) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    userAgent,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the login form as the admin. */
export async function signInAsAdmin(page) {
  await page.goto(`${BASE}/staff/`);
  await page.getByLabel('用户名').fill(ADMIN_USER);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(`${BASE}/staff/round`);
}

/** What the phone's screen shows now (bars and sheets pinned to it included). */
export async function screen(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** True when the page is wider than the phone (something would scroll sideways). */
export async function overflows(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}
