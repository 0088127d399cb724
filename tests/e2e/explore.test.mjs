// End-to-end: the explore views (#4) — search, facets, sort, URLs, model pages, compare,
// keyboard use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForApp, waitForAllRows } from './harness.mjs';

const app = useApp();

const statusCounts = async (page) => {
  const text = (await page.locator('[role=status]').first().textContent()).trim();
  const m = /^([\d,]+) of ([\d,]+) models/.exec(text);
  assert.ok(m, `status: ${text}`);
  return [Number(m[1].replaceAll(',', '')), Number(m[2].replaceAll(',', ''))];
};

test('typing "PaLM" narrows the table and updates the URL', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const [, total] = await statusCounts(page);
  await page.locator('input[type=search]').fill('PaLM');
  await page.waitForFunction(() => /[?&]q=PaLM/.test(location.hash));
  const [shown] = await statusCounts(page);
  assert.ok(shown > 0 && shown < total, `${shown} of ${total}`);
  await waitForAllRows(page);
  const names = await page.locator('tbody tr td a.name').allTextContents();
  assert.equal(names.length, shown);
  // Every row mentions PaLM somewhere the search looks (name, organization, description, tasks):
  // at least the names that match are there, and PaLM itself is.
  assert.ok(names.some((n) => /PaLM 540B/.test(n)), names.join(' | '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a facet click filters rows and updates the other facets\' counts and the URL', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const [, total] = await statusCounts(page);
  const vision = page.locator('input[data-facet=domain][value=vision]');
  const visionCount = Number(await vision.locator('xpath=..').locator('.count').textContent());
  const usBefore = Number(await page.locator('input[data-facet=country][value="United States"]')
    .locator('xpath=..').locator('.count').textContent());
  await vision.check();
  await page.waitForFunction(() => /[?&]domain=vision/.test(location.hash));
  const [shown] = await statusCounts(page);
  assert.equal(shown, visionCount, 'rows = the facet count shown before the click');
  assert.ok(shown < total);
  await waitForAllRows(page);
  const usAfter = Number(await page.locator('input[data-facet=country][value="United States"]')
    .locator('xpath=..').locator('.count').textContent());
  assert.ok(usAfter < usBefore, `US count ${usBefore} → ${usAfter}`);
  // Every row shown is a vision model.
  await page.locator('details.columns-chooser summary').click();
  const domains = await page.locator('table.models tbody tr[data-id]').evaluateAll((trs) => trs.map((tr) => {
    const ths = [...document.querySelectorAll('thead th')];
    const col = ths.findIndex((th) => th.querySelector('[data-col=domain]'));
    return tr.children[col]?.textContent;
  }));
  assert.ok(domains.every((d) => d === 'vision'), domains.join(','));
  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.waitForFunction(() => !/domain=/.test(location.hash));
  assert.equal((await statusCounts(page))[0], total);
  assert.deepEqual(errors, []);
  await context.close();
});

test('opening a copied URL restores the same rows', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  await page.locator('input[data-facet=domain][value=language]').check();
  await page.locator('input[type=search]').fill('google');
  await page.locator('button[data-col=parameters]').click();
  await page.locator('button[data-col=parameters]').click();
  await page.waitForFunction(() => /sort=-parameters/.test(location.hash));
  await waitForAllRows(page);
  const url = page.url();
  const ids = await page.locator('table.models tbody tr[data-id]').evaluateAll((trs) => trs.map((t) => t.dataset.id));
  assert.ok(ids.length > 1);
  const second = await openPage(app.browser);
  await second.page.goto(url);
  await waitForApp(second.page);
  await waitForAllRows(second.page);
  const ids2 = await second.page.locator('table.models tbody tr[data-id]').evaluateAll((trs) => trs.map((t) => t.dataset.id));
  assert.deepEqual(ids2, ids);
  assert.equal(await second.page.locator('input[type=search]').inputValue(), 'google');
  // Back restores the previous state (before the sort).
  await page.goBack();
  await page.waitForFunction(() => !/sort=-parameters/.test(location.hash));
  await second.context.close();
  await context.close();
});

