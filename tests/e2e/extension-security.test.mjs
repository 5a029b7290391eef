// What a Plane page's own scripts (or a compromised content script) can do: nothing that reads
// the key or makes the extension call Plane. They can postMessage to any frame, read the DOM,
// try the extension messaging APIs, and (in the content script's world) forge its messages,
// open the panel's port and read extension storage.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { KEY, SANDBOX, connected, disconnect, openWorkItem, panelFrame, sandbox } from "./extension/harness.mjs";

let browser;
let panel;

before(async () => {
  browser = await connected();
  panel = await openWorkItem(browser.context, browser.id, "/demo/browse/DEMO-12/", "DEMO-12");
});

after(async () => {
  await disconnect(browser);
});

beforeEach(async () => {
  await sandbox.clearRequests();
});

/** Requests that reached the sandbox's API (test controls are not counted). */
async function apiRequests() {
  return (await sandbox.requests()).total;
}

test("the page's scripts see a closed shadow root, a cross-origin frame and no key", async () => {
  const seen = await panel.page.evaluate(() => {
    const host = document.querySelector("plane-inline-panel");
    let frameDocument = "unreadable";
    try {
      frameDocument = host?.querySelector("iframe")?.contentDocument ? "readable" : "unreadable";
    } catch {
      frameDocument = "unreadable";
    }
    return {
      host: Boolean(host),
      shadowRoot: host?.shadowRoot ?? null,
      frameDocument,
      html: document.documentElement.outerHTML,
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    };
  });
  assert.equal(seen.host, true);
  assert.equal(seen.shadowRoot, null);
  assert.equal(seen.frameDocument, "unreadable");
  assert.equal(seen.html.includes(KEY), false);
  assert.equal(seen.storage.includes(KEY), false);
});

test("messages posted to the panel's frame are ignored", async () => {
  // A frame in a shadow tree is not among window.frames; the page reaches it only if it finds
  // it some other way, so the messages go to every window the page can name.
  assert.equal(await panel.page.evaluate(() => window.length), 0);
  await panel.page.evaluate((sandboxUrl) => {
    const targets = [window, ...Array.from({ length: window.length }, (_, i) => window.frames[i])];
    const edit = { workspace: "demo", project_id: "x", work_item_id: "y", property_id: "z", value: "owned" };
    for (const message of [
      { type: "page", peek: `${sandboxUrl}/demo/browse/DEMO-1/` },
      JSON.stringify({ type: "write", id: 1, edit }),
      JSON.stringify({ type: "load", id: 2, target: { workspace: "demo", item: { by: "identifier", identifier: "DEMO-1" } } }),
    ]) {
      for (const target of targets) {
        target.postMessage(message, "*");
      }
    }
  }, SANDBOX);
  await panel.page.waitForTimeout(1500);
  assert.equal(await panel.frame.locator(".pi-identifier").innerText(), "DEMO-12");
  assert.equal(await apiRequests(), 0);
});

test("the page cannot reach the extension through its messaging APIs", async () => {
  const outcome = await panel.page.evaluate(async (id) => {
    const runtime = globalThis.chrome?.runtime;
    if (!runtime?.sendMessage) {
      return "no runtime";
    }
    try {
      await runtime.sendMessage(id, { type: "page", peek: null });
      return "sent";
    } catch (error) {
      return `refused: ${error.message}`;
    }
  }, browser.id);
  assert.match(outcome, /^(no runtime|refused: )/);
  assert.equal(await apiRequests(), 0);
});

/** Evaluates `expression` in the content script's isolated world (DevTools protocol). */
async function inContentScript(page, expression) {
  const cdp = await browser.context.newCDPSession(page);
  const contexts = [];
  cdp.on("Runtime.executionContextCreated", ({ context }) => contexts.push(context));
  await cdp.send("Runtime.enable");
  await page.waitForTimeout(300);
  const world = contexts.find((c) => c.auxData?.type === "isolated" && c.name === "Plane Inline" && c.auxData?.isDefault === false);
  assert.ok(world, "the content script's world");
  const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  assert.equal(exceptionDetails, undefined, JSON.stringify(exceptionDetails));
  return result.value;
}

test("the content script's world cannot read the key from storage", async () => {
  const read = await inContentScript(panel.page, `
    chrome.storage.local.get(null).then((all) => "read: " + JSON.stringify(all), (error) => "refused: " + error.message)
  `);
  assert.equal(read, "refused: Access to storage is not allowed from this context.");
});

