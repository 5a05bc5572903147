// The office sets up field scoring and checks it, on a phone: at /office/teams the admin
// assigns a market already scored by one sub-group to a second one (it is listed with
// 已在1个小组), sees the sub-group's count rise, removes a sub-group and brings it back
// with 撤销, and saves — checked on the server. Two inspectors of those sub-groups send
// their sheets through the field sync API, totals 20 points apart; at /office/consistency
// both sit side by side, flagged at the default margin of 15 and not at 25. One of them
// resends its sheet with a different note (409, kept); the admin opens it in the
// conflicts list and keeps the new version with a reason — the server then holds it as
// the live correction.
//
// Self-sufficient: the round is moved into field scoring through the API (field-data.mjs)
// unless earlier files did. Runs alone too: `E2E_ONLY=11 cargo xtask e2e`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BASE, launch, overflows, phone, screen, shot, signInAsAdmin } from './helpers.mjs';
import { ensureFieldScoringRound, staffApi, teamsInput } from './field-data.mjs';

const INSPECTOR_PASSWORD = 'xianchang-2026';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A complete sheet for `candidate` on the pinned version, `off` points below 100. */
function filled(sheet, candidate, off, note) {
  let left = off;
  const scores = sheet.content.sections.flatMap((s) => s.items).map((it) => {
    if (it.rule.kind === 'graded') {
      const cut = Math.min(left, it.rule.max);
      left -= cut;
      return { item_id: it.id, mark: { kind: 'graded', points: it.rule.max - cut } };
    }
    return { item_id: it.id, mark: { kind: 'deducted', findings: 0 } };
  });
  assert.equal(left, 0, 'the graded items can give up that many points');
  return {
    candidate_id: candidate,
    sheet_version_id: sheet.id,
    scores,
    note,
    filled_at: new Date(Date.now() - 600_000).toISOString(),
  };
}

const state = {};

test('the admin assigns a candidate to a second sub-group and saves', async () => {
  const admin = await staffApi(browser);
  state.admin = admin;
  const round = await ensureFieldScoringRound(browser, admin);
  state.round = round;
  const teams = (await admin.get(`/api/v1/rounds/${round.id}/teams`)).json;
  const third = teams.work_groups[2];
  const [a, b] = third.sub_groups;
  // A market no sub-group of the third work group has yet: to its first sub-group only.
  const taken = new Set(teams.work_groups.flatMap((g) => g.sub_groups).flatMap((s) => s.candidate_ids));
  const market = teams.candidates.filter((c) => c.category === 'market').find((c) => !taken.has(c.id));
  assert.ok(market, 'a market not assigned yet');
  state.market = market;
  state.subs = { a, b };
  const put = await admin.send(
    'PUT',
    `/api/v1/rounds/${round.id}/teams`,
    teamsInput(teams, (s) => (s.id === a.id ? [...s.candidate_ids, market.id] : s.candidate_ids)),
  );
  assert.equal(put.status, 200, JSON.stringify(put.json));

  const { context, page, problems } = await phone(browser);
  state.context = context;
  state.page = page;
  state.problems = problems;
  await signInAsAdmin(page);
  await page.goto(`${BASE}/office/teams`);
  await page.getByRole('heading', { name: '工作组与分配', level: 1 }).waitFor();
  await page.getByRole('button', { name: '农贸市场', exact: true }).click();
  await page.getByRole('heading', { name: '还没分配的候选对象' }).waitFor();
  const unassigned = Number(await page.getByTestId('unassigned-count').textContent());
  assert.ok(unassigned > 0, 'shortlisted markets are still unassigned');
  await shot(page, 'office-teams');

  const group = page.locator('section.work-group').filter({ has: page.getByRole('heading', { name: third.name }) });
  const subB = group.locator('section.sub-group').nth(1);
  const before = await subB.getByTestId('sub-group-count').textContent();
  assert.match(before, /^本类 \d+ 个/);
  await subB.getByLabel('添加候选对象…').selectOption({ label: `${market.title}（已在1个小组）` });
  await subB.locator('.team-chip', { hasText: market.title }).waitFor();
  const after = await subB.getByTestId('sub-group-count').textContent();
  assert.equal(Number(after.match(/本类 (\d+)/)[1]), Number(before.match(/本类 (\d+)/)[1]) + 1);
  await page.getByText('有未保存的修改').waitFor();

  // A sub-group removed by mistake comes back with 撤销 (nothing saved meanwhile).
  const last = page.locator('section.work-group').last();
  const subsBefore = await last.locator('section.sub-group').count();
  await last.locator('section.sub-group').last().getByRole('button', { name: '删除小组' }).click();
  assert.equal(await last.locator('section.sub-group').count(), subsBefore - 1);
  await page.getByRole('button', { name: '撤销' }).waitFor();
  await screen(page, 'office-teams-undo');
  await page.getByRole('button', { name: '撤销' }).click();
  assert.equal(await last.locator('section.sub-group').count(), subsBefore);

  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('已保存。').waitFor();
  assert.ok(!(await overflows(page)), 'nothing scrolls sideways');
  await screen(page, 'office-teams-saved');
  const stored = (await admin.get(`/api/v1/rounds/${round.id}/teams`)).json;
  const subs = stored.work_groups[2].sub_groups;
  assert.ok(subs[0].candidate_ids.includes(market.id));
  assert.ok(subs[1].candidate_ids.includes(market.id), 'assigned to the second sub-group too');
  assert.equal(stored.work_groups.at(-1).sub_groups.length, subsBefore, 'the undone removal was not saved');
});

