// Drafts survive the service worker and the browser: an edit is stored before it is sent, and
// each arrives exactly once: after the service worker is stopped in the middle of a save
// (DevTools protocol, ServiceWorker.stopAllWorkers), and after the browser is closed with a
// draft pending and opened again on the same profile.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import {
  connected, disconnect, edit, eventually, launch, openWorkItem, row, sandbox,
} from "./extension/harness.mjs";

const VALUES = "/work-item-properties/{property_id}/values/";
const VALUES_GLOB = "*/work-item-properties/*/values/";

let browser;

before(async () => {
  browser = await connected();
});

after(async () => {
  await disconnect(browser);
});

beforeEach(async () => {
  await sandbox.clearFaults();
  await sandbox.clearRequests();
});

/** Successful POSTs of values so far. */
async function applied() {
  const { statuses } = await sandbox.count("POST", VALUES);
  return (statuses["200"] ?? 0) + (statuses["201"] ?? 0);
}

/** The drafts the popup lists. */
async function drafts(context, id) {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  await popup.locator(".pe-draft-list").waitFor();
  await popup.waitForTimeout(300);
  const names = await popup.locator(".pe-draft-name").allInnerTexts();
  await popup.close();
  return names;
}

test("a save interrupted by the service worker stopping arrives exactly once", async () => {
  const { page, frame } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-8/", "DEMO-8");
  await sandbox.fault({ method: "POST", path: VALUES_GLOB, count: 1, delay_ms: 2000 });
  const input = (await edit(frame, "Summary")).locator("input");
  await input.fill("Saved across a restart");
  await input.press("Enter");
  await eventually(async () => (await sandbox.count("POST", VALUES)).total === 0 && (await drafts(browser.context, browser.id)).length === 1);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  const id = await row(frame, "Summary").getAttribute("data-property");
  await eventually(async () => (await sandbox.values("DEMO-8"))[id]?.[0] === "Saved across a restart", { timeout: 60000 });
  await eventually(async () => (await drafts(browser.context, browser.id)).length === 0);
  await page.waitForTimeout(1000);
  assert.equal(await applied(), 1);
  await page.close();
});

test("a draft pending when the browser closes is sent once when it opens again", async () => {
  const { frame } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-9/", "DEMO-9");
  await sandbox.fault({ method: "POST", path: VALUES_GLOB, count: 1000, status: 503 });
  const id = await row(frame, "Summary").getAttribute("data-property");
  const input = (await edit(frame, "Summary")).locator("input");
  await input.fill("Kept while closed");
  await input.press("Enter");
  assert.deepEqual(await eventually(async () => {
    const names = await drafts(browser.context, browser.id);
    return names.length === 1 && names;
  }), ["DEMO-9 · Summary"]);
  await browser.context.close();
  await sandbox.clearFaults();
  await sandbox.clearRequests();

  // The same profile, as a browser restart.
  browser = { dir: browser.dir, ...(await launch(browser.dir)) };
  await eventually(async () => (await sandbox.values("DEMO-9"))[id]?.[0] === "Kept while closed", { timeout: 30000 });
  await eventually(async () => (await drafts(browser.context, browser.id)).length === 0);
  assert.equal(await applied(), 1);
});
