// End-to-end: the price of scale — the cost view answers for GPT-3, BLOOM and a Llama model with
// its sources; an assumption changes the result and the URL (a bad one gives a message, not
// NaN); the model page shows its cost fields and the seed report's facts in context; the cost
// charts draw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openPage, waitForApp, inkedPixels } from './harness.mjs';

const app = useApp();

async function openCosts(page, query) {
  await page.goto(`${app.server.url}#/costs?${query}`);
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector('table.cost-steps [data-step=energy] .big', { timeout: 20000 });
}

const stepText = (page, step) => page.locator(`table.cost-steps [data-step=${step}]`).innerText();

for (const [id, chip, published] of [
  ['gpt-3', 'V100', ['chip-hours', 'energy', 'emissions']],
  ['bloom', 'A100', ['chip-hours', 'energy', 'emissions', 'cost']],
  ['llama-2-70b', 'A100', ['chip-hours', 'energy', 'emissions', 'cost']],
]) {
  test(`the cost view answers for ${id} with its sources`, async () => {
    const { page, context, errors } = await openPage(app.browser);
    await openCosts(page, `model=${id}${id === 'gpt-3' ? '' : '&price=2'}`);
    assert.match(await page.locator('[role=status]').innerText(), new RegExp(chip));
    for (const step of ['compute', 'chip-hours', 'energy', 'emissions']) {
      const t = await stepText(page, step);
      assert.match(t, /\d/, `${step}: ${t}`);
      assert.doesNotMatch(t, /NaN|Infinity/, `${step}: ${t}`);
    }
    // A range, not one number.
    assert.match(await stepText(page, 'energy'), /range [\d.,KM]+–[\d.,KM]+/);
    // Every published figure beside its estimate, with a sentence and its source.
    const whats = await page.locator('li.comparison').evaluateAll((els) => els.map((e) => e.dataset.what));
    assert.deepEqual(whats, published);
    const energy = await page.locator('li.comparison[data-what=energy]').innerText();
    assert.match(energy, /The estimate (is [\d.]+×|matches)/);
    assert.match(energy, /Source and method: .+/);
    // The assumptions' sources are links.
    const links = await page.locator('table.assumptions a[href^="https://"]').count();
    assert.ok(links >= 4, `${links} source links`);
    // Serving and the compute-optimal size.
    assert.match(await page.locator('table.cost-steps [data-step=memory]').innerText(), /GB/);
    assert.match(await page.locator('#cost-optimal').innerText(), /Compute-optimal/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('BLOOM: the energy difference is explained, GPT-3 asks for a V100 price', async () => {
  const { page, context } = await openPage(app.browser);
  await openCosts(page, 'model=bloom');
  assert.match(
    await page.locator('li.comparison[data-what=energy] .sentence').innerText(),
    /TDP × hours, with no separate PUE or server overhead/,
  );
  await openCosts(page, 'model=gpt-3');
  assert.match(await stepText(page, 'cost'), /enter a value for “Price per chip-hour \(USD\)”/);
  await context.close();
});

test('changing an assumption updates the result and the URL; a bad one gives a message', async () => {
  const { page, context, errors } = await openPage(app.browser);
  await openCosts(page, 'model=bloom');
  const before = await stepText(page, 'energy');
  const pue = page.locator('input[data-knob=pue][data-end=central]');
  await pue.fill('1.5');
  await pue.press('Enter');
  await page.waitForFunction(() => /[?&]pue=1\.5(&|$)/.test(location.hash));
  await page.waitForFunction((b) => document.querySelector('[data-step=energy]')?.innerText !== b, before);
  assert.match(await stepText(page, 'energy'), /× 1\.5 \[1\.1–1\.58\]/);
  // A price typed gives a cost, in the URL too.
  const price = page.locator('input[data-knob=price][data-end=central]');
  await price.fill('3');
  await price.press('Enter');
  await page.waitForFunction(() => /[?&]price=3(&|$)/.test(location.hash));
  assert.match(await stepText(page, 'cost'), /\$[\d.]+[KM]/);
  // Absurd and malformed values: messages, never NaN.
  const mfu = page.locator('input[data-knob=mfu][data-end=central]');
  await mfu.fill('7');
  await mfu.press('Enter');
  await page.waitForFunction(() => /[?&]mfu=7/.test(location.hash));
  assert.match(await stepText(page, 'chip-hours'), /utilization must be between/);
  await mfu.fill('lots');
  await mfu.press('Enter');
  await page.waitForSelector('#cost-error');
  assert.match(await page.locator('#cost-error').innerText(), /Ignored .*“lots”/);
  assert.doesNotMatch(await page.locator('main').innerText(), /NaN/);
  // Typed N and D, no model: 6·N·D.
  await page.goto(`${app.server.url}#/costs?n=7e10&d=1.4e12&k=1024`);
  await page.waitForSelector('[data-step=compute] .big');
  assert.match(await stepText(page, 'compute'), /5\.88e23 FLOP/);
  assert.match(await stepText(page, 'days'), /days/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the model page shows the cost fields and the facts in context, with the Strubell correction', async () => {
  const { page, context } = await openPage(app.browser);
  await page.goto(`${app.server.url}#/models/transformer`);
  await page.reload();
  await page.waitForSelector('.cost-panel');
  const panel = await page.locator('.cost-panel').innerText();
  assert.match(panel, /Training emissions/);
  assert.match(panel, /626,000 pounds/);
  assert.match(panel, /architecture search/);
  assert.match(panel, /192 lbs/);
  await page.locator('.cost-panel a.cost-link').click();
  await page.waitForFunction(() => location.hash.startsWith('#/costs?model=transformer'));
  await page.waitForSelector('[data-step=energy]');
  await context.close();
});

for (const id of ['cost-over-time', 'energy-vs-compute']) {
  test(`the ${id} chart draws`, async () => {
    const { page, context, errors } = await openPage(app.browser);
    await page.goto(`${app.server.url}#/charts/${id}`);
    await page.reload();
    await waitForApp(page);
    const canvas = page.locator('.chart-view:not(.compact) canvas.chart[data-draw-ms]');
    await canvas.waitFor({ timeout: 20000 });
    assert.ok((await inkedPixels(canvas)) > 5000);
    assert.ok(Number(await canvas.getAttribute('data-marks')) > 40);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
