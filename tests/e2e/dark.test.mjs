// End-to-end: the dark theme follows prefers-color-scheme, the toggle is remembered on the
// device, charts (embeds too) are drawn dark, and downloads say which theme they are in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, openPage, waitForApp } from './harness.mjs';

const app = useApp();

/** The luminance (0–255) of a canvas's top-left pixel and how many pixels differ from it. */
function canvasLook(c) {
  const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  const [r, g, b] = data;
  let drawn = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 60) drawn += 1;
  }
  return { bg: 0.2126 * r + 0.7152 * g + 0.0722 * b, drawn };
}

async function chartLook(page) {
  const canvas = page.locator('canvas.chart').first();
  await canvas.waitFor();
  await page.waitForFunction(() => document.querySelector('canvas.chart')?.dataset.marks);
  await page.waitForTimeout(100);
  return canvas.evaluate(canvasLook);
}

test('dark: follows the system, every surface and the chart are dark', async () => {
  const { page, context, errors } = await openPage(app.browser, { colorScheme: 'dark' });
  await page.goto(`${app.server.url}#/charts/parameters-over-time`);
  await waitForApp(page);
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark')));
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(24, 28, 34)');
  const look = await chartLook(page);
  assert.ok(look.bg < 60, `dark chart background (${look.bg})`);
  assert.ok(look.drawn > 1500, 'the chart is drawn');
  // An embed follows the system too.
  await page.goto(`${app.server.url}#/charts/compute-over-time?embed=1`);
  const embed = await chartLook(page);
  assert.ok(embed.bg < 60 && embed.drawn > 1500, JSON.stringify(embed));
  assert.deepEqual(errors, []);
  await context.close();
});

test('dark: the toggle switches the theme, redraws the chart and is remembered', async () => {
  const { page, context, errors } = await openPage(app.browser, { colorScheme: 'light', acceptDownloads: true });
  await page.goto(`${app.server.url}#/charts/parameters-over-time`);
  await waitForApp(page);
  assert.ok((await chartLook(page)).bg > 200, 'light at first');
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark')));
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas.chart');
    const [r] = c.getContext('2d').getImageData(0, 0, 1, 1).data;
    return r < 60;
  });
  assert.equal(await page.evaluate(() => localStorage.getItem('model-atlas-theme')), 'dark');
  // Downloads are in the theme shown, and say so.
  const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-download=png]').click()]);
  assert.equal(png.suggestedFilename(), 'model-atlas-parameters-over-time-dark.png');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('[data-download=svg]').click()]);
  assert.equal(svg.suggestedFilename(), 'model-atlas-parameters-over-time-dark.svg');
  const text = await readFile(await svg.path(), 'utf8');
  assert.match(text, /#181C22/i, 'the SVG has the dark background');
  // Remembered on reload, over the system's light preference.
  await page.reload();
  await waitForApp(page);
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark')));
  assert.ok((await chartLook(page)).bg < 60, 'the chart is dark after reload');
  // And back to light.
  await page.getByRole('button', { name: 'Dark mode' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), false);
  const [light] = await Promise.all([page.waitForEvent('download'), page.locator('[data-download=svg]').click()]);
  assert.equal(light.suggestedFilename(), 'model-atlas-parameters-over-time.svg');
  assert.deepEqual(errors, []);
  await context.close();
});
