// The first run, as a new user meets it: a fresh profile, the extension installed, its options
// page opening by itself with the steps to connect; the popup saying in one sentence that nothing
// is connected, with a button to the options; then connecting and testing through that page,
// and the panel shown on a work item page.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import {
  KEY, SANDBOX, WORKSPACE, disconnect, eventually, launch, openWorkItem, profile, sandbox,
} from "./extension/harness.mjs";

let browser;

after(async () => {
  await disconnect(browser);
});

test("installing opens the options page; connecting there shows the panel on a work item", async () => {
  await sandbox.reset();
  const dir = await profile();
  browser = { dir, ...(await launch(dir)) };
  const { context, id } = browser;
  const options = await eventually(() => context.pages().find((p) => p.url() === `chrome-extension://${id}/options.html`));
  await options.locator(".pe-first-run h2", { hasText: "Connect Plane Inline to Plane" }).waitFor();
  assert.equal(
    await options.locator(".pe-first-run a").getAttribute("href"),
    "https://app.plane.so/settings/profile/api-tokens/",
  );

  // The popup, before anything is connected: one sentence and a way to the options (with the
  // page installing opened closed, the button opens it again).
  await options.close();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  const first = popup.locator(".pe-first-run");
  assert.equal(await first.locator("p").innerText(), "Plane Inline is not connected to Plane yet.");
  const opened = context.waitForEvent("page");
  await first.getByRole("button", { name: "Connect to Plane" }).click();
  const settings = await opened;
  await settings.waitForLoadState();
  assert.equal(settings.url(), `chrome-extension://${id}/options.html`);
  await popup.close();

  // Connect through the first-run form, then test the connection.
  const form = settings.locator("section.pe-connection[data-connection='']");
  await form.getByLabel("API address").fill(SANDBOX);
  await form.getByLabel("Web app address").fill(SANDBOX);
  await form.getByLabel("Workspace slug").fill(WORKSPACE);
  await form.getByLabel("Personal access token").fill(KEY);
  await form.getByRole("button", { name: "Save" }).click();
  const saved = settings.locator(`section.pe-connection[data-connection='${new URL(SANDBOX).origin}']`);
  await saved.waitFor();
  await saved.getByRole("button", { name: "Test connection" }).click();
  await saved.locator(".pe-result[data-result='ok']", { hasText: "Connected as" }).waitFor();
  assert.equal(await settings.locator(".pe-first-run").count(), 0, "the steps are gone once connected");

  const { frame } = await openWorkItem(context, id, "/demo/browse/DEMO-1/", "DEMO-1");
  assert.ok((await frame.locator(".pi-row").count()) > 0);
});
