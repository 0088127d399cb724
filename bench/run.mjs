// Model Atlas side by side with Perspective (issue #7).
//
//   npm ci --prefix bench        # Perspective 3.x, for this benchmark only
//   scripts/dev.sh build         # the app, into dist/
//   node bench/run.mjs
//
// In one headless Chromium (playwright-core, Debian's /usr/bin/chromium) it loads the same CSV
// files into Model Atlas (dist/, the app's "Open data…" file input) and into Perspective
// (bench/perspective.html: <perspective-viewer> + datagrid, fed from a file input too), and
// prints medians over RUNS cold runs (a fresh browser context each) and Atlas/Perspective ratios:
//   load    the file handed to the page's file input (its `change` event) → (a) the file's first
//           rows in the table, painted (the atlas shows the first rows of a big file while it
//           reads the rest; Perspective shows rows once the whole file is loaded, so for it (a)
//           and (b) are the same) and (b) all rows ready: the status line counts every row
//   search  the same text filter applied → painted;  domain  a category filter → painted
//   sort ↑ / sort ↓   by Parameters, ascending then descending → painted
//   scrolling  40 mouse-wheel steps over the table: the intervals between animation frames
//   memory  JS heap after load (CDP, after a GC), wasm memory, and the renderer process
// Times are taken inside the page with performance.now(); "painted" is the first task after the
// next animation frame that follows the change (requestAnimationFrame + a message).
//
// The two tools are asked the same questions and must show the same rows (checked against counts
// computed here from the file): the atlas's search looks in the name, organizations, description
// (Epoch's Reference) and tasks, Perspective's ["Model", "contains", …] in the name; both ignore
// case. "qwen" selects the same rows in both ("llama" does not: 14 against 13 in Epoch's file, as
// Goat-7B's reference mentions LLaMA). The atlas's domain facet "language" is Perspective's
// ["Domain", "in", [the Domain strings the atlas files under language]].
//
// Files: Epoch AI's notable-models CSV from ../shared/data (CC BY 4.0) and synthetic files made
// from it here (long text columns dropped, names and numbers varied) in a temp directory.
// Servers on 127.0.0.1 only; every request the browser makes is logged and checked to stay there.
//
// Environment:
//   RUNS=5                      cold runs per tool and size
//   SIZES=notable,100000,250000,1000000   which files (synthetic sizes in rows; 250 000 rows,
//                               99.5 MB, is added because Perspective 3.8 cannot open the 1M-row
//                               file: its engine fails once its wasm heap passes 2 GB)
//   ATLAS_DIST=/work/main/dist  the built app to serve
//   SEARCH=qwen                 the text filter (its counts must agree; see above)
//   PSP_READ=buffer             how Perspective's page reads the File: buffer | text
//   JSON_OUT=path               also write every measurement as JSON
//   KEEP_DATA=1                 keep the generated CSVs (their folder is printed)
//   TOOLS=atlas,perspective     run only some of the two (for trying the harness)
//   EPOCH_CSV=path              another copy of Epoch's notable-models CSV
import { createServer } from 'node:http';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, parseCsv } from '../tests/e2e/harness.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));
const EPOCH = process.env.EPOCH_CSV ?? join(REPO, '..', 'shared', 'data', 'epoch_notable_ai_models_2026-02.csv');
const ATLAS_DIST = process.env.ATLAS_DIST ?? join(REPO, 'dist');
const RUNS = Number(process.env.RUNS ?? 5);
const SIZES = (process.env.SIZES ?? 'notable,100000,250000,1000000').split(',').map((s) => s.trim()).filter(Boolean);
const SEARCH = (process.env.SEARCH ?? 'qwen').toLowerCase();
const PSP_READ = process.env.PSP_READ ?? 'buffer';
const TOOLS = (process.env.TOOLS ?? 'atlas,perspective').split(',').map((s) => s.trim().toLowerCase());
const VIEWPORT = { width: 1280, height: 900 };
const LOAD_TIMEOUT = 600_000;
const STEP_TIMEOUT = 120_000;

