// End-to-end: opening data files ("Open data…", drag and drop) and downloading the table.
// The Epoch AI file (CC BY 4.0) is read from ../shared/data when present; that test says it
// skipped otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, waitForApp, inkedPixels, parseCsv, useApp } from './harness.mjs';

const EPOCH = fileURLToPath(
  new URL('../../../shared/data/epoch_notable_ai_models_2026-02.csv', import.meta.url),
);
const FIXTURE = fileURLToPath(
  new URL('../fixtures/epoch_notable_2026-02_first40.csv', import.meta.url),
);
const INPUT = 'input[type=file][data-import]';

const app = useApp({ tmp: 'atlas-import-' });


/** "12 of 40 models" → [12, 40]. */
async function status(page) {
  const text = (await page.locator('[role=status]').first().textContent()).trim();
  const m = /^([\d,]+) of ([\d,]+) models$/.exec(text);
  assert.ok(m, `status line: ${text}`);
  return [Number(m[1].replaceAll(',', '')), Number(m[2].replaceAll(',', ''))];
}

/** Waits until the status line reads "n of m models". */
async function waitForStatus(page, n, m) {
  await page.waitForFunction(
    (want) => document.querySelector('[role=status]')?.textContent.trim() === want,
    `${n.toLocaleString('en-US')} of ${m.toLocaleString('en-US')} models`,
    { timeout: 30000 },
  );
}

/** Opens the app on #/models and returns the embedded dataset's size. */
async function openModels(page) {
  await page.goto(`${app.server.url}#/models`);
  await waitForApp(page);
  const [shown, total] = await status(page);
  assert.equal(shown, total, 'no filter at start');
  return total;
}

/** Confirms the mapping dialog's guesses (other files than the atlas's and Epoch's). */
async function confirmGuesses(page, timeout = 30000) {
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor({ timeout });
  await dialog.locator('button[type=submit]').click();
  await dialog.waitFor({ state: 'detached' });
}

/** The Epoch domain list → the atlas domain the importer gives (documented in data::import). */
function atlasDomain(epochDomain) {
  const values = epochDomain.split(',').map((v) => v.trim()).filter(Boolean);
  if (values.some((v) => v.toLowerCase() === 'multimodal')) return 'multimodal';
  return (values[0] ?? '').toLowerCase() === 'image generation' ? 'vision' : (values[0] ?? '').toLowerCase();
}

