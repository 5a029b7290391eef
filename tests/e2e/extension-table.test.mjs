// The table of a project's work items, in the real extension against the sandbox's SHIP project
// (300 work items, a Task type with every kind of property and a Bug type on every tenth): the
// popup opens it; pages follow Plane's cursors to the last page; cells of every writable kind
// are edited with the panel's editors and read back through the API; a bulk set of 40 rows
// goes through a 429 and a stopped service worker with each row written exactly once; Undo puts
// every value back; the export is a CSV of names; axe-core finds nothing, light and dark. The
// screenshots of the table in docs/ are taken here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { axeViolations, connected, disconnect, eventually, sandbox } from "./extension/harness.mjs";

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs");
const VALUES = "/work-item-properties/";

/** How many pages of SHIP's work items the sandbox served. */
async function lists() {
  const { routes } = await sandbox.requests();
  return routes.filter((r) => r.method === "GET" && r.route.endsWith("/work-items/")).reduce((n, r) => n + r.count, 0);
}

let browser;

before(async () => {
  browser = await connected();
});

after(async () => {
  await disconnect(browser);
});

/** Opens the table of SHIP in a tab of its own and waits for its first rows. */
async function openTable({ scheme = "light", width = 1280, height = 900 } = {}) {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width, height });
  await page.goto(`chrome-extension://${browser.id}/table.html?workspace=demo&project=SHIP`);
  await page.locator(".pt-body .pt-row").first().waitFor();
  return page;
}

/** The grid row of `label` (it must be drawn: on screen or near it). */
function gridRow(page, label) {
  return page.locator(".pt-body .pt-row").filter({ has: page.locator(".pt-id", { hasText: new RegExp(`^${label}$`) }) });
}

/** The cell of `property` in the row of `label`. */
async function cell(page, label, property) {
  const headers = await page.locator(".pt-head .pt-head-cell").allInnerTexts();
  const col = headers.findIndex((h) => h.split("\n")[0].replace(/\*.*$/s, "").trim() === property);
  assert.notEqual(col, -1, `no column ${property} in ${headers}`);
  return gridRow(page, label).locator("[role='gridcell']").nth(col);
}

/** Waits until every drawn row's values are read. */
async function valuesRead(page) {
  await eventually(async () => (await page.locator(".pt-body [aria-busy='true']").count()) === 0, { timeout: 60000 });
}

/** Successful value writes so far (POST 200/201 and DELETE 204). */
async function writes() {
  const posts = await sandbox.count("POST", VALUES);
  const deletes = await sandbox.count("DELETE", VALUES);
  return {
    saved: (posts.statuses["200"] ?? 0) + (posts.statuses["201"] ?? 0),
    cleared: deletes.statuses["204"] ?? 0,
    limited: (posts.statuses["429"] ?? 0) + (deletes.statuses["429"] ?? 0),
  };
}

/** The first `n` Task rows in Plane's order, newest first (SHIP-300 down; every tenth is a Bug). */
function newestTasks(n) {
  const labels = [];
  for (let k = 300; labels.length < n; k--) {
    if (k % 10 !== 0) labels.push(`SHIP-${k}`);
  }
  return labels;
}

test("the popup offers the table of the project of its work item, and opens it in a tab", async () => {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.id}/popup.html`);
  await popup.getByRole("textbox", { name: "Work item" }).fill("SHIP-5");
  await popup.getByRole("button", { name: "Open" }).click();
  const button = popup.getByRole("button", { name: "Table of SHIP ↗" });
  await button.waitFor();
  const [table] = await Promise.all([browser.context.waitForEvent("page"), button.click()]);
  await table.waitForLoadState();
  assert.equal(table.url(), `chrome-extension://${browser.id}/table.html?workspace=demo&project=SHIP`);
  await table.locator(".pt-body .pt-row").first().waitFor();
  assert.equal(await table.title(), "Table of SHIP · Plane Inline");
  await table.close();
  await popup.close();
});

test("pages follow Plane's cursors to the last page, and no page is read unasked", async () => {
  await sandbox.clearRequests();
  const page = await openTable();
  assert.equal(await page.locator(".pt-count").innerText(), "50 of 300 work items loaded");
  await page.waitForTimeout(500);
  assert.equal(await lists(), 1, "one page read");
  await page.getByLabel("Rows per page").selectOption("100");
  await page.locator(".pt-count", { hasText: "100 of 300 work items loaded" }).waitFor();
  for (const loaded of [200, 300]) {
    await page.getByRole("button", { name: "Load more" }).click();
    await page.locator(".pt-count", { hasText: `${loaded} of 300 work items loaded` }).waitFor();
  }
  await page.getByText("Every work item is loaded.").waitFor();
  // 50; then, with 100 a page, from the first page again: 100, 200, 300.
  assert.equal(await lists(), 4);
  // The rows of other types are set apart, in words.
  assert.equal(
    await page.locator(".pt-others").innerText(),
    "30 loaded work items are of other types: Bug (30). Choose their type above to edit them.",
  );
  await page.close();
});

