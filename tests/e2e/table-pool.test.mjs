// End-to-end: the models table's pooled rows (written in place, not re-rendered) show the right
// models at the right places on a 100 000-row file after scrolling, sorting and searching.
// Expectations are computed here from the generated file, independently of the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, waitForApp, useApp } from './harness.mjs';

const N = 100000;
const ROW = 33; // px, the virtual table's fixed row height (style.css)

const app = useApp({ tmp: 'atlas-pool-' });

/** Row i's parameters: a permutation of 1..N (7919 is prime), so every sort order is unique. */
const params = (i) => ((i * 7919) % N) + 1;

function csv() {
  const lines = ['Model,Publication date,Parameters,Organization,Domain'];
  for (let i = 0; i < N; i += 1) {
    lines.push(`Model ${i},${2000 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-15,${params(i)}e6,Lab ${i % 50},${i % 3 ? 'Language' : 'Vision'}`);
  }
  return `${lines.join('\n')}\n`;
}

const ascending = [...Array(N).keys()].sort((a, b) => params(a) - params(b)).map((i) => `Model ${i}`);
const descending = [...ascending].reverse();

/** Waits until the status line reads "n of N models". */
async function waitForStatus(page, n) {
  await page.waitForFunction(
    (want) => document.querySelector('[role=status]')?.textContent.trim() === want,
    `${n.toLocaleString('en-US')} of ${N.toLocaleString('en-US')} models`,
    { timeout: 60000 },
  );
}

/** The rendered rows: position (aria-rowindex − 2), name, id, link, where it is on screen. */
function shownRows(page) {
  return page.evaluate(() => {
    const wrap = document.querySelector('.table-wrap').getBoundingClientRect();
    return [...document.querySelectorAll('table.models tbody tr:not(.spacer)')].map((tr) => {
      const a = tr.querySelector('a.name');
      const box = tr.getBoundingClientRect();
      return {
        pos: Number(tr.getAttribute('aria-rowindex')) - 2,
        name: a?.textContent.trim(),
        title: a?.getAttribute('title'),
        href: a?.getAttribute('href'),
        id: tr.dataset.id,
        top: box.top - wrap.top,
        cells: tr.children.length,
      };
    });
  });
}

/** Asserts the rows are consecutive positions showing `expected[pos]`, laid out at their place. */
function assertRows(rows, expected, what) {
  assert.ok(rows.length > 0, `${what}: rows shown`);
  rows.forEach((r, k) => {
    assert.equal(r.pos, rows[0].pos + k, `${what}: consecutive positions`);
    assert.equal(r.name, expected[r.pos], `${what}: row ${r.pos}`);
    assert.equal(r.title, r.name, `${what}: the name's title`);
    assert.ok(r.href?.includes(`#/models/${encodeURIComponent(r.id)}`), `${what}: link ${r.href} to ${r.id}`);
    assert.equal(r.cells, rows[0].cells, `${what}: every row has the same cells`);
  });
  const laidOut = rows.filter((r) => r.pos > rows[0].pos && r.pos < rows.at(-1).pos);
  for (const r of laidOut) {
    assert.equal(r.top - laidOut[0].top, (r.pos - laidOut[0].pos) * ROW, `${what}: row ${r.pos} at its place`);
  }
}

/** Scrolls the table so that position `pos` is at its top; waits for its row. */
async function scrollTo(page, pos) {
  await page.locator('.table-wrap').evaluate((el, y) => { el.scrollTop = y; }, pos * ROW);
  await page.waitForFunction(
    (idx) => document.querySelector(`table.models tbody tr[aria-rowindex="${idx}"]`),
    String(pos + 2),
  );
}

