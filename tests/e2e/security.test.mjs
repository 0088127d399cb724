// End-to-end security checks kept as tests (issue #19, "Hardening"): markup and template text
// from an imported file shows as text and runs nothing; formula-like cells are neutralized in
// every download and come back exactly on re-import; the Content-Security-Policy allows no
// inline or eval'd script and the pages break none of it; a failed or cancelled import leaves
// the dataset shown before it as it was. (The javascript:/data: source links are in
// import.test.mjs, the trap panel in trap.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPage, waitForApp, parseCsv, DIST, useApp } from './harness.mjs';

const INPUT = 'input[type=file][data-import]';

const app = useApp({ tmp: 'atlas-security-' });

/** A CSV text of `rows` (arrays of strings), every field quoted. */
function csvOf(rows) {
  return `${rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\n')}\n`;
}

/**
 * Opens a page that fails on any dialog (alert, confirm, prompt) and records
 * Content-Security-Policy violations in `window.__csp`.
 */
async function guardedPage() {
  const opened = await openPage(app.browser, { acceptDownloads: true });
  const dialogs = [];
  opened.page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  await opened.page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return { ...opened, dialogs };
}

/** Waits until the status line reads "n of n models". */
async function waitForStatus(page, n) {
  const want = `${n.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} models`;
  await page.waitForFunction(
    (w) => document.querySelector('[role=status]')?.textContent.trim() === w,
    want,
    { timeout: 60000 },
  );
}

/** The table's row count (from the status line) and its first row's name. */
async function shownData(page) {
  const status = (await page.locator('[role=status]').first().textContent()).trim();
  const first = (await page.locator('table.models tbody tr:not(.spacer) .name').first().innerText()).trim();
  return { status, first };
}

/** Clicks `button` and returns the text of the download it starts. */
async function downloadText(page, button, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).first().click()]);
  const file = join(app.tmp, name ?? download.suggestedFilename());
  await download.saveAs(file);
  return { text: readFileSync(file, 'utf8'), file, name: download.suggestedFilename() };
}

// Markup, script and template text a file can carry.
const MARKUP = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '{{7*7}}', '${alert(1)}'];

test('markup and template text in an imported file shows as text everywhere and runs nothing', async () => {
  const at = (i) => MARKUP[i % MARKUP.length];
  const header = ['id', 'name', 'organization_names', 'date', 'parameters', 'training_compute_flop', 'parameters_note', 'description', 'date_note'];
  const rows = MARKUP.map((_, i) => [
    `x${i}`, at(i), at(i + 1), `202${i}-0${i + 1}-15`, `${i + 1}e9`, `${i + 1}e22`, at(i + 2), at(i + 3), at(i + 1),
  ]);
  const { page, context, errors, dialogs } = await guardedPage();
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const scripts = await page.evaluate(() => document.scripts.length);
  await page.setInputFiles(INPUT, { name: 'markup.csv', mimeType: 'text/csv', buffer: Buffer.from(csvOf([header, ...rows])) });
  await waitForStatus(page, rows.length);

  // The table: the names as typed, the organizations beside them.
  const tableRows = page.locator('table.models tbody tr:not(.spacer)');
  const names = (await tableRows.locator('.name').allTextContents()).map((t) => t.trim());
  assert.deepEqual([...names].sort(), [...MARKUP].sort());
  for (const r of rows) {
    const text = await tableRows.filter({ has: page.locator('.name', { hasText: r[1] }) }).innerText();
    assert.ok(text.includes(r[2]), `${r[1]}: its organization ${r[2]} is shown as text: ${text}`);
  }

  // Each model's page: its name as the heading, organization, notes and description as text.
  for (const r of rows) {
    await page.evaluate((id) => { window.location.hash = `#/models/${id}`; }, r[0]);
    // The page of this model (its date is its own), then its heading.
    await page.waitForFunction((date) => document.querySelector('.model-page')?.innerText.includes(date), r[3]);
    assert.equal((await page.locator('.model-page h1').textContent()).trim(), r[1], `${r[0]}: the name as the heading`);
    const text = await page.locator('.model-page').innerText();
    for (const value of [r[2], r[6], r[7]]) {
      assert.ok(text.includes(value), `${r[0]}: "${value}" is shown as text`);
    }
  }

  // The chart: the key models' labels, the tooltip and the chart's table are the names as text.
  await page.evaluate(() => { window.location.hash = '#/charts/parameters-over-time?time=all'; });
  const canvas = page.locator('.chart-view:not(.compact) canvas.chart[data-draw-ms]').first();
  await canvas.waitFor({ timeout: 20000 });
  await page.waitForFunction(() => Number(document.querySelector('canvas.chart')?.getAttribute('data-marks')) === 4);
  const labels = (await canvas.getAttribute('data-labels')).split('|').filter(Boolean);
  assert.ok(labels.length > 0, 'some models are labelled');
  for (const label of labels) assert.ok(MARKUP.includes(label), `label as text: ${label}`);
  await canvas.focus();
  const tip = page.locator('.chart-view:not(.compact) .chart-tip');
  await tip.waitFor({ state: 'visible' });
  const tipText = await tip.innerText();
  assert.ok(MARKUP.some((m) => tipText.startsWith(m)), `tooltip starts with a name as text: ${tipText}`);
  await page.locator('input[data-control=table]').check();
  await page.waitForSelector('table.chart-table');
  const cells = await page.locator('table.chart-table tbody').innerText();
  for (const m of MARKUP) assert.ok(cells.includes(m), `chart table shows ${m} as text`);

  // Nothing was injected or run.
  assert.equal(await page.locator('img[src=x]').count(), 0, 'no injected image');
  assert.equal(await page.evaluate(() => document.scripts.length), scripts, 'no injected script element');
  assert.equal(await page.evaluate(() => [...document.scripts].filter((s) => s.textContent.includes('alert')).length), 0);
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'nothing for the CSP to block');
  assert.deepEqual(errors, []);
  await context.close();
});