test('two sub-groups 20 points apart sit side by side, flagged', async () => {
  const { admin, round, market, subs, page } = state;
  const pinned = (await admin.get(`/api/v1/rounds/${round.id}/sheets`)).json.pinned;
  const sheet = pinned.find((s) => s.category === 'market');
  assert.ok(sheet, 'a pinned market sheet');
  const lead = (sub) => sub.members.find((m) => m.leader).username;
  const [ia, ib] = [await staffApi(browser, lead(subs.a), INSPECTOR_PASSWORD), await staffApi(browser, lead(subs.b), INSPECTOR_PASSWORD)];
  state.ia = ia;
  state.sheet = sheet;
  state.clientId = randomUUID();
  state.first = filled(sheet, market.id, 5, '地面有积水。');
  const sa = await ia.send('PUT', `/api/v1/rounds/${round.id}/field/sheets/${state.clientId}`, state.first);
  assert.equal(sa.status, 201, JSON.stringify(sa.json));
  const sb = await ib.send('PUT', `/api/v1/rounds/${round.id}/field/sheets/${randomUUID()}`, filled(sheet, market.id, 25, '垃圾未清运。'));
  assert.equal(sb.status, 201, JSON.stringify(sb.json));
  assert.equal(sa.json.total - sb.json.total, 20);
  await ib.close();

  await page.goto(`${BASE}/office/consistency`);
  await page.getByRole('heading', { name: '评分核对', level: 1 }).waitFor();
  await page.getByRole('button', { name: '农贸市场', exact: true }).click();
  const card = page.locator(`[data-testid="compared"][data-candidate="${market.id}"]`);
  await card.waitFor();
  assert.equal(await card.getByTestId('spread').textContent(), '相差 20 分 · 需核对');
  assert.match(await card.getAttribute('class'), /flagged/);
  const totals = await card.locator('.cmp-top .cmp-total').allTextContents();
  assert.deepEqual(totals.map(Number).sort(), [sa.json.total, sb.json.total].sort());
  await card.getByText('逐项对比').click();
  assert.ok((await card.locator('.cmp-details .cmp-row.differs').count()) > 0, 'items scored differently are marked');
  await card.scrollIntoViewIfNeeded();
  await screen(page, 'office-consistency-flagged');
  await shot(page, 'office-consistency');

  // A wider margin: the same spread is no longer flagged.
  await page.getByLabel('允许相差（分）').fill('25');
  await page.getByLabel('允许相差（分）').press('Enter');
  await page.getByLabel('允许相差（分）').blur();
  await card.getByTestId('spread').filter({ hasText: /^相差 20 分$/ }).waitFor();
  assert.doesNotMatch(await card.getAttribute('class'), /flagged/);
  assert.ok(!(await overflows(page)), 'nothing scrolls sideways');
});

test('a conflicting resend is resolved with a reason', async () => {
  const { admin, round, market, ia, page, problems } = state;
  const changed = { ...state.first, note: '地面有积水，门口垃圾已清运。' };
  const resend = await ia.send('PUT', `/api/v1/rounds/${round.id}/field/sheets/${state.clientId}`, changed);
  assert.equal(resend.status, 409, JSON.stringify(resend.json));
  await ia.close();

  await page.reload();
  const conflict = page.getByTestId('conflict').filter({ hasText: market.title });
  await conflict.waitFor();
  await conflict.getByText('地面有积水，门口垃圾已清运。').waitFor();
  await conflict.scrollIntoViewIfNeeded();
  await screen(page, 'office-conflict');
  await conflict.getByRole('button', { name: '采用新版本' }).click();
  const dialog = page.getByRole('dialog', { name: '采用新版本？' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: '采用新版本' }).click();
  await dialog.getByText('请写明处理理由（2到200个字）。').waitFor();
  await dialog.getByLabel('处理理由').fill('电话核实，组长确认以第二次提交为准。');
  await screen(page, 'office-conflict-sheet');
  await dialog.getByRole('button', { name: '采用新版本' }).click();
  await dialog.waitFor({ state: 'detached' });
  await conflict.waitFor({ state: 'detached' });

  const open = (await admin.get(`/api/v1/rounds/${round.id}/field/conflicts`)).json;
  assert.ok(!open.conflicts.some((c) => c.client_id === state.clientId), 'resolved');
  const view = (await admin.get(`/api/v1/rounds/${round.id}/field/consistency/market?margin=15`)).json;
  const c = view.candidates.find((x) => x.candidate.id === market.id);
  const live = c.sheets.find((s) => s.replaces === state.clientId);
  assert.ok(live, 'the new version is the live correction');
  assert.equal(live.note, changed.note);
  assert.ok(c.replaced.some((s) => s.client_id === state.clientId), 'the stored version is kept');
  assert.deepEqual(problems, []);
  await admin.close();
  await state.context.close();
});
