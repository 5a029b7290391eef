// The Firefox build driven for real in firefox-esr, through geckodriver (WebDriver), which can
// open the add-on's own moz-extension:// pages: the options page connects to the sandbox; the
// panel's frame appears on a work item page; one save through the extension is read back through
// the API; a draft kept while Plane fails survives a browser restart and arrives once; and what
// a content script could write to Firefox's storage.local (a connection sending the key
// elsewhere, a forged draft) is never taken in, because the worker keeps everything in the
// extension origin's IndexedDB.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { KEY, SANDBOX, WORKSPACE, eventually, sandbox } from "./extension/harness.mjs";

const GECKODRIVER = process.env.GECKODRIVER ?? "geckodriver";
const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const ADDON = process.env.FIREFOX_EXTENSION_DIR;
const ADDON_ID = "plane-inline@plane-inline.dev";
// A fixed address for the add-on's pages, so the test can open them.
const UUID = "0d3c1f4e-6b2a-4c51-9f0e-5a7b8c9d0e1f";
const PAGES = `moz-extension://${UUID}`;
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const ORIGIN = new URL(SANDBOX).origin;

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** A WebDriver session of firefox-esr on `profile`, with the add-on installed. */
class Firefox {
  static async start(profile) {
    const port = await freePort();
    const driver = spawn(GECKODRIVER, ["--port", String(port), "--binary", FIREFOX, "--allow-system-access"], {
      stdio: "ignore",
    });
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/status`).catch(() => null))?.ok);
    const prefs = {
      "xpinstall.signatures.required": false,
      "extensions.webextensions.uuids": JSON.stringify({ [ADDON_ID]: UUID }),
      // A temporary add-on is removed when the browser closes; its data and address stay.
      "extensions.webextensions.keepStorageOnUninstall": true,
      "extensions.webextensions.keepUuidOnUninstall": true,
    };
    const created = await (
      await fetch(`${url}/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          capabilities: {
            alwaysMatch: {
              browserName: "firefox",
              "moz:firefoxOptions": { args: ["-headless", "-profile", profile], prefs },
            },
          },
        }),
      })
    ).json();
    if (!created.value?.sessionId) {
      driver.kill();
      throw new Error(`no session: ${JSON.stringify(created)}`);
    }
    const firefox = new Firefox(driver, `${url}/session/${created.value.sessionId}`);
    await firefox.call("POST", "/moz/addon/install", { path: ADDON, temporary: true });
    return firefox;
  }

  constructor(driver, session) {
    this.driver = driver;
    this.session = session;
  }

  async call(method, route, body) {
    const response = await fetch(`${this.session}${route}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      throw new Error(`${method} ${route}: ${JSON.stringify(answer.value)}`);
    }
    return answer.value;
  }

  /**
   * Runs `script` (a function body) in the content or the browser's own ("chrome") context;
   * `mode` "async" waits for the script to call its last argument.
   */
  async run(script, args = [], context = "content", mode = "sync") {
    await this.call("POST", "/moz/context", { context });
    try {
      return await this.call("POST", `/execute/${mode}`, { script, args });
    } finally {
      await this.call("POST", "/moz/context", { context: "content" });
    }
  }

  /** Opens `url` in a new tab (moz-extension:// too) and makes it the current window. */
  async open(url) {
    const before = await this.call("GET", "/window/handles");
    await this.run(
      `const win = Services.wm.getMostRecentWindow("navigator:browser");
       win.gBrowser.selectedTab = win.gBrowser.addTab(arguments[0], {
         triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
       });`,
      [url],
      "chrome",
    );
    const handle = await eventually(async () =>
      (await this.call("GET", "/window/handles")).find((h) => !before.includes(h)),
    );
    await this.call("POST", "/window", { handle });
  }

  /** The first element matching `css`, once there is one (and its text contains `text`). */
  async find(css, text = "") {
    return eventually(async () => {
      const found = await this.call("POST", "/elements", { using: "css selector", value: css });
      for (const element of found) {
        const shown = await this.call("GET", `/element/${element[ELEMENT]}/text`).catch(() => "");
        if (shown.includes(text)) {
          return element[ELEMENT];
        }
      }
      return null;
    }, { timeout: 30000 });
  }

  async type(css, text) {
    const element = await this.find(css);
    await this.call("POST", `/element/${element}/clear`, {});
    await this.call("POST", `/element/${element}/value`, { text });
  }

  /** Keys pressed as a person presses them, on whatever has the focus (WebDriver actions). */
  async press(keys) {
    const actions = keys.flatMap((key) =>
      Array.isArray(key)
        ? [...key.map((k) => ({ type: "keyDown", value: k })), ...key.reverse().map((k) => ({ type: "keyUp", value: k }))]
        : [...key].flatMap((k) => [{ type: "keyDown", value: k }, { type: "keyUp", value: k }]),
    );
    await this.call("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.call("DELETE", "/actions");
  }

  /** A click as the user makes it (it carries the activation `permissions.request` needs). */
  async click(css, text = "") {
    await this.call("POST", `/element/${await this.find(css, text)}/click`, {});
  }

  async quit() {
    await this.call("DELETE", "").catch(() => {});
    this.driver.kill();
  }
}

let profile;
let firefox;

before(async () => {
  await sandbox.reset();
  profile = await mkdtemp(path.join(tmpdir(), "plane-inline-firefox-"));
  firefox = await Firefox.start(profile);
});

after(async () => {
  await firefox?.quit();
  await rm(profile, { recursive: true, force: true });
});

test("Firefox: the options page connects to the sandbox through its real form", async () => {
  await firefox.open(`${PAGES}/options.html`);
  const form = "section.pe-connection[data-connection='']";
  await firefox.type(`${form} input[type=url]:nth-of-type(1)`, SANDBOX);
  await firefox.type(`${form} input[type=url]:nth-of-type(2)`, SANDBOX);
  await firefox.type(`${form} input[type=text]`, WORKSPACE);
  await firefox.type(`${form} input[type=password]`, KEY);
  await firefox.click(`${form} button[type=submit]`);
  const saved = `section.pe-connection[data-connection='${ORIGIN}']`;
  await firefox.find(saved);
  await firefox.click(`${saved} button`, "Test connection");
  await firefox.find(`${saved} .pe-result[data-result='ok']`, "Connected");
});

test("Firefox: a work item page gets the panel's frame", async () => {
  await firefox.open(`${SANDBOX}/demo/browse/DEMO-1/`);
  await eventually(() => firefox.run("return document.querySelector('plane-inline-panel') !== null;"));
  const frames = await eventually(async () => {
    const urls = await firefox.run(
      `const win = Services.wm.getMostRecentWindow("navigator:browser");
       return win.gBrowser.selectedBrowser.browsingContext.getAllBrowsingContextsInSubtree()
         .map((context) => context.currentURI?.spec ?? "");`,
      [],
      "chrome",
    );
    return urls.some((url) => url.startsWith(`${PAGES}/panel.html`)) && urls;
  });
  assert.ok(frames.some((url) => url === `${PAGES}/panel.html`), JSON.stringify(frames));
});

/** Opens DEMO-`n` in the popup page and saves `text` as its Summary. */
async function saveSummary(n, text) {
  await firefox.open(`${PAGES}/popup.html`);
  await firefox.type("#pe-open-input", `DEMO-${n}`);
  await firefox.click(".pe-open button[type=submit]");
  await firefox.find(".pi-identifier", `DEMO-${n}`);
  // Summary is the first row (a single-line TEXT); its value opens its editor in place. The text
  // is selected (Ctrl+A) and replaced, and Enter saves it.
  await firefox.click(".pi-row[data-kind=text] .pi-value");
  await firefox.click(".pi-row[data-kind=text] input[type=text]");
  await firefox.press([["\uE009", "a"], text, ["\uE007"]]);
}

test("Firefox: one save through the extension is read back through the API", async () => {
  await sandbox.clearRequests();
  await saveSummary(4, "Saved from Firefox");
  await firefox.find(".pi-saved");
  const values = await eventually(async () => {
    const found = await sandbox.values("DEMO-4");
    return Object.values(found).some((v) => v[0] === "Saved from Firefox") && found;
  });
  assert.ok(values);
  assert.equal((await sandbox.count("POST", "/values/")).total, 1);
});

test("Firefox: a draft kept while Plane fails survives a browser restart and arrives once", async () => {
  await sandbox.fault({ method: "POST", path: "*/values/", count: 1000, status: 503 });
  await saveSummary(5, "Kept across a restart");
  // The draft is stored before it is sent: once Plane refused an attempt, it is kept.
  await eventually(async () => (await sandbox.count("POST", "/values/")).statuses["503"] >= 1);
  await firefox.quit();
  await sandbox.clearFaults();
  await sandbox.clearRequests();
  firefox = await Firefox.start(profile);
  await eventually(async () =>
    Object.values(await sandbox.values("DEMO-5")).some((v) => v[0] === "Kept across a restart"), { timeout: 60000 });
  const { statuses } = await sandbox.count("POST", "/values/");
  assert.equal((statuses["200"] ?? 0) + (statuses["201"] ?? 0), 1);
});

/** The worker's own entry `name` in the extension origin's IndexedDB (read from its page). */
async function stored(name) {
  return firefox.run(
    `const [name, done] = arguments;
     const opened = indexedDB.open("plane-inline-state", 1);
     opened.onsuccess = () => {
       const read = opened.result.transaction("entries").objectStore("entries").get(name);
       read.onsuccess = () => done(read.result ?? null);
       read.onerror = () => done("unreadable");
     };
     opened.onerror = () => done("unopened");`,
    [name],
    "content",
    "async",
  );
}

test("Firefox: what a content script could write to storage.local is never taken in", async () => {
  await firefox.open(`${PAGES}/popup.html`);
  // storage.local is shared with content scripts in Firefox: write what a hostile one could.
  await firefox.run(
    `const done = arguments[arguments.length - 1];
     browser.storage.local.set({
       connections: JSON.stringify([{ id: "https://app.plane.so", api_base: "https://collector.example", app_base: "https://app.plane.so", workspace: "demo" }]),
       drafts: JSON.stringify([{ draft: { id: "forged", edit: { workspace: "demo", project_id: "p", work_item_id: "w", property_id: "x", value: "owned" }, property: "x", work_item: "x", created_ms: 0, attempts: 0, last_problem: null }, connection: "https://app.plane.so", property: { id: "x", display_name: "x", property_type: "TEXT" } }]),
     }).then(() => done(true), (error) => done(String(error)));`,
    [],
    "content",
    "async",
  );
  await sandbox.clearRequests();
  // A new browser, so a new worker reads storage anew.
  await firefox.quit();
  firefox = await Firefox.start(profile);
  await firefox.open(`${PAGES}/options.html`);
  await firefox.find(`section.pe-connection[data-connection='${ORIGIN}']`);
  const connections = await stored("connections");
  assert.ok(connections?.includes(ORIGIN), connections);
  assert.equal(connections.includes("collector.example"), false);
  assert.equal((await stored("drafts") ?? "").includes("forged"), false);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal((await sandbox.count("POST", "/values/")).total, 0);
});
