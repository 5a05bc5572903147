// A resident nominates on a phone in WeChat: category, a new place, what is wrong, two
// photos (one a large 12-megapixel JPEG, one turned by its EXIF orientation), a reload
// half-way through, the reference number, and the public list. Runs before the admin
// test moves the phase on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phone, shot } from './helpers.mjs';

const PLACE = '彩塘镇华美农贸市场';
const MAX_UPLOAD = 400 * 1024;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A photo-like JPEG drawn on a canvas: gradients, shapes and sensor-like noise. */
async function makeJpeg(context, width, height, { noise = 0, quality = 0.92 } = {}) {
  const page = await context.newPage();
  const b64 = await page.evaluate(async ([w, h, noise, quality]) => {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    const g = c.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, h);
    sky.addColorStop(0, '#9cc3e6');
    sky.addColorStop(1, '#5f6d4e');
    g.fillStyle = sky;
    g.fillRect(0, 0, w, h);
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 400; i++) {
      g.fillStyle = `hsl(${rnd() * 360},${30 + rnd() * 40}%,${25 + rnd() * 50}%)`;
      g.beginPath();
      g.ellipse(rnd() * w, rnd() * h, 10 + (rnd() * w) / 8, 10 + (rnd() * h) / 8, rnd() * 3, 0, 7);
      g.fill();
    }
    if (noise) {
      const img = g.getImageData(0, 0, w, h);
      const d = img.data;
      for (let i = 0; i < d.length; i += 4) {
        const n = (rnd() - 0.5) * noise;
        d[i] += n;
        d[i + 1] += n;
        d[i + 2] += n;
      }
      g.putImageData(img, 0, 0);
    }
    const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', quality));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, [width, height, noise, quality]);
  await page.close();
  return Buffer.from(b64, 'base64');
}

/** The JPEG with an EXIF block saying "rotate 90° clockwise to show" (orientation 6). */
function turned(jpeg) {
  const exif = Buffer.from([
    0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // APP1, "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // TIFF header, big-endian
    0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation = 6
    0x00, 0x00, 0x00, 0x00,
  ]);
  return Buffer.concat([jpeg.subarray(0, 2), exif, jpeg.subarray(2)]);
}

/** Sizes of the finished uploads and the server's answers. Chromium does not hand a
 *  Blob body to `postDataBuffer()`, so the size is the Content-Length that went on the
 *  wire. (An upload cut short by the reload never finishes and is not counted.) */
function watchUploads(page) {
  const sent = [];
  const stored = [];
  page.on('requestfinished', async (req) => {
    if (req.method() === 'POST' && req.url().endsWith('/api/v1/photos')) {
      const body = req.postDataBuffer();
      const headers = await req.allHeaders();
      sent.push(body ? body.length : Number(headers['content-length']));
    }
  });
  page.on('response', async (res) => {
    if (res.request().method() === 'POST' && res.url().endsWith('/api/v1/photos') && res.status() === 201) {
      stored.push(await res.json());
    }
  });
  return { sent, stored };
}

