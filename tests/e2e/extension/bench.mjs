// What a person feels with the extension, for `cargo xtask bench` (not a test: timings are
// reported, never asserted). Chromium with the extension connected to the sandbox through the
// real options page, then:
// - page_load_to_panel_ms: 20 loads of the stand-in DEMO-1 page, navigation to the panel's rows;
// - commit_to_saved_ms: 20 saves of Story Points, Enter to "Saved" shown and announced;
// - panel_50_properties: OPS-1 with a 50-property type (set up by `plane-inline-bench panel 50`):
//   5 loads to 50 rows, and 20 keystrokes of an invalid number to Plane's message shown.
// Prints one JSON line with the three measures.
import { execFileSync } from "node:child_process";
import { addSandbox, forget, launch, panelFrame, profile, SANDBOX } from "./harness.mjs";

const RUNS = 20;

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (x) => Math.round(x * 10) / 10;
  return { runs: sorted.length, median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1)) };
}

/** Navigates `page` to `route` and waits until the panel shows at least `rows` rows. */
async function load(page, id, route, rows) {
  const started = Date.now();
  await page.goto(`${SANDBOX}${route}`);
  const frame = await panelFrame(page, id);
  await frame.waitForFunction((n) => document.querySelectorAll(".pi-row").length >= n, rows, { polling: "raf" });
  return { frame, ms: Date.now() - started };
}

const dir = await profile();
const { context, id } = await launch(dir);
try {
  const { page: options } = await addSandbox(context, id);
  await options.close();
  const page = await context.newPage();

  await load(page, id, "/demo/browse/DEMO-1/", 16); // warm-up: wasm compiled, connection known
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push((await load(page, id, "/demo/browse/DEMO-1/", 16)).ms);

  const { frame } = await load(page, id, "/demo/browse/DEMO-1/", 16);
  const saves = [];
  for (let i = 0; i < RUNS; i++) {
    saves.push(
      await frame.evaluate(async (value) => {
        const row = [...document.querySelectorAll(".pi-row")].find(
          (r) => r.querySelector(".pi-label")?.textContent === "Story Points",
        );
        const input = row.querySelector("input");
        const region = document.querySelector("[role=status][aria-live=polite]");
        const before = region.textContent;
        input.value = String(value);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const started = performance.now();
        input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
        const saved = () =>
          region.textContent !== before && row.querySelector(".pi-message").textContent.trim() === "Saved";
        while (!saved()) await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - started;
      }, 100 + i),
    );
  }

  execFileSync(process.env.BENCH_BINARY, ["panel", "50"], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
  const renders = [];
  let big;
  for (let i = 0; i < 6; i++) {
    const loaded = await load(page, id, "/demo/browse/OPS-1/", 50);
    if (i > 0) renders.push(loaded.ms); // the first compiles nothing new but warms the type
    big = loaded.frame;
  }
  const keystrokes = [];
  for (let i = 0; i < RUNS; i++) {
    keystrokes.push(
      await big.evaluate(async (text) => {
        const row = document.querySelector('.pi-row[data-kind="decimal"]');
        const input = row.querySelector("input");
        input.value = text;
        const started = performance.now();
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const shown = () => row.querySelector(".pi-message").textContent.includes("Must be a number");
        while (!shown()) await new Promise((r) => requestAnimationFrame(r));
        const ms = performance.now() - started;
        input.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
        while (shown()) await new Promise((r) => requestAnimationFrame(r));
        return ms;
      }, `${i}x`),
    );
  }
  console.log(
    JSON.stringify({
      page_load_to_panel_ms: { ...summary(loads), target_median: 300, within_target: summary(loads).median <= 300 },
      commit_to_saved_ms: summary(saves),
      panel_50_properties: { render_ms: summary(renders), keystroke_to_message_ms: summary(keystrokes) },
    }),
  );
} finally {
  await context.close();
  await forget(dir);
}