test("a cell of every writable kind is edited in place and reads back through the API", async () => {
  const page = await openTable();
  await valuesRead(page);
  const saved = async (property) => (await cell(page, "SHIP-297", property)).locator(".pi-saved").waitFor();
  const typed = [
    ["Summary", "Packed and labelled"],
    ["Story Points", "8"],
    ["Spec Link", "https://example.com/ship"],
    ["Contact Email", "ship@example.com"],
  ];
  for (const [property, value] of typed) {
    await (await cell(page, "SHIP-297", property)).locator(".pi-value").click();
    const input = (await cell(page, "SHIP-297", property)).locator("input");
    await input.fill(value);
    await input.press("Enter");
    await saved(property);
  }
  await (await cell(page, "SHIP-297", "Customer Facing")).getByRole("switch").click();
  await saved("Customer Facing");
  await (await cell(page, "SHIP-297", "Due Date")).locator(".pi-value").click();
  const date = (await cell(page, "SHIP-297", "Due Date")).locator("input");
  await date.fill("2026-12-24");
  await date.press("Enter");
  await saved("Due Date");
  // Pickers: the first option not chosen yet, clicked as a person does.
  for (const property of ["Severity", "Reviewer"]) {
    await (await cell(page, "SHIP-297", property)).locator(".pi-value").click();
    await (await cell(page, "SHIP-297", property)).getByRole("combobox").fill("");
    await (await cell(page, "SHIP-297", property)).getByRole("option", { selected: false }).first().click();
    await saved(property);
  }
  const item = await sandbox.workItem("SHIP-297");
  const values = await sandbox.values("SHIP-297");
  const { body: definitions } = await sandbox.call(
    "GET",
    `/api/v1/workspaces/demo/projects/${item.project}/work-item-types/${item.type_id}/work-item-properties/`,
  );
  const id = (name) => (Array.isArray(definitions) ? definitions : definitions.results).find((d) => d.display_name === name).id;
  assert.deepEqual(values[id("Summary")], ["Packed and labelled"]);
  assert.deepEqual(values[id("Story Points")], ["8.0"]);
  assert.deepEqual(values[id("Spec Link")], ["https://example.com/ship"]);
  assert.deepEqual(values[id("Contact Email")], ["ship@example.com"]);
  assert.equal(values[id("Due Date")][0].slice(0, 10), "2026-12-24");
  assert.equal(values[id("Severity")].length, 1);
  assert.equal(values[id("Reviewer")].length, 1);
  await page.close();
});

test("a bulk set of 40 rows survives a 429 and a stopped worker, each row written once; Undo puts every value back", async () => {
  const page = await openTable();
  await valuesRead(page);
  const labels = newestTasks(40);
  assert.equal(labels.at(-1), "SHIP-256");
  const before = {};
  for (const label of ["SHIP-299", "SHIP-298", "SHIP-256"]) {
    before[label] = await sandbox.values(label);
  }
  // Select SHIP-299 (the newest Task), then Shift+Down 39 times: 40 Task rows (the grid's
  // keyboard model).
  const first = gridRow(page, "SHIP-299").getByRole("checkbox");
  await first.focus();
  await first.press("Space");
  for (let i = 0; i < 39; i++) {
    await page.keyboard.press("Shift+ArrowDown");
  }
  await page.locator(".pt-bulk-count", { hasText: "40 work items selected" }).waitFor();
  await page.getByLabel("Property", { exact: true }).selectOption({ label: "Summary" });
  const value = page.locator(".pt-bulk-value input");
  await value.fill("Shipped in 2026.12");
  await value.press("Enter");
  await sandbox.clearRequests();
  // Plane answers the first 20 writes slowly, then one with 429: in the middle of the change.
  await sandbox.fault({ method: "POST", path: "*/work-item-properties/*/values/", count: 20, delay_ms: 400 });
  await sandbox.fault({ method: "POST", path: "*/work-item-properties/*/values/", count: 1, status: 429, retry_after: 2 });
  await page.getByRole("button", { name: "Set Summary to Shipped in 2026.12 on 40 work items" }).click();
  await page.locator(".pt-progress").waitFor();
  await page.screenshot({ path: path.join(DOCS, "table-bulk.png") });
  // After a few rows, the service worker stops with writes in flight.
  await eventually(async () => (await writes()).saved >= 4, { timeout: 90000 });
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await page.locator(".pt-progress p", { hasText: "40 of 40 saved." }).waitFor({ timeout: 150000 });
  await page.waitForTimeout(1000);
  const done = await writes();
  // Exactly once per row: a write on its way when the worker stopped is waited out (from when it
  // left, not from when it was queued) before the new worker reads the value back.
  assert.equal(done.saved, 40, JSON.stringify(done));
  assert.equal(done.limited, 1, JSON.stringify(done));
  const item = await sandbox.workItem("SHIP-299");
  const { body: definitions } = await sandbox.call(
    "GET",
    `/api/v1/workspaces/demo/projects/${item.project}/work-item-types/${item.type_id}/work-item-properties/`,
  );
  const summary = (Array.isArray(definitions) ? definitions : definitions.results).find((d) => d.display_name === "Summary").id;
  for (const label of labels) {
    assert.deepEqual((await sandbox.values(label))[summary], ["Shipped in 2026.12"], label);
  }

  // Undo, also paced: each row's earlier Summary (or none) is back.
  await sandbox.clearRequests();
  await page.getByRole("button", { name: "Undo: put back 40 values" }).click();
  await page.locator(".pt-progress p", { hasText: "40 of 40 put back." }).waitFor({ timeout: 150000 });
  const undone = await writes();
  assert.equal(undone.saved + undone.cleared, 40, JSON.stringify(undone));
  for (const [label, values] of Object.entries(before)) {
    assert.deepEqual((await sandbox.values(label))[summary], values[summary], label);
  }
  await page.close();
});

