// Plane as it really is, through the real extension against the sandbox: work items Plane's v1
// API cannot serve (an epic by its /browse/ link, an archived item, an intake item) say so in
// plain words and cost no request Plane must refuse; a draft is edited like any item; a project
// where the key's owner is a guest shows its values without editors; a deactivated member a value
// still names is marked so; a peek overview is followed by what Plane renders; and a workspace
// that manages its types at workspace level shows and saves its values.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  KEY, SANDBOX, connected, disconnect, edit, eventually, openWorkItem, panelFrame, row, sandbox,
} from "./extension/harness.mjs";

const VALUES = "/work-item-properties/";
const SOME_ID = "0f6a1c34-5b7d-4e8f-9a0b-1c2d3e4f5a6b";

let browser;

before(async () => {
  browser = await connected();
});

after(async () => {
  await disconnect(browser);
});

/** Opens `route` and waits for the panel's error state; returns its title and problem name. */
async function refusal(route) {
  const page = await browser.context.newPage();
  await page.goto(`${SANDBOX}${route}`);
  const frame = await panelFrame(page, browser.id);
  const state = frame.locator(".pi-error-state");
  await state.waitFor();
  const shown = {
    problem: await state.getAttribute("data-problem"),
    title: await state.locator(".pi-error-title").innerText(),
    inputs: await frame.locator(".pi-row").count(),
  };
  await page.close();
  return shown;
}

test("an epic says its properties can't be edited through the API, and reads no values", async () => {
  await sandbox.clearRequests();
  const shown = await refusal("/demo/browse/DEMO-251/");
  assert.deepEqual(shown, {
    problem: "not_in_api",
    title: "Epic properties can't be edited through Plane's API yet.",
    inputs: 0,
  });
  assert.equal((await sandbox.count("GET", VALUES)).total, 0, "no definitions, no values");
});

test("archived and intake pages say what is possible without a request", async () => {
  const project = (await sandbox.workItem("DEMO-1")).project;
  await sandbox.clearRequests();
  assert.deepEqual(await refusal(`/demo/projects/${project}/archives/issues/${SOME_ID}`), {
    problem: "not_in_api",
    title: "Archived work items can't be read through Plane's API.",
    inputs: 0,
  });
  assert.deepEqual(await refusal(`/demo/projects/${project}/intake?inboxIssueId=${SOME_ID}`), {
    problem: "not_in_api",
    title: "Intake work items can't be read through Plane's API until they are accepted.",
    inputs: 0,
  });
  const { routes } = await sandbox.requests();
  assert.deepEqual(routes.filter((r) => r.route.startsWith("/api/")), [], "nothing asked of Plane");
});

test("a draft found by its identifier is edited like any work item", async () => {
  const { page, frame } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-254/", "DEMO-254");
  const input = (await edit(frame, "Story Points")).locator("input");
  await input.fill("8");
  await input.press("Enter");
  await row(frame, "Story Points").locator(".pi-saved").waitFor();
  const id = await row(frame, "Story Points").getAttribute("data-property");
  assert.deepEqual((await sandbox.values("DEMO-254"))[id], ["8.0"]); // Plane keeps a float's Python repr
  await page.close();
});

test("a guest sees the project's values with the reason, and no editors", async () => {
  const { page, frame } = await openWorkItem(browser.context, browser.id, "/demo/browse/DOCS-1/", "DOCS-1");
  assert.equal(
    await frame.locator(".pi-notice[data-access='view']").innerText(),
    "You're a guest in this project: Plane lets you view its properties, not change them.",
  );
  assert.equal(await frame.locator(".pi-row button.pi-value, .pi-row [role='switch']").count(), 0, "no editors");
  assert.equal(await row(frame, "Audience").locator("output").innerText(), "Internal");
  await page.close();
});

test("a deactivated member a value still names is marked, and pickers offer neither them nor bots", async () => {
  const { page, frame } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-3/", "DEMO-3");
  assert.equal(await row(frame, "Reviewer").locator(".pi-value").innerText(), "Rui Costa (no longer a member)");
  const watchers = (await edit(frame, "Watchers")).getByRole("combobox");
  await watchers.fill("");
  const offered = await frame.locator("[role='option']").allInnerTexts();
  assert.ok(offered.some((o) => o.includes("Sam Rivera")), offered.join(" | "));
  assert.equal(offered.some((o) => o.includes("Rui Costa") || o.includes("Plane Bot")), false, offered.join(" | "));
  await page.close();
});

test("a workspace with workspace-level types shows and saves its values", async () => {
  // The same sandbox under another origin, connected to workspace `grid`.
  const origin = SANDBOX.replace("127.0.0.1", "localhost");
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.id}/options.html`);
  const form = options.locator("section.pe-connection[data-connection='']");
  await form.getByLabel("API address").fill(origin);
  await form.getByLabel("Web app address").fill(origin);
  await form.getByLabel("Workspace slug").fill("grid");
  await form.getByLabel("Personal access token").fill(KEY);
  await form.getByRole("button", { name: "Save" }).click();
  await options.locator(`section.pe-connection[data-connection='${new URL(origin).origin}']`).waitFor();
  await options.close();

  const page = await browser.context.newPage();
  await page.goto(`${origin}/grid/browse/GRID-1/`);
  const frame = await panelFrame(page, browser.id);
  await frame.locator(".pi-identifier", { hasText: "GRID-1" }).waitFor();
  await row(frame, "Estimate").waitFor();
  assert.notEqual(await row(frame, "Estimate").getAttribute("data-empty"), "true", "the workspace-owned value is shown");
  const input = (await edit(frame, "Estimate")).locator("input");
  await input.fill("13");
  await input.press("Enter");
  await row(frame, "Estimate").locator(".pi-saved").waitFor();
  await page.reload();
  const again = await panelFrame(page, browser.id);
  await row(again, "Estimate").waitFor();
  assert.equal(await row(again, "Estimate").locator(".pi-value").innerText(), "13");
  await page.close();
});
