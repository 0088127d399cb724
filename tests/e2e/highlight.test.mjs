// End-to-end: a chart's own controls kept in the URL — "Highlight a model" (highlight=<id>:
// the model is drawn emphasised, named on the canvas and stated under the chart) and the zoom
// (zoom=x0,x1,y0,y1: a shared link opens zoomed; Reset zoom removes it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForApp } from './harness.mjs';

const app = useApp();
const CANVAS = '.chart-view:not(.compact) canvas.chart';

async function openChart(page, hash) {
  await page.goto(`${app.server.url}#/charts/${hash}`);
  await waitForApp(page);
  await page.waitForSelector(`${CANVAS}[data-draw-ms]`, { timeout: 20000 });
}

/** The names drawn on the canvas (set after each draw). */
async function drawnNames(page) {
  const v = await page.locator(CANVAS).getAttribute('data-labels');
  return (v || '').split('|').filter(Boolean);
}

/** A fingerprint of the canvas picture. */
function pictureHash(page) {
  return page.locator(CANVAS).evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) | 0;
    return hash;
  });
}

test('typing a model in the highlight box puts it in the URL, on the canvas and under the chart', async () => {
  const { page, context, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await openChart(page, 'parameters-over-time');
  assert.ok(!(await drawnNames(page)).includes('T5-11B'), 'not named before it is highlighted');
  const before = await pictureHash(page);
  const box = page.locator('input[data-control=highlight]');
  // The list offers the plotted models' names.
  const listed = await page.locator(`datalist#${await box.getAttribute('list')} option`).evaluateAll(
    (os) => os.map((o) => o.value),
  );
  assert.ok(listed.includes('T5-11B') && listed.includes('GPT-3'), `${listed.length} names listed`);
  await box.fill('t5-11b');
  await box.press('Enter');
  await page.waitForFunction(() => /[?&]highlight=t5-11b(&|$)/.test(location.hash));
  await page.waitForFunction(
    (sel) => (document.querySelector(sel).getAttribute('data-labels') || '').split('|').includes('T5-11B'),
    CANVAS,
  );
  assert.notEqual(await pictureHash(page), before, 'the picture changes');
  const findings = await page.locator('.chart-findings').innerText();
  assert.match(findings, /Highlighted\s+T5-11B \(11B, 2019-10-23\)/);
  // A second model by its name: both are kept, comma-separated.
  await box.fill('GPT-3');
  await box.press('Enter');
  await page.waitForFunction(() => /[?&]highlight=t5-11b,gpt-3(&|$)/.test(location.hash));
  // Its button removes it again.
  await page.locator('button[data-highlighted=t5-11b]').click();
  await page.waitForFunction(() => /[?&]highlight=gpt-3(&|$)/.test(location.hash));
  await page.locator('button[data-highlighted=gpt-3]').click();
  await page.waitForFunction(() => !/highlight=/.test(location.hash));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a highlighted id that is not plotted is ignored with a note', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await openChart(page, 'tokens-vs-parameters?highlight=chinchilla,no-such-model');
  assert.ok((await drawnNames(page)).includes('Chinchilla'));
  const findings = await page.locator('.chart-findings').innerText();
  assert.match(findings, /Highlighted\s+Chinchilla \(/);
  assert.match(findings, /Not highlighted\s+“no-such-model” \(no such model\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a URL with zoom= opens zoomed, survives a reload, and Reset zoom removes it', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await openChart(page, 'compute-over-time');
  const whole = await pictureHash(page);
  await openChart(page, 'compute-over-time?zoom=2016,2020,1e20,1e24');
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(`${CANVAS}[data-draw-ms]`, { timeout: 20000 });
  const reset = page.locator('button[data-control=reset-zoom]');
  await page.waitForFunction(() => !document.querySelector('button[data-control=reset-zoom]').disabled);
  assert.notEqual(await pictureHash(page), whole, 'the zoomed picture differs');
  assert.match(page.url(), /zoom=2016,2020,1e20,1e24/);
  await reset.click();
  await page.waitForFunction(() => document.querySelector('button[data-control=reset-zoom]').disabled);
  // The URL follows the state after the frame that shows it.
  await page.waitForFunction(() => !/zoom=/.test(location.href), null, { timeout: 5000 }).catch(() => {});
  assert.ok(!/zoom=/.test(page.url()), page.url());
  await page.waitForFunction(
    ([sel, h]) => {
      const c = document.querySelector(sel);
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let hash = 0;
      for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) | 0;
      return hash === h;
    },
    [CANVAS, whole],
  );
  // A malformed zoom is ignored with a notice; the chart opens whole.
  await openChart(page, 'compute-over-time?zoom=1,2,3');
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(`${CANVAS}[data-draw-ms]`, { timeout: 20000 });
  assert.ok(await reset.isDisabled());
  assert.match(await page.locator('body').innerText(), /Ignored a zoom that is not four numbers/);
  assert.deepEqual(errors, []);
  await context.close();
});
