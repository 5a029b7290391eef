// Firefox: `web-ext lint` finds no errors in dist/firefox, and Debian's firefox-esr, driven by
// puppeteer-core over WebDriver BiDi, installs the Firefox build as a temporary add-on.
//
// Driving the add-on's pages is in extension-firefox-driven.test.mjs: Firefox's WebDriver BiDi
// refuses to navigate to moz-extension:// addresses, so that file uses geckodriver (WebDriver
// classic), which can open them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(HERE, "../../dist/firefox");
const ADDON_ID = "plane-inline@plane-inline.dev";

test("web-ext lint finds no errors in the Firefox build", async () => {
  const webExt = path.join(HERE, "node_modules/.bin/web-ext");
  const { stdout } = await promisify(execFile)(webExt, ["lint", "--source-dir", DIST, "--output", "json"], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error) => error);
  const report = JSON.parse(stdout);
  assert.deepEqual(
    report.errors.map((e) => `${e.code} ${e.file ?? ""}`),
    [],
  );
  // The remaining warning is the wasm-bindgen glue of the pages setting innerHTML.
  assert.deepEqual(
    report.warnings.map((w) => `${w.code} ${w.file ?? ""}`),
    ["UNSAFE_VAR_ASSIGNMENT pages/plane_inline_pages.js"],
  );
});

test("firefox-esr installs the Firefox build", async () => {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { "xpinstall.signatures.required": false },
  });
  try {
    assert.equal(await browser.installExtension(DIST), ADDON_ID);
  } finally {
    await browser.close();
  }
});
