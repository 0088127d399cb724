// End-to-end: organizations (sort, partners once, model links), compare (tokens per parameter,
// real differences), capabilities (task header → filtered table), the overview's story cards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage } from './harness.mjs';

const app = useApp();

test('the organizations list sorts by a header click; partners once; model names link', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/organizations`);
  await page.waitForSelector('table.orgs tbody tr');
  const counts = async () =>
    (await page.locator('table.orgs tbody tr td.numeric').allTextContents()).map((t) => Number(t.replaceAll(',', '')));
  const byModels = await counts();
  assert.ok(byModels.every((n, i) => i === 0 || byModels[i - 1] >= n), 'default: most models first');

  const nameHeader = page.locator('table.orgs thead button.sort', { hasText: 'Organization' });
  await nameHeader.click();
  await page.waitForSelector('table.orgs thead th[aria-sort=ascending] button[data-col=name]');
  const names = (await page.locator('table.orgs tbody tr a.name').allTextContents()).map((s) => s.toLowerCase());
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'A to Z');
  await nameHeader.click();
  await page.waitForSelector('table.orgs thead th[aria-sort=descending] button[data-col=name]');
  const first = (await page.locator('table.orgs tbody tr a.name').first().textContent()).toLowerCase();
  assert.equal(first, names[names.length - 1], 'Z to A');

  await page.locator('table.orgs thead button.sort', { hasText: 'Models' }).click();
  await page.waitForSelector('table.orgs thead th[aria-sort=descending] button[data-col=models]');
  await page.locator('table.orgs thead button.sort', { hasText: 'Models' }).click();
  await page.waitForSelector('table.orgs thead th[aria-sort=ascending] button[data-col=models]');
  const fewest = await counts();
  assert.ok(fewest.every((n, i) => i === 0 || fewest[i - 1] <= n), 'fewest models first');

  // Partners: each listed once per organization.
  const partnerLists = await page.locator('table.orgs tbody tr td:last-child').evaluateAll((cells) =>
    cells.map((td) => [...td.querySelectorAll('a')].map((a) => a.getAttribute('href'))));
  for (const list of partnerLists) assert.equal(new Set(list).size, list.length, `duplicates: ${list}`);
  assert.ok(partnerLists.some((l) => l.length > 0), 'some partners are listed');

  // Largest / first / latest model names are links to the model pages.
  const links = await page.locator('table.orgs tbody tr td:nth-child(5) a').count();
  assert.ok(links > 10, `largest-model links: ${links}`);
  assert.match(await page.locator('table.orgs tbody tr td:nth-child(5) a').first().getAttribute('href'), /#\/models\/[a-z0-9-]+/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('compare shows tokens per parameter and highlights only real differences', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/compare?ids=gpt-3,chinchilla,palm`);
  await page.waitForSelector('table.compare tr.tokens-per-parameter');
  const cells = await page.locator('table.compare tr.tokens-per-parameter td').allTextContents();
  assert.equal(cells.length, 3);
  const figures = await page.locator('table.compare tr.tokens-per-parameter td > span:first-child').allTextContents();
  const tpp = figures.map((c) => Number(/^≈?([\d.]+)$/.exec(c.trim())?.[1]));
  assert.ok(tpp[0] > 1.5 && tpp[0] < 2, `GPT-3: ${figures[0]}`);
  assert.ok(tpp[1] > 19 && tpp[1] < 21, `Chinchilla: ${figures[1]}`);
  assert.match(cells[0], /fewer tokens than compute-optimal/);
  assert.match(cells[1], /near compute-optimal/);
  assert.match(await page.locator('table.compare tr.tokens-per-parameter th').textContent(), /20/);

  // Highlights: cells, never the reference column, and not every cell.
  const all = await page.locator('table.compare tbody td').count();
  const flagged = await page.locator('table.compare tbody td.differs').count();
  assert.ok(flagged > 0 && flagged < all / 2, `${flagged} of ${all} highlighted`);
  const firstColumn = await page.locator('table.compare tbody tr td:nth-child(2).differs').count();
  assert.equal(firstColumn, 0, 'the reference column is not highlighted');
  assert.equal(await page.locator('table.compare tr.differs').count(), 0, 'no whole rows');

  // Chip counts with thousands separators.
  const chips = await page.locator('table.compare tbody tr', { hasText: 'Chips' }).locator('td').allTextContents();
  assert.ok(chips.some((c) => /\d,\d{3}/.test(c)), `chips: ${chips}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a capabilities task header leads to the table filtered by that task', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/capabilities`);
  await page.waitForSelector('table.matrix th.task a');
  const header = page.locator('table.matrix th.task a').first();
  const task = (await header.textContent()).trim();
  await header.click();
  await page.waitForFunction(() => location.hash.startsWith('#/models?'));
  const hash = await page.evaluate(() => location.hash);
  assert.equal(decodeURIComponent(hash), `#/models?task=${task}`);
  await page.waitForSelector('table.models tbody tr[data-id]');
  const facet = page.locator('.filters input[type=checkbox]:checked');
  assert.ok((await facet.count()) >= 1, 'the task facet is ticked');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the overview tells the story with sourced driver figures', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/`);
  await page.waitForSelector('.story-card');
  const data = page.locator('#story-data li[data-fact]');
  assert.equal(await data.count(), 3, 'three data-volume figures');
  const dataText = await page.locator('#story-data').textContent();
  for (const re of [/2\.8 ZB in 2012/, /59 ZB in 2020/, /175 ZB in 2025/]) assert.match(dataText, re);
  const sources = await page.locator('#story-data li[data-fact] a').evaluateAll((as) => as.map((a) => a.href));
  assert.equal(sources.length, 3);
  assert.ok(sources.every((h) => /^https:\/\//.test(h)), `sources: ${sources}`);
  const research = await page.locator('#story-research').textContent();
  assert.match(research, /2,577 papers in 2012/);
  assert.match(research, /13,325 papers in 2017/);
  assert.match(research, /could not be traced/);
  assert.equal(await page.locator('#story-research li[data-fact] a[href^="https://"]').count(), 2);
  assert.match(await page.locator('#story-compute a.more').getAttribute('href'), /#\/charts\/compute-over-time/);
  assert.match(await page.locator('#story-transformers').textContent(), /2017–2019: \d+ %/);
  for (const id of ['size', 'data', 'research', 'compute', 'transformers', 'who', 'optimal']) {
    assert.equal(await page.locator(`#story-${id} a.more`).count() >= 1, true, `${id} links to its view`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the organizations sort from a menu', async () => {
  const { page, context, errors } = await openPage(app.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${app.server.url}#/organizations`);
  await page.waitForSelector('table.orgs tbody tr');
  const menu = page.locator('.sort-menu select');
  assert.ok(await menu.isVisible(), 'the sort menu shows at 390 px');
  await menu.selectOption({ label: 'Organization' });
  await page.waitForSelector('table.orgs thead th[aria-sort=ascending] button[data-col=name]');
  const names = (await page.locator('table.orgs tbody tr a.name').allTextContents()).map((s) => s.toLowerCase());
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'A to Z');
  assert.deepEqual(errors, []);
  await context.close();
});
