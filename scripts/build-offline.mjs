// Builds dist/model-atlas.html: one self-contained file (wasm-bindgen glue, wasm as base64,
// CSS, icon, and the import worker's glue and wasm) that runs from file:// with no server,
// started with the glue's initSync.
// Run after `trunk build --release` (scripts/dev.sh build does both).
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const files = readdirSync(dist);
const pick = (re, what) => {
  const f = files.find((n) => re.test(n));
  if (!f) throw new Error(`build-offline: no ${what} in dist/ (build first)`);
  return join(dist, f);
};
const glue = readFileSync(pick(/^model-atlas-[0-9a-f]+\.js$/, 'JS glue'), 'utf8');
const wasm = readFileSync(pick(/^model-atlas-[0-9a-f]+_bg\.wasm$/, 'wasm'));
// Every stylesheet trunk emitted (style.css first, then the feature sheets such as import.css).
pick(/^style-[0-9a-f]+\.css$/, 'stylesheet');
const css = files
  .filter((n) => /^[a-z]+-[0-9a-f]+\.css$/.test(n))
  .sort((a, b) => Number(!a.startsWith('style-')) - Number(!b.startsWith('style-')) || a.localeCompare(b))
  .map((n) => readFileSync(join(dist, n), 'utf8'))
  .join('\n');
const icon = readFileSync(pick(/^favicon-[0-9a-f]+\.svg$/, 'icon'));
// The import worker (a classic script: wasm-bindgen's no-modules glue). A page opened from
// file:// cannot start a worker from a file URL, so the app starts it from a blob: URL made
// from this source (src/ui/worker.rs reads it from globalThis.atlasImportWorker); the worker
// compiles its embedded wasm synchronously, before the page's first message arrives.
const workerGlue = readFileSync(join(dist, 'import-worker.js'), 'utf8');
const workerWasm = readFileSync(join(dist, 'import-worker_bg.wasm'));
if (!/initSync/.test(workerGlue)) {
  throw new Error('build-offline: the import worker glue has no initSync');
}
const workerSource = `${workerGlue}
wasm_bindgen.initSync({ module: Uint8Array.from(atob("${workerWasm.toString('base64')}"), (c) => c.charCodeAt(0)) });
`;

if (!/function initSync\b/.test(glue) || !/export \{[^}]*\binitSync\b/.test(glue)) {
  throw new Error('build-offline: the wasm-bindgen glue has no initSync export');
}
// The glue is an ES module; inline it as a module script and start it synchronously from the
// embedded bytes (no fetch, so it works from file://).
const script = `${glue}
globalThis.atlasImportWorker = ${JSON.stringify(workerSource).replace(/<\//g, '<\\/')};
const wasmBase64 = "${wasm.toString('base64')}";
const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
initSync({ module: bytes });
`;
// The trap handler (static/trap.js): a classic script that runs before the app.
const trap = readFileSync(join(dist, 'trap.js'), 'utf8');
const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} ${sha(trap)} 'wasm-unsafe-eval'`,
  `style-src ${sha(css)}`,
  "img-src data: blob:",
  // The import worker, started from a blob: URL of the source above.
  "worker-src blob:",
  "font-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="description" content="Model Atlas, offline edition: an explorer of large AI models in one file.">
<title>Model Atlas</title>
<link rel="icon" href="data:image/svg+xml;base64,${icon.toString('base64')}">
<style>${css}</style>
<script>${trap}</script>
</head>
<body>
<noscript>Model Atlas needs JavaScript and WebAssembly.</noscript>
<script type="module">${script}</script>
</body>
</html>
`;
const out = join(dist, 'model-atlas.html');
writeFileSync(out, html);
const kb = (n) => (n / 1024).toFixed(1);
console.log(`model-atlas.html: ${kb(html.length)} KB (${kb(gzipSync(html, { level: 9 }).length)} KB gzip)`);