const log = (...a) => console.log(...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Preconditions

if (!existsSync(EPOCH)) {
  log(`Epoch AI's notable-models CSV is absent (${EPOCH}): nothing to benchmark, skipped.`);
  process.exit(0);
}
if (!existsSync(join(HERE, 'node_modules', '@finos', 'perspective', 'dist', 'cdn', 'perspective.js'))) {
  log('Perspective is not installed: run `npm ci --prefix bench` first.');
  process.exit(1);
}
if (!existsSync(join(ATLAS_DIST, 'index.html'))) {
  log(`${ATLAS_DIST}/index.html is missing: run \`scripts/dev.sh build\` first (or set ATLAS_DIST).`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// CSV: a small RFC 4180 reader and writer (the app's and Perspective's readers are not used here)


const csvField = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const isNumber = (s) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim().replace(/[,_]/g, ''));

/** Epoch's domain list → the atlas domain its importer gives (as tests/e2e/import.test.mjs). */
function atlasDomain(epochDomain) {
  const values = epochDomain.split(',').map((v) => v.trim()).filter(Boolean);
  if (values.some((v) => v.toLowerCase() === 'multimodal')) return 'multimodal';
  return (values[0] ?? '').toLowerCase() === 'image generation' ? 'vision' : (values[0] ?? '').toLowerCase();
}

/** Lower-case without Latin accents, as the atlas's search folds text. */
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const epochText = readFileSync(EPOCH, 'utf8');
const epochRows = parseCsv(epochText);
const HEADER = epochRows[0];
const RECORDS = epochRows.slice(1);
const col = (name) => HEADER.indexOf(name);
for (const c of ['Model', 'Organization', 'Reference', 'Task', 'Domain', 'Parameters']) {
  if (col(c) < 0) { log(`The Epoch CSV has no "${c}" column: cannot run.`); process.exit(1); }
}
// The synthetic files keep every column but the long free-text ones.
const DROPPED = HEADER.filter((h) => /^(abstract|authors)$/i.test(h) || /notes$/i.test(h));
const KEPT = HEADER.map((h, i) => [h, i]).filter(([h]) => !DROPPED.includes(h));
const SCALED = new Set(['Parameters', 'Training compute (FLOP)', 'Training dataset size (total)'].map(col));

/** The Domain values (as written in the file) that the atlas files under "language". */
const LANGUAGE_VALUES = [...new Set(RECORDS.map((r) => r[col('Domain')]))].filter((d) => atlasDomain(d) === 'language');

/**
 * What each tool should show, computed here from the rows independently of both:
 * search (the atlas: name, organizations, description = Reference, tasks; Perspective: Model
 * contains, case-insensitive), the language domain, the largest model by parameters, and the
 * first row's name. Rows are added one at a time (the synthetic files are never all in memory).
 */
function tally() {
  const t = { rows: 0, atlasSearch: 0, pspSearch: 0, language: 0, top: null, topValue: -Infinity, first: null };
  return {
    add(r) {
      const name = r[col('Model')].trim();
      if (t.rows === 0) t.first = name;
      t.rows += 1;
      const hay = fold([name, r[col('Organization')], r[col('Reference')], r[col('Task')]].join(' '));
      if (hay.includes(SEARCH)) t.atlasSearch += 1;
      if (name.toLowerCase().includes(SEARCH)) t.pspSearch += 1;
      if (LANGUAGE_VALUES.includes(r[col('Domain')])) t.language += 1;
      const p = r[col('Parameters')];
      if (p.trim() !== '' && isNumber(p)) {
        const v = Number(p.replace(/[,_]/g, ''));
        if (v > t.topValue) { t.topValue = v; t.top = name; }
      }
    },
    result: () => ({ ...t }),
  };
}

/** The expectations for a list of rows (see `tally`). */
function expectations(rows) {
  const t = tally();
  for (const r of rows) t.add(r);
  return t.result();
}

/**
 * Writes `n` synthetic rows made by cycling through Epoch's rows: long text columns dropped,
 * each name suffixed with its row number, the size columns scaled by 1 + copy/1000.
 * Returns the expectations for the file (computed on the same rows as written).
 */
async function writeSynthetic(path, n) {
  const out = createWriteStream(path);
  const header = KEPT.map(([h]) => csvField(h)).join(',');
  out.write(`${header}\n`);
  const t = tally();
  let chunk = [];
  for (let i = 0; i < n; i += 1) {
    const base = RECORDS[i % RECORDS.length];
    const copy = Math.floor(i / RECORDS.length);
    const r = base.slice();
    r[col('Model')] = `${base[col('Model')].trim()} #${i + 1}`;
    for (const c of SCALED) {
      const v = r[c].trim();
      if (v !== '' && isNumber(v) && copy > 0) r[c] = (Number(v.replace(/[,_]/g, '')) * (1 + copy / 1000)).toPrecision(6);
    }
    t.add(r);
    chunk.push(KEPT.map(([, j]) => csvField(r[j])).join(','));
    if (chunk.length === 10000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return t.result();
}

// ---------------------------------------------------------------------------------------------
// Static servers on 127.0.0.1, with a request log

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

async function serve(root, name, requestLog) {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    const entry = `${name} ${req.method} ${path}`;
    requestLog.push(entry);
    if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': st.size });
      createReadStream(file).pipe(res);
    } catch {
      requestLog.push(`${entry} → 404`);
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// ---------------------------------------------------------------------------------------------
// The renderer process's memory (Linux /proc): the renderer of this browser whose CPU time grew
// most while the file loaded is the page's (dedicated workers run in that process too).

function procChildren() {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), { ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]) });
    } catch { /* gone */ }
  }
  return parent;
}