// Cells a spreadsheet would read as formulas (OWASP): =, +, -, @, a leading tab or CR.
const FORMULAS = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1+1', '\r@SUM(A1)'];

/** Whether no field of CSV `rows` can start a formula: `'`-prefixed text, or a plain number. */
function assertInert(rows, what) {
  for (const r of rows) {
    for (const f of r) {
      const bare = f.replace(/^\ufeff/, '');
      assert.ok(
        !/^[=+@\t\r]/.test(bare) && (!bare.startsWith('-') || Number.isFinite(Number(bare))),
        `${what}: a cell could start a formula: ${JSON.stringify(f)}`,
      );
    }
  }
}

test('formula-like cells are neutralized in every download and come back exactly on re-import', async () => {
  const at = (i) => FORMULAS[i % FORMULAS.length];
  const header = ['id', 'name', 'organization_names', 'date', 'parameters', 'parameters_note', 'description', 'date_note'];
  const rows = FORMULAS.map((_, i) => [
    // (Organizations without ids are told apart by their names' letters and digits: "+1" and
    // "-1" would be one organization, so each gets its own.)
    `f${i}`, at(i), `${at(i + 1)} lab ${i}`, `202${i}-01-01`, i === 2 ? '=1+1' : `${i + 1}e9`, at(i + 2), at(i + 3), at(i + 4),
  ]);
  // A row with a field too many: skipped, and listed in the problems download.
  const text = `${csvOf([header, ...rows])}"f9","Extra","x","2020","","","","","surplus"\n`;
  // Every value is read trimmed (a leading tab or CR goes, the formula after it stays).
  const value = (s) => s.trim();
  const { page, context, errors, dialogs } = await guardedPage();
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  await page.setInputFiles(INPUT, { name: '=1+1.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await waitForStatus(page, rows.length);
  const names = (await page.locator('table.models tbody tr:not(.spacer) .name').allTextContents()).map((t) => t.trim());
  assert.deepEqual([...names].sort(), rows.map((r) => value(r[1])).sort(), 'the table shows the values');

  // The table's CSV: each such cell is '-prefixed (and quoted), numbers stay numbers.
  const csv = await downloadText(page, 'button[data-export=csv]', 'table.csv');
  const table = parseCsv(csv.text);
  assertInert(table, 'table CSV');
  const head = table[0].map((h) => h.replace(/^\ufeff/, ''));
  for (const r of rows) {
    const out = table.find((o) => o[head.indexOf('id')] === r[0]);
    assert.ok(out, r[0]);
    for (const [column, i] of [['name', 1], ['organization_names', 2], ['description', 6], ['date_note', 7]]) {
      assert.equal(out[head.indexOf(column)], `'${value(r[i])}`, `${r[0]} ${column}`);
    }
  }
  assert.ok(csv.text.includes('"\'=1+1"'), 'a neutralized cell is quoted');
  // JSON is data, not a spreadsheet: its strings are the values themselves.
  const json = await downloadText(page, 'button[data-export=json]', 'table.json');
  const objects = JSON.parse(json.text);
  for (const r of rows) {
    const o = objects.find((x) => x.id === r[0]);
    assert.equal(o.name, value(r[1]));
    assert.equal(o.description, value(r[6]));
  }

  // The skipped rows and problems: the file name column starts with "=".
  const problems = await downloadText(page, '.import-done button.import-download');
  assert.equal(problems.name, '=1+1-problems.csv');
  const listed = parseCsv(problems.text);
  assertInert(listed, 'problems CSV');
  assert.ok(listed.length >= 3, `a skipped row and an unreadable number: ${listed.length - 1}`);
  for (const r of listed.slice(1)) assert.equal(r[0], "'=1+1.csv");

  // The chart's data download.
  await page.evaluate(() => { window.location.hash = '#/charts/parameters-over-time?time=all'; });
  await page.locator('canvas.chart[data-draw-ms]').first().waitFor({ timeout: 20000 });
  const chart = await downloadText(page, 'button[data-download=csv]', 'chart.csv');
  const plotted = parseCsv(chart.text);
  assertInert(plotted, 'chart CSV');
  const chartCells = plotted.flat();
  for (const r of rows.filter((x) => x[0] !== 'f2')) {
    assert.ok(chartCells.includes(`'${value(r[1])}`), `chart CSV has ${r[0]}'s name, neutralized`);
  }

  // Re-importing the table's CSV gives the same values: the same JSON and CSV downloads.
  await page.evaluate(() => { window.location.hash = '#/models'; });
  await page.setInputFiles(INPUT, csv.file);
  await page.waitForFunction(() => document.querySelector('.import-banner')?.innerText.includes('table.csv'));
  await waitForStatus(page, rows.length);
  assert.equal((await downloadText(page, 'button[data-export=json]', 'again.json')).text, json.text);
  assert.equal((await downloadText(page, 'button[data-export=csv]', 'again.csv')).text, csv.text);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The `script-src` sources of the Content-Security-Policy meta of an HTML text. */
function scriptSources(html, what) {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  assert.ok(meta, `${what}: has a Content-Security-Policy meta`);
  const directives = new Map(meta[1].split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
  const sources = directives.get('script-src') ?? directives.get('default-src');
  assert.ok(sources, `${what}: script-src or default-src is set`);
  assert.ok(!sources.includes('*') && !sources.some((s) => /^(https?:|data:|blob:)$/.test(s)), `${what}: scripts from anywhere: ${sources}`);
  return sources;
}

test('the Content-Security-Policy of index.html and model-atlas.html allows no inline or eval\'d script, and no view breaks it', async (t) => {
  const pages = [['index.html', `${app.server.url}`]];
  const single = join(DIST, 'model-atlas.html');
  if (existsSync(single)) pages.push(['model-atlas.html', pathToFileURL(single).href]);
  else t.diagnostic('dist/model-atlas.html is missing: only index.html is checked');
  for (const [file, base] of pages) {
    const sources = scriptSources(readFileSync(join(DIST, file), 'utf8'), file);
    assert.ok(!sources.includes("'unsafe-inline'"), `${file}: ${sources}`);
    assert.ok(!sources.includes("'unsafe-eval'"), `${file}: ${sources}`);
    const { page, context, errors, dialogs } = await guardedPage();
    const csp = [];
    page.on('console', (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) csp.push(m.text()); });
    for (const [route, shown] of [
      ['#/models', 'table.models tbody tr'],
      ['#/models/gpt-3', 'article.model-page h1'],
      ['#/charts/parameters-over-time', 'canvas.chart[data-draw-ms]'],
      ['#/charts/compute-over-time?x=log', 'canvas.chart[data-draw-ms]'],
      ['#/costs', 'table.cost-steps'],
      ['#/countries', '[role=status]'],
    ]) {
      await page.goto(`${base}${route}`);
      await page.waitForSelector(shown, { timeout: 20000 });
      await page.waitForTimeout(300);
    }
    // The policy is in force: an inline script is refused, and that refusal is what the
    // listener hears (so a silent listener means no violation, not a deaf one).
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `${file}: no CSP violation`);
    assert.deepEqual(csp, [], `${file}: no CSP console message`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
    });
    await page.waitForFunction(() => window.__csp.length > 0);
    assert.equal(await page.evaluate(() => window.__ran), undefined, `${file}: an inline script does not run`);
    assert.match((await page.evaluate(() => window.__csp))[0], /^script-src/);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors.filter((e) => !/Content[- ]Security[- ]Policy/i.test(e)), []);
    await context.close();
  }
});

/** A file in the atlas's schema that reads for seconds: `n` rows of about 130 bytes. */
function bigAtlasCsv(n) {
  const lines = ['id,name,date,description'];
  const filler = 'd'.repeat(100);
  for (let i = 0; i < n; i += 1) lines.push(`b${i},Big ${i},2020-01-01,${filler}`);
  return `${lines.join('\n')}\n`;
}

/** Opens an unreadable file, a file whose mapping dialog is cancelled, and cancels `big` while
 * it is read (its first rows shown); after each the table must be `before` again. */
async function failAndCancel(page, before, big) {
  await page.setInputFiles(INPUT, { name: 'picture.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
  await page.locator('.import-failed').waitFor();
  assert.deepEqual(await shownData(page), before, 'after a failed import');
  await page.locator('.import-failed button.import-dismiss').click();
  assert.deepEqual(await shownData(page), before, 'after the failure is dismissed');

  await page.setInputFiles(INPUT, { name: 'unknown.csv', mimeType: 'text/csv', buffer: Buffer.from('Title,When\nAlpha,2020\n') });
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor();
  await dialog.locator('button.import-cancel').click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await shownData(page), before, 'after a cancelled mapping');

  await page.setInputFiles(INPUT, big);
  // Its first rows are shown while the rest is read: cancel then.
  await page.waitForFunction(() => document.querySelector('.import-banner.loading') && document.querySelector('progress.import-progress'), null, { timeout: 60000 });
  assert.match((await shownData(page)).first, /^Big \d+$/, 'the first rows of the big file were shown');
  await page.locator('.import-reading button.import-cancel').dispatchEvent('click');
  await page.locator('.import-cancelled').waitFor();
  await page.waitForFunction((s) => document.querySelector('[role=status]')?.textContent.trim() === s, before.status);
  assert.deepEqual(await shownData(page), before, 'after a cancelled read');
}

test('after a failed or cancelled import, the embedded atlas or the file opened before is shown as it was', async () => {
  const big = join(app.tmp, 'big.csv');
  writeFileSync(big, bigAtlasCsv(900000));
  const { page, context, errors, dialogs } = await guardedPage();
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const atlas = await shownData(page);
  await failAndCancel(page, atlas, big);
  assert.equal(await page.locator('.import-banner').count(), 0, 'still the atlas');

  const mine = csvOf([['id', 'name', 'date'], ['m1', 'Mine One', '2021-01-01'], ['m2', 'Mine Two', '2022-01-01'], ['m3', 'Mine Three', '2020-01-01']]);
  await page.setInputFiles(INPUT, { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(mine) });
  await waitForStatus(page, 3);
  await page.locator('.import-done button.import-dismiss').click();
  const opened = await shownData(page);
  assert.equal(opened.first, 'Mine Two');
  await failAndCancel(page, opened, big);
  assert.match(await page.locator('.import-banner').innerText(), /^Viewing: mine\.csv \(3 rows\)/);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});
