// Where a filter's or a sort's frame goes: the page's own work (the task that handles the
// event: the query and Yew's re-render, "script") versus the browser's work to show it (the
// next frame's style, layout, paint and commit, "frame"), from a Chromium trace.
//
//   node bench/frames.mjs FILE.csv [FILE.csv …]      (after scripts/dev.sh build)
//
// Each file is opened in Model Atlas (dist/, headless Chromium, 1280×900) through its file
// input; then, REPS times (default 8), each step: search "qwen", clear it, tick domain =
// language, untick it, sort by parameters. Prints medians in ms; "painted" is the step's
// event → the first task after the frame that shows it (as in bench/run.mjs). The synthetic
// files of bench/run.mjs are kept with KEEP_DATA=1. Figures go to BENCHMARKS.md.
import { basename } from 'node:path';
import { serve, launch } from '../tests/e2e/harness.mjs';
import { openFileInAtlas } from './open-file.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node bench/frames.mjs FILE.csv [FILE.csv …]');
  process.exit(2);
}
const REPS = Number(process.env.REPS ?? 8);
const STEPS = ['search', 'unsearch', 'domain', 'undomain', 'sort'];
const median = (a) => {
  const s = [...a].sort((p, q) => p - q);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Runs one step in the page and returns the time to the painted frame. */
function step(what) {
  const afterPaint = () => new Promise((r) => requestAnimationFrame(() => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r(performance.now());
    c.port2.postMessage(null);
  }));
  return afterPaint().then(() => {
    const t0 = performance.now();
    const search = document.querySelector('input[type=search]');
    if (what === 'search' || what === 'unsearch') {
      search.value = what === 'search' ? 'qwen' : '';
      search.dispatchEvent(new InputEvent('input', { bubbles: true }));
    } else if (what === 'sort') {
      document.querySelector('button[data-col=parameters]').click();
    } else {
      document.querySelector('input[type=checkbox][data-facet=domain][value=language]').click();
    }
    return afterPaint().then((t) => t - t0);
  });
}

/** From a trace of one step: the event's task and the longest frame lifecycle after it (ms). */
function split(events) {
  const x = events.filter((e) => e.ph === 'X' && e.dur);
  const dispatches = x.filter((e) => e.name === 'EventDispatch');
  let script = null;
  for (const t of x.filter((e) => e.name === 'ThreadControllerImpl::RunTask')) {
    const handles = dispatches.some((d) => d.tid === t.tid && d.ts >= t.ts && d.ts < t.ts + t.dur);
    if (handles && (!script || t.dur > script.dur)) script = t;
  }
  if (!script) return null;
  const end = script.ts + script.dur;
  const frames = x.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle' && e.ts >= end && e.ts < end + 50000);
  return { script: script.dur / 1000, frame: frames.length ? Math.max(...frames.map((e) => e.dur)) / 1000 : 0 };
}

const server = await serve();
const browser = await launch();
console.log(`Model Atlas, ${REPS} runs per step; ms, medians: script = the event's task (query + re-render), frame = the next frame's style + layout + paint, painted = event → frame shown\n`);
for (const file of files) {
  const { page, context, errors } = await openFileInAtlas(browser, server.url, file);
  const cdp = await context.newCDPSession(page);
  const got = Object.fromEntries(STEPS.map((s) => [s, { script: [], frame: [], painted: [] }]));
  for (let r = 0; r < REPS; r += 1) {
    for (const what of STEPS) {
      const events = [];
      const onData = (e) => events.push(...e.value);
      cdp.on('Tracing.dataCollected', onData);
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel,blink', transferMode: 'ReportEvents' });
      const painted = await page.evaluate(step, what);
      await cdp.send('Tracing.end');
      await done;
      cdp.off('Tracing.dataCollected', onData);
      const s = split(events);
      if (!s) throw new Error(`${what}: no task handled the event in the trace`);
      got[what].script.push(s.script);
      got[what].frame.push(s.frame);
      got[what].painted.push(painted);
    }
  }
  const status = (await page.locator('[role=status]').first().textContent()).trim();
  console.log(`${basename(file)} (${status})`);
  console.log('  step        script   frame  painted');
  for (const what of STEPS) {
    const g = got[what];
    const f = (a) => median(a).toFixed(1).padStart(7);
    console.log(`  ${what.padEnd(10)}${f(g.script)}${f(g.frame)}${f(g.painted)}`);
  }
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  await context.close();
}
await browser.close();
await server.close();
