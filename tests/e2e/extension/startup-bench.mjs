// How long the bundles take to start, for `cargo xtask bench` (not a test: timings are
// reported, never asserted). Chromium with the extension connected to the sandbox through the
// real options page, then:
// - worker_start_ms: 20 loads of the stand-in DEMO-1 page to the panel's rows with the service
//   worker stopped first (DevTools protocol, ServiceWorker.stopAllWorkers: it compiles its wasm
//   again, as after 30 s idle in Manifest V3), next to 20 loads with it running;
// - widget_slow_network_ms (when WIDGET_DASHBOARD_URL is set): 10 navigations to the demo
//   dashboard under Chromium's throttling (Network.emulateNetworkConditions: 1.6 Mbit/s down,
//   750 kbit/s up, 150 ms latency, cache disabled) until its first panel shows its rows;
// - wasm_compile_ms: each bundle's wasm fetched once, then WebAssembly.compile and
//   WebAssembly.instantiate (every import a stub: wasm-bindgen runs nothing at instantiation)
//   timed with performance.now(), 10 times each, in an extension page (worker, pages) and on
//   the dashboard's origin (widget).
// Prints one JSON line with the measures.
import { chromium } from "playwright-core";
import { addSandbox, forget, launch, panelFrame, profile, SANDBOX } from "./harness.mjs";

const RUNS = 20;
const SLOW_RUNS = 10;
const DASHBOARD = process.env.WIDGET_DASHBOARD_URL;

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (x) => Math.round(x * 10) / 10;
  return { runs: sorted.length, median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1)) };
}

/** Navigates `page` to DEMO-1 and waits until the panel shows its rows; milliseconds. */
async function load(page, id) {
  const started = Date.now();
  await page.goto(`${SANDBOX}/demo/browse/DEMO-1/`);
  const frame = await panelFrame(page, id);
  await frame.waitForFunction(() => document.querySelectorAll(".pi-row").length >= 16, null, { polling: "raf" });
  return Date.now() - started;
}

/** Compile and instantiate times of the wasm at `url`, in the page's own context. */
async function compileTimes(page, url) {
  return page.evaluate(async ({ url, runs }) => {
    const bytes = await (await fetch(url)).arrayBuffer();
    const compile = [];
    const instantiate = [];
    for (let i = 0; i < runs; i++) {
      let started = performance.now();
      const module = await WebAssembly.compile(bytes);
      compile.push(performance.now() - started);
      const imports = {};
      for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
        imports[from] ??= {};
        if (kind === "function") imports[from][name] = () => { throw new Error(`stub ${name}`); };
        else if (kind === "table") imports[from][name] = new WebAssembly.Table({ initial: 1024, element: "externref" });
        else if (kind === "memory") imports[from][name] = new WebAssembly.Memory({ initial: 17 });
        else if (kind === "global") imports[from][name] = new WebAssembly.Global({ value: "i32", mutable: true }, 0);
      }
      started = performance.now();
      await WebAssembly.instantiate(module, imports);
      instantiate.push(performance.now() - started);
    }
    return { bytes: bytes.byteLength, compile, instantiate };
  }, { url, runs: 10 });
}

function compileSummary({ bytes, compile, instantiate }) {
  return { wasm_bytes: bytes, compile_ms: summary(compile), instantiate_ms: summary(instantiate) };
}

const dir = await profile();
const browser = await launch(dir);
const { context, id } = browser;
const result = {};
try {
  const { page: options } = await addSandbox(context, id);
  const page = await context.newPage();
  await load(page, id); // warm-up: the connection known, the page's wasm in the code cache
  const warm = [];
  for (let i = 0; i < RUNS; i++) warm.push(await load(page, id));
  const cdp = await context.newCDPSession(page);
  let running = null;
  cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
    for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${id}/`)) running = v.runningStatus;
  });
  await cdp.send("ServiceWorker.enable");
  const cold = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto("about:blank");
    running = null;
    await cdp.send("ServiceWorker.stopAllWorkers");
    // Stopped when DevTools says so (at most 5 s: a worker already stopped reports nothing).
    const until = Date.now() + 5000;
    while (running !== "stopped" && Date.now() < until) await page.waitForTimeout(20);
    cold.push(await load(page, id));
  }
  result.worker_start_ms = {
    cold: summary(cold),
    warm: summary(warm),
    target_cold_median: 400,
    within_target: summary(cold).median <= 400,
  };

  result.wasm_compile_ms = {
    service_worker: compileSummary(await compileTimes(options, `chrome-extension://${id}/worker/plane_inline_worker_bg.wasm`)),
    extension_pages: compileSummary(await compileTimes(options, `chrome-extension://${id}/pages/plane_inline_pages_bg.wasm`)),
  };
  await options.close();
  await page.close();
} finally {
  await context.close();
  await forget(dir);
}

if (DASHBOARD) {
  const plain = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
  try {
    const page = await plain.newPage();
    await page.goto(DASHBOARD);
    await page.locator("plane-inline-editor .pi-rows").first().waitFor();
    result.wasm_compile_ms.widget = compileSummary(await compileTimes(page, new URL("pkg/plane_inline_widget_bg.wasm", DASHBOARD).href));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1000 * 1000) / 8,
      uploadThroughput: (750 * 1000) / 8,
    });
    const slow = [];
    for (let i = 0; i < SLOW_RUNS; i++) {
      await page.goto("about:blank");
      const started = Date.now();
      await page.goto(DASHBOARD, { waitUntil: "commit" });
      await page.locator("plane-inline-editor .pi-row").first().waitFor({ timeout: 60000 });
      slow.push(Date.now() - started);
    }
    result.widget_slow_network_ms = {
      ...summary(slow),
      network: "1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, no cache",
      target_median: 2500,
      within_target: summary(slow).median <= 2500,
    };
  } finally {
    await plain.close();
  }
}

console.log(JSON.stringify(result));
