// End-to-end: axe-core (WCAG 2.0/2.1/2.2 A and AA) on every view, light and dark, at 1280 and
// 390 px; the skip link past the filters; focus after navigation; what screen readers get for
// a value's confidence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useApp, openPage, waitForApp } from './harness.mjs';

const app = useApp();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const CHARTS = [
  'parameters-over-time', 'compute-over-time', 'lambada', 'imagenet-top1', 'coco-fid', 'mmlu',
  'imagenet-challenge', 'tokens-vs-parameters', 'models-by-country', 'models-by-organization',
];
export const VIEWS = [
  '#/', '#/models', '#/models/gpt-3', '#/organizations', '#/organizations/openai', '#/countries',
  '#/capabilities', '#/compare?ids=gopher,chinchilla', '#/charts', ...CHARTS.map((c) => `#/charts/${c}`),
  '#/about', '#/charts/compute-over-time?embed=1', '#/models?embed=1',
];

/** Runs axe on the page; resolves to its violations as "rule: targets" lines. */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`
      + (v.nodes.length > 4 ? ` … ${v.nodes.length} in all` : ''));
  }, TAGS);
  return violations;
}

/** Opens `hash` and waits until its view (and any chart) has drawn. */
async function show(page, hash) {
  await page.goto(`${app.server.url}${hash}`);
  await page.waitForSelector(hash.includes('embed=1') ? 'main.embed h1' : 'main h1');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(150);
}

for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 390]) {
    test(`axe: no WCAG A/AA violations on any view (${colorScheme}, ${width} px)`, async () => {
      const { page, context, errors } = await openPage(app.browser, { colorScheme, viewport: { width, height: 900 }, bypassCSP: true });
      try {
        const found = [];
        for (const hash of VIEWS) {
          await show(page, hash);
          assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), colorScheme === 'dark', `${hash}: theme`);
          for (const v of await axe(page)) found.push(`${hash}: ${v}`);
        }
        assert.deepEqual(found, []);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('a skip link jumps past the filters to the search; navigation moves focus to the content', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  // Tab from the top: "Skip to content", then the header's controls; the models view's own
  // skip link comes before the first filter.
  const skip = page.locator('a.skip[href="#model-search"]');
  await skip.focus();
  assert.ok(await skip.isVisible(), 'visible when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'model-search');
  const before = await page.evaluate(() => {
    const all = [...document.querySelectorAll('a[href], button, input, select, summary, [tabindex]:not([tabindex="-1"])')];
    return all.indexOf(document.querySelector('a.skip[href="#model-search"]')) < all.indexOf(document.querySelector('input[data-facet]'));
  });
  assert.ok(before, 'the skip link comes before the facets');
  // Following a link to a model moves focus to the main content.
  await page.locator('table.models a.name').first().click();
  await page.waitForSelector('.model-page');
  // The main content or its heading (the page's title) has the focus.
  assert.ok(['main', 'view-title'].includes(await page.evaluate(() => document.activeElement?.id)));
  assert.deepEqual(errors, []);
  await context.close();
});

test('screen readers get a value\'s exact number and confidence as text', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models?q=gpt-3&cols=name,parameters,compute`);
  await waitForApp(page);
  const cell = page.locator('tr[data-id=gpt-3] .num').first();
  await cell.waitFor();
  assert.equal(await cell.getAttribute('aria-label'), null, 'no aria-label on a plain span');
  const hidden = await cell.locator('.visually-hidden').textContent();
  assert.match(hidden, /175,000,000,000 \((reported|estimated)\)/);
  const snapshot = await page.locator('tr[data-id=gpt-3]').ariaSnapshot();
  assert.match(snapshot, /175,000,000,000/);
  assert.deepEqual(errors, []);
  await context.close();
});
