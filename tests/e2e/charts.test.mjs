// End-to-end: the charts (#5) — every route draws, tooltips on hover and keyboard focus,
// click/Enter opens the model, scale toggles reach the URL and the picture, zoom, series
// toggles, the table view and the downloads (SVG, CSV, PNG).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, openPage, waitForApp, parseCsv } from './harness.mjs';

const CHARTS = [
  'parameters-over-time', 'compute-over-time', 'lambada', 'imagenet-top1', 'coco-fid', 'mmlu',
  'imagenet-challenge', 'tokens-vs-parameters', 'models-by-country', 'models-by-organization',
];

const app = useApp();

/** Waits until the chart has drawn (`data-draw-ms` is set after each draw). */
async function waitForChart(page) {
  await waitForApp(page);
  await page.waitForSelector('.chart-view:not(.compact) canvas.chart[data-draw-ms]', { timeout: 20000 });
}

/** Inked pixels, distinct colours and a fingerprint of the canvas picture. */
function picture(page) {
  return page.locator('.chart-view:not(.compact) canvas.chart').evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let ink = 0;
    let hash = 0;
    const colors = new Set();
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (r < 200 || g < 200 || b < 200) ink += 1;
      if (i % 64 === 0) colors.add((r << 16) | (g << 8) | b);
      hash = (hash * 31 + r + 7 * g + 13 * b) | 0;
    }
    const box = c.getBoundingClientRect();
    return { ink, colors: colors.size, hash, w: c.width, h: c.height, cssW: box.width, cssH: box.height };
  });
}

