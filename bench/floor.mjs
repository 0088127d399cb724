// The floor under "a search shows its result in the next frame": how long the browser itself
// takes, measured the same way as bench/run.mjs (the change → the first task after the next
// animation frame, started at a random moment), to show a change of the table's visible rows
// when no application code runs at all.
//
//   node bench/floor.mjs FILE.csv      (after scripts/dev.sh build; REPS=20 by default)
//
// The file is opened in Model Atlas (dist/, headless Chromium, 1280×900) through its file
// input. Then, REPS times each, in turn:
//   search   the app's search "qwen" (its query, render and row pool), to the painted frame;
//   swap     plain JavaScript writes the texts the table shows for "qwen" into the same text
//            nodes of the visible rows (no wasm, no query, no element created): the least any
//            implementation of a DOM table must do to show other rows;
//   tick     one text node of the status line changes: the measure's own floor (the wait for
//            the next frame and a near-empty frame).
// Each step is undone (untimed) before the next. Prints medians and quartiles in ms.
import { serve, launch } from '../tests/e2e/harness.mjs';
import { openFileInAtlas } from './open-file.mjs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/floor.mjs FILE.csv');
  process.exit(2);
}
const REPS = Number(process.env.REPS ?? 20);
const TERM = 'qwen';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (a, q) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

const server = await serve();
const browser = await launch();
const { page, errors } = await openFileInAtlas(browser, server.url, file);

await page.evaluate(() => {
  const f = {};
  window.__floor = f;
  /** The time of the first task after the next animation frame. */
  f.afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const c = new MessageChannel();
    c.port1.onmessage = () => resolve(performance.now());
    c.port2.postMessage(null);
  }));
  f.status = () => document.querySelector('[role=status]');
  f.texts = () => {
    const body = document.querySelector('table.models tbody');
    const w = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n);
    return out;
  };
  f.search = (v) => {
    const s = document.querySelector('input[type=search]');
    s.value = v;
    s.dispatchEvent(new InputEvent('input', { bubbles: true, data: v, inputType: 'insertText' }));
  };
});

/** Runs `what` in the page and returns ms from the change to the painted frame. */
async function timed(what, term) {
  return page.evaluate(([what, term]) => {
    const f = window.__floor;
    const t0 = performance.now();
    if (what === 'search') {
      // As bench/run.mjs: once the status line shows the search, the next painted frame.
      const st = f.status();
      const before = st.textContent;
      const shown = new Promise((resolve) => {
        const o = new MutationObserver(() => { if (st.textContent !== before) { o.disconnect(); resolve(); } });
        o.observe(st, { subtree: true, childList: true, characterData: true });
      });
      f.search(term);
      return shown.then(f.afterPaint).then((t) => t - t0);
    } else if (what === 'swap') {
      const nodes = f.texts();
      f.undo = nodes.map((n) => [n, n.data]);
      nodes.forEach((n, i) => { n.data = f.shown[i % f.shown.length]; });
    } else {
      const n = f.status().firstChild;
      n.data = n.data.endsWith(' ') ? n.data.trimEnd() : `${n.data} `;
    }
    return f.afterPaint().then((t) => t - t0);
  }, [what, term]);
}

// The texts the visible rows show for the search, to swap in.
await page.evaluate((term) => { window.__floor.search(term); }, TERM);
await page.waitForTimeout(300);
const shownCount = await page.evaluate(() => {
  const f = window.__floor;
  f.shown = f.texts().map((n) => n.data);
  return f.shown.length;
});
await page.evaluate(() => window.__floor.search(''));
await page.waitForTimeout(300);
const restCount = await page.evaluate(() => window.__floor.texts().length);
if (shownCount < 50 || restCount < 50) throw new Error(`too few cells: ${shownCount} and ${restCount} text nodes`);

const got = { search: [], swap: [], tick: [] };
for (let r = 0; r < REPS; r += 1) {
  for (const what of Object.keys(got)) {
    await sleep(150 + Math.random() * 50);
    got[what].push(await timed(what, TERM));
    await sleep(100);
    // Undo, untimed: the search cleared; the swapped texts put back.
    if (what === 'search') await page.evaluate(() => window.__floor.search(''));
    if (what === 'swap') await page.evaluate(() => window.__floor.undo.forEach(([n, d]) => { n.data = d; }));
  }
}
const status = (await page.locator('[role=status]').first().textContent()).trim();
console.log(`Model Atlas, ${file} (${status}); ${REPS} runs each; ms from the change to the painted frame`);
console.log(`visible rows' text nodes: ${restCount} (${shownCount} when searching "${TERM}")`);
console.log('step       median     p25     p75');
for (const [what, a] of Object.entries(got)) {
  console.log(`${what.padEnd(8)}${[0.5, 0.25, 0.75].map((q) => quantile(a, q).toFixed(1).padStart(8)).join('')}`);
}
if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
await browser.close();
await server.close();
