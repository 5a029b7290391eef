// What goes wrong, in words, with nothing lost: input Plane would refuse is stopped in the panel
// with Plane's message and no request; each answer Plane can give a save (401, 403, 402, 404 of
// an edition without custom properties, 429, 5xx) shows its words, and the edit arrives once
// the cause is gone.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import {
  KEY, SANDBOX, connected, disconnect, edit, eventually, openWorkItem, panelFrame, row, sandbox, setKey,
} from "./extension/harness.mjs";

const VALUES = "/work-item-properties/{property_id}/values/";
const VALUES_GLOB = "*/work-item-properties/*/values/";

let browser;
let panel;

before(async () => {
  browser = await connected();
  panel = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-11/", "DEMO-11");
});

after(async () => {
  await disconnect(browser);
});

beforeEach(async () => {
  await sandbox.clearFaults();
  await sandbox.clearRequests();
});

/** Types `value` into a text property and presses Enter. */
async function type(name, value) {
  const input = (await edit(panel.frame, name)).locator("input");
  await input.fill(value);
  await input.press("Enter");
}

test("input Plane would refuse shows Plane's message and sends nothing", async () => {
  await type("Spec Link", "not a link");
  const message = row(panel.frame, "Spec Link").locator(".pi-invalid");
  await message.waitFor();
  assert.equal(await message.innerText(), "Must be a valid URL (e.g., https://example.com)");
  await type("Story Points", "many");
  await row(panel.frame, "Story Points").locator(".pi-invalid").waitFor();
  await panel.page.waitForTimeout(500);
  assert.deepEqual(await sandbox.count("POST", VALUES), { total: 0, statuses: {} });
});

test("a 401 is worded, the edit is kept, and it arrives once the token is fixed", async () => {
  await setKey(browser.context, browser.id, "plane_api_revoked000000000000000000000");
  await type("Summary", "Saved after a new token");
  const failed = row(panel.frame, "Summary").locator(".pi-failed");
  await failed.waitFor();
  assert.equal(
    (await failed.innerText()).replace(/\s*Retry$/, ""),
    "Not saved: Plane does not accept this API key: it is wrong, expired or revoked.",
  );
  // A new token sends the kept edit by itself.
  await setKey(browser.context, browser.id, KEY);
  const id = await row(panel.frame, "Summary").getAttribute("data-property");
  await eventually(async () => (await sandbox.values("DEMO-11"))[id]?.[0] === "Saved after a new token");
  // Plane answers a wrong key with 403 "Invalid API key": the new connection's first request
  // (reading the project's facts, to know the owner may edit) was refused, so the value was
  // written once, with the right key.
  assert.deepEqual(await sandbox.count("POST", VALUES), { total: 1, statuses: { 200: 1 } });
  const facts = await sandbox.count("GET", "/projects/{project_id}/");
  assert.equal(facts.statuses["403"] >= 1, true, JSON.stringify(facts));
});

const refusals = [
  [
    // Plane's permission 403 to an identifier: not there for this token (never "wrong key").
    "/elsewhere/browse/ELSE-1/",
    "Plane could not find it: no work item ELSE-1 in elsewhere, or this token cannot see it\n\n" +
      "Check the work item's identifier; it may have been deleted or moved.\n\nTry again",
  ],
  [
    "/free/browse/FREE-1/",
    "Custom properties are not on this workspace's plan.\n\n" +
      "Custom properties need Plane Pro or higher: a workspace admin can upgrade the plan.",
  ],
];

for (const [route, words] of refusals) {
  test(`the panel of ${route} says what Plane refused and what to do`, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${SANDBOX}${route}`);
    const frame = await panelFrame(page, browser.id);
    const state = frame.locator(".pi-error-state");
    await state.waitFor();
    assert.equal(await state.innerText(), words);
    await page.close();
  });
}

test("an instance without custom property routes (Community Edition answers 404) is named as such", async () => {
  // The same sandbox under another host name, with an API base where no route exists.
  const app = SANDBOX.replace("127.0.0.1", "localhost");
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.id}/options.html`);
  const form = options.locator("section.pe-connection[data-connection='']");
  await form.getByLabel("API address").fill(`${SANDBOX}/community`);
  await form.getByLabel("Web app address").fill(app);
  await form.getByLabel("Workspace slug").fill("demo");
  await form.getByLabel("Personal access token").fill(KEY);
  await form.getByRole("button", { name: "Save" }).click();
  await options.locator(`section.pe-connection[data-connection='${new URL(app).origin}']`).waitFor();
  await options.close();

  const page = await browser.context.newPage();
  await page.goto(`${app}/demo/browse/DEMO-1/`);
  const frame = await panelFrame(page, browser.id);
  const state = frame.locator(".pi-error-state");
  await state.waitFor();
  assert.equal(
    await state.innerText(),
    "This Plane instance has no custom properties (Community Edition).\n\n" +
      "Custom properties need Plane Cloud Pro or a self-hosted Commercial edition.",
  );
  await page.close();
});

for (const status of [500, 503]) {
  test(`a ${status} is retried by itself and the edit arrives exactly once`, async () => {
    await sandbox.fault({ method: "POST", path: VALUES_GLOB, count: 1, status });
    const value = `Retried after ${status}`;
    await type("Summary", value);
    await row(panel.frame, "Summary").locator(".pi-saved").waitFor({ timeout: 30000 });
    const id = await row(panel.frame, "Summary").getAttribute("data-property");
    assert.deepEqual((await sandbox.values("DEMO-11"))[id], [value]);
    const posts = await sandbox.count("POST", VALUES);
    assert.equal(posts.statuses[String(status)], 1);
    assert.equal(posts.total, 2);
  });
}

test("a 429 holds the edit back in words until the limit allows, then it arrives once", async () => {
  await sandbox.fault({ method: "POST", path: VALUES_GLOB, count: 1, status: 429, retry_after: 1 });
  await type("Summary", "Sent after the rate limit");
  const message = row(panel.frame, "Summary").locator(".pi-message");
  await eventually(async () => /^Queued: rate limit, continues in \d+ s/.test(await message.innerText()));
  await row(panel.frame, "Summary").locator(".pi-saved").waitFor({ timeout: 90000 });
  const id = await row(panel.frame, "Summary").getAttribute("data-property");
  assert.deepEqual((await sandbox.values("DEMO-11"))[id], ["Sent after the rate limit"]);
  assert.deepEqual(await sandbox.count("POST", VALUES), { total: 2, statuses: { 200: 1, 429: 1 } });
});