test('a model page shows its sources and confidence', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const first = page.locator('tbody tr a.name').first();
  const name = await first.textContent();
  await first.click();
  await page.waitForSelector('article.model-page');
  assert.equal((await page.locator('h1').textContent()).trim(), name.trim());
  const source = page.locator('.source a');
  assert.match(await source.getAttribute('href'), /^https?:\/\//);
  assert.ok(await page.locator('.badge').count() >= 3, 'confidence badges');
  assert.match(await page.locator('article.model-page pre.bibtex').textContent(), /^@misc\{/);
  await page.getByRole('link', { name: '← Back to the models' }).click();
  await page.waitForSelector('table.models');
  assert.deepEqual(errors, []);
  await context.close();
});

test('compare shows three models ticked in the table', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models?q=chinchilla`);
  await waitForApp(page);
  const boxes = page.locator('tbody tr td.pick input');
  await boxes.first().check();
  await page.locator('input[type=search]').fill('gopher');
  await page.locator('tbody tr td.pick input').first().check();
  await page.locator('input[type=search]').fill('PaLM 540B');
  await page.locator('tbody tr td.pick input').first().check();
  await page.getByRole('button', { name: /Compare selected \(3\)/ }).click();
  await page.waitForSelector('table.compare');
  const heads = await page.locator('table.compare thead th[data-id]').count();
  assert.equal(heads, 3);
  // The URL is written when the page is next idle after the frame that shows the change.
  await page.waitForFunction(() => /#\/compare\?.*ids=/.test(location.hash), null, { timeout: 5000 }).catch(() => {});
  assert.match(page.url(), /#\/compare\?.*ids=/);
  assert.ok(await page.locator('td.differs').count() > 0, 'differences highlighted');
  assert.ok(/× the parameters/.test(await page.locator('table.compare').textContent()), 'ratios');
  // Remove one on the page.
  await page.locator('button.remove').first().click();
  await page.waitForFunction(() => document.querySelectorAll('table.compare thead th[data-id]').length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the table works with the keyboard alone', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  // Tab until the search box has focus, type, then reach the Parameters header and press Enter.
  let guard = 0;
  while (guard < 80 && !(await page.evaluate(() => document.activeElement?.type === 'search'))) {
    await page.keyboard.press('Tab');
    guard += 1;
  }
  assert.ok(guard < 80, 'search reachable by Tab');
  await page.keyboard.type('llama');
  await page.waitForFunction(() => /q=llama/.test(location.hash));
  guard = 0;
  while (guard < 200 && !(await page.evaluate(() => document.activeElement?.dataset?.col === 'parameters'))) {
    await page.keyboard.press('Tab');
    guard += 1;
  }
  assert.ok(guard < 200, 'Parameters header reachable by Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /sort=parameters/.test(location.hash));
  // Reach a model link and open it with Enter.
  guard = 0;
  while (guard < 200 && !(await page.evaluate(() => document.activeElement?.classList?.contains('name')))) {
    await page.keyboard.press('Tab');
    guard += 1;
  }
  assert.ok(guard < 200, 'a model link reachable by Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('article.model-page');
  await context.close();
});

test('organizations, countries and capabilities render from the data', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/organizations`);
  await page.waitForSelector('table.orgs tbody tr');
  const orgRows = await page.locator('table.orgs tbody tr').count();
  assert.ok(orgRows > 10, `organizations: ${orgRows}`);
  await page.locator('table.orgs tbody tr a.name').first().click();
  await page.waitForSelector('table.models tbody tr[data-id]');
  await page.goto(`${app.server.url}#/countries`);
  await page.waitForSelector('table.counts tbody tr');
  const totals = await page.locator('table.counts tbody tr td:nth-child(2)').allTextContents();
  const [shown] = await statusCounts(page);
  assert.equal(totals.map(Number).reduce((a, b) => a + b, 0), shown, 'country totals add up to the models');
  await page.goto(`${app.server.url}#/capabilities?sort=-tasks`);
  await page.waitForSelector('table.matrix tbody tr');
  const counts = await page.locator('table.matrix tbody tr td.numeric').allTextContents();
  const nums = counts.map(Number);
  assert.ok(nums.every((n, i) => i === 0 || nums[i - 1] >= n), 'sorted by number of capabilities');
  const dots = await page.locator('table.matrix tbody tr').first().locator('td.cell.yes').count();
  assert.equal(dots, nums[0], 'dots = the task count');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a malformed URL shows a notice, not a crash', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models?sort=sideways&from=soon&domain=language`);
  await waitForApp(page);
  const notice = await page.locator('.notice[role=alert]').textContent();
  assert.match(notice, /sort/);
  assert.match(notice, /year/);
  assert.ok(await page.locator('input[data-facet=domain][value=language]').isChecked());
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link followed right after a change is not undone by that change\'s URL update', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  await page.waitForSelector('table.models tbody tr[data-id]');
  // The app writes a change into the URL after the frame that shows it. A navigation made
  // in between (here: in the task after the next frame, as a quick click would) must win.
  for (let i = 0; i < 8; i += 1) {
    await page.evaluate((i) => new Promise((resolve) => {
      const input = document.querySelector('#model-search');
      input.value = `g${i}`;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      requestAnimationFrame(() => setTimeout(() => { location.hash = '#/countries'; resolve(); }, 0));
    }), i);
    await page.waitForSelector('table.counts tbody tr', { timeout: 5000 });
    await page.waitForTimeout(100);
    assert.match(page.url(), /#\/countries/, `try ${i}: ${page.url()}`);
    await page.evaluate(() => { location.hash = '#/models'; });
    await page.waitForSelector('#model-search');
  }
  assert.deepEqual(errors, []);
  await context.close();
});
