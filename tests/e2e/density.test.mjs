// End-to-end: a scatter chart of an imported file with many points is drawn as a density grid
// (issue "faster than a frame": charts at scale), with its key, and hover still reaches single
// models. The file is generated here: 30 000 models spread over 15 years (the years the chart shows by default) and three decades of
// parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForApp } from './harness.mjs';

const app = useApp();
const INPUT = 'input[type=file][data-import]';
const N = 30000;

/** A CSV of `n` generated models (as tests/e2e/import.test.mjs makes them, spread wider). */
function generatedCsv(n) {
  const lines = ['Model,Publication date,Parameters,Organization,Domain'];
  for (let i = 0; i < n; i += 1) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const params = `${(i * 7919) % 997 + 1}e${7 + (i % 5)}`;
    lines.push(`Model ${i},${2010 + (i % 15)}-${month}-15,${params},Lab ${i % 50},${i % 3 ? 'Language' : 'Vision'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Opens the app, imports the generated file and opens the parameters chart. */
async function openDensityChart(browser, viewport) {
  const opened = await openPage(browser, { viewport });
  const { page } = opened;
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  await page.setInputFiles(INPUT, { name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(generatedCsv(N)) });
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor({ timeout: 30000 });
  await dialog.locator('button[type=submit]').click();
  await page.locator('.import-done').waitFor({ timeout: 60000 });
  await page.evaluate(() => { window.location.hash = '#/charts/parameters-over-time'; });
  await page.locator('canvas.chart[data-chart=parameters-over-time][data-density]').waitFor({ timeout: 30000 });
  return opened;
}

/** A spot of the canvas (CSS px, page coordinates) painted in a series colour, near the plot's middle. */
async function colouredSpot(page) {
  const canvas = page.locator('canvas.chart[data-chart=parameters-over-time]');
  const box = await canvas.boundingBox();
  const spot = await canvas.evaluate((c) => {
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const scale = c.width / c.getBoundingClientRect().width;
    // From the middle outwards along the middle rows: a saturated (not grey) pixel.
    for (let dy = 0; dy < height / 4; dy += 2) {
      for (const y of [Math.round(height * 0.6) + dy, Math.round(height * 0.6) - dy]) {
        for (let x = Math.round(width * 0.3); x < width * 0.9; x += 1) {
          const i = (y * width + x) * 4;
          const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
          if (Math.max(r, g, b) - Math.min(r, g, b) > 60) return { x: x / scale, y: y / scale };
        }
      }
    }
    return null;
  });
  assert.ok(spot, 'a cell painted in a series colour');
  return { x: box.x + spot.x, y: box.y + spot.y };
}

test('a 30 000-row file\'s parameters chart is a density grid with its key, and hovering a cell shows a model', async () => {
  const { page, context, errors } = await openDensityChart(app.browser, { width: 1280, height: 900 });
  const canvas = page.locator('canvas.chart[data-chart=parameters-over-time]');
  assert.equal(Number(await canvas.getAttribute('data-marks')), N, 'every model is a point');
  // The key drawn in the legend, and how to read it beside the chart.
  assert.match(await canvas.getAttribute('data-density'), /^density: 1–[\d,]+ points per cell$/);
  const note = await page.locator('.chart-facts .chart-density').innerText();
  assert.match(note, /Drawn as a density grid/);
  assert.match(note, /the 30,000 points in view are counted in cells/);
  assert.match(note, /1 to [\d,]+ per cell/);
  // Hover a painted cell: the tooltip names one of the file's models.
  const at = await colouredSpot(page);
  await page.mouse.move(at.x, at.y);
  const tip = page.locator('.chart-view:not(.compact) .chart-tip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.locator('strong').innerText(), /^Model \d+$/);
  assert.match(await tip.innerText(), /Click or press Enter to open the model/);
  // Away from the plot: no tooltip.
  await page.mouse.move(5, 5);
  await tip.waitFor({ state: 'hidden' });
  // The keyboard reaches single points too.
  await canvas.focus();
  await page.keyboard.press('End');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.locator('strong').innerText(), /^Model \d+$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the embedded atlas\'s parameters chart keeps one mark per model (no density grid)', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/parameters-over-time`);
  await waitForApp(page);
  const canvas = page.locator('canvas.chart[data-chart=parameters-over-time]');
  await page.waitForFunction(() => document.querySelector('canvas.chart[data-chart=parameters-over-time]')?.hasAttribute('data-draw-ms'));
  assert.equal(await canvas.getAttribute('data-density'), null);
  assert.equal(await page.locator('.chart-density').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the density chart keeps its key and hover', async () => {
  const { page, context, errors } = await openDensityChart(app.browser, { width: 390, height: 844 });
  assert.match(await page.locator('canvas.chart[data-chart=parameters-over-time]').getAttribute('data-density'), /^density: 1–/);
  const at = await colouredSpot(page);
  await page.mouse.move(at.x, at.y);
  const tip = page.locator('.chart-view:not(.compact) .chart-tip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.locator('strong').innerText(), /^Model \d+$/);
  assert.deepEqual(errors, []);
  await context.close();
});
