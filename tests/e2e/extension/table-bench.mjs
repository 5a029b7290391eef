// The table of a project's work items in the real extension, for `cargo xtask bench` (not a test:
// timings are reported, never asserted). Chromium with the extension connected to the sandbox
// through the real options page (as bench.mjs), the sandbox on the demo seed (SHIP: 300 work
// items, Task and every tenth a Bug), then:
// - table_first_page: table.html?workspace=demo&project=SHIP opened in a new tab 11 times, each
//   from `page.goto` to the first page shown (".pt-count" reads "50 of 300 work items loaded" and
//   rows are drawn), then to every drawn row's values read (no "[aria-busy='true']" left in the
//   grid's body). The first open of the browser is reported on its own (it reads the project,
//   its types, their definitions and the members once), with the requests it cost until the
//   values were read (the sandbox's counters, cleared just before), by route, and the rows drawn;
//   the other 10 give the median, and the requests of the second open.
// - table_scroll_1000: 700 work items added to SHIP (the sandbox's POST /_sandbox/work-items),
//   the table opened at 100 rows a page and "Load more" pressed to 1,000 rows; the Summary cell
//   of the first row focused, then 100 ArrowDown presses (Playwright's keyboard, real key
//   events): from each keydown's timestamp to the first animation frame in which the focus is on
//   the next row's cell (`performance.now()` in the page), with the rows drawn at that moment;
//   apart, the presses within the rows on screen and those that scroll, and the long animation
//   frames (over 50 ms) seen meanwhile with their rendering and script parts; and for each press
//   which frame after the key showed it (1: the first) and that frame's rendering (its animation
//   frame callbacks to the first task after it).
// Prints one JSON line with the two measures.
import { addSandbox, forget, launch, profile, sandbox } from "./harness.mjs";

const OPENS = 11;
const PRESSES = 100;
const TABLE = "table.html?workspace=demo&project=SHIP";

/** `summary`, or null for no samples. */
const maybe = (samples) => (samples.length ? summary(samples) : null);

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (x) => Math.round(x * 10) / 10;
  return { runs: sorted.length, median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1)) };
}

/** The sandbox's counters: the total and `"METHOD /route/": n`. */
async function requestsByRoute() {
  const { total, routes } = await sandbox.requests();
  return { total, routes: Object.fromEntries(routes.map((r) => [`${r.method} ${r.route}`, r.count])) };
}

/** Opens the table in a new tab: times to the first page and to the drawn rows' values. */
async function open(context, id, total) {
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`chrome-extension://${id}/${TABLE}`);
  await page.waitForFunction(
    (text) =>
      document.querySelector(".pt-count")?.textContent === text &&
      document.querySelectorAll(".pt-body .pt-row").length > 0,
    `50 of ${total} work items loaded`,
    { polling: "raf", timeout: 30000 },
  );
  const firstPageMs = Date.now() - started;
  await page.waitForFunction(() => document.querySelectorAll(".pt-body [aria-busy='true']").length === 0, null, {
    polling: "raf",
    timeout: 60000,
  });
  const valuesMs = Date.now() - started;
  const drawn = await page.locator(".pt-body .pt-row").count();
  return { page, firstPageMs, valuesMs, drawn };
}

