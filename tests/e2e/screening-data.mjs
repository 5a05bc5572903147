// Residents' nominations for the screening test: fourteen register markets, 02's new
// market twice more, and the same market under a second name a few metres away,
// photographed from the same spot — made through the public API while the round still
// takes nominations. Used by 025 (in the full run, before 03 closes nominations) and by
// 05 when it runs alone.
import assert from 'node:assert/strict';
import { BASE } from './helpers.mjs';

export const ORIGINAL = '彩塘镇华美农贸市场'; // 02's new place
export const DUPLICATE = '华美市场'; // the same market, as another resident named it
export const AT_MARKET = { latitude: 23.5889, longitude: 116.7433 };

/** Residents' words, pairwise unlike (so only the planted pair looks alike). */
export const PROBLEMS = [
  '门口垃圾堆成小山，好几天没人清运。',
  '地面长期积水发臭，下雨天根本走不进去。',
  '活禽区没有隔离，鸡毛粪便到处都是。',
  '排水沟堵塞，污水漫到摊位下面。',
  '占道经营严重，三轮车把路口堵死了。',
  '公共厕所没有水冲，气味很大。',
  '苍蝇老鼠很多，熟食摊也没有防蝇罩。',
  '屋顶漏雨，电线乱拉，存在安全隐患。',
  '水产摊的废水直接倒在路边。',
  '垃圾桶破损缺盖，周边塑料袋乱飞。',
  '杀鱼的内脏随手丢在过道里。',
  '早市过后烂菜叶满地，没人打扫。',
  '摊位棚子破烂，遮阳网挂得乱七八糟。',
  '停车混乱，电动车停满了入口。',
  '下水道井盖缺失，晚上很危险。',
  '墙面小广告贴满，油污很重。',
];

/** Distinct photo-like JPEGs drawn on a canvas: one per seed (`quality` varies the bytes). */
export async function makeJpegs(context, seeds, quality = 0.85) {
  const page = await context.newPage();
  const list = await page.evaluate(async ([seeds, quality]) => {
    const out = [];
    for (const s of seeds) {
      const c = document.createElement('canvas');
      c.width = 480;
      c.height = 360;
      const g = c.getContext('2d');
      let seed = s * 7919 + 13;
      const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      g.fillStyle = `hsl(${rnd() * 360},35%,60%)`;
      g.fillRect(0, 0, 480, 360);
      for (let i = 0; i < 60; i++) {
        g.fillStyle = `hsl(${rnd() * 360},${30 + rnd() * 50}%,${15 + rnd() * 70}%)`;
        g.beginPath();
        g.ellipse(rnd() * 480, rnd() * 360, 10 + rnd() * 120, 10 + rnd() * 90, rnd() * 3, 0, 7);
        g.fill();
      }
      const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', quality));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push(btoa(bin));
    }
    return out;
  }, [seeds, quality]);
  await page.close();
  return list.map((b64) => Buffer.from(b64, 'base64'));
}

export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { accept: 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** A resident's nomination from their own phone (each its own device id). */
export async function nominate(device, place, description, photos, extra = {}) {
  const ids = [];
  for (const jpeg of photos) {
    const up = await api('/api/v1/photos', {
      method: 'POST',
      body: jpeg,
      headers: { 'content-type': 'image/jpeg', 'x-device-id': device },
    });
    assert.equal(up.status, 201, JSON.stringify(up.json));
    ids.push(up.json.id);
  }
  const res = await api('/api/v1/nominations', {
    method: 'POST',
    body: JSON.stringify({ category: 'market', place, description, photo_ids: ids, ...extra }),
    headers: { 'content-type': 'application/json', 'x-device-id': device },
  });
  assert.equal(res.status, 201, JSON.stringify(res.json));
}

/** The market register, minus 彩塘镇's (whose names are alike the planted pair's). */
export async function registerMarkets() {
  const { json } = await api('/api/v1/places?category=market&limit=50');
  return json.places.filter((p) => p.town !== '彩塘镇' && p.name !== ORIGINAL && p.name !== DUPLICATE);
}

/** The nominations (see the top of this file); returns the register markets' names. */
export async function seedScreeningNominations(context) {
  const markets = (await registerMarkets()).slice(0, 14);
  const photos = await makeJpegs(context, [...Array(2 * markets.length + 2).keys()].map((i) => i + 1));
  for (const [i, m] of markets.entries()) {
    const own = i % 3 === 0 ? [photos[2 * i], photos[2 * i + 1]] : [photos[2 * i]];
    const extra = i % 4 === 0
      ? { contact_phone: `1380000${String(1000 + i)}`, position: { latitude: 23.4 + i * 0.02, longitude: 116.5 + i * 0.02 } }
      : {};
    await nominate(`e2e-screening-${i}`, { kind: 'registered', place_id: m.id }, `${m.name}：${PROBLEMS[i]}`, own, extra);
  }
  const n = markets.length;
  // 02's market (alone: its first nomination), and the same market under another name,
  // a few metres away, photographed from the same spot.
  const [same] = await makeJpegs(context, [99], 0.7);
  const [alike] = await makeJpegs(context, [99], 0.9);
  const original = { kind: 'new', name: ORIGINAL, town: '彩塘镇' };
  const market = { description: '市场门口垃圾堆积，污水横流，夏天气味很大。' };
  await nominate(`e2e-screening-${n}`, original, market.description, [same], { position: AT_MARKET });
  await nominate(`e2e-screening-${n + 1}`, original, PROBLEMS[14], [photos[2 * n]]);
  await nominate(`e2e-screening-${n + 2}`, { kind: 'new', name: DUPLICATE, town: '彩塘镇' },
    '华美市场门口垃圾堆积，污水横流，气味很大。', [alike],
    { position: { latitude: AT_MARKET.latitude + 0.0002, longitude: AT_MARKET.longitude + 0.0002 } });

  return markets.map((m) => m.name);
}

/** The register markets residents nominate here (the same fourteen every run). */
export async function nominatedMarkets() {
  return (await registerMarkets()).slice(0, 14).map((m) => m.name);
}
