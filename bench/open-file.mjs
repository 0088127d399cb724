// Shared by the frame benchmarks (frames.mjs, floor.mjs): a 1280×900 page of Model Atlas with
// `file` opened through its "Open data…" input (answering the mapping dialog if it asks), once
// the import is done and the page has settled for a second.
import { openPage } from '../tests/e2e/harness.mjs';

/** Opens `file` in the app served at `url`; resolves with openPage's { page, context, errors }. */
export async function openFileInAtlas(browser, url, file) {
  const opened = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  const { page } = opened;
  await page.goto(`${url}#/models`);
  await page.waitForSelector('[role=status]');
  await page.setInputFiles('input[type=file][data-import]', file);
  const dialog = page.locator('[role=dialog] button[type=submit]');
  await Promise.race([page.waitForSelector('.import-done', { timeout: 180000 }), dialog.click({ timeout: 180000 }).catch(() => {})]);
  await page.waitForSelector('.import-done', { timeout: 180000 });
  await page.waitForTimeout(1000);
  return opened;
}
