// End-to-end: embeds (`embed=1`) in cross-origin iframes of many sizes fill the frame with
// nothing overlapping; the chart keeps most of the height and its options fold into a menu.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, serveHtml, openPage } from './harness.mjs';

const app = useApp();
const WIDTHS = [320, 390, 640, 800, 1200];
const HEIGHT = 520;

/** In the frame: pairs of in-flow sibling elements whose boxes overlap, and blocks outside. */
function layoutProblems() {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.position !== 'absolute' && cs.position !== 'fixed'
      && !el.classList.contains('visually-hidden');
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
  const problems = [];
  const root = document.querySelector('.embed-frame');
  for (const parent of [root, ...root.querySelectorAll('*')]) {
    if (parent.closest('table, svg, canvas, .chart-menu-body')) continue;
    const kids = [...parent.children].filter(visible);
    for (let i = 0; i < kids.length; i += 1) {
      for (let j = i + 1; j < kids.length; j += 1) {
        const a = kids[i].getBoundingClientRect();
        const b = kids[j].getBoundingClientRect();
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) problems.push(`${name(kids[i])} overlaps ${name(kids[j])}`);
      }
    }
  }
  for (const el of root.querySelectorAll('.embed-body, .embed-source, .chart-box, .chart-menu > summary')) {
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
      problems.push(`${name(el)} outside the frame: ${JSON.stringify(r)}`);
    }
  }
  if (document.documentElement.scrollHeight > innerHeight + 1) problems.push('the page scrolls');
  return problems;
}

/** Pixels of a canvas that differ from its background (its top-left pixel). */
function drawnPixels(c) {
  const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  const [r, g, b] = data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 60) n += 1;
  }
  return n;
}

async function host(hash) {
  return serveHtml(`<!doctype html><html><head><meta name="viewport" content="width=device-width"></head><body>
    ${WIDTHS.map((w) => `<iframe id="f${w}" src="${app.server.url}${hash}" title="Model Atlas ${w}" width="${w}" height="${HEIGHT}" style="border:0;display:block"></iframe>`).join('\n')}
  </body></html>`);
}

test('an embedded chart fills frames from 320 to 1200 px wide, nothing overlapping', async () => {
  const page0 = await host('#/charts/compute-over-time?embed=1');
  const { page, context, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(page0.url);
    for (const w of WIDTHS) {
      // Browsers defer drawing in cross-origin frames out of view.
      await page.locator(`#f${w}`).scrollIntoViewIfNeeded();
      const frame = page.frameLocator(`#f${w}`);
      const canvas = frame.locator('canvas.chart');
      await canvas.waitFor();
      await canvas.evaluate((c) => new Promise((resolve) => {
        const t = setInterval(() => { if (c.width > 200 && c.dataset.marks) { clearInterval(t); resolve(); } }, 50);
      }));
      const problems = await frame.locator('body').evaluate(layoutProblems);
      assert.deepEqual(problems, [], `${w} px`);
      const box = await frame.locator('.chart-box').boundingBox();
      assert.ok(box.height >= HEIGHT * 0.7, `${w} px: the chart keeps most of the height (${box.height} px)`);
      assert.ok(await canvas.evaluate(drawnPixels) > 1500, `${w} px: the chart is drawn`);
      // The options are one tap away, in a menu over the chart.
      const menu = frame.locator('details.chart-menu');
      assert.equal(await menu.evaluate((d) => d.open), false);
      await menu.locator(':scope > summary').click();
      await frame.locator('.chart-menu-body [data-download=png]').waitFor();
      await menu.locator(':scope > summary').click();
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await page0.close();
  }
});

test('an embedded table fits phone and desktop frames', async () => {
  const page0 = await host('#/models?domain=language&embed=1');
  const { page, context, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(page0.url);
    for (const w of WIDTHS) {
      const frame = page.frameLocator(`#f${w}`);
      await frame.locator('table.models tbody tr[data-id]').first().waitFor();
      const problems = await frame.locator('body').evaluate(layoutProblems);
      assert.deepEqual(problems, [], `${w} px`);
      const wrap = await frame.locator('.table-wrap').boundingBox();
      assert.ok(wrap.height >= HEIGHT * 0.5, `${w} px: the table keeps most of the height (${wrap.height} px)`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await page0.close();
  }
});

test('the Embed snippet offers a size that fits and says the frame may be resized', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/charts/compute-over-time`);
  await page.waitForSelector('main h1');
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const snippet = await page.locator('textarea.snippet').inputValue();
  assert.match(snippet, /width="800" height="520"/);
  assert.match(snippet, /width:100%;max-width:800px/);
  assert.match(await page.locator('.embed-panel').textContent(), /Resize the frame/);
  assert.deepEqual(errors, []);
  await context.close();
});