const dir = await profile();
const browser = await launch(dir);
const { context, id } = browser;
try {
  await sandbox.reset();
  const { page: options } = await addSandbox(context, id);
  await options.close();
  // Whatever installing opened (the options page of the first run) is closed too.
  for (const other of context.pages()) {
    if (other.url().startsWith(`chrome-extension://${id}/options.html`)) await other.close();
  }

  // The first page, 11 opens: the first reads what a client keeps.
  const opens = [];
  for (let i = 0; i < OPENS; i++) {
    await sandbox.clearRequests();
    const opened = await open(context, id, 300);
    const requests = await requestsByRoute();
    await opened.page.waitForTimeout(500);
    const settled = (await sandbox.requests()).total;
    opens.push({ ...opened, requests, settled });
    await opened.page.close();
  }
  const [first, ...rest] = opens;
  const table_first_page = {
    project: "SHIP",
    work_items: 300,
    first_open: {
      first_page_ms: first.firstPageMs,
      values_read_ms: first.valuesMs,
      rows_drawn: first.drawn,
      requests: first.requests.total,
      requests_by_route: first.requests.routes,
      requests_500_ms_later: first.settled,
    },
    first_page_ms: summary(rest.map((o) => o.firstPageMs)),
    values_read_ms: summary(rest.map((o) => o.valuesMs)),
    rows_drawn: rest[0].drawn,
    requests_next_open: rest[0].requests.total,
    requests_next_open_by_route: rest[0].requests.routes,
    target: "first 50 rows shown within 1 s; values for them in at most 52 requests",
  };
  table_first_page.within_target = first.firstPageMs <= 1000 && first.requests.total <= 52;

  // 1,000 rows loaded, 100 a page, then 100 ArrowDown presses.
  const added = await sandbox.call("POST", "/_sandbox/work-items", { project: "SHIP", count: 700 });
  if (added.status !== 201) throw new Error(`adding work items answered ${added.status}: ${JSON.stringify(added.body)}`);
  const { page } = await open(context, id, 1000);
  const loadStarted = Date.now();
  await page.getByLabel("Rows per page").selectOption("100");
  await page.locator(".pt-count", { hasText: "100 of 1000 work items loaded" }).waitFor();
  for (let loaded = 200; loaded <= 1000; loaded += 100) {
    await page.getByRole("button", { name: "Load more" }).click();
    await page.locator(".pt-count", { hasText: `${loaded} of 1000 work items loaded` }).waitFor();
  }
  const loadMs = Date.now() - loadStarted;
  await page.waitForFunction(() => document.querySelectorAll(".pt-body [aria-busy='true']").length === 0, null, {
    polling: "raf",
    timeout: 60000,
  });
  const shownRows = await page.evaluate(() => Number(document.querySelector(".pt-scroll").getAttribute("aria-rowcount")) - 1);
  // The Summary cell (the first property column) of the first row.
  await page.evaluate(() => {
    const scroller = document.querySelector(".pt-scroll");
    document.querySelector('.pt-body [data-cell="0:3"] [tabindex]').focus();
    globalThis.benchSamples = [];
    // Frames longer than 50 ms while the keys are pressed, with their rendering part (style,
    // layout, paint) and their scripts, to say where the time goes.
    globalThis.benchFrames = [];
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries()) {
        globalThis.benchFrames.push({
          ms: frame.duration,
          render_ms: frame.renderStart ? frame.startTime + frame.duration - frame.renderStart : 0,
          script_ms: frame.scripts.reduce((sum, script) => sum + script.duration, 0),
        });
      }
    }).observe({ type: "long-animation-frame" });
    // Where the grid was scrolled before its handler ran (capturing, at the window: first).
    let topBefore = 0;
    window.addEventListener("keydown", () => (topBefore = scroller.scrollTop), true);
    // Bubbling to the window: after the grid's own handler, so this frame callback is queued
    // after the one that moves the focus, and runs in the same frame.
    window.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown") return;
      const before = document.activeElement?.closest("[data-cell]")?.dataset.cell;
      const top = topBefore;
      const handled = performance.now();
      let frames = 0;
      const check = () => {
        frames += 1;
        const cell = document.activeElement?.closest("[data-cell]")?.dataset.cell;
        if (cell && cell !== before) {
          const shown = performance.now();
          const sample = {
            ms: shown - event.timeStamp,
            handler_ms: handled - event.timeStamp,
            // 1: the first frame after the key shows it.
            frames,
            cell,
            scrolled: scroller.scrollTop !== top,
            drawn: document.querySelectorAll(".pt-body .pt-row").length,
          };
          // A task queued in the frame runs once the frame is rendered: the frame's own work.
          setTimeout(() => (sample.render_ms = performance.now() - shown), 0);
          globalThis.benchSamples.push(sample);
        } else {
          requestAnimationFrame(check);
        }
      };
      requestAnimationFrame(check);
    });
  });
  for (let i = 1; i <= PRESSES; i++) {
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction((n) => globalThis.benchSamples[n - 1]?.render_ms !== undefined, i, {
      polling: "raf",
      timeout: 5000,
    });
  }
  const samples = await page.evaluate(() => globalThis.benchSamples);
  const frames = await page.evaluate(() => globalThis.benchFrames);
  const last = samples.at(-1).cell;
  // The frame interval, to read the times against (about 16.7 ms at 60 Hz).
  const frameMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const times = [];
        const tick = (t) => {
          times.push(t);
          if (times.length < 31) requestAnimationFrame(tick);
          else resolve((times.at(-1) - times[0]) / 30);
        };
        requestAnimationFrame(tick);
      }),
  );
  const drawn = samples.map((s) => s.drawn);
  const keystroke = summary(samples.map((s) => s.ms));
  const table_scroll_1000 = {
    rows_loaded: 1000,
    rows_shown: shownRows,
    load_1000_ms: loadMs,
    presses: samples.length,
    focused_after: last,
    keystroke_to_frame_ms: keystroke,
    // Presses that moved the focus within the rows on screen, and those that scrolled a row in.
    within_screen_ms: maybe(samples.filter((s) => !s.scrolled).map((s) => s.ms)),
    scrolling_ms: maybe(samples.filter((s) => s.scrolled).map((s) => s.ms)),
    // From the key event's timestamp to the end of the grid's handler (input delivery included).
    handler_ms: summary(samples.map((s) => s.handler_ms)),
    // The frame that shows the press: which one after the key (1: the first); and from its
    // animation frame callbacks to the first task queued there (its rendering, after the tasks
    // queued before it: the rows at the window's edges, drawn after the frame).
    frames_to_show: summary(samples.map((s) => s.frames)),
    after_frame_ms: summary(samples.map((s) => s.render_ms)),
    long_frames: {
      count: frames.length,
      ms: maybe(frames.map((f) => f.ms)),
      render_ms: maybe(frames.map((f) => f.render_ms)),
      script_ms: maybe(frames.map((f) => f.script_ms)),
    },
    rows_drawn: { min: Math.min(...drawn), max: Math.max(...drawn) },
    frame_interval_ms: Math.round(frameMs * 10) / 10,
    target: "keystroke to frame under 16 ms (median), each press shown in the first frame after it",
  };
  // The time to the frame includes the input's delivery and waiting for the display's next
  // frame (up to one interval, 16.7 ms at 60 Hz), which no page can shorten.
  table_scroll_1000.within_target = keystroke.median < 16 && table_scroll_1000.frames_to_show.max === 1;
  await page.close();
  await sandbox.reset();

  console.log(JSON.stringify({ table_first_page, table_scroll_1000 }));
} finally {
  await context.close();
  await forget(dir);
}
