// End-to-end: share, embed (cross-origin iframes), the offline single file, the service worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { useApp, serve, serveHtml, openPage, waitForApp, inkedPixels, DIST } from './harness.mjs';

const app = useApp();
const FIXTURE = fileURLToPath(new URL('../fixtures/epoch_notable_2026-02_first40.csv', import.meta.url));

/** Opens the 40-row fixture through "Open data…" and waits for the import to finish. */
async function openFixture(page) {
  await page.setInputFiles('input[type=file][data-import]', FIXTURE);
  await page.locator('.import-done').waitFor({ timeout: 30000 });
  assert.match(await page.locator('.import-banner').innerText(), /^Viewing: epoch_notable_2026-02_first40\.csv \(40 rows\)/);
  await page.waitForFunction(() => /^40 of 40 models/.test(document.querySelector('[role=status]')?.textContent.trim() ?? ''));
}

test('Share copies the permalink of the current view', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.server.url).origin });
  await page.goto(`${app.server.url}#/models?domain=vision&sort=-parameters`);
  await waitForApp(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.locator('input.permalink').inputValue();
  assert.equal(link, page.url());
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.waitForSelector('.copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  // The link reproduces the view elsewhere.
  const other = await openPage(app.browser);
  await other.page.goto(link);
  await waitForApp(other.page);
  assert.ok(await other.page.locator('input[data-facet=domain][value=vision]').isChecked());
  await other.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page on another origin embeds a chart and a filtered table', async () => {
  const chartHash = '#/charts/parameters-over-time?embed=1';
  const tableHash = '#/models?domain=vision&embed=1';
  const host = await serveHtml(`<!doctype html><html><body>
    <h1>Someone else's article</h1>
    <iframe id="chart" src="${app.server.url}${chartHash}" title="Model Atlas chart" width="700" height="450"></iframe>
    <iframe id="table" src="${app.server.url}${tableHash}" title="Model Atlas table" width="700" height="400"></iframe>
  </body></html>`);
  const { page, context, errors, requests } = await openPage(app.browser);
  try {
    await page.goto(host.url);
    const chart = page.frameLocator('#chart');
    const table = page.frameLocator('#table');
    await chart.locator('canvas.chart').first().waitFor();
    await table.locator('table.models tbody tr[data-id]').first().waitFor();
    // The table: only vision models, no navigation bar, a status line that matches the rows.
    assert.equal(await table.locator('header.topbar').count(), 0, 'no navigation bar');
    const status = (await table.locator('[role=status]').first().textContent()).trim();
    const shown = Number(/^(\d+) of/.exec(status)?.[1]);
    await table.locator('table.models tbody tr[data-id]').nth(shown - 1).waitFor();
    assert.equal(await table.locator('table.models tbody tr[data-id]').count(), shown);
    // The chart draws, and redraws when the iframe is resized.
    const canvas = chart.locator('canvas.chart').first();
    await canvas.evaluate((c) => new Promise((resolve) => {
      const t = setInterval(() => { if (c.width > 300) { clearInterval(t); resolve(); } }, 50);
    }));
    assert.ok(await inkedPixels(canvas) > 1500, 'chart is drawn');
    const w1 = await canvas.evaluate((c) => c.width);
    await page.evaluate(() => { document.querySelector('#chart').width = '420'; });
    await canvas.evaluate((c, w) => new Promise((resolve) => {
      const t = setInterval(() => { if (c.width !== w) { clearInterval(t); resolve(); } }, 50);
    }), w1);
    const w2 = await canvas.evaluate((c) => c.width);
    assert.ok(w2 < w1, `redrawn narrower: ${w1} → ${w2}`);
    assert.ok(await inkedPixels(canvas) > 1000, 'still drawn after resize');
    // Title, source line, and a link to the full view in a new tab.
    for (const [frame, hash] of [[chart, chartHash], [table, tableHash]]) {
      assert.ok((await frame.locator('.embed-head h1').textContent()).length > 3);
      // A table says its source under it; a chart draws its own source line.
      if (frame === table) assert.match(await frame.locator('.embed-source').textContent(), /Epoch AI/);
      const open = frame.locator('a.open-full');
      assert.equal(await open.getAttribute('target'), '_blank');
      const href = await open.getAttribute('href');
      assert.equal(href, `${app.server.url}${hash.replace(/[?&]embed=1$/, '')}`);
    }
    assert.deepEqual(errors, []);
    const allowed = new Set([new URL(app.server.url).origin, new URL(host.url).origin]);
    assert.deepEqual(requests.filter((u) => !allowed.has(new URL(u).origin)), []);
  } finally {
    await context.close();
    await host.close();
  }
});