function renderers() {
  if (!existsSync('/proc/self/stat')) return new Map();
  const procs = procChildren();
  const mine = new Map();
  for (const [pid, { cpu }] of procs) {
    let p = pid;
    let ours = false;
    for (let hops = 0; hops < 10 && p > 1; hops += 1) {
      p = procs.get(p)?.ppid ?? 0;
      if (p === process.pid) { ours = true; break; }
    }
    if (!ours) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) mine.set(pid, cpu);
    } catch { /* gone */ }
  }
  return mine;
}

function processMemory(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: kb('Rss') * 1024, pss: kb('Pss') * 1024, uss: (kb('Private_Clean') + kb('Private_Dirty')) * 1024 };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// In-page instrumentation, the same for both pages

const INIT = () => {
  const b = { t0: null };
  window.__bench = b;
  // The moment the file is handed over: the file input's change event (capture, before the page's
  // own handler).
  addEventListener('change', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'file') b.t0 = performance.now();
  }, true);
  // Trunk's start script announces the app's wasm exports (its linear memory among them).
  addEventListener('TrunkApplicationStarted', (e) => { b.atlasWasm = e.detail?.wasm; });
  /** Resolves with the time of the first task after the next frame (the frame is painted). */
  b.afterPaint = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(null);
    });
  });
  /**
   * Resolves with { tDom, tPaint, value } once check() returns a truthy value: checked on every
   * mutation of the document and of the shadow roots roots() returns, and on every frame.
   */
  b.watch = (check, roots = () => [], timeout = 600000) => new Promise((resolve, reject) => {
    let done = false;
    const observers = [];
    const seen = new Set();
    const observe = (root) => {
      if (!root || seen.has(root)) return;
      seen.add(root);
      const o = new MutationObserver(tick);
      o.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      observers.push(o);
    };
    const timer = setTimeout(() => { done = true; observers.forEach((o) => o.disconnect()); reject(new Error('timed out')); }, timeout);
    function tick() {
      if (done) return;
      for (const r of roots()) observe(r);
      let value = false;
      try { value = check(); } catch { value = false; }
      if (!value) return;
      done = true;
      const tDom = performance.now();
      clearTimeout(timer);
      observers.forEach((o) => o.disconnect());
      b.afterPaint().then((tPaint) => resolve({ tDom, tPaint, value }));
    }
    b.tick = tick;
    observe(document);
    const poll = () => { tick(); if (!done) requestAnimationFrame(poll); };
    requestAnimationFrame(poll);
    tick();
  });
};

