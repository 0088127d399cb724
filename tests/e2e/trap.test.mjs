// End-to-end: when the WebAssembly traps (e.g. the browser gives it no more memory), a panel
// says so instead of a frozen page — served and in the single file opened from disk — and the
// page logs no Content-Security-Policy violation on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useApp, openPage, waitForApp, DIST } from './harness.mjs';

const app = useApp();

/** Opens `url`, records CSP violations, raises a wasm trap outside the app, checks the panel. */
async function trapShowsThePanel(url) {
  const { page, context } = await openPage(app.browser);
  try {
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(url);
    await waitForApp(page);
    assert.equal(await page.locator('#fatal').count(), 0, 'no panel before');
    // What the browser throws when wasm memory cannot grow: an uncaught RuntimeError.
    await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }, 0));
    const panel = page.locator('#fatal[role=alert]');
    await panel.waitFor();
    assert.match(await panel.innerText(), /no more memory/);
    assert.match(await panel.innerText(), /unreachable/);
    assert.ok(await panel.getByRole('button', { name: 'Reload' }).isVisible());
    // An ordinary script error is not a trap: no second panel, nothing else changes.
    assert.equal(await page.locator('#fatal').count(), 1);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
  } finally {
    await context.close();
  }
}

test('a WebAssembly trap shows the stopped panel in the served app', async () => {
  await trapShowsThePanel(`${app.server.url}#/models`);
});

test('a WebAssembly trap shows the stopped panel in the single file opened from disk', async (t) => {
  const file = join(DIST, 'model-atlas.html');
  if (!existsSync(file)) {
    t.skip('dist/model-atlas.html is missing (scripts/dev.sh build makes it)');
    return;
  }
  await trapShowsThePanel(`${pathToFileURL(file).href}#/models`);
});

test('an ordinary error is not reported as a trap', async () => {
  const { page, context } = await openPage(app.browser);
  try {
    await page.goto(`${app.server.url}#/models`);
    await waitForApp(page);
    await page.evaluate(() => setTimeout(() => { throw new TypeError('something else'); }, 0));
    await page.waitForTimeout(200);
    assert.equal(await page.locator('#fatal').count(), 0);
  } finally {
    await context.close();
  }
});