test(
  'the Epoch notable-models CSV opens through the file picker: rows, a facet and a chart follow it',
  { skip: existsSync(EPOCH) ? false : `skipped: ${EPOCH} is absent` },
  async () => {
    const rows = parseCsv(readFileSync(EPOCH, 'utf8'));
    const header = rows[0];
    const records = rows.slice(1);
    const col = (name) => header.indexOf(name);
    assert.ok(records.length > 900, `records: ${records.length}`);
    const expectedLanguage = records.filter((r) => atlasDomain(r[col('Domain')]) === 'language').length;
    const withParameters = records.filter((r) => r[col('Parameters')].trim() !== '').length;
    // Numbers the importer cannot read are left empty and counted (the row is kept).
    const numeric = ['Parameters', 'Training compute (FLOP)', 'Training dataset size (total)', 'Hardware quantity', 'Training time (hours)'];
    const isNumber = (s) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.replace(/[,_]/g, ''));
    const unreadable = records.reduce((n, r) => n + numeric.filter((c) => {
      const v = r[col(c)].trim();
      return v !== '' && !isNumber(v);
    }).length, 0);

    const { page, context, errors, requests } = await openPage(app.browser);
    const embedded = await openModels(page);
    await page.setInputFiles(INPUT, EPOCH);
    await page.locator('.import-banner').waitFor({ timeout: 30000 });
    // A slow machine may first show the preview banner ("Opening: … the first N rows"); the
    // final one names the whole file.
    await page.waitForFunction(
      () => document.querySelector('.import-banner')?.innerText.trim().startsWith('Viewing:'),
      null,
      { timeout: 30000 },
    );
    assert.equal(
      (await page.locator('.import-banner').innerText()).replace(/\s+/g, ' ').trim(),
      `Viewing: epoch_notable_ai_models_2026-02.csv (${records.length} rows) — back to the atlas`,
    );
    await waitForStatus(page, records.length, records.length);
    const summary = `Opened epoch_notable_ai_models_2026-02.csv: ${records.length.toLocaleString('en-US')} rows`
      + (unreadable ? `, ${unreadable} value${unreadable === 1 ? '' : 's'} not understood (left empty).` : '.');
    assert.equal((await page.locator('.import-done p').first().innerText()).trim(), summary);

    // A facet: the domain checkboxes count the imported rows.
    const language = page.locator('input[type=checkbox][data-facet=domain][value=language]');
    await language.check();
    await waitForStatus(page, expectedLanguage, records.length);
    await language.uncheck();
    await waitForStatus(page, records.length, records.length);

    // A chart of the imported rows.
    await page.evaluate(() => { window.location.hash = '#/charts/parameters-over-time?time=all'; });
    const canvas = page.locator('canvas.chart').first();
    await canvas.waitFor({ timeout: 30000 });
    await page.waitForFunction(() => {
      const c = document.querySelector('canvas.chart');
      return c && c.width > 300;
    });
    await page.waitForTimeout(300);
    assert.ok((await inkedPixels(canvas)) > 2000, 'the chart is drawn');
    const marks = await canvas.getAttribute('data-marks');
    if (marks !== null) {
      assert.equal(Number(marks), withParameters, 'one mark per imported model with a parameter count');
    }
    await waitForStatus(page, records.length, records.length);
    assert.ok(await page.locator('.import-banner').isVisible(), 'the banner stays on other views');

    // Back to the atlas.
    await page.locator('.import-banner button').click();
    await page.locator('.import-banner').waitFor({ state: 'detached' });
    await waitForStatus(page, embedded, embedded);
    assert.deepEqual(errors, []);
    const origin = new URL(app.server.url).origin;
    assert.deepEqual(requests.filter((u) => !u.startsWith('blob:') && new URL(u).origin !== origin), [], 'nothing is uploaded anywhere');
    await context.close();
  },
);

