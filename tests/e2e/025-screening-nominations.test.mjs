// While the round still takes nominations (after 02, before 03 closes them): residents
// nominate fifteen markets, one of them also under a second name beside the first, so
// 05 has a real duplicate to merge and nominations to move and set aside.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './helpers.mjs';
import { DUPLICATE, ORIGINAL, api, seedScreeningNominations } from './screening-data.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('residents nominate fifteen markets, one twice under another name', async (t) => {
  const { json } = await api('/api/v1/rounds/current');
  if (json.round.phase !== 'nomination') {
    t.skip('the round no longer takes nominations');
    return;
  }
  const context = await browser.newContext();
  const names = await seedScreeningNominations(context);
  await context.close();
  const list = await api(`/api/v1/rounds/${json.round.id}/nominations?category=market`);
  assert.equal(list.status, 200);
  const listed = JSON.stringify(list.json);
  for (const name of [...names, ORIGINAL, DUPLICATE]) assert.ok(listed.includes(name), `${name} is listed`);
});