test('a resident nominates a new market with two photos, surviving a reload', async () => {
  const { context, page, problems } = await phone(browser);
  // Standing at the market in 彩塘镇.
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 23.5889, longitude: 116.7433, accuracy: 35 });
  const large = await makeJpeg(context, 4000, 3000, { noise: 40, quality: 0.95 });
  const small = turned(await makeJpeg(context, 800, 600));
  assert.ok(large.length > 1_500_000, `the large photo is ${large.length} bytes`);
  const uploads = watchUploads(page);

  await page.goto(`${BASE}/nominate`);
  await page.getByRole('radio', { name: /农贸市场/ }).check();
  await shot(page, 'nominate-empty');

  // The register is searched as the resident types.
  await page.getByLabel('搜索地点').fill('彩塘');
  await page.getByRole('button', { name: /彩塘综合市场/ }).waitFor();
  await shot(page, 'nominate-search');
  // Not the one: describe a new place instead.
  await page.getByRole('button', { name: '找不到？填写新地点' }).click();
  await page.getByLabel('地点名称').fill(PLACE);
  await page.getByLabel('所在镇（街道）').selectOption('彩塘镇');
  await page.getByLabel('3. 有什么问题？').fill('市场门口垃圾堆积，污水横流，夏天气味很大。');
  await page.getByText('21/500').waitFor();
  await page.getByRole('button', { name: '使用我现在的位置' }).click();
  await page.getByText('已附上您现在的位置（误差约35米）').waitFor();

  // A slow network, so each photo's progress can be seen.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 400 * 1024, uploadThroughput: 40 * 1024,
  });
  await page.getByLabel('从相册选择').setInputFiles([
    { name: 'market-12mp.jpg', mimeType: 'image/jpeg', buffer: large },
    { name: 'gate-turned.jpg', mimeType: 'image/jpeg', buffer: small },
  ]);
  const tiles = page.getByTestId('photo-tile');
  await tiles.nth(1).waitFor();
  // The first photo goes out with its bar moving.
  const bar = tiles.first().getByRole('progressbar');
  await bar.waitFor({ timeout: 30000 });
  await page.waitForFunction(() => {
    const p = document.querySelector('[data-testid=photo-tile] progress');
    return p && p.value > 0 && p.value < 100;
  }, null, { timeout: 30000 });
  await tiles.first().locator('img').waitFor();
  await shot(page, 'nominate-uploading');
  assert.equal(await page.getByRole('button', { name: '照片上传中，请稍候…' }).isDisabled(), true);

  // The page reloads half-way: the draft and the chosen photos are still there.
  await page.reload();
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  await page.getByLabel('地点名称').waitFor();
  assert.equal(await page.getByRole('radio', { name: /农贸市场/ }).isChecked(), true);
  assert.equal(await page.getByLabel('地点名称').inputValue(), PLACE);
  assert.equal(await page.getByLabel('所在镇（街道）').inputValue(), '彩塘镇');
  assert.match(await page.getByLabel('3. 有什么问题？').inputValue(), /污水横流/);
  await page.getByText('已附上您现在的位置').waitFor();
  assert.equal(await tiles.count(), 2);
  await page.locator('[data-testid=photo-tile].done').nth(1).waitFor({ timeout: 30000 });
  assert.equal(await page.locator('[data-testid=photo-tile] img').count(), 2);
  await shot(page, 'nominate-ready');

  // Every photo went over the wire at 400 KB or less; the large one was shrunk to
  // 1600 px and the turned one stood upright.
  console.log('uploads', uploads.sent, uploads.stored.map((p) => `${p.width}x${p.height}`));
  assert.ok(uploads.sent.length >= 2, `uploads: ${uploads.sent}`);
  for (const size of uploads.sent) assert.ok(size > 0 && size <= MAX_UPLOAD, `an upload of ${size} bytes`);
  const sizes = uploads.stored.map((p) => `${p.width}x${p.height}`);
  assert.ok(sizes.includes('1600x1200'), `stored: ${sizes}`);
  assert.ok(sizes.includes('600x800'), `stored: ${sizes}`);

  await page.getByRole('button', { name: '提交推荐' }).click();
  const reference = page.getByTestId('reference');
  await reference.waitFor();
  assert.match(await reference.innerText(), /^TJ\d{2}-\d{6}$/);
  await shot(page, 'nominate-done');
  // The draft is gone: a new nomination starts empty.
  await page.getByRole('button', { name: '再推荐一个' }).click();
  assert.equal(await page.getByRole('radio', { name: /农贸市场/ }).isChecked(), false);
  assert.equal(await tiles.count(), 0);

  await page.goto(`${BASE}/nominations?category=market`);
  const card = page.getByTestId('nominated-place').filter({ hasText: PLACE });
  await card.waitFor();
  assert.match(await card.innerText(), /1 人推荐/);
  assert.match(await card.innerText(), /彩塘镇 · 潮安区/);
  assert.equal(await card.locator('img[loading=lazy]').count(), 2);
  await shot(page, 'nominations-market');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an incomplete nomination is explained field by field, in Chinese', async () => {
  const { context, page } = await phone(browser);
  await page.goto(`${BASE}/nominate`);
  await page.getByRole('button', { name: '提交推荐' }).click();
  await page.getByText('请选择要推荐的类别。').waitFor();
  await page.getByText('请至少拍一张照片。').waitFor();
  await page.getByText('请说说这里有什么问题，至少5个字。').waitFor();
  await shot(page, 'nominate-errors');
  await page.getByLabel('6. 联系电话（选填）').fill('12345');
  await page.getByLabel('6. 联系电话（选填）').blur();
  await page.getByText('请填写11位手机号码。').waitFor();
  // No permission for the position: said plainly, and it stays optional.
  await page.getByRole('button', { name: '使用我现在的位置' }).click();
  await page.getByText('没有获得位置权限。不附带位置也可以提交。').waitFor();
  await context.close();
});

test('a photo whose upload fails offline is tried again once back online', async () => {
  const { context, page } = await phone(browser);
  await page.goto(`${BASE}/nominate`);
  await page.getByRole('radio', { name: /乡村道路/ }).check();
  const photo = await makeJpeg(context, 1200, 900);
  await context.setOffline(true);
  await page.getByLabel('从相册选择').setInputFiles([{ name: 'road.jpg', mimeType: 'image/jpeg', buffer: photo }]);
  await page.getByText('网络不好，正在重试…').waitFor({ timeout: 15000 });
  await shot(page, 'nominate-offline');
  await context.setOffline(false);
  await page.locator('[data-testid=photo-tile].done').waitFor({ timeout: 30000 });
  await context.close();
});

test('the home page invites residents to nominate', async () => {
  const { context, page } = await phone(browser);
  await page.goto(BASE);
  await page.getByTestId('nominate-cta').click();
  await page.waitForURL(`${BASE}/nominate/`);
  await page.getByRole('radio', { name: /农贸市场/ }).waitFor();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '推荐公示' }).click();
  await page.getByRole('link', { name: '农贸市场' }).click();
  await page.getByTestId('nominated-place').filter({ hasText: PLACE }).waitFor();
  await context.close();
});
