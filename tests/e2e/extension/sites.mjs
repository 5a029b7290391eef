// Stand-in web sites where people meet Plane work items outside Plane: a pull request, a chat log
// and a long document, served from a loopback origin of their own (127.0.0.2, which the test
// build of the extension has no access to until the popup asks for it). Their links point at the
// sandbox's stand-in Plane app. Also the steps the references tests and the benchmark share:
// enabling a site through the real popup, finding a card, hovering text, and the page's DOM.
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGES = path.join(HERE, "..", "sites");
/** The host the stand-in sites are served on. */
export const SITE_HOST = "127.0.0.2";

/** Strings that look like identifiers but name no project of the workspace, or are not read as
 * identifiers at all; hovering any of them must open no card. */
export const LOOK_ALIKES = [
  "UTF-8", "ISO-9001", "SHA-256", "COVID-19", "RFC-2616", "X-1", "A4-210",
  "DEMO-0", "DEMO-01", "xDEMO-4", "DEMO-4a", "demo-4", "DEMO-4-2", "DEMO-4.1", "v2.DEMO-4",
  "DEMO-1234567890", "/DEMO-3", "OPSX-2", "ДЕМО-5", "ＤＥＭＯ-5", "DEMO_4", "DEMO–4",
];

/** The long document: `paragraphs` paragraphs of eight text nodes each (with the line breaks
 * between them), so about 10,000 text nodes, with references at its start and end. */
export function longDocument(app, paragraphs = 1250) {
  const parts = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 100 === 0) {
      parts.push(`<h2>Section ${i / 100 + 1}</h2>`);
    }
    parts.push(
      `<p>Paragraph ${i}: the rollout plan keeps <em>step ${i}</em> behind a flag, ` +
        `<code>retry_${i % 7}</code> stays at three attempts, <strong>owner</strong> signs off.</p>`,
    );
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rollout plan</title>
<style>body{font:15px/1.5 Georgia,serif;max-width:720px;margin:2rem auto;padding:0 1rem}</style></head>
<body><h1>Rollout plan</h1>
<p id="lead">Tracked in DEMO-42 and <a id="lead-link" href="${app}/demo/browse/DEMO-43/">the follow-up</a>.</p>
${parts.join("\n")}
<p id="last">Sign-off is recorded on DEMO-44.</p>
</body></html>`;
}

/** Serves the stand-in sites (on 127.0.0.2 and a free port unless told otherwise); `app` is the
 * Plane app their links point at. */
export async function serveSites(app, { host = SITE_HOST, port = 0 } = {}) {
  const files = {
    "/pull-request": "pull-request.html",
    "/chat": "chat.html",
  };
  const server = http.createServer(async (request, response) => {
    const route = new URL(request.url, "http://x").pathname;
    try {
      let body;
      if (route === "/document") {
        body = longDocument(app);
      } else if (files[route]) {
        const text = await readFile(path.join(PAGES, files[route]), "utf8");
        body = text
          .replaceAll("{{app}}", app)
          .replace("{{look_alikes}}", LOOK_ALIKES.map((s, i) => `<li data-look-alike="${i}">${s}</li>`).join("\n"));
      } else {
        response.writeHead(404).end("not found");
        return;
      }
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(body);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const origin = `http://${host}:${server.address().port}`;
  const close = () =>
    new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections(); // a browser's keep-alive connections would hold it open
    });
  return { origin, pattern: `http://${host}/*`, close };
}

/** The port of the browser's DevTools endpoint (Chromium started with --remote-debugging-port=0). */
async function devtoolsPort(dir) {
  for (let i = 0; i < 50; i++) {
    try {
      return (await readFile(path.join(dir, "DevToolsActivePort"), "utf8")).split("\n")[0];
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("DevToolsActivePort did not appear");
}

/**
 * Enables references on `page`'s site through the real toolbar popup: the popup is opened with
 * `action.openPopup()` while the page's tab is active, and its "Enable on this site" clicked.
 * With `screenshot`, the popup is saved there as it offers the button.
 * The browser's permission prompt cannot be answered by automation, so the site's access is
 * first allowed in the browser's own site-access control (chrome://extensions), which is what a
 * user's "Allow" records; the popup's `permissions.request` then finds it allowed.
 */
export async function enableThroughPopup(browser, dir, page, pattern, { screenshot } = {}) {
  const extensions = await browser.context.newPage();
  await extensions.goto("chrome://extensions");
  await extensions.evaluate(([id, host]) => chrome.developerPrivate.addHostPermission(id, host), [browser.id, pattern]);
  await extensions.close();
  await page.bringToFront();
  const cdp = await puppeteer.connect({ browserURL: `http://127.0.0.1:${await devtoolsPort(dir)}`, defaultViewport: null });
  try {
    const opened = await browser.worker.evaluate(() => chrome.action.openPopup().then(() => "ok", (e) => e.message));
    if (opened !== "ok") {
      throw new Error(`the popup did not open: ${opened}`);
    }
    const target = await cdp.waitForTarget((t) => t.url().endsWith("/popup.html"), { timeout: 10000 });
    const popup = await target.asPage();
    await popup.waitForSelector(".pe-site[data-enabled='false'] button", { timeout: 10000 });
    const offered = await popup.$eval(".pe-site button", (b) => b.textContent);
    if (screenshot) {
      await popup.screenshot({ path: screenshot });
    }
    // A click in the page (with a user gesture), without moving focus away from the popup.
    await popup.$eval(".pe-site button", (b) => b.click());
    await popup.waitForSelector(".pe-site[data-enabled='true']", { timeout: 10000 });
    const line = await popup.$eval(".pe-site .pe-note", (p) => p.textContent);
    await popup.close().catch(() => {});
    return { offered, line };
  } finally {
    cdp.disconnect();
  }
}

/** The card's panel frame in `page`, once it shows `identifier` (or throws after 15 s). */
export async function cardFrame(page, id, identifier) {
  const prefix = `chrome-extension://${id}/panel.html?card`;
  const end = Date.now() + 15000;
  while (Date.now() < end) {
    const frame = page.frames().find((f) => f.url().startsWith(prefix));
    if (frame) {
      await frame.locator(".pi-identifier", { hasText: new RegExp(`^${identifier}$`) }).waitFor({ timeout: Math.max(1, end - Date.now()) });
      return frame;
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`no card for ${identifier}`);
}

/** Whether a card is open in `page`. */
export function hasCard(page, id) {
  return page.frames().some((f) => f.url().startsWith(`chrome-extension://${id}/panel.html?card`));
}

/** The viewport rectangle of the first occurrence of `text` in the element `selector`. */
export function textRect(page, selector, text) {
  return page.evaluate(
    ([selector, text]) => {
      const root = document.querySelector(selector);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(text);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
      return null;
    },
    [selector, text],
  );
}

/** Moves the pointer onto `text` inside `selector` (scrolled into view first). */
export async function hoverText(page, selector, text) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const r = await textRect(page, selector, text);
  if (!r) {
    throw new Error(`${text} is not in ${selector}`);
  }
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2, { steps: 2 });
  return r;
}

/** Moves the pointer to an empty corner, away from every reference and card. */
export async function pointerAway(page) {
  await page.mouse.move(2, 2, { steps: 2 });
}

/** The page's whole DOM as markup. */
export function dom(page) {
  return page.evaluate(() => document.documentElement.outerHTML);
}

/** The references script's own scan figures, asked through the service worker. */
export async function scanStats(worker, url) {
  return worker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    return tab ? chrome.tabs.sendMessage(tab.id, { type: "scan_stats" }, { frameId: 0 }) : null;
  }, url);
}
