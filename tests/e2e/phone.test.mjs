// End-to-end at phone width (390 × 844): a compact header with the navigation in a menu, the
// filters as a panel over the results, a table without sideways scrolling, 24 px tap targets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForApp } from './harness.mjs';

const app = useApp();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

test('phone: a compact header, the navigation in a menu, the title in the first screen', async () => {
  const { page, context, errors } = await openPage(app.browser, PHONE);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const header = await page.locator('header.topbar').boundingBox();
  assert.ok(header.height <= 64, `header ${header.height} px high`);
  assert.equal(await page.locator('nav[aria-label=Main]').isVisible(), false, 'navigation folded');
  const title = await page.locator('main h1').boundingBox();
  assert.ok(title.y + title.height < 844 / 2, `title at ${title.y}`);
  const menu = page.getByRole('button', { name: 'Menu' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.locator('nav[aria-label=Main] a', { hasText: 'Charts' }).click();
  await page.waitForSelector('.thumbs');
  assert.equal(await page.locator('nav[aria-label=Main]').isVisible(), false, 'the menu closes after navigating');
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone: filters open over the results and "Show N models" closes them', async () => {
  const { page, context, errors } = await openPage(app.browser, PHONE);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const toggle = page.locator('button.filters-toggle');
  assert.equal(await page.locator('input[data-facet]').first().isVisible(), false, 'folded at first');
  await toggle.click();
  const panel = await page.locator('aside.filters').boundingBox();
  assert.ok(panel.width >= 389 && panel.height >= 843, `the panel covers the screen: ${JSON.stringify(panel)}`);
  await page.locator('input[data-facet=domain][value=vision]').check();
  const status = (await page.locator('main [role=status]').first().textContent()).trim();
  const shown = /^([\d,]+) of/.exec(status)?.[1];
  const done = page.locator('.filters-done button');
  assert.equal((await done.textContent()).trim(), `Show ${shown} models`);
  // The button stays in view at the foot of the panel.
  const b = await done.boundingBox();
  assert.ok(b.y + b.height <= 844 && b.height >= 24, JSON.stringify(b));
  // Every checkbox in the panel is a 24 × 24 px target.
  const small = await page.locator('aside.filters input[type=checkbox]').evaluateAll((els) => els
    .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && (r.width < 24 || r.height < 24)).length);
  assert.equal(small, 0, 'checkboxes of at least 24 × 24 px');
  await done.click();
  assert.equal(await page.locator('input[data-facet]').first().isVisible(), false, 'closed');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'filters-toggle', 'focus back on the toggle');
  assert.match(await toggle.textContent(), /Filters \(1\)/);
  // Escape closes it too.
  await toggle.click();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('input[data-facet]').first().isVisible(), false, 'closed by Escape');
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone: the table shows the model and its size without sideways scrolling', async () => {
  const { page, context, errors } = await openPage(app.browser, PHONE);
  await page.goto(`${app.server.url}#/models?sort=-parameters`);
  await waitForApp(page);
  await page.locator('table.models tbody tr[data-id]').first().waitFor();
  const wrap = page.locator('.table-wrap');
  const [scroll, client] = await wrap.evaluate((w) => [w.scrollWidth, w.clientWidth]);
  assert.ok(scroll <= client + 1, `no sideways scrolling: ${scroll} > ${client}`);
  const heads = (await page.locator('table.models thead th').evaluateAll((ths) => ths
    .filter((th) => th.getBoundingClientRect().width > 0).map((th) => th.textContent.trim())));
  assert.ok(heads.some((h) => h.startsWith('Model')), heads.join());
  assert.ok(heads.some((h) => h.startsWith('Parameters')), heads.join());
  assert.ok(heads.length <= 4, `a few columns: ${heads.join()}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'the page does not scroll sideways');
  // The rest is one tap away: the model's page.
  await page.locator('table.models a.name').first().click();
  await page.waitForSelector('.model-page table.facts');
  // Tap targets in the table: the selection checkboxes are 24 × 24 px.
  await page.goBack();
  await page.locator('td.pick input').first().waitFor();
  const pick = await page.locator('td.pick input').first().boundingBox();
  assert.ok(pick.width >= 24 && pick.height >= 24, JSON.stringify(pick));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the virtual table keeps its fixed 33 px rows with the larger tap targets', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const { page, context, errors } = await openPage(app.browser, { viewport });
    await page.goto(`${app.server.url}#/models`);
    await waitForApp(page);
    await page.locator('.table-wrap.virtual tbody tr[data-id]').first().waitFor();
    const heights = await page.locator('tbody tr[data-id]').evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getBoundingClientRect().height))]);
    assert.deepEqual(heights, [33], `${viewport.width} px`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
