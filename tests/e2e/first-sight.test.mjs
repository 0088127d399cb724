// End-to-end: what a new reader sees first — time axes open on the deep-learning era with a
// one-click "Full history" kept in the URL, the table opens on the newest models, the partial
// year is marked, the tab's title names the view, and Back returns the focus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, openPage, waitForApp } from './harness.mjs';

const app = useApp();

async function waitForChart(page) {
  await waitForApp(page);
  await page.waitForSelector('.chart-view:not(.compact) canvas.chart[data-draw-ms]', { timeout: 20000 });
}

/** The x-axis year labels of the chart's SVG download (4-digit texts), ascending. */
async function svgYears(page) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button[data-download=svg]').click(),
  ]);
  const svg = await readFile(await dl.path(), 'utf8');
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return [...doc.querySelectorAll('text')]
      .map((t) => t.textContent.trim())
      .filter((t) => /^\d{4}$/.test(t))
      .map(Number)
      .sort((a, b) => a - b);
  }, svg);
}

test('the compute chart opens on 2010 onward; Full history brings 1950 back and is in the URL', async () => {
  const { page, context, errors } = await openPage(app.browser, { acceptDownloads: true });
  await page.goto(`${app.server.url}#/charts/compute-over-time`);
  await waitForChart(page);
  const years = await svgYears(page);
  assert.ok(years.length >= 3, `year ticks: ${years}`);
  assert.ok(years[0] >= 2000, `the x axis starts in ${years[0]}`);
  assert.equal(await page.locator('input[data-control=time-from]').inputValue(), '2010');
  assert.match(await page.locator('canvas.chart').getAttribute('aria-label'), /outside 2010–\d{4} not shown/);

  await page.locator('button[data-control=full-history]').click();
  await page.waitForFunction(() => location.hash.includes('time=all'));
  await waitForChart(page);
  const full = await svgYears(page);
  assert.ok(full[0] < 1970, `Full history starts in ${full[0]}`);
  assert.equal(await page.locator('button[data-control=full-history]').getAttribute('aria-pressed'), 'true');

  // Typed years are kept in the URL too, and the link reopens them.
  await page.locator('input[data-control=time-from]').fill('2018');
  await page.locator('input[data-control=time-from]').press('Enter');
  await page.waitForFunction(() => /time=2018\.\.\d{4}/.test(location.hash));
  await page.reload();
  await waitForChart(page);
  assert.equal(await page.locator('input[data-control=time-from]').inputValue(), '2018');
  const chosen = await svgYears(page);
  assert.ok(chosen[0] >= 2017, `the chosen window starts in ${chosen[0]}`);

  // Back to the default: the URL holds no time= then.
  await page.locator('button[data-control=default-window]').click();
  await page.waitForFunction(() => !location.hash.includes('time='));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a year filter sets the chart window: the filtered years are shown', async () => {
  const { page, context, errors } = await openPage(app.browser, { acceptDownloads: true });
  await page.goto(`${app.server.url}#/charts/parameters-over-time?from=1990&to=2005`);
  await waitForChart(page);
  assert.equal(await page.locator('input[data-control=time-from]').inputValue().then(Number) < 2000, true);
  const years = await svgYears(page);
  assert.ok(years[0] < 2000 && years.at(-1) <= 2006, `years: ${years}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the table opens on the newest models and says so; compute is never 4e1', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  await page.waitForSelector('table.models tbody tr[data-id]');
  const first = await page.locator('table.models tbody tr[data-id] time').first().getAttribute('datetime');
  const newest = await page.locator('table.models tbody tr[data-id] time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')).sort().at(-1));
  assert.equal(first, newest, 'the first row is the newest');
  assert.ok(Number(first.slice(0, 4)) >= new Date().getFullYear() - 3, `first row from ${first}`);
  assert.match(await page.locator('.sort-note').textContent(), /sorted by date, newest first/);
  assert.equal(await page.locator('th:has(button[data-col=date])').getAttribute('aria-sort'), 'descending');
  // Oldest first: Theseus's 40 FLOP reads as a number, not 4e1.
  await page.locator('button[data-col=date]').click();
  await page.waitForFunction(() => location.hash.includes('sort=date'));
  await page.waitForFunction(() => document.querySelector('table.models tbody tr[data-id] time')?.getAttribute('datetime') < '1960');
  // What a sighted reader sees: the cells without their visually hidden exact values.
  const cells = await page.locator('table.models tbody tr[data-id] td.numeric').evaluateAll((tds) => tds.map((td) => {
    const copy = td.cloneNode(true);
    copy.querySelectorAll('.visually-hidden').forEach((e) => e.remove());
    return copy.textContent;
  }));
  assert.ok(cells.some((c) => /^≈?\d[\d,.]*$/.test(c.trim())), `a small value written plainly: ${cells}`);
  assert.ok(!cells.some((c) => /\de[0-3]$/.test(c.trim())), `cells: ${cells}`);
  // Clicking again is the default: it leaves the URL.
  await page.locator('button[data-col=date]').click();
  await page.waitForFunction(() => !location.hash.includes('sort='));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the countries table opens on 2010 onward, counts the rest, and marks the partial year', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/countries`);
  await waitForApp(page);
  const heads = await page.locator('table.counts thead th').allTextContents();
  assert.ok(heads.includes('Before 2010'), `headers: ${heads}`);
  assert.ok(!heads.includes('1950'));
  assert.match(heads.at(-1), /^\d{4} \(to date\)$/);
  assert.match(await page.locator('.partial-note').textContent(), /is partial: the data runs to \d{4}-\d{2}-\d{2}/);
  // Each row's year cells add up to its total.
  const ok = await page.locator('table.counts tbody tr').evaluateAll((rows) => rows.every((r) => {
    const cells = [...r.querySelectorAll('td.numeric')].map((td) => Number(td.textContent) || 0);
    const [total, ...years] = cells;
    return years.reduce((a, b) => a + b, 0) === total;
  }));
  assert.ok(ok, 'year cells add up to the totals');
  await page.locator('button[data-control=full-history]').click();
  await page.waitForFunction(() => location.hash.includes('time=all'));
  const full = await page.locator('table.counts thead th').allTextContents();
  assert.ok(full.includes('1950') && !full.includes('Before 2010'), `headers: ${full.slice(0, 6)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the tab title names the view, and Back returns the focus to the link followed', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/compute-over-time`);
  await waitForChart(page);
  assert.equal(await page.title(), 'Training compute over time — Model Atlas');
  await page.goto(`${app.server.url}#/models`);
  await page.waitForFunction(() => document.title === 'Large AI models — Model Atlas');
  await page.waitForSelector('table.models tbody tr[data-id] a.name');
  const link = page.locator('table.models tbody tr[data-id] a.name').nth(2);
  const href = await link.getAttribute('href');
  const name = (await link.textContent()).trim();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.title === `${n} — Model Atlas`, name);
  await page.goBack();
  await page.waitForFunction((h) => document.activeElement?.getAttribute('href') === h, href);
  assert.equal(await page.title(), 'Large AI models — Model Atlas');
  // A page reached by Back with nothing remembered focuses its heading.
  await page.goto(`${app.server.url}#/about`);
  await page.waitForFunction(() => document.title.startsWith('About Model Atlas'));
  await page.goto(`${app.server.url}#/countries`);
  await page.waitForFunction(() => document.title.startsWith('Large AI models by country'));
  await page.goBack();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.deepEqual(errors, []);
  await context.close();
});
