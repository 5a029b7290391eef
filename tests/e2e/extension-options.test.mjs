// The options page: a self-hosted Plane (the sandbox) added through the real page, a wrong token
// and "Test connection" saying exactly what is wrong, then the right token; the token is never
// shown again in full, and the options page shows its last four characters only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { KEY, SANDBOX, addSandbox, forget, launch, profile, sandbox } from "./extension/harness.mjs";

let dir;
let browser;

before(async () => {
  await sandbox.reset();
  dir = await profile();
  browser = await launch(dir);
});

after(async () => {
  await browser?.context.close();
  await forget(dir);
});

test("a wrong token is named as such, the right one says who it belongs to", async () => {
  const wrong = "plane_api_wrong0000000000000000000000";
  const { page, saved } = await addSandbox(browser.context, browser.id, wrong);
  assert.equal(await saved.locator(".pe-note").innerText(), "Stored: …0000");
  await saved.getByRole("button", { name: "Test connection" }).click();
  const result = saved.locator(".pe-result[data-result='error']");
  await result.waitFor();
  assert.equal(
    await result.innerText(),
    "Plane does not accept this API key: it is wrong, expired or revoked. " +
      "Paste a personal access token from Plane (Profile settings, Personal access tokens) and save.",
  );

  await saved.getByLabel("Personal access token").fill(KEY);
  await saved.getByRole("button", { name: "Save" }).click();
  await saved.locator(".pe-result[data-result='ok']", { hasText: "Saved." }).waitFor();
  assert.equal(await saved.locator(".pe-note").innerText(), `Stored: …${KEY.slice(-4)}`);
  await saved.getByRole("button", { name: "Test connection" }).click();
  await saved.locator(".pe-result[data-result='ok']", { hasText: "Connected as" }).waitFor();
  assert.equal(await saved.locator(".pe-result").innerText(), "Connected as Priya Patel.");

  // The token is write-only: not in the page, not in the field after saving.
  await page.reload();
  const again = page.locator(`section.pe-connection[data-connection='${new URL(SANDBOX).origin}']`);
  await again.waitFor();
  assert.equal(await again.getByLabel("Personal access token").inputValue(), "");
  assert.equal((await page.content()).includes(KEY), false);
  await page.close();
});
