// End-to-end: the built app in headless Chromium, served from dist/ on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForApp, waitForAllRows, exactValue } from './harness.mjs';

const app = useApp();

test('the models table loads with no console error and only same-origin requests', async () => {
  const { page, context, errors, requests } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const status = await page.locator('[role=status]').first().textContent();
  const m = /^([\d,]+) of ([\d,]+) models$/.exec(status.trim());
  assert.ok(m, `status line: ${status}`);
  assert.equal(m[1], m[2], 'no filter: all rows shown');
  const total = Number(m[1].replaceAll(',', ''));
  const rows = await waitForAllRows(page);
  assert.ok(rows >= 15, `rows: ${rows}`);
  // The embedded dataset is above the virtualization threshold: a window of rows is rendered,
  // and scrolling the table to its end reaches the last row the status line counts.
  assert.ok(rows < total, `${rows} rows rendered of ${total}`);
  await page.locator('.table-wrap.virtual').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction(
    (last) => [...document.querySelectorAll('table.models tbody tr[aria-rowindex]')].some((tr) => tr.getAttribute('aria-rowindex') === last),
    String(total + 1),
  );
  assert.ok(await page.locator('table.models tbody tr:not(.spacer)').count() < total, 'still a window after scrolling');
  assert.deepEqual(errors, []);
  const origin = new URL(app.server.url).origin;
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], 'every request goes to the app origin');
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the wasm was loaded');
  await context.close();
});

test('clicking the Parameters header twice puts the largest model first', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const header = page.locator('button[data-col=parameters]');
  await header.click();
  await header.click();
  await page.waitForSelector('th[aria-sort=descending] button[data-col=parameters]');
  await waitForAllRows(page);
  // The parameter column's exact values, from the rendered rows' tooltip text.
  const col = await page.locator('thead th').evaluateAll((ths) =>
    ths.findIndex((th) => th.querySelector('[data-col=parameters]')));
  const tips = await page.locator(`tbody tr td:nth-child(${col + 1}) .num`).evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-tip')));
  const values = tips.map(exactValue).filter(Number.isFinite);
  assert.ok(values.length >= 15, `known values: ${values.length}`);
  const firstTip = await page
    .locator(`tbody tr:not(.spacer)`).first().locator(`td:nth-child(${col + 1}) .num`)
    .getAttribute('data-tip');
  assert.equal(exactValue(firstTip), Math.max(...values), 'largest first');
  for (let i = 1; i < values.length; i += 1) {
    assert.ok(values[i - 1] >= values[i], `descending at ${i}`);
  }
  // The URL is written when the page is next idle after the frame that shows the change.
  await page.waitForFunction(() => /sort=-parameters/.test(location.hash), null, { timeout: 5000 }).catch(() => {});
  assert.match(page.url(), /sort=-parameters/, 'the sort is in the URL');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the parameters chart draws a non-blank canvas at device pixel ratio 2', async () => {
  const { page, context, errors } = await openPage(app.browser, { deviceScaleFactor: 2 });
  await page.goto(`${app.server.url}#/charts/parameters-over-time`);
  await waitForApp(page);
  const canvas = page.locator('canvas.chart');
  await canvas.waitFor();
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas.chart');
    return c && c.width > 300;
  });
  const info = await canvas.evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink += 1;
    }
    const box = c.getBoundingClientRect();
    return { ink, w: c.width, h: c.height, cssW: box.width, cssH: box.height };
  });
  assert.ok(info.ink > 2000, `inked pixels: ${info.ink}`);
  assert.equal(info.w, Math.round(info.cssW * 2), 'backing store is CSS width × DPR');
  assert.equal(info.h, Math.round(info.cssH * 2), 'backing store is CSS height × DPR');
  // Resizing the window redraws at the new size.
  await page.setViewportSize({ width: 700, height: 700 });
  await page.waitForFunction((w) => document.querySelector('canvas.chart').width !== w, info.w);
  const w2 = await canvas.evaluate((c) => [c.width, c.getBoundingClientRect().width]);
  assert.equal(w2[0], Math.round(w2[1] * 2));
  assert.deepEqual(errors, []);
  await context.close();
});