// Tool-specific parts, run in the page. `a` carries the expectations.
const ATLAS = {
  url: (server) => `${server.url}#/models`,
  scrollArea: '.table-wrap',
  async ready(page) {
    await page.waitForSelector('[role=status]', { timeout: 30000 });
    const input = await page.waitForSelector('input[type=file][data-import]', { state: 'attached', timeout: 10000 }).catch(() => null);
    if (!input) throw new Error('the app has no import file input (input[type=file][data-import]): is the import UI wired?');
  },
  fileInput: 'input[type=file][data-import]',
  /** Arms the load watcher: done when the status line counts the file's rows and rows are shown. */
  armLoad: (a) => {
    const b = window.__bench;
    const want = `${a.rows.toLocaleString('en-US')} of ${a.rows.toLocaleString('en-US')} models`;
    b.split = {};
    b.pending = b.watch(() => {
      // The file's first row in the table (the atlas shows the first rows of a big file while
      // it reads the rest): its time, and that of the frame that paints it.
      if (b.split.firstRows === undefined && document.querySelector('table.models tbody tr .name')?.textContent.trim() === a.first) {
        b.split.firstRows = performance.now();
        b.afterPaint().then((t) => { b.split.firstRowsPainted = t; });
      }
      const failed = document.querySelector('.import-failed');
      if (failed) return { failed: failed.innerText.trim() };
      const bar = document.querySelector('progress.import-progress');
      if (bar && b.split.firstSlice === undefined && Number(bar.value) > 0) b.split.firstSlice = performance.now();
      if (bar && Number(bar.value) >= Number(bar.max) && b.split.parsed === undefined) b.split.parsed = performance.now();
      if (document.querySelector('.import-done') && b.split.done === undefined) b.split.done = performance.now();
      const status = document.querySelector('[role=status]')?.textContent.trim();
      return status === want && document.querySelector('table.models tbody tr') ? { ok: true } : false;
    });
  },
  async shown(page) {
    return page.evaluate(() => {
      const m = /^([\d,]+) of ([\d,]+) models$/.exec(document.querySelector('[role=status]')?.textContent.trim() ?? '');
      return m ? Number(m[1].replaceAll(',', '')) : NaN;
    });
  },
  async firstName(page) {
    return page.evaluate(() => document.querySelector('table.models tbody tr .name')?.textContent.trim() ?? null);
  },
  /** One timed step: do `what` and wait until the table and the status line show it. */
  step: (a) => {
    const b = window.__bench;
    // The status line, counts without their thousands separators.
    const status = () => document.querySelector('[role=status]')?.textContent.trim().replaceAll(',', '');
    const first = () => document.querySelector('table.models tbody tr .name')?.textContent.trim() ?? '';
    const search = document.querySelector('input[type=search]');
    const domain = document.querySelector(`input[type=checkbox][data-facet=domain][value=${a.domain}]`);
    const sortButton = document.querySelector('button[data-col=parameters]');
    const setSearch = (v) => { search.value = v; search.dispatchEvent(new InputEvent('input', { bubbles: true, data: v, inputType: 'insertText' })); };
    let action;
    let check;
    switch (a.what) {
      case 'search': action = () => setSearch(a.term); check = () => status() === `${a.expect} of ${a.rows} models` && fold(first()).includes(a.term); break;
      case 'unsearch': action = () => setSearch(''); check = () => status() === `${a.rows} of ${a.rows} models`; break;
      case 'domain': case 'undomain': action = () => domain.click(); check = () => status() === `${a.what === 'domain' ? a.expect : a.rows} of ${a.rows} models`; break;
      case 'sortAsc': action = () => sortButton.click(); check = () => sortButton.closest('th')?.getAttribute('aria-sort') === 'ascending' && first() !== a.before; break;
      case 'sortDesc': action = () => sortButton.click(); check = () => sortButton.closest('th')?.getAttribute('aria-sort') === 'descending' && first() === a.top; break;
      default: throw new Error(a.what);
    }
    function fold(s) { return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(); }
    const t0 = performance.now();
    const p = b.watch(check, () => [], a.timeout);
    action();
    b.tick();
    return p.then((r) => ({ dom: r.tDom - t0, paint: r.tPaint - t0 }));
  },
  async memory(page) {
    return page.evaluate(() => ({
      wasm: window.wasmBindings?.wasm_memory_bytes?.() ?? window.__bench.atlasWasm?.memory?.buffer?.byteLength ?? null,
    }));
  },
};

const PERSPECTIVE = {
  url: (server) => `${server.url}perspective.html?read=${PSP_READ}`,
  scrollArea: 'perspective-viewer',
  async ready(page) {
    await page.waitForFunction(() => window.bench, null, { timeout: 30000 });
    await page.evaluate(() => window.bench.ready);
  },
  fileInput: '#file',
  armLoad: () => {
    const b = window.__bench;
    b.split = {};
    const grid = () => document.querySelector('perspective-viewer-datagrid');
    b.pending = b.watch(() => {
      const status = document.getElementById('status')?.textContent ?? '';
      if (status.startsWith('failed')) return { failed: status };
      const td = grid()?.shadowRoot?.querySelector('regular-table tbody tr td');
      return td && td.textContent.trim() !== '' ? { ok: true } : false;
    }, () => [grid()?.shadowRoot].filter(Boolean));
  },
  async shown(page) { return page.evaluate(() => window.bench.numRows()); },
  async firstName(page) { return page.evaluate(async () => String(await window.bench.firstRow('Model')).trim()); },
  step: (a) => {
    const b = window.__bench;
    const grid = () => document.querySelector('perspective-viewer-datagrid');
    const cells = (x) => [...(grid()?.shadowRoot?.querySelectorAll(`regular-table tbody td[data-x="${x}"]`) ?? [])].map((td) => td.textContent.trim());
    const header = () => [...(grid()?.shadowRoot?.querySelectorAll('regular-table thead tr:last-child th') ?? [])].map((th) => th.textContent.trim());
    const modelCells = () => cells(header().indexOf('Model'));
    let config;
    let dom;
    switch (a.what) {
      case 'search': config = { filter: [['Model', 'contains', a.term]] }; dom = () => modelCells().length > 0 && modelCells().every((v) => v.toLowerCase().includes(a.term)); break;
      case 'unsearch': case 'undomain': config = { filter: [] }; dom = () => true; break;
      case 'domain': config = { filter: [['Domain', 'in', a.values]] }; dom = () => true; break;
      case 'sortAsc': config = { sort: [['Parameters', 'asc']] }; dom = () => true; break;
      case 'sortDesc': config = { sort: [['Parameters', 'desc']] }; dom = () => modelCells()[0] === a.top; break;
      default: throw new Error(a.what);
    }
    // Done when viewer.restore() has resolved (Perspective's "drawn") and the grid shows it.
    let restored = false;
    const t0 = performance.now();
    const p = b.watch(() => restored && dom(), () => [grid()?.shadowRoot].filter(Boolean), a.timeout);
    window.bench.restore(config).then(() => { restored = true; b.tick(); });
    return p.then((r) => ({ dom: r.tDom - t0, paint: r.tPaint - t0 }));
  },
  async memory(page) {
    return page.evaluate(async () => {
      const m = await window.bench.memory();
      return { wasm: m.heap_size + m.viewer, engineHeap: m.heap_size, engineUsed: m.used_size, viewerWasm: m.viewer };
    });
  },
};