test("the export is a CSV of the loaded rows with names, not ids", async () => {
  const page = await openTable();
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 120000 }),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "SHIP-Task.csv");
  const text = await readFile(await download.path(), "utf8");
  const lines = text.replace(/^\uFEFF/, "").split("\r\n");
  assert.equal(
    lines[0],
    "Work item,Name,Summary,Notes,Legacy ID,Story Points,Customer Facing,Due Date,Severity,Platforms,Reviewer,Watchers,Duplicate Of,Spec Link,Contact Email,Attachment,Effort Score,Target Release",
  );
  assert.equal(lines.length, 45 + 2, "a header, 45 Task rows and the last line end");
  const row = lines.find((l) => l.startsWith("SHIP-299,"));
  const name = (await sandbox.workItem("SHIP-299")).name;
  assert.ok(row.startsWith(`SHIP-299,${name.includes(",") ? `"${name}"` : name},`), row);
  // Options and members by name: no UUID anywhere in the file.
  assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  await page.close();
});

for (const scheme of ["light", "dark"]) {
  test(`the table has no axe violations (${scheme})`, async () => {
    const page = await openTable({ scheme });
    await valuesRead(page);
    // A row selected, so the bulk bar is checked too.
    await gridRow(page, "SHIP-299").getByRole("checkbox").check();
    await page.locator(".pt-bulk").waitFor();
    assert.deepEqual(await axeViolations(page), []);
    if (scheme === "light") {
      await gridRow(page, "SHIP-299").getByRole("checkbox").uncheck();
      await page.screenshot({ path: path.join(DOCS, "table.png") });
    }
    await page.close();
  });
}

test("a row whose write Plane refuses names its row and Plane's words, with Retry", async () => {
  const page = await openTable();
  await valuesRead(page);
  // Plane refuses the write: the property was deleted in Plane after the table read it.
  const item = await sandbox.workItem("SHIP-298");
  const { body: definitions } = await sandbox.call(
    "GET",
    `/api/v1/workspaces/demo/projects/${item.project}/work-item-types/${item.type_id}/work-item-properties/`,
  );
  const points = (Array.isArray(definitions) ? definitions : definitions.results).find((d) => d.display_name === "Story Points");
  const removed = await sandbox.call(
    "DELETE",
    `/api/v1/workspaces/demo/projects/${item.project}/work-item-types/${item.type_id}/work-item-properties/${points.id}/`,
  );
  assert.equal(removed.status, 204);
  await gridRow(page, "SHIP-298").getByRole("checkbox").check();
  await page.getByLabel("Property", { exact: true }).selectOption({ label: "Story Points" });
  const value = page.locator(".pt-bulk-value input");
  await value.fill("21.5");
  await value.press("Enter");
  await page.getByRole("button", { name: "Set Story Points to 21.5 on 1 work item" }).click();
  const failure = page.locator(".pt-failures li");
  await failure.waitFor({ timeout: 60000 });
  assert.match(await failure.innerText(), /^SHIP-298: Not saved: .+ Retry$/);
  assert.equal(await page.locator(".pt-progress p").innerText(), "0 of 1 saved; 1 not saved: see its row.");
  await page.screenshot({ path: path.join(DOCS, "table-error.png") });
  // Retry sends it again (and Plane refuses it again, in the same words).
  const sent = (await sandbox.count("POST", VALUES)).total;
  await failure.getByRole("button", { name: "Retry" }).click();
  await eventually(async () => (await sandbox.count("POST", VALUES)).total > sent);
  await page.locator(".pt-failures li", { hasText: "SHIP-298: Not saved:" }).waitFor();
  await page.close();
});
