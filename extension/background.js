// Plane Inline's service worker (Firefox: background script). A Manifest V3 worker must register
// its listeners in the first turn of the script, so this file does that and nothing else: every
// event waits for the Rust worker (plane-inline-worker) to load its state, then goes to it.
import init, * as worker from "./worker/plane_inline_worker.js";

const api = globalThis.browser ?? globalThis.chrome;

const ready = init().then(() => worker.start());
ready.catch((error) => console.error("Plane Inline could not start:", error?.message ?? String(error)));

// Pages of this extension (panel, popup, options). Messages that arrive before the worker is
// ready are kept and handed over with the port.
api.runtime.onConnect.addListener((port) => {
  const early = [];
  const keep = (message) => early.push(message);
  port.onMessage.addListener(keep);
  ready.then(() => {
    port.onMessage.removeListener(keep);
    worker.connect(port, early);
  });
});

// The content script's reports (page changed, panel collapsed); answered asynchronously.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => worker.message(message, sender))
    .then(sendResponse, () => sendResponse(undefined));
  return true;
});

// A tab closed, or began loading another document: what it showed is forgotten, so that a page
// that comes next is never answered with the last page's panel.
api.tabs.onRemoved.addListener((tabId) => ready.then(() => worker.tabGone(tabId)));
api.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === "loading") {
    ready.then(() => worker.tabGone(tabId));
  }
});

// A self-hosted origin granted or revoked: register or unregister the content script there.
api.permissions.onAdded.addListener(() => ready.then(() => worker.permissionsChanged()));
api.permissions.onRemoved.addListener(() => ready.then(() => worker.permissionsChanged()));

// Browser start-up and installation wake the worker, which then sends pending drafts. A first
// installation opens the options page, where the first run starts.
api.runtime.onStartup.addListener(() => ready);
api.runtime.onInstalled.addListener((details) => {
  if (details?.reason === "install") {
    api.runtime.openOptionsPage().catch(() => {});
  }
  return ready;
});

// The keyboard shortcut: on a Plane page it opens and focuses the panel; on a site with references
// it opens the card of the focused work item link.
api.commands.onCommand.addListener((command, tab) => {
  if (command === "focus-panel" && tab?.id !== undefined) {
    api.tabs.sendMessage(tab.id, { type: "focus" }).catch(() => {});
  }
});
