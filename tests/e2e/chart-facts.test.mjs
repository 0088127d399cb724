// End-to-end: what the charts state is also page text (the fitted trends with their
// intervals, the published figures, the methods, what is plotted and left out), the key models
// are named on the parameters and tokens charts, leaderboards put the best first on an axis
// over the data, and sparse models can be plotted at their active parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForApp } from './harness.mjs';

const app = useApp();

async function openChart(page, hash) {
  await page.goto(`${app.server.url}#/charts/${hash}`);
  await waitForApp(page);
  await page.waitForSelector('.chart-view:not(.compact) canvas.chart[data-draw-ms]', { timeout: 20000 });
}

/** The names drawn on the canvas (set after each draw). */
async function drawnNames(page) {
  const v = await page.locator('.chart-view:not(.compact) canvas.chart').getAttribute('data-labels');
  return (v || '').split('|').filter(Boolean);
}

test('the compute chart states its four trends, the published figures and the methods as text', async () => {
  const { page, context, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  // Full history: the default window opens on 2010, where the pre-2010 era has no point.
  await openChart(page, 'compute-over-time?time=all');
  const terms = await page.locator('.chart-findings dt').allInnerTexts();
  assert.deepEqual(terms, [
    'Before 2010',
    'Regular-scale, 2010 onward',
    'Large-scale, from Sep 2015',
    'Frontier (running top 10), from 2018',
    'Large-scale method',
    'Frontier method',
  ]);
  const facts = await page.locator('.chart-findings dd').allInnerTexts();
  assert.match(facts[2], /^doubles every [\d.]+ months \(95% CI [\d.]+–[\d.]+, n=\d+\) · published 9\.9 months \(7\.7–17\.1\)/);
  assert.match(facts[3], /^grows [\d.]+× per year \(95% CI [\d.]+×–[\d.]+×, n=\d+\)/);
  assert.match(facts[4], /0\.72 standard deviations/);
  assert.match(facts[5], /top 10|10 most compute-intensive/);
  // Found by the browser's search: plain text on the page, not only pixels.
  const body = await page.evaluate(() => document.body.innerText);
  assert.ok(body.includes('Sevilla et al. 2022'), 'published source as text');
  assert.match(await page.locator('.chart-facts .chart-subtitle').innerText(), /models with a known training compute/);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [chart, names] of [
  ['parameters-over-time', ['GPT-3', 'Gopher', 'Chinchilla', 'PaLM', 'BLOOM', 'LLaMA', 'Switch', 'DLRM 12T']],
  ['tokens-vs-parameters', ['GPT-3', 'Gopher', 'Chinchilla', 'PaLM', 'BLOOM', 'LLaMA']],
]) {
  test(`the ${chart} chart names the key models by default, on the canvas and as text`, async () => {
    const { page, context, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
    await openChart(page, chart);
    const drawn = await drawnNames(page);
    for (const n of names) assert.ok(drawn.includes(n), `${n} drawn: ${drawn.join(', ')}`);
    await page.waitForSelector('.chart-facts .chart-named');
    const text = await page.locator('.chart-facts .chart-named').innerText();
    for (const n of names) assert.ok(text.includes(n), `${n} listed: ${text}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('COCO FID puts the lowest first and says where its axis starts', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await openChart(page, 'coco-fid');
  assert.match(await page.locator('.chart-facts .chart-subtitle').innerText(), /best \(lowest FID\) first; the axis starts at [\d.]+, not at zero/);
  await page.locator('input[data-control=table]').check();
  await page.waitForSelector('table.chart-table');
  const scores = await page.locator('table.chart-table tbody tr td:nth-child(5)').allInnerTexts();
  const values = scores.map((s) => Number.parseFloat(s));
  assert.ok(values.length >= 3, `${values}`);
  assert.deepEqual(values, [...values].sort((a, b) => a - b), 'lowest FID first');
  for (const s of scores) assert.match(s, /^\d+\.\d FID$/, 'one decimal');
  assert.deepEqual(errors, []);
  await context.close();
});

test('sparse models: the active-parameters switch reaches the URL, the axis and the subtitle', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await openChart(page, 'parameters-over-time');
  assert.match(await page.locator('.chart-facts .chart-subtitle').innerText(), /diamonds: \d+ sparse models \(mixture-of-experts\), plotted at their total/);
  await page.locator('input[data-control=params]').check();
  await page.waitForFunction(() => /[?&]params=active/.test(location.hash));
  await page.waitForFunction(() => /plotted at their active parameters/.test(document.querySelector('.chart-facts .chart-subtitle')?.textContent));
  assert.match(await page.locator('canvas.chart').first().getAttribute('aria-label'), /active parameters/);
  await page.locator('input[data-control=params]').uncheck();
  await page.waitForFunction(() => !/params=/.test(location.hash));
  assert.deepEqual(errors, []);
  await context.close();
});