test('the Embed action shows a snippet and a live preview', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/parameters-over-time`);
  await waitForApp(page);
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const snippet = await page.locator('textarea.snippet').inputValue();
  assert.match(snippet, /^<iframe src="[^"]+embed=1" title="Model Atlas: [^"]+" width="\d+" height="\d+"/);
  const preview = page.frameLocator('iframe.embed-preview');
  await preview.locator('.embed-head h1').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('model-atlas.html works opened from disk, with no server', async (t) => {
  const file = join(DIST, 'model-atlas.html');
  if (!existsSync(file)) {
    t.skip('dist/model-atlas.html is missing (scripts/dev.sh build makes it)');
    return;
  }
  const { page, context, errors, requests } = await openPage(app.browser);
  const url = pathToFileURL(file).href;
  await page.goto(`${url}#/models`);
  await waitForApp(page);
  await page.locator('table.models tbody tr a.name').first().waitFor();
  const rows = await page.locator('table.models tbody tr:not(.spacer)').count();
  assert.ok(rows >= 15, `rows: ${rows}`);
  // Hash navigation: a chart, then a model page, then back.
  await page.goto(`${url}#/charts/parameters-over-time`);
  const canvas = page.locator('canvas.chart').first();
  await canvas.waitFor();
  await page.waitForFunction(() => document.querySelector('canvas.chart')?.width > 300);
  assert.ok(await inkedPixels(canvas) > 2000, 'chart drawn from file://');
  await page.goto(`${url}#/models`);
  await page.locator('tbody tr a.name').first().click();
  await page.waitForSelector('article.model-page');
  await page.goBack();
  await page.waitForSelector('table.models');
  // Opening a file: the import worker starts from the page's own copy of its code.
  await openFixture(page);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((u) => !/^(file|data|blob):/.test(u)), []);
  await context.close();
});

test('the installed app keeps working after the server stops', async () => {
  const own = await serve();
  const { page, context, errors } = await openPage(app.browser);
  try {
    await page.goto(`${own.url}#/models`);
    await waitForApp(page);
    assert.ok(await page.evaluate(() => !!document.querySelector('link[rel=manifest]')));
    // Wait for the service worker to be active and in control.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
    await own.close();
    await page.reload();
    await waitForApp(page);
    await page.locator('table.models tbody tr a.name').first().waitFor();
    const rows = await page.locator('table.models tbody tr:not(.spacer)').count();
    assert.ok(rows >= 15, `rows after the server stopped: ${rows}`);
    // The import worker was kept too: a file opens with the server gone.
    await openFixture(page);
    assert.deepEqual(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)), []);
  } finally {
    await context.close();
    await own.close().catch(() => {});
  }
});

test('the footer credits Epoch AI, states the licence and offers a BibTeX entry', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const footer = page.locator('footer.footer');
  assert.match(await footer.innerText(), /Epoch AI/);
  assert.match(await footer.innerText(), /CC BY 4\.0/);
  await footer.locator('details.cite summary').click();
  const bib = await footer.locator('pre.bibtex').innerText();
  assert.match(bib, /^@misc\{modelatlas\d{4},/);
  assert.match(bib, /Epoch AI/);
  assert.equal((bib.match(/\{/g) ?? []).length, (bib.match(/\}/g) ?? []).length, 'balanced braces');
  await context.close();
});
