// What starting the importer early buys: a file's first rows, painted, after the file is chosen,
// when the page has just loaded ("cold": the worker starts with the file) and when the pointer
// has rested on "Open data…" first ("hover": `ui::worker::prewarm` started it while the file
// was being chosen).
//
//   node bench/prewarm.mjs [FILE.csv]      (after scripts/dev.sh build; RUNS=5 by default)
//
// FILE is a CSV whose model names contain "#<digits>" (bench/run.mjs's synthetic files, kept
// with KEEP_DATA=1); each run is a fresh browser context, the two modes alternating.
import { serve, launch, openPage } from '../tests/e2e/harness.mjs';

const file = process.argv[2] ?? process.env.FILE;
if (!file) {
  console.error('usage: node bench/prewarm.mjs FILE.csv');
  process.exit(2);
}
const RUNS = Number(process.env.RUNS ?? 5);
const server = await serve();
const browser = await launch();
const got = { cold: [], hover: [] };
for (let r = 0; r < RUNS; r += 1) {
  for (const mode of Object.keys(got)) {
    const { page, context, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}#/models`);
    await page.waitForSelector('table.models tbody tr td');
    if (mode === 'hover') {
      await page.hover('button.import-open');
      await page.waitForTimeout(1500);
    }
    await page.evaluate(() => {
      window.__shown = null;
      addEventListener('change', () => { window.__chosen = performance.now(); }, true);
      const fileRow = () => [...document.querySelectorAll('table.models tbody tr .name')].some((e) => /#\d/.test(e.textContent));
      const o = new MutationObserver(() => {
        if (!fileRow()) return;
        o.disconnect();
        requestAnimationFrame(() => {
          const c = new MessageChannel();
          c.port1.onmessage = () => { window.__shown = performance.now() - window.__chosen; };
          c.port2.postMessage(null);
        });
      });
      o.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.setInputFiles('input[type=file][data-import]', file);
    await page.waitForFunction(() => window.__shown != null, null, { timeout: 60000 });
    got[mode].push(await page.evaluate(() => window.__shown));
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    await context.close();
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`first rows painted after the file is chosen, ${RUNS} runs each (ms):`);
for (const [mode, a] of Object.entries(got)) {
  console.log(`  ${mode.padEnd(6)} median ${median(a).toFixed(0).padStart(5)}   runs ${a.map((x) => x.toFixed(0)).join(' ')}`);
}
await browser.close();
await server.close();
