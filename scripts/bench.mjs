// Benchmark: shipped sizes, and cold-load time from navigation to the table rendered.
// Prints figures; it asserts nothing (budgets are reported in BENCHMARKS.md).
// Run: scripts/dev.sh bench   (builds dist/ first)
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import os from 'node:os';
import { serve, launch, DIST } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 10);
const kb = (n) => (n / 1024).toFixed(1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

console.log(`# Model Atlas benchmark — ${new Date().toISOString()}`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${kb(os.totalmem() / 1024)} MB RAM, node ${process.version}`);
console.log('\n## Shipped sizes (dist/)');
let totalRaw = 0;
let totalGz = 0;
const kinds = { wasm: [0, 0], js: [0, 0], css: [0, 0], other: [0, 0] };
let offline = null;
const importer = [0, 0];
for (const f of readdirSync(DIST)) {
  const body = readFileSync(join(DIST, f));
  if (f === 'model-atlas.html') {
    // The single-file offline build is a separate download, not part of the served app.
    offline = [body.length, gzipSync(body, { level: 9 }).length];
    continue;
  }
  if (f.startsWith('import-worker')) {
    // The import worker is fetched only when someone opens a file.
    importer[0] += body.length;
    importer[1] += gzipSync(body, { level: 9 }).length;
    continue;
  }
  const gz = gzipSync(body, { level: 9 }).length;
  const ext = f.split('.').pop();
  const k = kinds[ext] ? ext : 'other';
  kinds[k][0] += body.length;
  kinds[k][1] += gz;
  totalRaw += body.length;
  totalGz += gz;
}
for (const [k, [raw, gz]] of Object.entries(kinds)) {
  console.log(`${k.padEnd(6)} ${kb(raw).padStart(8)} KB raw ${kb(gz).padStart(8)} KB gzip`);
}
console.log(`total  ${kb(totalRaw).padStart(8)} KB raw ${kb(totalGz).padStart(8)} KB gzip   (budget ≤ 400 KB gzip)`);
console.log(`import worker (fetched on the first "Open data…", not in the total): ${kb(importer[0])} KB raw, ${kb(importer[1])} KB gzip`);
if (offline) {
  console.log(`offline single file model-atlas.html: ${kb(offline[0])} KB raw, ${kb(offline[1])} KB gzip`);
}

const server = await serve();
const browser = await launch();
const times = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Record the moment the first table row is in the DOM, from inside the page.
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.querySelector('table.models tbody tr')) {
          window.__tableAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}#/models`);
    await page.waitForFunction(() => window.__tableAt !== undefined, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.__tableAt));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`\n## Cold load: navigation → table rendered (${RUNS} runs, fresh browser context each)`);
console.log(`median ${median(times).toFixed(0)} ms   min ${Math.min(...times).toFixed(0)} ms   max ${Math.max(...times).toFixed(0)} ms   (budget ≤ 300 ms)`);
