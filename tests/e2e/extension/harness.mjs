// Plane Inline's extension in Debian's Chromium, against the sandbox: launching a profile with
// the unpacked extension, the sandbox's test controls and API, and the steps every test shares.
//
// Environment (set by `cargo xtask test`): SANDBOX_URL, SANDBOX_API_KEY, EXTENSION_DIR (the
// unpacked Chrome build with the sandbox's loopback origin among its host permissions), and
// optionally CHROMIUM (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

export const SANDBOX = process.env.SANDBOX_URL;
export const KEY = process.env.SANDBOX_API_KEY;
export const EXTENSION = process.env.EXTENSION_DIR;
export const WORKSPACE = "demo";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

if (!SANDBOX || !KEY || !EXTENSION) {
  throw new Error("SANDBOX_URL, SANDBOX_API_KEY and EXTENSION_DIR must be set (cargo xtask test sets them)");
}

const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  // DevTools on a free port (written to the profile's DevToolsActivePort): the toolbar popup is
  // reached through it, since it is not one of the context's pages.
  "--remote-debugging-port=0",
];

/** A fresh profile folder. */
export async function profile() {
  return mkdtemp(path.join(tmpdir(), "plane-inline-e2e-"));
}

/** Removes a profile folder. */
export async function forget(dir) {
  await rm(dir, { recursive: true, force: true });
}

/** Chromium on `dir` with the extension loaded: `{ context, id, worker }`. */
export async function launch(dir, { colorScheme = "light" } = {}) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: false,
    colorScheme,
    viewport: { width: 1280, height: 800 },
    args: [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, ...FLAGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const id = new URL(worker.url()).host;
  return { context, id, worker };
}

/**
 * The usual start of a test file: the sandbox's seed restored, a fresh profile, and Chromium with
 * the extension connected to the sandbox through the real options page. Returns `launch`'s
 * `{ context, id, worker }` with the profile's `dir`.
 */
export async function connected(options) {
  await sandbox.reset();
  const dir = await profile();
  const browser = { dir, ...(await launch(dir, options)) };
  // Installing opened the options page (the first run, tested on its own): it is closed here,
  // so that every test starts with the same tabs.
  const installed = await eventually(
    () => browser.context.pages().find((p) => p.url() === `chrome-extension://${browser.id}/options.html`),
    { timeout: 5000 },
  ).catch(() => null);
  await installed?.close();
  const { page } = await addSandbox(browser.context, browser.id);
  await page.close();
  return browser;
}

/** Closes what `connected()` opened, and removes its profile. */
export async function disconnect(browser) {
  await browser?.context.close();
  if (browser) {
    await forget(browser.dir);
  }
}

/** The sandbox's API and test controls. */
export const sandbox = {
  async call(method, route, body) {
    const response = await fetch(`${SANDBOX}${route}`, {
      method,
      headers: { "content-type": "application/json", "x-api-key": KEY },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  },
  reset: () => sandbox.call("POST", "/_sandbox/reset", { seed: "demo" }),
  fault: (spec) => sandbox.call("POST", "/_sandbox/faults", spec),
  clearFaults: () => sandbox.call("DELETE", "/_sandbox/faults"),
  clearRequests: () => sandbox.call("DELETE", "/_sandbox/requests"),
  async requests() {
    return (await sandbox.call("GET", "/_sandbox/requests")).body;
  },
  /** How many requests of `method` reached a route containing `part`, by status. */
  async count(method, part) {
    const { routes } = await sandbox.requests();
    const statuses = {};
    let total = 0;
    for (const route of routes.filter((r) => r.method === method && r.route.includes(part))) {
      total += route.count;
      for (const [status, n] of Object.entries(route.statuses)) {
        statuses[status] = (statuses[status] ?? 0) + n;
      }
    }
    return { total, statuses };
  },
  /** A work item by identifier. */
  async workItem(identifier) {
    return (await sandbox.call("GET", `/api/v1/workspaces/${WORKSPACE}/work-items/${identifier}/`)).body;
  },
  /** Every stored value of a work item, by property id (arrays of strings, as Plane lists them). */
  async values(identifier) {
    const item = await sandbox.workItem(identifier);
    const { body } = await sandbox.call(
      "GET",
      `/api/v1/workspaces/${WORKSPACE}/projects/${item.project}/work-items/${item.id}/work-item-properties/values/`,
    );
    const list = Array.isArray(body) ? body : body.results;
    return Object.fromEntries(list.map((entry) => [entry.property_id, entry.values]));
  },
};

/** Adds the sandbox as a self-hosted Plane through the real options page, with `key`. */
export async function addSandbox(context, id, key = KEY) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  const form = page.locator("section.pe-connection[data-connection='']");
  await form.getByLabel("API address").fill(SANDBOX);
  await form.getByLabel("Web app address").fill(SANDBOX);
  await form.getByLabel("Workspace slug").fill(WORKSPACE);
  await form.getByLabel("Personal access token").fill(key);
  await form.getByRole("button", { name: "Save" }).click();
  const origin = new URL(SANDBOX).origin;
  const saved = page.locator(`section.pe-connection[data-connection='${origin}']`);
  await saved.waitFor();
  return { page, saved };
}

/** Stores another token for the sandbox's connection through the options page. */
export async function setKey(context, id, key) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  const saved = page.locator(`section.pe-connection[data-connection='${new URL(SANDBOX).origin}']`);
  await saved.getByLabel("Personal access token").fill(key);
  await saved.getByRole("button", { name: "Save" }).click();
  await saved.locator(".pe-result[data-result='ok']", { hasText: "Saved." }).waitFor();
  await page.close();
}

/** The panel frame the content script added to `page`. */
export async function panelFrame(page, id) {
  const prefix = `chrome-extension://${id}/panel.html`;
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(prefix));
    if (frame) {
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error("the panel frame did not appear");
}

/** A page of the sandbox's stand-in web app, with its panel loaded on `identifier`. */
export async function openWorkItem(context, id, route, identifier) {
  const page = await context.newPage();
  await page.goto(`${SANDBOX}${route}`);
  const frame = await panelFrame(page, id);
  await frame.locator(".pi-identifier", { hasText: identifier }).waitFor();
  await frame.locator(".pi-row").first().waitFor();
  return { page, frame };
}

/** The panel row of a property by display name. */
export function row(frame, name) {
  return frame.locator(".pi-row").filter({ has: frame.locator(".pi-label", { hasText: new RegExp(`^${name}$`) }) });
}

/** Opens the editor of the property `name` in place (a click on its value, as a person does); returns its row. */
export async function edit(frame, name) {
  const target = row(frame, name);
  await target.locator(".pi-value").click();
  return target;
}

/** Waits until `check()` returns a truthy value (polling), and returns it. */
export async function eventually(check, { timeout = 15000, interval = 100 } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await check();
    if (last) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new Error(`condition not met in ${timeout} ms (last: ${JSON.stringify(last)})`);
}

/** axe-core's violations on a page (evaluated through the DevTools protocol, which the
 * extension pages' CSP does not block), as "rule: target" lines. */
let axeSource;
export async function axeViolations(page) {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
  });
}
