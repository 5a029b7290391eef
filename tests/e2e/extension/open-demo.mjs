// `cargo xtask demo --open`: Chromium with the extension loaded, connected to the sandbox through
// the real options page (as a person would), on the stand-in work item page. Runs until the
// browser is closed or the demo stops. Without a display it runs headless and saves a screenshot
// of the page to target/demo-open.png instead.
import { chromium } from "playwright-core";
import path from "node:path";
import { addSandbox, panelFrame, SANDBOX, EXTENSION } from "./harness.mjs";

const profile = process.env.DEMO_PROFILE;
const display = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const flags = [
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  ...(display ? [] : ["--headless=new", "--no-sandbox", "--disable-gpu"]),
];
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: false,
  viewport: null,
  args: [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, ...flags],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
const id = new URL(worker.url()).host;
const { page: options } = await addSandbox(context, id);
const page = await context.newPage();
await page.goto(`${SANDBOX}/demo/browse/DEMO-1/`);
const frame = await panelFrame(page, id);
await frame.locator(".pi-rows").waitFor();
await options.close();
console.log(`Chromium shows ${SANDBOX}/demo/browse/DEMO-1/ with the extension's panel.`);
if (!display) {
  const shot = path.resolve(path.dirname(profile), "demo-open.png");
  await page.screenshot({ path: shot });
  console.log(`No display here: Chromium runs headless; a screenshot is in ${shot}.`);
}
await new Promise((resolve) => context.on("close", resolve));