test('a 100 000-row file: scrolled, sorted and searched, the table shows the right rows in the right places', async () => {
  const path = join(app.tmp, 'pool.csv');
  writeFileSync(path, csv());
  const { page, context, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  await page.setInputFiles('input[type=file][data-import]', path);
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor({ timeout: 30000 });
  await dialog.locator('button[type=submit]').click();
  await waitForStatus(page, N);
  assert.equal(await page.locator('table.models').getAttribute('aria-rowcount'), String(N + 1));

  // Sorted by parameters, smallest first: the first rows, then the middle after a scroll.
  await page.locator('button[data-col=parameters]').click();
  await page.waitForFunction((first) => document.querySelector('table.models tbody tr a.name')?.textContent.trim() === first, ascending[0]);
  let rows = await shownRows(page);
  assert.equal(rows[0].pos, 0, 'the sorted table starts at its first row');
  assertRows(rows, ascending, 'sorted ↑');
  assert.ok(rows.length < 60, `a window of rows (${rows.length})`);
  await scrollTo(page, 50000);
  rows = await shownRows(page);
  assertRows(rows, ascending, 'sorted ↑, scrolled to 50 000');
  assert.ok(rows.some((r) => r.pos === 50000) && rows.length < 60, `window around 50 000: ${rows[0].pos}…${rows.at(-1).pos}`);
  // The spacers stand for the rows above: row 50 000 is at the top, just under the header.
  const head = await page.locator('table.models thead').evaluate((el) => el.getBoundingClientRect().height);
  const target = rows.find((r) => r.pos === 50000);
  assert.ok(Math.abs(target.top - head) <= 2, `row 50 000 at ${target.top} px, the header ${head} px high`);
  // Small scroll steps, as a wheel makes: each window is right (rows reused at the other end).
  for (const pos of [50003, 50010, 49990, 49989]) {
    await scrollTo(page, pos);
    assertRows(await shownRows(page), ascending, `scrolled to ${pos}`);
  }

  // The same header again: largest first, from the top (the scroll resets on a new order).
  await page.locator('button[data-col=parameters]').click();
  await page.waitForFunction((first) => document.querySelector('table.models tbody tr a.name')?.textContent.trim() === first, descending[0]);
  assert.equal(await page.locator('th:has(button[data-col=parameters])').getAttribute('aria-sort'), 'descending');
  assert.equal(await page.locator('.table-wrap').evaluate((el) => el.scrollTop), 0);
  rows = await shownRows(page);
  assert.equal(rows[0].pos, 0);
  assertRows(rows, descending, 'sorted ↓');
  await scrollTo(page, N - 10);
  rows = await shownRows(page);
  assertRows(rows, descending, 'sorted ↓, at the end');
  assert.equal(rows.at(-1).pos, N - 1, 'the last row is reachable');

  // A search under that sort (every word must match): the 20 names with "4242" in them, all in
  // the DOM (below the virtualization threshold), largest first.
  const matches = descending.filter((name) => name.includes('4242'));
  assert.equal(matches.length, 20);
  await page.locator('input[type=search]').fill('Model 4242');
  await waitForStatus(page, matches.length);
  await page.waitForFunction((n) => document.querySelectorAll('table.models tbody tr:not(.spacer)').length === n, matches.length);
  rows = await shownRows(page);
  assert.deepEqual(rows.map((r) => r.name), matches);
  assert.deepEqual(rows.map((r) => r.pos), [...Array(matches.length).keys()]);
  assert.equal(await page.locator('table.models tbody tr.spacer').count(), 0, 'no spacers below the threshold');
  assert.equal(await page.locator('.table-wrap.virtual').count(), 0);
  assert.equal(await page.locator('table.models').getAttribute('aria-rowcount'), String(matches.length + 1));

  // A tick is the model's, whichever row shows it later: tick the last row, then search its
  // name, which only it has, so it shows in the first row.
  const second = rows.at(-1);
  const word = second.name.split(' ')[1];
  assert.equal(descending.filter((name) => name.includes(word)).length, 1, `only ${second.name} has ${word}`);
  await page.locator(`tr[data-id="${second.id}"] td.pick input`).check();
  await page.waitForFunction(() => /\(1\)$/.test(document.querySelector('.toolbar button.primary')?.textContent.trim() ?? ''));
  await page.locator('input[type=search]').fill(second.name);
  await waitForStatus(page, 1);
  await page.waitForFunction(() => document.querySelectorAll('table.models tbody tr:not(.spacer)').length === 1);
  const only = page.locator('table.models tbody tr[data-id]');
  assert.equal(await only.getAttribute('aria-rowindex'), '2');
  assert.equal(await only.getAttribute('data-id'), second.id);
  assert.ok(await only.locator('td.pick input').isChecked(), 'the ticked model is ticked in its new row');
  assert.equal(await only.locator('td.pick input').getAttribute('aria-label'), `Select ${second.name} for comparison`);
  await page.locator('input[type=search]').fill('Model 4242');
  await waitForStatus(page, matches.length);
  const checked = await page.locator('table.models tbody tr[data-id] td.pick input:checked').evaluateAll((els) => els.map((e) => e.closest('tr').dataset.id));
  assert.deepEqual(checked, [second.id], 'back in its row, and no other row ticked');

  // Cleared: every row again, from the top, in the same order.
  await page.locator('input[type=search]').fill('');
  await waitForStatus(page, N);
  await page.waitForFunction((first) => document.querySelector('table.models tbody tr a.name')?.textContent.trim() === first, descending[0]);
  rows = await shownRows(page);
  assert.equal(rows[0].pos, 0);
  assertRows(rows, descending, 'search cleared');
  const ticked = await page.locator('table.models tbody tr[data-id] td.pick input:checked').evaluateAll((els) => els.map((e) => e.closest('tr').dataset.id));
  const shownIds = rows.map((r) => r.id);
  assert.deepEqual(ticked, shownIds.includes(second.id) ? [second.id] : [], 'only the ticked model is ticked');
  assert.deepEqual(errors, []);
  await context.close();
});