// ---------------------------------------------------------------------------------------------
// One cold run: fresh context, open the page, load the file, then the steps.

async function coldRun(browser, tool, server, file, exp, requests) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  // An uncaught error in the page or its workers during the load fails the load at once (a
  // crashed engine would otherwise leave the page waiting for ever).
  let crash;
  const crashed = new Promise((resolve) => { crash = resolve; });
  page.on('pageerror', (e) => { errors.push(String(e)); crash({ failed: `uncaught error: ${String(e?.message ?? e).split('\n')[0]}` }); });
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(m.text()); });
  await page.addInitScript(INIT);
  const result = { errors };
  try {
    await page.goto(tool.url(server));
    await tool.ready(page);
    await sleep(500); // let start-up work (service worker, fonts) settle
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    // Load.
    const mainThread = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const m0 = await mainThread();
    const before = renderers();
    await page.evaluate(tool.armLoad, { rows: exp.rows, first: exp.first });
    // The main thread while the file loads: its long tasks (> 50 ms, PerformanceObserver) and
    // the intervals between animation frames (what a scroll during the load would get).
    await page.evaluate(() => {
      const w = { long: [], frames: [], on: true };
      window.__during = w;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) w.long.push(e.duration); }).observe({ type: 'longtask' });
      let last = performance.now();
      const tick = (t) => { w.frames.push(t - last); last = t; if (w.on) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    await page.setInputFiles(tool.fileInput, file);
    const load = await Promise.race([crashed, page.evaluate(async () => {
      const b = window.__bench;
      const r = await b.pending;
      const at = (t) => (t === undefined ? null : t - b.t0);
      return {
        ...r.value, dom: r.tDom - b.t0, paint: r.tPaint - b.t0,
        split: Object.fromEntries(Object.entries(b.split).map(([k, v]) => [k, at(v)])),
        psp: window.__pspSplits ? Object.fromEntries(Object.entries(window.__pspSplits).map(([k, v]) => [k, at(v)])) : null,
      };
    })]);
    if (load.failed) { result.refused = load.failed; return result; }
    load.during = await page.evaluate(() => {
      const w = window.__during;
      w.on = false;
      const f = w.frames.slice(1).sort((x, y) => x - y);
      return { longest: Math.max(0, ...w.long), longTasks: w.long.length, frameP95: f[Math.floor(f.length * 0.95)] ?? null };
    });
    const m1 = await mainThread();
    // The page's main thread during the load (seconds → ms); Perspective's worker is not in it.
    const d = (k) => ((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000;
    load.main = { script: d('ScriptDuration'), layout: d('LayoutDuration') + d('RecalcStyleDuration'), other: d('TaskOtherDuration'), tasks: d('TaskDuration') };
    result.load = load;
    result.shown = await tool.shown(page);

    // Memory after load.
    const after = renderers();
    let pid = null;
    let grew = -1;
    for (const [p, cpu] of after) {
      const d = cpu - (before.get(p) ?? 0);
      if (d > grew) { grew = d; pid = p; }
    }
    await sleep(300);
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (n) => metrics.find((m) => m.name === n)?.value ?? null;
    result.memory = {
      jsHeap: metric('JSHeapUsedSize'),
      ...(await tool.memory(page)),
      process: pid ? processMemory(pid) : null,
    };

    // Filters and sort, each timed; a filter is removed (untimed) before the next step.
    const step = async (what, extra = {}) => {
      await sleep(200);
      return page.evaluate(tool.step, { what, rows: exp.rows, timeout: STEP_TIMEOUT, ...extra });
    };
    result.search = await step('search', { term: SEARCH, expect: exp.atlasSearch });
    result.searchShown = await tool.shown(page);
    await step('unsearch');
    result.domain = await step('domain', { domain: 'language', values: LANGUAGE_VALUES, expect: exp.language });
    result.domainShown = await tool.shown(page);
    await step('undomain', { domain: 'language', values: LANGUAGE_VALUES });
    const firstBefore = await tool.firstName(page);
    result.sortAsc = await step('sortAsc', { before: firstBefore });
    result.sortDesc = await step('sortDesc', { top: exp.top });
    result.topShown = await tool.firstName(page);

    // Scrolling: 40 wheel steps of 300 px over the table, one every 16 ms; the intervals
    // between animation frames meanwhile (16.7 ms = 60 frames per second).
    const area = await page.$(tool.scrollArea);
    const box = await area?.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.evaluate(() => {
        const b = window.__bench;
        b.frames = [];
        b.framing = true;
        let last = performance.now();
        const tick = (t) => { b.frames.push(t - last); last = t; if (b.framing) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      });
      for (let i = 0; i < 40; i += 1) {
        await page.mouse.wheel(0, 300);
        await sleep(16);
      }
      const frames = await page.evaluate(() => { window.__bench.framing = false; return window.__bench.frames.slice(1); });
      frames.sort((x, y) => x - y);
      result.scroll = { median: frames[Math.floor(frames.length / 2)], p95: frames[Math.floor(frames.length * 0.95)], frames: frames.length };
    }
  } catch (e) {
    result.error = String(e?.message ?? e).split('\n')[0];
  } finally {
    await context.close();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reporting

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((p, q) => p - q);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x == null ? '—' : x >= 100 ? `${Math.round(x).toLocaleString('en-US')} ms` : `${x.toFixed(1)} ms`);
const mb = (x) => (x == null ? '—' : `${(x / 1048576).toFixed(1)} MB`);
const ratio = (a, p) => (a == null || p == null || p === 0 ? '—' : `${(a / p).toFixed(2)}`);
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);

function machine(browserVersion) {
  const cpus = os.cpus();
  return `${cpus[0]?.model?.trim() ?? 'cpu'} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, `
    + `${os.type()} ${os.release()}, Chromium ${browserVersion} (headless, ${CHROMIUM_ARGS.join(' ')}), node ${process.version}`;
}

// ---------------------------------------------------------------------------------------------
// Main

const tmp = mkdtempSync(join(os.tmpdir(), 'atlas-vs-perspective-'));
const requests = [];
const serverLog = [];
let browser;
let atlasServer;
let pspServer;
const all = [];
const started = Date.now();
try {
  // The files.
  const files = [];
  for (const size of SIZES) {
    if (size === 'notable') {
      files.push({ label: `Epoch notable (${RECORDS.length} rows)`, path: EPOCH, exp: expectations(RECORDS) });
    } else {
      const n = Number(size.replace(/_/g, ''));
      if (!Number.isInteger(n) || n <= 0) throw new Error(`SIZES: ${size}`);
      const path = join(tmp, `synthetic_${n}.csv`);
      const t = Date.now();
      const exp = await writeSynthetic(path, n);
      log(`generated ${path}: ${n.toLocaleString('en-US')} rows, ${mb(statSync(path).size)} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      files.push({ label: `synthetic ${n.toLocaleString('en-US')} rows`, path, exp });
    }
  }
  for (const f of files) {
    f.bytes = statSync(f.path).size;
    if (f.exp.atlasSearch !== f.exp.pspSearch) {
      log(`warning: "${SEARCH}" matches ${f.exp.atlasSearch} rows by the atlas's rules (name, organizations, reference, tasks) `
        + `but ${f.exp.pspSearch} by Model contains: the search step does not compare the same rows (choose SEARCH)`);
    }
  }

  atlasServer = await serve(ATLAS_DIST, 'atlas', serverLog);
  pspServer = await serve(HERE, 'perspective', serverLog);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const version = browser.version();
  log(`\n# Model Atlas vs Perspective — ${new Date().toISOString()}`);
  log(`machine: ${machine(version)}`);
  const pspVersion = JSON.parse(readFileSync(join(HERE, 'node_modules', '@finos', 'perspective', 'package.json'), 'utf8')).version;
  log(`Perspective ${pspVersion} (viewer + datagrid, read=${PSP_READ}); Model Atlas from ${ATLAS_DIST}; ${RUNS} cold runs each; viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
  const loadStart = os.loadavg();
  log(`load average at the start: ${loadStart.map((x) => x.toFixed(2)).join(', ')}`
    + `${loadStart[0] > 0.5 ? ' — the machine is busy with other work: figures will be noisier and slower than on an idle machine' : ''}`);
  log(`search "${SEARCH}"; domain: atlas facet language ⇔ Perspective Domain in [${LANGUAGE_VALUES.length} values]; sort: Parameters\n`);

  const tools = [['Model Atlas', ATLAS, atlasServer, 'atlas'], ['Perspective', PERSPECTIVE, pspServer, 'perspective']]
    .filter(([, , , id]) => TOOLS.includes(id));
  // Runs alternate between the tools (atlas, Perspective, atlas, …) so that a change in the
  // machine's load during the benchmark touches both alike.
  for (const f of files) {
    const entries = tools.map(([name]) => ({ file: f.label, bytes: f.bytes, exp: f.exp, tool: name, runs: [] }));
    for (let i = 0; i < RUNS; i += 1) {
      for (const [k, [name, tool, server]] of tools.entries()) {
        const { runs } = entries[k];
        if (runs.some((r) => r.refused)) continue; // a refusal or a crash is not a timing: once is enough
        const r = await coldRun(browser, tool, server, f.path, f.exp, requests);
        runs.push(r);
        const brief = r.refused ? `did not open: ${r.refused.replace(/\s+/g, ' ').slice(0, 160)}`
          : r.error ? `error: ${r.error}`
            : `load ${ms(r.load.paint)}, search ${ms(r.search?.paint)}, domain ${ms(r.domain?.paint)}, sort ↑ ${ms(r.sortAsc?.paint)} ↓ ${ms(r.sortDesc?.paint)}`;
        log(`  ${pad(name, 12)} ${pad(f.label, 28)} run ${i + 1}/${RUNS}: ${brief}`);
        if (r.errors.length) log(`    page errors: ${r.errors.slice(0, 3).join(' | ')}`);
      }
    }
    all.push(...entries);
  }
  const loadEnd = os.loadavg();

  // The table.
  // Perspective shows its first rows once the whole file is loaded: both metrics are its load.
  const firstRows = (r) => r.load?.split?.firstRowsPainted ?? r.load?.paint;
  const METRICS = [
    ['load → first rows painted', firstRows, ms],
    ['load → all rows ready', (r) => r.load?.paint, ms],
    ['load: longest main-thread task', (r) => r.load?.during?.longest, ms],
    ['load: main-thread tasks > 50 ms', (r) => r.load?.during?.longTasks, (v) => (v == null ? '—' : String(v))],
    ['load: frame interval, 95th percentile', (r) => r.load?.during?.frameP95, ms],
    [`search "${SEARCH}"`, (r) => r.search?.paint, ms],
    ['domain = language', (r) => r.domain?.paint, ms],
    ['sort ↑ parameters', (r) => r.sortAsc?.paint, ms],
    ['sort ↓ parameters', (r) => r.sortDesc?.paint, ms],
    ['scrolling: frame interval, median', (r) => r.scroll?.median, ms],
    ['scrolling: frame interval, 95th percentile', (r) => r.scroll?.p95, ms],
    ['JS heap (main thread)', (r) => r.memory?.jsHeap, mb],
    ['wasm memory', (r) => r.memory?.wasm, mb],
    ['renderer process (USS)', (r) => r.memory?.process?.uss, mb],
  ];
  log('\n## Medians (time to the change painted; memory after load)\n');
  log(`| file | metric | Model Atlas | Perspective | Atlas / Perspective |`);
  log('|---|---|---:|---:|---:|');
  for (const f of files) {
    const none = { runs: [] };
    const a = all.find((x) => x.file === f.label && x.tool === 'Model Atlas') ?? none;
    const p = all.find((x) => x.file === f.label && x.tool === 'Perspective') ?? none;
    for (const [label, get, fmt] of METRICS) {
      const cell = (x) => {
        if (x.runs.some((r) => r.refused)) return 'not opened';
        const v = median(x.runs.map(get));
        return v;
      };
      const av = cell(a);
      const pv = cell(p);
      const show = (v) => (typeof v === 'string' ? v : fmt(v));
      const rt = typeof av === 'number' && typeof pv === 'number' ? ratio(av, pv) : '—';
      log(`| ${f.label}, ${mb(f.bytes)} | ${label} | ${show(av)} | ${show(pv)} | ${rt} |`);
    }
  }

  log('\n## Checks (rows each tool showed; medians are over the runs that reached them)\n');
  for (const x of all) {
    const r = x.runs.find((q) => !q.error && !q.refused) ?? x.runs[0];
    if (r?.refused) { log(`${pad(x.tool, 12)} ${pad(x.file, 28)} did not open the file: ${r.refused.replace(/\s+/g, ' ')}`); continue; }
    const expSearch = x.tool === 'Model Atlas' ? x.exp.atlasSearch : x.exp.pspSearch;
    const bad = [];
    for (const q of x.runs) {
      if (q.error) bad.push(q.error);
      else {
        if (q.shown !== x.exp.rows) bad.push(`rows ${q.shown} ≠ ${x.exp.rows}`);
        if (q.searchShown !== expSearch) bad.push(`search ${q.searchShown} ≠ ${expSearch}`);
        if (q.domainShown !== x.exp.language) bad.push(`domain ${q.domainShown} ≠ ${x.exp.language}`);
        if (q.topShown !== x.exp.top) bad.push(`top ${q.topShown} ≠ ${x.exp.top}`);
      }
    }
    log(`${pad(x.tool, 12)} ${pad(x.file, 28)} rows ${r?.shown}, search ${r?.searchShown} (expected ${expSearch}), `
      + `domain ${r?.domainShown} (expected ${x.exp.language}), largest first: ${JSON.stringify(r?.topShown)} `
      + `${bad.length ? `MISMATCH: ${[...new Set(bad)].join('; ')}` : 'ok'}`);
  }

  log('\n## Where the load time goes (medians, ms from the file handed over)\n');
  for (const x of all) {
    const ok = x.runs.filter((q) => q.load);
    if (!ok.length) continue;
    if (x.tool === 'Model Atlas') {
      const s = (k) => median(ok.map((q) => q.load.split?.[k]));
      log(`${pad(x.tool, 12)} ${pad(x.file, 28)} first slice parsed ${ms(s('firstSlice'))}, first rows painted ${ms(s('firstRowsPainted'))}, all slices parsed ${ms(s('parsed'))}, `
        + `"Opened" panel ${ms(s('done'))}, rows in DOM ${ms(median(ok.map((q) => q.load.dom)))}, painted ${ms(median(ok.map((q) => q.load.paint)))}`);
    } else {
      const s = (k) => median(ok.map((q) => q.load.psp?.[k]));
      log(`${pad(x.tool, 12)} ${pad(x.file, 28)} bytes read ${ms(s('read'))}, table built (worker) ${ms(s('table'))}, `
        + `viewer.load done ${ms(s('viewer'))}, rows in DOM ${ms(median(ok.map((q) => q.load.dom)))}, painted ${ms(median(ok.map((q) => q.load.paint)))}`);
    }
  }
  log('\nMain thread during the load (CDP Performance.getMetrics deltas, medians; includes a little CDP overhead; '
    + 'Perspective\'s engine works in a worker, not counted here):\n');
  for (const x of all) {
    const ok = x.runs.filter((q) => q.load?.main);
    if (!ok.length) continue;
    const s = (k) => median(ok.map((q) => q.load.main[k]));
    log(`${pad(x.tool, 12)} ${pad(x.file, 28)} busy ${ms(s('tasks'))}: script (JS + wasm) ${ms(s('script'))}, style + layout ${ms(s('layout'))}, `
      + `other (paint, file reading, messages, GC) ${ms(s('other'))}`);
  }
  log('\nMemory: "JS heap" is the page\'s main-thread V8 heap after a GC (CDP Performance.getMetrics JSHeapUsedSize); '
    + 'it excludes wasm memory and, for Perspective, its engine worker\'s heap. "wasm memory" is the atlas\'s linear memory '
    + '(its size, grown and never shrunk) and, for Perspective, the engine\'s wasm heap in its worker (client.system_info().heap_size; '
    + 'used_size is in the JSON) plus the viewer\'s wasm memory on the main thread. "renderer process (USS)" is the private '
    + 'memory of the page\'s renderer process (/proc/PID/smaps_rollup): everything, workers included, but not the GPU or browser process.');

  // The request log: nothing may leave 127.0.0.1.
  const outside = requests.filter((u) => {
    if (/^(blob|data):/.test(u)) return false;
    try { return new URL(u).hostname !== '127.0.0.1'; } catch { return true; }
  });
  log(`\nRequests: ${requests.length} from the browser (${serverLog.length} served), all to 127.0.0.1 or blob:/data: — `
    + `${outside.length ? `NOT SO: ${[...new Set(outside)].join(', ')}` : 'checked'}`);
  const missing = [...new Set(serverLog.filter((e) => e.endsWith('→ 404')))];
  if (missing.length) log(`Not found (404): ${missing.join(', ')}`);
  log(`Load average at the end: ${loadEnd.map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min; the benchmark itself adds about 1).`);
  log(`Total time ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (process.env.JSON_OUT) {
    writeFileSync(process.env.JSON_OUT, JSON.stringify({ machine: machine(version), loadavg: { start: loadStart, end: loadEnd }, search: SEARCH, results: all, requests: [...new Set(requests)] }, null, 1));
    log(`Measurements written to ${process.env.JSON_OUT}.`);
  }
  if (outside.length) process.exitCode = 1;
} finally {
  await browser?.close();
  await atlasServer?.close();
  await pspServer?.close();
  if (process.env.KEEP_DATA) log(`Generated files kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
