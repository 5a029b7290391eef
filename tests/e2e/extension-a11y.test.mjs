// axe-core finds no violations on the popup and the options page, light and dark; and the
// screenshots in docs/ (the panel beside a stand-in page, the popup, the options page) are
// taken here, from the real extension.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { axeViolations, connected, disconnect, openWorkItem } from "./extension/harness.mjs";

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs");

let browser;

before(async () => {
  browser = await connected();
});

after(async () => {
  await disconnect(browser);
});

for (const scheme of ["light", "dark"]) {
  test(`the popup and the options page have no axe violations (${scheme})`, async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 420, height: 640 });
    await page.goto(`chrome-extension://${browser.id}/popup.html`);
    await page.locator(".pe-draft-list").waitFor();
    await page.getByRole("textbox", { name: "Work item" }).fill("DEMO-4");
    await page.getByRole("button", { name: "Open" }).click();
    await page.locator(".pi-identifier", { hasText: "DEMO-4" }).waitFor();
    await page.locator(".pi-row").first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    if (scheme === "light") {
      await page.screenshot({ path: path.join(DOCS, "extension-popup.png"), fullPage: true });
    }

    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto(`chrome-extension://${browser.id}/options.html`);
    await page.locator(".pe-connection").nth(1).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    if (scheme === "light") {
      await page.screenshot({ path: path.join(DOCS, "extension-options.png"), fullPage: true });
    }
    await page.close();
  });
}

test("the panel beside a stand-in work item page", async () => {
  const { page } = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-1/", "DEMO-1");
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(DOCS, "extension-panel.png") });
  await page.close();
});
