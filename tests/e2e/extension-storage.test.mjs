// What an unlucky user's storage can hold, and what the extension does with it: each stored
// entry damaged in turn, an entry of a newer version, the format of earlier versions, and a full
// storage. The worker always starts; what it cannot read is set aside and named in the options
// page; the rest keeps working; "Forget everything" always works.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  SANDBOX, addSandbox, connected, disconnect, edit, eventually, openWorkItem, row, sandbox, setKey,
} from "./extension/harness.mjs";

let browser;
const ORIGIN = new URL(SANDBOX).origin;

before(async () => {
  browser = await connected();
});

after(async () => {
  await disconnect(browser);
});

/** Runs `fn(arg)` in an extension page (a trusted context: it may read and write storage). */
async function inExtension(fn, arg) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.id}/popup.html`);
  const result = await page.evaluate(fn, arg);
  await page.close();
  return result;
}

/** Stops the service worker (the next event starts it again, reading storage anew). */
async function restartWorker() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.id}/popup.html`);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await cdp.detach();
  await page.close();
}

/** The options page, once it has listed the connections (the worker answered). */
async function options() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.id}/options.html`);
  await page.locator("section.pe-connection").first().waitFor();
  return page;
}

/** The set-aside lines the options page shows, by storage key. */
async function setAside(page) {
  await page.waitForTimeout(300);
  const rows = page.locator(".pe-set-aside-row");
  const lines = {};
  for (let i = 0; i < (await rows.count()); i++) {
    lines[await rows.nth(i).getAttribute("data-key")] = await rows.nth(i).innerText();
  }
  return lines;
}

const DAMAGED = "{damaged";

for (const key of ["drafts", "sites", "collapsed", "keys", "connections"]) {
  test(`a damaged "${key}" entry is set aside, named in the options page, and the rest works`, async () => {
    await inExtension(([k, v]) => chrome.storage.local.set({ [k]: v }), [key, DAMAGED]);
    await restartWorker();
    const page = await options();
    const lines = await eventually(async () => {
      const found = await setAside(page);
      return found[key] && found;
    });
    assert.match(lines[key], /: not JSON: /);
    assert.deepEqual(Object.keys(lines), [key]);
    const sandboxConnection = page.locator(`section.pe-connection[data-connection='${ORIGIN}']`);
    if (key === "connections") {
      assert.equal(await sandboxConnection.count(), 0);
      await page.close();
      await addSandbox(browser.context, browser.id).then(({ page: added }) => added.close());
    } else if (key === "keys") {
      // The connection stays; its key must be pasted again.
      assert.equal(await sandboxConnection.count(), 1);
      await page.close();
      await setKey(browser.context, browser.id, process.env.SANDBOX_API_KEY);
    } else {
      await page.close();
    }
    // The panel works.
    const { page: item, frame } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-2/", "DEMO-2");
    assert.equal(await row(frame, "Summary").count(), 1);
    await item.close();
    // Discarding forgets what was set aside; it is not set aside again.
    const again = await options();
    await again.getByRole("button", { name: "Discard" }).click();
    await again.locator(".pe-result", { hasText: "Discarded." }).waitFor();
    assert.equal(await again.locator(".pe-set-aside-row").count(), 0);
    await again.close();
    await restartWorker();
    const after = await options();
    assert.deepEqual(await setAside(after), {});
    await after.close();
  });
}

test("an entry written by a newer version is set aside, not guessed at", async () => {
  await inExtension(([v]) => chrome.storage.local.set({ sites: v }), [JSON.stringify({ version: 9, data: [] })]);
  await restartWorker();
  const page = await options();
  const lines = await eventually(async () => (await setAside(page)).sites && setAside(page));
  assert.equal(lines.sites, "A site with references: stored by a newer version of Plane Inline (format 9)");
  await page.getByRole("button", { name: "Discard" }).click();
  await page.close();
});

test("what earlier versions stored is read as it was", async () => {
  // Format 1: bare JSON, as every release before versioning wrote it.
  await inExtension(
    ([origin, sandboxUrl]) =>
      chrome.storage.local.set({
        connections: JSON.stringify([{ id: origin, api_base: sandboxUrl, app_base: sandboxUrl, workspace: "demo" }]),
        sites: JSON.stringify(["https://chat.example"]),
        collapsed: "false",
      }),
    [ORIGIN, ORIGIN],
  );
  await restartWorker();
  const page = await options();
  await page.locator(`section.pe-connection[data-connection='${ORIGIN}']`).waitFor();
  assert.deepEqual(await setAside(page), {});
  assert.deepEqual(await page.locator(".pe-site-origin").allInnerTexts(), ["https://chat.example"]);
  await page.close();
  await inExtension(() => chrome.storage.local.set({ sites: JSON.stringify([]) }));
});

test("a full storage says so in the row, sends nothing, and the edit goes once there is room", async () => {
  const { page, frame } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-3/", "DEMO-3");
  // Fill storage.local up to its quota (QUOTA_BYTES, 10 MB without unlimitedStorage).
  await inExtension(async () => {
    const used = await chrome.storage.local.getBytesInUse(null);
    const room = chrome.storage.local.QUOTA_BYTES - used - 64;
    await chrome.storage.local.set({ filler: "x".repeat(room) });
  });
  await sandbox.clearRequests();
  const summary = await edit(frame, "Summary");
  const input = summary.locator("input");
  await input.fill("Kept while storage is full");
  await input.press("Enter");
  await summary
    .locator(".pi-failed", { hasText: "Not saved: The browser's storage for Plane Inline is full" })
    .waitFor();
  assert.equal((await sandbox.count("POST", "/values/")).total, 0);
  await inExtension(() => chrome.storage.local.remove("filler"));
  await summary.getByRole("button", { name: "Retry" }).click();
  await summary.locator(".pi-saved").waitFor();
  const id = await summary.getAttribute("data-property");
  assert.equal((await sandbox.values("DEMO-3"))[id]?.[0], "Kept while storage is full");
  assert.equal((await sandbox.count("POST", "/values/")).total, 1);
  await page.close();
});

test("Forget everything works on the worst storage", async () => {
  await inExtension(([v]) =>
    chrome.storage.local.set({ drafts: v, connections: v, sites: v, collapsed: v, keys: v, set_aside: v }), [DAMAGED]);
  await restartWorker();
  const page = await options();
  const button = page.locator(".pe-danger button");
  await button.click();
  await button.click();
  await page.locator(".pe-danger .pe-result", { hasText: "Forgotten." }).waitFor();
  const left = await inExtension(() => chrome.storage.local.get(null));
  assert.equal(Object.values(left).includes("{damaged"), false, JSON.stringify(Object.keys(left)));
  await page.close();
  await restartWorker();
  const fresh = await options();
  assert.deepEqual(await setAside(fresh), {});
  assert.equal(await fresh.locator(`section.pe-connection[data-connection='${ORIGIN}']`).count(), 0);
  await fresh.close();
});
