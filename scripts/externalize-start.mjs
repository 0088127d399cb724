// Trunk post-build hook: move the inline <script type="module"> that starts the app into
// start.js, so the Content-Security-Policy can allow scripts from 'self' only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('externalize-start: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
const htmlPath = join(dir, 'index.html');
const html = readFileSync(htmlPath, 'utf8');
const re = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(re);
if (!m) {
  console.error('externalize-start: no inline module script found in index.html');
  process.exit(1);
}
writeFileSync(join(dir, 'start.js'), m[1].trim() + '\n');
writeFileSync(htmlPath, html.replace(re, '<script type="module" src="./start.js"></script>'));
