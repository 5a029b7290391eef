// The in-page panel on the sandbox's stand-ins for Plane's pages: the browse page, the same page
// under a strict CSP (script-src 'self'), History API navigation, and a list page whose peek
// overlay opens a work item without changing the address. Then one edit of every writable
// property type through the panel, each read back through the API.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  SANDBOX, connected, disconnect, edit, eventually, openWorkItem, panelFrame, row, sandbox,
} from "./extension/harness.mjs";

let browser;

before(async () => {
  browser = await connected();
});

after(async () => {
  await disconnect(browser);
});

test("the panel shows the page's work item, also under a strict CSP and after pushState", async () => {
  const { page, frame } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-1/", "DEMO-1");
  assert.equal(await frame.locator(".pi-name").innerText(), (await sandbox.workItem("DEMO-1")).name);
  await page.evaluate(() => history.pushState({}, "", "/demo/browse/DEMO-5/"));
  await frame.locator(".pi-identifier", { hasText: "DEMO-5" }).waitFor();
  await page.close();

  const strict = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-2/?csp=strict", "DEMO-2");
  assert.equal(await strict.frame.locator(".pi-identifier").innerText(), "DEMO-2");
  await strict.page.close();
});

test("a peek overlay shows its work item, and closing it removes the panel", async () => {
  const item = await sandbox.workItem("DEMO-3");
  const page = await browser.context.newPage();
  await page.goto(`${SANDBOX}/demo/projects/${item.project}/issues/`);
  await page.waitForTimeout(500);
  assert.equal(page.frames().some((f) => f.url().includes("/panel.html")), false);
  await page.getByRole("button", { name: /^DEMO-3 / }).click();
  const frame = await panelFrame(page, browser.id);
  await frame.locator(".pi-identifier", { hasText: "DEMO-3" }).waitFor();
  // The overlay's own close button is not covered by the panel.
  const close = page.getByRole("button", { name: "Close peek view" });
  const box = await close.boundingBox();
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.getAttribute("aria-label") === "Close peek view", [
    box.x + box.width / 2,
    box.y + box.height / 2,
  ]);
  assert.equal(hit, true);
  await close.click();
  await eventually(() => !page.frames().some((f) => f.url().includes("/panel.html")));
  await page.close();
});

test("one edit of every writable type is saved and reads back through the API", async () => {
  const { page, frame } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-7/", "DEMO-7");
  const saved = (name) => row(frame, name).locator(".pi-saved").waitFor();
  const id = (name) => row(frame, name).getAttribute("data-property");

  const typed = [
    ["Summary", "Checkout flow", "Enter"],
    ["Story Points", "5", "Enter"],
    ["Spec Link", "https://example.com/spec", "Enter"],
    ["Contact Email", "qa@example.com", "Enter"],
  ];
  for (const [name, value, key] of typed) {
    const input = (await edit(frame, name)).locator("input");
    await input.fill(value);
    await input.press(key);
    await saved(name);
  }
  const notes = (await edit(frame, "Notes")).locator("input, textarea");
  await notes.fill("Reviewed with the team");
  await notes.press("Control+Enter");
  await saved("Notes");

  await row(frame, "Customer Facing").getByRole("switch").click();
  await saved("Customer Facing");

  const date = (await edit(frame, "Due Date")).locator("input");
  await date.fill("2026-12-01");
  await date.press("Enter");
  await saved("Due Date");

  // Picks the first option not already chosen; returns its label.
  const pick = async (name, query) => {
    const input = (await edit(frame, name)).getByRole("combobox");
    await input.fill(query);
    const option = row(frame, name).getByRole("option", { selected: false }).first();
    const label = await option.locator(".pi-option-label").innerText();
    await option.click();
    await saved(name);
    if (await input.isVisible()) {
      await input.press("Escape"); // a multi picker stays open for more picks
      await input.press("Escape"); // and the second Escape leaves it
    }
    return label;
  };
  const picked = {
    Severity: await pick("Severity", ""),
    Platforms: await pick("Platforms", ""),
    Reviewer: await pick("Reviewer", ""),
    Watchers: await pick("Watchers", ""),
    "Duplicate Of": await pick("Duplicate Of", "DEMO-2"),
  };

  const values = await sandbox.values("DEMO-7");
  assert.deepEqual(values[await id("Summary")], ["Checkout flow"]);
  assert.deepEqual(values[await id("Notes")], ["Reviewed with the team"]);
  assert.deepEqual(values[await id("Story Points")], ["5.0"]); // Plane keeps a float's Python repr
  assert.deepEqual(values[await id("Customer Facing")], ["true"]);
  assert.equal(values[await id("Due Date")][0].slice(0, 10), "2026-12-01");
  assert.deepEqual(values[await id("Spec Link")], ["https://example.com/spec"]);
  assert.deepEqual(values[await id("Contact Email")], ["qa@example.com"]);
  for (const name of ["Severity", "Reviewer", "Duplicate Of"]) {
    assert.equal(values[await id(name)]?.length, 1, name);
  }
  // The ids Plane holds are the ones the panel shows after a reload.
  await page.reload();
  const again = await panelFrame(page, browser.id);
  await again.locator(".pi-identifier", { hasText: "DEMO-7" }).waitFor();
  // (A related work item is named by its id after a reload: the model carries no names of
  // related items, so only the options and members are compared by label.)
  for (const [name, label] of Object.entries(picked).filter(([name]) => name !== "Duplicate Of")) {
    await row(again, name).locator(".pi-value", { hasText: label }).waitFor();
  }
  await page.close();
});

test("the panel collapses to a small tab by keyboard, and stays collapsed on the next page", async () => {
  const { page } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-1/", "DEMO-1");
  const width = () => page.evaluate(() => document.querySelector("plane-inline-panel").getBoundingClientRect().width);
  assert.equal(await width(), 340);
  // The page's one link, then the panel's toggle (inside the closed shadow root).
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await eventually(async () => (await width()) === 36);
  await page.goto(`${SANDBOX}/demo/browse/DEMO-2/`);
  await eventually(async () => page.evaluate(() => document.querySelector("plane-inline-panel")?.getBoundingClientRect().width === 36));
  await page.close();
});
