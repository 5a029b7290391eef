// What goes wrong, in words, with nothing lost: input Plane would refuse is stopped in the panel
// with Plane's message and no request; each answer Plane can give a save (401, 403, 402, 404 of
// an edition without custom properties, 429, 5xx) shows its words, and the edit arrives once
// the cause is gone.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { addSandbox, eventually, forget, launch, openWorkItem, profile, row, sandbox } from "./extension/harness.mjs";

const VALUES = "/work-item-properties/{property_id}/values/";
const VALUES_GLOB = "*/work-item-properties/*/values/";

let dir;
let browser;
let panel;

before(async () => {
  await sandbox.reset();
  dir = await profile();
  browser = await launch(dir);
  const { page } = await addSandbox(browser.context, browser.id);
  await page.close();
  panel = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-11/", "DEMO-11");
});

after(async () => {
  await browser?.context.close();
  await forget(dir);
});

beforeEach(async () => {
  await sandbox.clearFaults();
  await sandbox.clearRequests();
});

/** Types `value` into a text property and presses Enter. */
async function type(name, value) {
  const input = row(panel.frame, name).locator("input");
  await input.fill(value);
  await input.press("Enter");
}

test("input Plane would refuse shows Plane's message and sends nothing", async () => {
  await type("Spec Link", "not a link");
  const message = row(panel.frame, "Spec Link").locator(".pi-invalid");
  await message.waitFor();
  assert.equal(await message.innerText(), "Enter a valid URL.");
  await type("Story Points", "many");
  await row(panel.frame, "Story Points").locator(".pi-invalid").waitFor();
  await panel.page.waitForTimeout(500);
  assert.deepEqual(await sandbox.count("POST", VALUES), { total: 0, statuses: {} });
});

const refusals = [
  [401, "Not saved: Plane does not accept this API key: it is wrong, expired or revoked."],
  [403, /^Not saved: Plane refused access: /],
  [402, "Not saved: Custom properties are not on this workspace's plan."],
  [404, "Not saved: This Plane instance has no custom properties (Community Edition)."],
];

for (const [status, words] of refusals) {
  test(`a ${status} is worded, the edit is kept, and it arrives once the cause is gone`, async () => {
    await sandbox.fault({ method: "POST", path: VALUES_GLOB, count: 1, status });
    const value = `Answered ${status}`;
    await type("Summary", value);
    const failed = row(panel.frame, "Summary").locator(".pi-failed");
    await failed.waitFor();
    const text = (await failed.innerText()).replace(/\s*Retry$/, "");
    if (words instanceof RegExp) {
      assert.match(text, words);
    } else {
      assert.equal(text, words);
    }
    await failed.getByRole("button", { name: "Retry" }).click();
    await row(panel.frame, "Summary").locator(".pi-saved").waitFor();
    const item = await sandbox.values("DEMO-11");
    const id = await row(panel.frame, "Summary").getAttribute("data-property");
    assert.deepEqual(item[id], [value]);
    const posts = await sandbox.count("POST", VALUES);
    assert.equal(posts.total, 2);
    assert.equal(posts.statuses[String(status)], 1);
  });
}

for (const status of [429, 500, 503]) {
  test(`a ${status} is retried by itself and the edit arrives exactly once`, async () => {
    await sandbox.fault({ method: "POST", path: VALUES_GLOB, count: 1, status, retry_after: 1 });
    const value = `Retried after ${status}`;
    await type("Summary", value);
    await row(panel.frame, "Summary").locator(".pi-saved").waitFor({ timeout: 30000 });
    const id = await row(panel.frame, "Summary").getAttribute("data-property");
    assert.deepEqual((await sandbox.values("DEMO-11"))[id], [value]);
    const posts = await eventually(async () => {
      const counted = await sandbox.count("POST", VALUES);
      return counted.total >= 2 && counted;
    });
    assert.equal(posts.statuses[String(status)], 1);
    assert.equal(posts.total, 2);
  });
}