/** The centre of the focus ring (where the active mark is), in page coordinates. */
async function ringCenter(page) {
  const ring = page.locator('.chart-view:not(.compact) .chart-ring');
  await ring.waitFor({ state: 'visible' });
  const b = await ring.boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

const tipText = (page) => page.locator('.chart-view:not(.compact) .chart-tip').innerText();

for (const dpr of [1, 2, 3]) {
  test(`every chart route draws a non-blank canvas at device pixel ratio ${dpr}`, async () => {
    const { page, context, errors } = await openPage(app.browser, { deviceScaleFactor: dpr });
    for (const id of CHARTS) {
      // Each route from a fresh load, so each waits for its own first draw.
      await page.goto(`${app.server.url}#/charts/${id}`);
      await page.reload();
      await waitForChart(page);
      assert.equal(await page.locator('canvas.chart').first().getAttribute('data-chart'), id);
      const p = await picture(page);
      assert.ok(p.ink > 5000 * dpr * dpr, `${id}: inked pixels ${p.ink}`);
      assert.ok(p.colors > 6, `${id}: ${p.colors} colours`);
      assert.equal(p.w, Math.round(p.cssW * dpr), `${id}: backing width = CSS × DPR`);
      assert.equal(p.h, Math.round(p.cssH * dpr), `${id}: backing height = CSS × DPR`);
      const marks = Number(await page.locator('canvas.chart').first().getAttribute('data-marks'));
      assert.ok(marks > 0, `${id}: ${marks} marks`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('hovering a known point shows its tooltip; clicking it opens the model', async () => {
  const { page, context, errors } = await openPage(app.browser);
  // The table's search narrows the chart to GPT-3 (GPT-3.5 has no parameter count).
  await page.goto(`${app.server.url}#/charts/parameters-over-time?q=davinci`);
  await waitForChart(page);
  const canvas = page.locator('canvas.chart').first();
  // Keyboard focus selects the first point and shows its tooltip and ring.
  await canvas.focus();
  assert.match(await tipText(page), /GPT-3 175B \(davinci\)/);
  assert.match(await tipText(page), /175B \(reported\)/);
  const at = await ringCenter(page);
  // Leave, then hover the ring's centre with the mouse: the same tooltip comes back.
  await canvas.blur();
  await page.mouse.move(5, 5);
  await page.locator('.chart-tip').first().waitFor({ state: 'hidden' });
  await page.mouse.move(at.x, at.y);
  await page.locator('.chart-tip').first().waitFor({ state: 'visible' });
  assert.match(await tipText(page), /^GPT-3 175B \(davinci\)/);
  assert.match(await tipText(page), /Published 2020-05-28/);
  // A few pixels off the point still hits it; far away does not.
  await page.mouse.move(at.x + 4, at.y - 3);
  assert.match(await tipText(page), /GPT-3 175B/);
  await page.mouse.move(at.x + 200, at.y + 150);
  await page.locator('.chart-tip').first().waitFor({ state: 'hidden' });
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(() => location.hash.startsWith('#/models/gpt-3'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('arrow keys move between points and Enter opens the focused model', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/tokens-vs-parameters`);
  await waitForChart(page);
  const canvas = page.locator('canvas.chart').first();
  await canvas.focus();
  const first = await tipText(page);
  const ring1 = await ringCenter(page);
  await page.keyboard.press('ArrowRight');
  const second = await tipText(page);
  const ring2 = await ringCenter(page);
  assert.notEqual(second, first);
  assert.ok(ring2.x >= ring1.x - 1, 'points go left to right');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await tipText(page), first);
  await page.keyboard.press('End');
  const last = await tipText(page);
  assert.notEqual(last, first);
  const name = last.split('\n')[0].replace(/ \(under-trained\)$/, '');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/models/'));
  await page.waitForFunction((n) => document.querySelector('h1')?.textContent.includes(n), name);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the y scale toggle changes the URL and the picture, and back', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/parameters-over-time`);
  await waitForChart(page);
  const before = await picture(page);
  const toggle = page.locator('button[data-axis=y]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await toggle.click();
  await page.waitForFunction(() => /[?&]yscale=linear/.test(location.hash));
  await page.waitForFunction(() => document.querySelector('button[data-axis=y]').getAttribute('aria-pressed') === 'false');
  await page.waitForFunction(
    (h) => {
      const c = document.querySelector('.chart-view:not(.compact) canvas.chart');
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let x = 0;
      for (let i = 0; i < data.length; i += 4) x = (x * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) | 0;
      return x !== h;
    },
    before.hash,
  );
  assert.notEqual((await picture(page)).hash, before.hash);
  await page.locator('button[data-axis=y]').click();
  await page.waitForFunction(() => !/yscale=/.test(location.hash));
  assert.deepEqual(errors, []);
  await context.close();
});

test('colour, outliers and leaderboard options are written to the URL', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/parameters-over-time`);
  await waitForChart(page);
  const marks = async () => Number(await page.locator('canvas.chart').first().getAttribute('data-marks'));
  const all = await marks();
  await page.locator('input[data-control=outliers]').uncheck();
  await page.waitForFunction(() => /[?&]outliers=0/.test(location.hash));
  await page.waitForFunction((n) => Number(document.querySelector('canvas.chart').getAttribute('data-marks')) < n, all);
  assert.equal(await marks(), all - 1, 'DLRM 12T is the one outlier');
  await page.locator('select[data-control=color]').selectOption('country');
  await page.waitForFunction(() => /[?&]color=country/.test(location.hash));
  assert.match(await page.locator('.chart-series summary').innerText(), /Series: \d+ of \d+ shown/);
  // The seed's view preset: 2020–2022 without outliers.
  const preset = await page.locator('a.preset').getAttribute('href');
  assert.match(preset, /from=2020/);
  assert.match(preset, /to=2022/);
  assert.match(preset, /outliers=0/);

  await page.goto(`${app.server.url}#/charts/coco-fid`);
  await waitForChart(page);
  assert.match(await page.locator('canvas.chart').first().getAttribute('aria-label'), /lower is better/);
  await page.locator('select[data-control=setting]').selectOption('zero-shot FID-30K');
  await page.waitForFunction(() => /[?&]setting=zero-shot%20FID-30K/.test(location.hash));
  await page.locator('input[data-control=vs]').check();
  await page.waitForFunction(() => /[?&]vs=parameters/.test(location.hash));
  await page.waitForSelector('button[data-axis=x][aria-pressed=true]');
  assert.deepEqual(errors, []);
  await context.close();
});

test('wheel zoom enables the reset button, which restores the view', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/compute-over-time`);
  await waitForChart(page);
  const reset = page.locator('button[data-control=reset-zoom]');
  assert.ok(await reset.isDisabled());
  const before = await picture(page);
  const box = await page.locator('canvas.chart').first().boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.55);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction(() => !document.querySelector('button[data-control=reset-zoom]').disabled);
  const zoomed = await picture(page);
  assert.notEqual(zoomed.hash, before.hash);
  await page.waitForFunction(() => /[?&]zoom=/.test(location.hash));
  await reset.click();
  await page.waitForFunction(() => document.querySelector('button[data-control=reset-zoom]').disabled);
  // The URL follows the state after the frame that shows the change.
  await page.waitForFunction(() => !/zoom=/.test(location.hash), null, { timeout: 5000 });
  assert.ok(!/zoom=/.test(page.url()), 'Reset zoom removes zoom= from the URL');
  // A drag draws a box and zooms to it.
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.7, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => !document.querySelector('button[data-control=reset-zoom]').disabled);
  await page.locator('canvas.chart').first().dblclick({ position: { x: 20, y: 20 } });
  await page.waitForFunction(() => document.querySelector('button[data-control=reset-zoom]').disabled);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a series can be hidden and shown again', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/models-by-country`);
  await waitForChart(page);
  const before = await picture(page);
  await page.locator('.chart-series summary').click();
  const us = page.locator('input[data-series="United States"]');
  await us.uncheck();
  await page.waitForFunction(() => /Series: \d+ of/.test(document.querySelector('.chart-series summary').textContent));
  await page.waitForFunction((h) => {
    const c = document.querySelector('.chart-view:not(.compact) canvas.chart');
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let x = 0;
    for (let i = 0; i < data.length; i += 4) x = (x * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) | 0;
    return x !== h;
  }, before.hash);
  const summary = await page.locator('.chart-series summary').innerText();
  const m = /Series: (\d+) of (\d+) shown/.exec(summary);
  assert.equal(Number(m[1]), Number(m[2]) - 1, summary);
  await us.check();
  await page.waitForFunction(() => {
    const m2 = /Series: (\d+) of (\d+) shown/.exec(document.querySelector('.chart-series summary').textContent);
    return m2 && m2[1] === m2[2];
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('clicking a legend entry on the canvas hides its series, clicking again shows it', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/parameters-over-time`);
  await waitForChart(page);
  const canvas = page.locator('canvas.chart').first();
  const marks = async () => Number(await canvas.getAttribute('data-marks'));
  const all = await marks();
  // The first legend swatch: the first pixel of the first series' colour (Okabe–Ito blue)
  // near the left edge, above the plot.
  const dot = await canvas.evaluate((c) => {
    const ctx = c.getContext('2d');
    const s = c.width / c.getBoundingClientRect().width;
    const w = Math.round(40 * s);
    const h = Math.round(140 * s);
    const { data } = ctx.getImageData(0, 0, w, h);
    for (let y = 0; y < h; y += 1) {
      for (let x = 0; x < w; x += 1) {
        const i = (y * w + x) * 4;
        if (Math.abs(data[i] - 0) < 8 && Math.abs(data[i + 1] - 114) < 8 && Math.abs(data[i + 2] - 178) < 8) {
          return { x: x / s + 3, y: y / s + 3 };
        }
      }
    }
    return null;
  });
  assert.ok(dot, 'the legend swatch is drawn');
  const box = await canvas.boundingBox();
  await page.mouse.click(box.x + dot.x, box.y + dot.y);
  await page.waitForFunction((n) => Number(document.querySelector('canvas.chart').getAttribute('data-marks')) < n, all);
  const fewer = await marks();
  assert.match(await page.locator('.chart-series summary').innerText(), /Series: 8 of 9 shown/);
  await page.mouse.click(box.x + dot.x, box.y + dot.y);
  await page.waitForFunction((n) => Number(document.querySelector('canvas.chart').getAttribute('data-marks')) === n, all);
  assert.ok(fewer < all);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"show as table" lists the plotted points with links to the models', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/mmlu`);
  await waitForChart(page);
  const marks = Number(await page.locator('canvas.chart').first().getAttribute('data-marks'));
  await page.locator('input[data-control=table]').check();
  await page.waitForSelector('table.chart-table');
  assert.equal(await page.locator('table.chart-table tbody tr').count(), marks);
  const first = page.locator('table.chart-table tbody tr').first();
  assert.equal(await first.locator('td').first().innerText(), '1');
  const href = await first.locator('a').first().getAttribute('href');
  assert.match(href, /^#\/models\//);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the SVG download is a valid SVG with the chart title; CSV and PNG download too', async () => {
  const { page, context, errors } = await openPage(app.browser, { acceptDownloads: true });
  await page.goto(`${app.server.url}#/charts/compute-over-time`);
  await waitForChart(page);
  const title = 'Training compute over time';
  const [svgDl] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button[data-download=svg]').click(),
  ]);
  assert.equal(svgDl.suggestedFilename(), 'model-atlas-compute-over-time.svg');
  const svg = await readFile(await svgDl.path(), 'utf8');
  assert.ok(svg.startsWith('<svg'), svg.slice(0, 40));
  assert.ok(svg.includes(title));
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length };
  }, svg);
  assert.deepEqual(parsed, { root: 'svg', errors: 0 });

  const [csvDl] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button[data-download=csv]').click(),
  ]);
  const csvText = await readFile(await csvDl.path(), 'utf8');
  assert.ok(csvText.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets');
  const csv = parseCsv(csvText.slice(1)).filter((r) => r.some((c) => c !== ''));
  const marks = Number(await page.locator('canvas.chart').first().getAttribute('data-marks'));
  assert.equal(csv.length, marks + 1, 'a header and one row per plotted point');
  assert.deepEqual(csv[0].slice(0, 2), ['model_id', 'Model']);

  const [pngDl] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button[data-download=png]').click(),
  ]);
  const png = await readFile(await pngDl.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual(errors, []);
  await context.close();
});

test('charts make no network requests beyond the app', async () => {
  const { page, context, errors, requests } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/parameters-over-time`);
  await waitForChart(page);
  await page.locator('button[data-download=svg]').click();
  const origin = new URL(app.server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});