test('the importer is a separate module, fetched only when a file is opened, and reads in a worker', async () => {
  const { page, context, errors, requests } = await openPage(app.browser);
  await openModels(page);
  const workerFiles = () => requests.filter((u) => /import-worker/.test(u));
  assert.deepEqual(workerFiles(), [], 'a visitor who opens no file does not download the importer');
  assert.equal(page.workers().length, 0);
  const started = page.waitForEvent('worker');
  await page.setInputFiles(INPUT, FIXTURE);
  const worker = await started;
  assert.match(worker.url(), /import-worker-loader\.js$/);
  await page.locator('.import-done').waitFor();
  await waitForStatus(page, 40, 40);
  assert.ok(workerFiles().some((u) => u.endsWith('import-worker_bg.wasm')), `fetched: ${workerFiles()}`);
  // The worker is stopped once the file is read (its memory goes back).
  await expectNoWorkers(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pointing at "Open data…" starts the importer while a file is chosen; the import uses that worker', async () => {
  const { page, context, errors, requests } = await openPage(app.browser);
  await openModels(page);
  let started = 0;
  page.on('worker', () => { started += 1; });
  const first = page.waitForEvent('worker');
  await page.hover('button.import-open');
  await first;
  // Its module is fetched before any file is chosen.
  for (let i = 0; i < 100 && !requests.some((u) => u.endsWith('import-worker_bg.wasm')); i++) await page.waitForTimeout(50);
  assert.ok(requests.some((u) => u.endsWith('import-worker_bg.wasm')), 'the importer is fetched on hover');
  await page.setInputFiles(INPUT, FIXTURE);
  await page.locator('.import-done').waitFor();
  await waitForStatus(page, 40, 40);
  assert.equal(started, 1, 'the import used the worker started on hover, not a second one');
  await expectNoWorkers(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a worker started on hover that could not load is not used: the import says why', async () => {
  const { page, context, errors } = await openPage(app.browser);
  const embedded = await openModels(page);
  await context.route(/import-worker_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  const first = page.waitForEvent('worker');
  await page.hover('button.import-open');
  await first;
  await page.waitForTimeout(500);
  await page.setInputFiles(INPUT, FIXTURE);
  const alert = page.locator('.import-failed');
  await alert.waitFor({ timeout: 30000 });
  assert.match(await alert.innerText(), /The importer stopped: it could not be loaded/);
  await waitForStatus(page, embedded, embedded);
  await expectNoWorkers(page);
  assert.deepEqual(errors.filter((e) => !/404|Failed to load resource|wasm|WebAssembly|magic/i.test(e)), []);
  await context.close();
});

test('an importer that cannot start says so, and the data shown stays', async () => {
  const { page, context, errors } = await openPage(app.browser);
  const embedded = await openModels(page);
  // The worker's module is missing (an offline visitor whose cache lacks it, say).
  await context.route(/import-worker_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.setInputFiles(INPUT, FIXTURE);
  const alert = page.locator('.import-failed');
  await alert.waitFor({ timeout: 30000 });
  assert.match(await alert.innerText(), /The importer stopped: it could not be loaded/);
  assert.equal(await page.locator('.import-banner').count(), 0, 'the atlas is still shown');
  await waitForStatus(page, embedded, embedded);
  await expectNoWorkers(page);
  // Only the failed fetch itself is logged.
  assert.deepEqual(errors.filter((e) => !/404|Failed to load resource|wasm|WebAssembly|magic/i.test(e)), []);
  await context.close();
});

/** Waits until the page has no worker left. */
async function expectNoWorkers(page) {
  for (let i = 0; i < 50 && page.workers().length > 0; i++) await page.waitForTimeout(100);
  assert.equal(page.workers().length, 0, 'the import worker was stopped');
}

test('the fixture from Epoch\'s first rows opens by drag and drop anywhere on the page', async () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const n = parseCsv(text).length - 1;
  const { page, context, errors } = await openPage(app.browser);
  await openModels(page);
  const dataTransfer = await page.evaluateHandle((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'first40.csv', { type: 'text/csv' }));
    return dt;
  }, text);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.locator('.import-drop').waitFor();
  assert.match(await page.locator('.import-drop').innerText(), /Drop a CSV or JSON file/);
  assert.match(await page.locator('.import-drop').innerText(), /512 MB/, 'the limits are stated');
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await page.locator('.import-drop').waitFor({ state: 'detached' });
  await waitForStatus(page, n, n);
  assert.match(await page.locator('.import-banner').innerText(), new RegExp(`Viewing: first40\\.csv \\(${n} rows\\)`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file with unknown columns gets the mapping dialog; the corrected mapping loads', async () => {
  const csv = 'Title,Lab,When,Size (params),Kind\n'
    + 'Alpha,Lab A,2020-05-28,"1,500,000",language\n'
    + 'Beta,Lab B,May 2021,1.5e9,vision\n'
    + 'Gamma,Lab A,2022,,language\n';
  const { page, context, errors } = await openPage(app.browser);
  await openModels(page);
  await page.setInputFiles(INPUT, { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor();
  assert.match(await dialog.locator('h2').innerText(), /mine\.csv/);
  // Guesses are filled in; the name and date are not guessable here, so confirming waits.
  assert.equal(await page.locator('select[data-field=organization_names]').inputValue(), 'Lab');
  assert.equal(await page.locator('select[data-field=parameters]').inputValue(), 'Size (params)');
  assert.equal(await page.locator('select[data-field=name]').inputValue(), '');
  const confirm = dialog.locator('button[type=submit]');
  assert.ok(await confirm.isDisabled(), 'the name and the date are required');
  assert.match(await dialog.innerText(), /Choose a column for: Model name, Publication date/);
  // Sample values help the choice.
  assert.match(await page.locator('select[data-field=name] option[value=Title]').innerText(), /e\.g\. Alpha/);
  await page.selectOption('select[data-field=name]', 'Title');
  await page.selectOption('select[data-field=date]', 'When');
  await page.selectOption('select[data-field=domain]', 'Kind');
  assert.ok(await confirm.isEnabled());
  await confirm.click();
  await dialog.waitFor({ state: 'detached' });
  await waitForStatus(page, 3, 3);
  const language = page.locator('input[type=checkbox][data-facet=domain][value=language]');
  await language.check();
  await waitForStatus(page, 2, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('malformed rows are skipped and listed with their lines, downloadable; the rest loads', async () => {
  const csv = 'Model,Publication date,Parameters\n'
    + 'Good,2020-01-01,1e9\n'
    + 'Extra,2020-01-01,1,surplus\n'
    + 'Undated,someday,5\n'
    + 'Fine,2021-06,"2,000"\n'
    + 'Wordy,2022,twelve\n';
  const { page, context, errors } = await openPage(app.browser);
  await openModels(page);
  await page.setInputFiles(INPUT, { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  // `Model` and `Publication date` alone are not Epoch's export: the guesses are confirmed.
  assert.equal(await page.locator('select[data-field=name]').inputValue(), 'Model');
  assert.equal(await page.locator('select[data-field=date]').inputValue(), 'Publication date');
  await confirmGuesses(page);
  await waitForStatus(page, 3, 3);
  const done = page.locator('.import-done');
  assert.match(await done.innerText(), /Opened bad\.csv: 3 rows, 2 rows skipped, 1 value not understood/);
  // The lists are written when opened (not with the panel that shows a big file's rows).
  assert.equal(await done.locator('.import-problems li').count(), 0);
  await done.locator('summary', { hasText: 'Rows skipped' }).click();
  await done.locator('.import-problems li').first().waitFor();
  const items = await done.locator('.import-problems li').allInnerTexts();
  assert.ok(items.some((t) => /^line 3 expected 3 fields as in the header, found 4/.test(t)), items.join('\n'));
  assert.ok(items.some((t) => /^line 4 .*not a date/.test(t)), items.join('\n'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    done.locator('button.import-download').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'bad-problems.csv');
  const listed = parseCsv(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(listed[0], ['file', 'line', 'reason']);
  assert.deepEqual(listed.slice(1).map((r) => r[1]), ['3', '4', '6']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a row without a date loads: "—" in the table and on its page, last by date, left out of the time chart with a count, and downloaded back', async () => {
  const csv = 'Model,Publication date,Parameters,Training compute (FLOP)\n'
    + 'Early,2019-03-01,1e9,1e21\n'
    + 'Nameless Date,,5e9,3e22\n'
    + 'Later,2021-06,2e10,4e22\n';
  const { page, context, errors } = await openPage(app.browser);
  await openModels(page);
  await page.setInputFiles(INPUT, { name: 'undated.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await confirmGuesses(page);
  await waitForStatus(page, 3, 3);
  assert.match(await page.locator('.import-done').innerText(), /Opened undated\.csv: 3 rows/);
  assert.doesNotMatch(await page.locator('.import-done').innerText(), /skipped/);
  // Newest first by default; the undated row is last, with "—" for its date.
  const rows = page.locator('table.models tbody tr:not(.spacer)');
  const names = (await rows.locator('.name').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(names, ['Later', 'Early', 'Nameless Date']);
  const last = rows.last();
  assert.equal(await last.locator('time').count(), 0, 'no date element');
  assert.match(await last.innerText(), /—/);
  // Its page says the date is unknown.
  await last.locator('.name').click();
  await page.waitForFunction(() => location.hash.startsWith('#/models/'));
  const meta = await page.locator('.model-page .meta').innerText();
  assert.match(meta, /—/);
  assert.equal(await page.locator('.model-page .meta time').count(), 0);
  // The time chart plots the two dated models and says it left one out.
  await page.evaluate(() => { location.hash = '#/charts/compute-over-time'; });
  const subtitle = page.locator('.chart-subtitle').first();
  await subtitle.waitFor();
  await page.waitForFunction(() => /without a date/.test(document.querySelector('.chart-subtitle')?.textContent ?? ''));
  assert.match(await subtitle.innerText(), /1 model without a date not shown/);
  // The countries table by year counts the dated models and says it left one out.
  await page.evaluate(() => { location.hash = '#/countries'; });
  await page.locator('.undated-note').waitFor();
  assert.equal((await page.locator('.undated-note').innerText()).trim(), '1 model without a date not shown.');
  // The download writes an empty date with precision "unknown", and opens again as three rows.
  await page.evaluate(() => { location.hash = '#/models'; });
  await waitForStatus(page, 3, 3);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button[data-export=csv]').click(),
  ]);
  const file = join(app.tmp, 'undated-export.csv');
  await download.saveAs(file);
  const out = parseCsv(readFileSync(file, 'utf8'));
  const header = out[0].map((h) => h.replace(/^\ufeff/, ''));
  const row = out.find((r) => r.includes('Nameless Date'));
  assert.ok(row, 'the undated row is exported');
  assert.equal(row[header.indexOf('date')], '');
  assert.equal(row[header.indexOf('date_precision')], 'unknown');
  await page.setInputFiles(INPUT, file);
  await page.locator('.import-banner').waitFor();
  await waitForStatus(page, 3, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('files the atlas cannot read get one clear message and change nothing', async () => {
  const { page, context, errors } = await openPage(app.browser);
  const embedded = await openModels(page);
  const cases = [
    [{ name: 'picture.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }, /not a CSV or JSON text file/],
    [{ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) }, /The file is empty\./],
    [{ name: 'object.json', mimeType: 'application/json', buffer: Buffer.from('{"a": 1}') }, /JSON object/],
    [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\nworld\n') }, /No usable column/],
  ];
  for (const [file, message] of cases) {
    await page.setInputFiles(INPUT, file);
    const alert = page.locator('.import-failed');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.match(await alert.innerText(), message, file.name);
    assert.match(await alert.innerText(), new RegExp(`Could not open ${file.name.replace('.', '\\.')}`));
    await alert.locator('button.import-dismiss').click();
    await alert.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.import-banner').count(), 0);
    await waitForStatus(page, embedded, embedded);
  }
  // Over the size limit: refused at once, with the limit in the message.
  const big = join(app.tmp, 'huge.csv');
  writeFileSync(big, Buffer.alloc(513 * 1024 * 1024, 0x61));
  await page.setInputFiles(INPUT, big);
  await page.locator('.import-failed').waitFor();
  assert.match(await page.locator('.import-failed').innerText(), /too large \(513 MB\); the atlas opens files up to 512 MB/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** A CSV of `n` generated models, about 60 bytes a row. */
function generatedCsv(n, notes = '') {
  const head = 'Model,Publication date,Parameters,Organization,Domain';
  const lines = [notes ? `${head},Notes` : head];
  for (let i = 0; i < n; i += 1) {
    const row = `Model ${i},${2000 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-15,${(i % 997) + 1}e9,Lab ${i % 50},${i % 3 ? 'Language' : 'Vision'}`;
    lines.push(notes ? `${row},${notes}` : row);
  }
  return `${lines.join('\n')}\n`;
}

/** Starts recording the longest gap between timer ticks (a frozen page has long gaps). */
async function startHeartbeat(page) {
  await page.evaluate(() => {
    window.__gap = 0;
    window.__ticks = 0;
    let last = performance.now();
    window.__beat = setInterval(() => {
      const now = performance.now();
      window.__gap = Math.max(window.__gap, now - last);
      window.__ticks += 1;
      last = now;
    }, 20);
  });
}

test('a big file reads in slices with a progress bar, and Cancel stops it and changes nothing', async (t) => {
  const path = join(app.tmp, 'big.csv');
  // About 190 MB: reading it takes seconds on any machine, so Cancel is clicked while it reads
  // (a smaller file could be read completely before the click arrives).
  writeFileSync(path, generatedCsv(900000, 'n'.repeat(150)));
  const { page, context, errors } = await openPage(app.browser);
  const embedded = await openModels(page);
  await startHeartbeat(page);
  await page.setInputFiles(INPUT, path);
  await confirmGuesses(page);
  const bar = page.locator('progress.import-progress');
  await bar.waitFor();
  await page.waitForFunction(() => Number(document.querySelector('progress.import-progress')?.value) > 0);
  const ticksBefore = await page.evaluate(() => window.__ticks);
  assert.match(await page.locator('.import-reading').innerText(), /Reading big\.csv: [\d,]+ rows \(\d+ %\)/);
  assert.equal(Number(await bar.getAttribute('max')), statSync(path).size, 'the bar spans the file');
  // The bar moves on while the file is read (checked on animation frames, so the page paints).
  await page.waitForFunction(() => {
    const bar = document.querySelector('progress.import-progress');
    return bar && Number(bar.value) >= Number(bar.max) / 4;
  });
  const ticks = (await page.evaluate(() => window.__ticks)) - ticksBefore;
  const cancel = page.locator('.import-reading button.import-cancel');
  assert.ok(await cancel.isVisible() && await cancel.isEnabled(), 'Cancel can be pressed while reading');
  // One event, delivered between two slices (the file is read in about 3 s here; a click with
  // Playwright's actionability checks takes several frames and could arrive after the end).
  await cancel.dispatchEvent('click');
  await page.locator('.import-cancelled').waitFor();
  assert.match(await page.locator('.import-cancelled').innerText(), /Stopped reading big\.csv; nothing was changed\./);
  // Cancel stops the worker itself, not only the page's interest in it.
  await expectNoWorkers(page);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.import-banner').count(), 0, 'the atlas is still shown');
  await waitForStatus(page, embedded, embedded);
  const gap = await page.evaluate(() => window.__gap);
  t.diagnostic(`longest pause while reading: ${Math.round(gap)} ms; ${ticks} timer ticks while the first quarter was read`);
  // A page frozen by one long parse would not run the 20 ms timer while reading; a page that
  // reads in slices runs it between slices (timings are measured by benchmarks, not asserted).
  assert.ok(ticks >= 3, `the page kept running its timers while reading (${ticks} ticks)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file over the row limit is refused with a message and the atlas stays', async () => {
  const path = join(app.tmp, 'too-many.csv');
  writeFileSync(path, generatedCsv(1000001));
  const { page, context, errors } = await openPage(app.browser);
  const embedded = await openModels(page);
  await page.setInputFiles(INPUT, path);
  await confirmGuesses(page);
  const alert = page.locator('.import-failed');
  await alert.waitFor({ timeout: 120000 });
  assert.match(await alert.innerText(), /more than 1,000,000 rows; the atlas opens at most 1,000,000 rows\./);
  assert.equal(await page.locator('.import-banner').count(), 0);
  await waitForStatus(page, embedded, embedded);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 100 000-row file shows its first rows while the rest is read, then loads completely without freezing the page', async (t) => {
  const n = 100000;
  const path = join(app.tmp, 'hundred-thousand.csv');
  writeFileSync(path, generatedCsv(n));
  const { page, context, errors } = await openPage(app.browser);
  await openModels(page);
  await startHeartbeat(page);
  // Records what the page shows while the file is still being read (progress bar present).
  await page.evaluate(() => {
    const seen = [];
    window.__whileReading = seen;
    new MutationObserver(() => {
      if (!document.querySelector('progress.import-progress')) return;
      const banner = document.querySelector('.import-banner.loading');
      const first = document.querySelector('table.models tbody tr .name')?.textContent.trim();
      if (banner && first) seen.push({ banner: banner.textContent, status: document.querySelector('[role=status]')?.textContent.trim(), first });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.setInputFiles(INPUT, path);
  await confirmGuesses(page);
  await page.locator('.import-done').waitFor({ timeout: 60000 });
  const [gap, ticks] = await page.evaluate(() => [window.__gap, window.__ticks]);
  t.diagnostic(`longest pause while reading and indexing: ${Math.round(gap)} ms; ${ticks} timer ticks`);
  await waitForStatus(page, n, n);
  const during = await page.evaluate(() => window.__whileReading);
  assert.ok(during.length > 0, 'rows of the file were shown before it was read completely');
  const firstSeen = during[0];
  const m = /^([\d,]+) of \1 models$/.exec(firstSeen.status ?? '');
  const firstCount = Number(m?.[1].replaceAll(',', ''));
  assert.ok(m && firstCount > 0 && firstCount < n, `status while reading: ${firstSeen.status}`);
  assert.match(firstSeen.banner, /^Opening: hundred-thousand\.csv \(the first [\d,]+ rows are shown while the rest is read\)/);
  assert.equal(firstSeen.first, (await page.locator('table.models tbody tr .name').first().textContent()).trim(), 'the same first row before and after');
  assert.match(await page.locator('.import-banner').innerText(), /^Viewing: hundred-thousand\.csv \(100,000 rows\)/);
  // 100 000 rows are a few 2 MB slices: the timers run between them (one long task: ≤ 1 tick).
  assert.ok(ticks >= 3, `the page kept running its timers while loading (${ticks} ticks)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the table\'s CSV and JSON downloads open again as the same rows', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models?domain=vision&sort=-parameters`);
  await waitForApp(page);
  const [shown] = await status(page);
  assert.ok(shown > 5, `vision models: ${shown}`);
  const firstName = async () => (await page.locator('table.models tbody tr:not(.spacer)').first().locator('.name').innerText()).trim();
  const before = await firstName();
  for (const kind of ['csv', 'json']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`button[data-export=${kind}]`).click(),
    ]);
    assert.equal(download.suggestedFilename(), `model-atlas.${kind}`);
    const file = join(app.tmp, `export.${kind}`);
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    if (kind === 'csv') {
      const rows = parseCsv(text);
      assert.equal(rows.length - 1, shown, 'one CSV row per table row');
      assert.equal(rows[0][0].replace(/^\ufeff/, ''), 'id');
      assert.ok(rows[0].includes('parameters_confidence') && rows[0].includes('source_url'), rows[0].join());
    } else {
      assert.equal(JSON.parse(text).length, shown, 'one JSON object per table row');
    }
    await page.setInputFiles(INPUT, file);
    await page.locator('.import-banner').waitFor();
    // The export keeps the table's order; the URL's filter and sort still apply on top.
    await waitForStatus(page, shown, shown);
    assert.equal(await firstName(), before);
    await page.locator('.import-banner button').click();
    await page.locator('.import-banner').waitFor({ state: 'detached' });
    await page.locator('.import-dismiss').click();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a wide file gets a searchable column picker: one shared list, type to choose', async () => {
  // 10 000 columns × ~60 fields of <select> froze the page for seconds.
  const columns = ['Title', 'When', ...Array.from({ length: 2998 }, (_, i) => `Column ${i + 3}`)];
  const row = (name, date) => [name, date, ...Array.from({ length: 2998 }, () => 'x')].join(',');
  const csv = `${columns.join(',')}\n${row('Alpha', '2020-05-28')}\n${row('Beta', '2021')}\n`;
  const { page, context, errors } = await openPage(app.browser);
  await openModels(page);
  await page.setInputFiles(INPUT, { name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dialog = page.locator('[role=dialog]');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /This file has 3,000 columns: type a column's name/);
  assert.equal(await dialog.locator('select').count(), 0, 'no list per field');
  assert.equal(await page.locator('datalist#import-columns option').count(), 3000, 'one shared list');
  const name = page.locator('input[data-field=name][list=import-columns]');
  await name.fill('title');
  await name.press('Tab');
  assert.equal(await name.inputValue(), 'Title', 'the typed name resolves to the column');
  const date = page.locator('input[data-field=date]');
  await date.fill('no such column');
  await date.press('Tab');
  assert.equal(await date.inputValue(), '', 'an unknown name keeps the choice as it was');
  await date.fill('When');
  await date.press('Tab');
  const confirm = dialog.locator('button[type=submit]');
  assert.ok(await confirm.isEnabled());
  await confirm.click();
  await dialog.waitFor({ state: 'detached' });
  await waitForStatus(page, 2, 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a javascript: or data: source URL from a file is shown as text, never as a link', async () => {
  const csv = 'id,name,date,source_url\n'
    + 'evil,Evil,2020-01-01,javascript:alert(document.domain)\n'
    + 'data,Data,2020-01-01,"data:text/html,<script>alert(1)</script>"\n'
    + 'good,Good,2020-01-01,https://example.org/paper\n';
  const { page, context, errors } = await openPage(app.browser);
  await openModels(page);
  await page.setInputFiles(INPUT, { name: 'links.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await waitForStatus(page, 3, 3);
  for (const [id, url, linked] of [
    ['evil', 'javascript:alert(document.domain)', false],
    ['data', 'data:text/html,<script>alert(1)</script>', false],
    ['good', 'https://example.org/paper', true],
  ]) {
    await page.evaluate((h) => { window.location.hash = h; }, `#/models/${id}`);
    const source = page.locator('p.source');
    await source.waitFor();
    await page.waitForFunction((u) => document.querySelector('p.source')?.textContent.includes(u), url);
    assert.equal(await source.locator('a').count(), linked ? 1 : 0, `${id}: a link only for http(s)`);
    if (linked) assert.equal(await source.locator('a').getAttribute('href'), url);
    assert.equal(await page.locator('a[href^="javascript:"], a[href^="data:"]').count(), 0);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