test("a forged message or port from the content script's world makes no request", async () => {
  const outcome = await inContentScript(panel.page, `
    (async () => {
      const reply = await chrome.runtime.sendMessage({ type: "page", peek: "https://evil.example/demo/browse/DEMO-1/" });
      const port = chrome.runtime.connect({ name: "plane-inline:panel" });
      const closed = new Promise((resolve) => port.onDisconnect.addListener(() => resolve("disconnected")));
      try {
        port.postMessage(JSON.stringify({ type: "write", id: 1, edit: { workspace: "demo", project_id: "p", work_item_id: "w", property_id: "x", value: "owned" } }));
      } catch (error) {
        return { reply, port: "closed: " + error.message };
      }
      return { reply, port: await Promise.race([closed, new Promise((r) => setTimeout(() => r("open"), 2000))]) };
    })()
  `);
  // The peek of another origin does not count: the page's own work item stands.
  assert.deepEqual(outcome.reply, { show: true, collapsed: false });
  assert.equal(outcome.port, "disconnected");
  await panel.page.waitForTimeout(500);
  assert.equal(await panel.frame.locator(".pi-identifier").innerText(), "DEMO-12");
  assert.equal(await apiRequests(), 0);
});

test("a request of the wrong shape from the extension's own page is refused, with nothing sent", async () => {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.id}/popup.html`);
  const reply = await popup.evaluate(
    () =>
      new Promise((resolve) => {
        const port = chrome.runtime.connect({ name: "plane-inline:panel" });
        port.onMessage.addListener((message) => {
          const parsed = JSON.parse(message);
          if (parsed.type === "refused") {
            resolve(parsed);
          }
        });
        port.postMessage(JSON.stringify({ type: "write", id: 7, edit: { value: "no ids" } }));
      }),
  );
  assert.equal(reply.id, 7);
  assert.equal(reply.problem.problem, "bad_message");
  assert.match(reply.problem.detail, /^missing field `workspace`/);
  assert.equal(await apiRequests(), 0);
  await popup.close();
});

test("a panel framed in a page may read and edit only its own work item: no drafts, no sites, no other item", async () => {
  const replies = await panel.frame.evaluate(async () => {
    const port = chrome.runtime.connect({ name: "plane-inline:panel" });
    const answers = new Map();
    port.onMessage.addListener((text) => {
      const message = JSON.parse(text);
      if (message.id !== undefined && message.type !== "stage") {
        answers.set(message.id, message);
      }
    });
    const ask = (request) =>
      new Promise((resolve) => {
        port.postMessage(JSON.stringify(request));
        const wait = () => (answers.has(request.id) ? resolve(answers.get(request.id)) : setTimeout(wait, 50));
        wait();
      });
    const other = { workspace: "demo", item: { by: "identifier", identifier: "DEMO-1" } };
    return [
      await ask({ type: "drafts", id: 1 }),
      await ask({ type: "enable_site", id: 2, tab: 1, url: "https://evil.example/" }),
      await ask({ type: "load", id: 3, target: other }),
      await ask({ type: "write", id: 4, edit: { workspace: "demo", project_id: "p", work_item_id: "w", property_id: "x", value: "owned" } }),
    ];
  });
  for (const reply of replies) {
    assert.equal(reply.type, "refused", JSON.stringify(reply));
    assert.equal(reply.problem.detail, "a panel in a page may only read and edit its own work item");
  }
  assert.equal(await apiRequests(), 0);
});

test("a tab that leaves a Plane page for another site cannot frame the panel and get that work item", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${SANDBOX}/demo/browse/DEMO-1/`);
  const frame = await panelFrame(page, browser.id);
  await frame.locator(".pi-identifier", { hasText: "DEMO-1" }).waitFor();
  // The same tab goes to a hostile site, which frames the extension's panel page (web-accessible
  // so that Plane pages can frame it) to have the user click in it.
  const hostile = "http://hostile.test/";
  await page.route(`${hostile}**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Hostile</title><iframe id="f" src="chrome-extension://${browser.id}/panel.html" width="400" height="600"></iframe>`,
    }),
  );
  await sandbox.clearRequests();
  await page.goto(hostile);
  const framed = page.frameLocator("#f");
  // The worker answers the frame from what the browser says the tab shows now: no work item.
  await framed.locator(".pi-empty-state").first().waitFor();
  await page.waitForTimeout(1500);
  assert.equal(await framed.locator(".pi-identifier").count(), 0);
  assert.equal(await framed.locator(".pi-row").count(), 0);
  assert.equal(await apiRequests(), 0);
  await page.close();
});
