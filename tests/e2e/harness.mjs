// Shared end-to-end helpers: a static server for dist/ on 127.0.0.1 and a headless Chromium.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const DIST = process.env.ATLAS_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves `root` on 127.0.0.1 at a free port. Resolves to { url, close }. */
export async function serve(root = DIST) {
  await stat(join(root, 'index.html')).catch(() => {
    throw new Error(`${root}index.html is missing: build first (scripts/dev.sh build)`);
  });
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Debian's Chromium through playwright-core. */
export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Opens a page that records console errors, page errors and every request URL.
 * Returns { page, errors, requests }.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('request', (req) => requests.push(req.url()));
  return { page, context, errors, requests };
}

/** Waits until the app has rendered the status line. */
export async function waitForApp(page) {
  await page.waitForSelector('[role=status]', { timeout: 20000 });
}

/** Parses an exact value such as "175,000,000,000 (reported) — note" from a data-tip. */
export function exactValue(tip) {
  const m = /^([\d,.e+-]+)/.exec(tip ?? '');
  return m ? Number(m[1].replaceAll(',', '')) : NaN;
}

/** Serves one HTML page at / on another port (a different origin from the app). */
export async function serveHtml(html) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** Counts the inked (non-white) pixels of a canvas element handle. */
export async function inkedPixels(locator) {
  return locator.evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink += 1;
    }
    return ink;
  });
}

/**
 * Waits until the table shows the rows the status line counts: every one of them, or above the
 * virtualization threshold a window of them. Returns how many row elements are rendered.
 */
export async function waitForAllRows(page) {
  await page.waitForFunction(() => {
    const m = /^(\d+) of/.exec(document.querySelector('[role=status]')?.textContent?.trim() ?? '');
    if (!m) return false;
    const n = Number(m[1]);
    const rendered = document.querySelectorAll('table.models tbody tr:not(.spacer)').length;
    // Above the virtualization threshold the table renders a window of rows and says how many
    // there are (aria-rowcount counts the header row too).
    if (document.querySelector('.table-wrap.virtual')) {
      return rendered > 0 && rendered < n && document.querySelector('table.models')?.getAttribute('aria-rowcount') === String(n + 1);
    }
    return rendered === n;
  });
  return page.locator('table.models tbody tr:not(.spacer)').count();
}

/**
 * For a test file: starts the app server and a browser before its tests and stops them after;
 * with `{ tmp: 'prefix-' }` also makes a temporary folder for generated files (removed after).
 * Returns `{ server, browser, tmp }`, filled in once the tests start.
 */
export function useApp(options = {}) {
  const app = { server: null, browser: null, tmp: null };
  before(async () => {
    app.server = await serve();
    app.browser = await launch();
    if (options.tmp) app.tmp = mkdtempSync(join(tmpdir(), options.tmp));
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
    if (app.tmp) rmSync(app.tmp, { recursive: true, force: true });
  });
  return app;
}

/** The records of a CSV text (RFC 4180), read independently of the app: arrays of fields. */
export function parseCsv(text) {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i += 1;
      row.push(field);
      field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
