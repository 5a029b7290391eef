// Plane Inline's content script: plain JavaScript, no WebAssembly, no key. On Plane's work item
// pages it adds a host element with a closed shadow root holding an iframe of the extension's
// panel.html, in a narrow column at the right edge (the page is narrowed by the same width so
// that the column covers none of Plane's own controls), collapsible to a small tab.
//
// It tells the service worker when the page changes (History API navigations, peek overlays),
// sending only the peek overlay's link: the worker takes the page's own address from the
// message's sender, which the browser fills in, and tells the panel which work item to show.
// The panel never takes its work item from the page: page scripts can postMessage to any frame.
(() => {
  "use strict";
  const api = globalThis.browser ?? globalThis.chrome;
  if (window.top !== window || globalThis.planeInlineContentScript) {
    return;
  }
  globalThis.planeInlineContentScript = true;

  const WIDTH = 340;
  const TAB = { width: 36, height: 112 };
  let host = null;
  let frame = null;
  let toggle = null;
  let collapsed = false;
  let lastState = null;
  let marginBefore = null;

  // The one place that reads Plane's DOM: the link of an open peek overview. On desktop Plane
  // opens a work item over a list without changing the address, rendering the overview into its
  // portal element #full-screen-portal, with a header link to the item's page: /{slug}/browse/
  // {PROJ-N}/ for work items and epics, /{slug}/projects/{p}/archives/issues/{id} when archived
  // (makeplane/plane: apps/web/core/components/issues/peek-overview/view.tsx and header.tsx,
  // generateWorkItemLink in packages/utils/src/work-item/base.ts). Returns null when none is
  // open or the page looks different, and the page's own address then stands. The worker checks
  // the link again (same origin, a work item page) before it counts.
  const WORK_ITEM_PAGE = /\/(browse\/[^/]+-\d+|projects\/[^/]+\/archives\/issues\/[^/]+)\/?$/;
  function peekLink() {
    const portal = document.getElementById("full-screen-portal");
    for (const link of portal?.querySelectorAll("a[href]") ?? []) {
      if (link instanceof HTMLAnchorElement && WORK_ITEM_PAGE.test(link.pathname)) {
        return link.href;
      }
    }
    return null;
  }

  function setImportant(element, styles) {
    for (const [name, value] of Object.entries(styles)) {
      element.style.setProperty(name, value, "important");
    }
  }

  function layout() {
    if (!host) {
      return;
    }
    const common = {
      all: "initial",
      position: "fixed",
      "z-index": "2147483646",
      right: "0",
      display: "block",
      "box-sizing": "border-box",
    };
    if (collapsed) {
      setImportant(host, { ...common, top: "40vh", width: `${TAB.width}px`, height: `${TAB.height}px` });
    } else {
      setImportant(host, { ...common, top: "0", width: `${WIDTH}px`, height: "100vh" });
    }
    frame.hidden = collapsed;
    toggle.textContent = collapsed ? "◀" : "▶";
    toggle.setAttribute("aria-label", collapsed ? "Show the Plane Inline panel" : "Hide the Plane Inline panel");
    toggle.setAttribute("aria-expanded", String(!collapsed));
    reserve(!collapsed);
  }

  // Narrows the page by the panel's width while the panel is open.
  function reserve(on) {
    const root = document.documentElement;
    if (on && marginBefore === null) {
      marginBefore = root.style.getPropertyValue("margin-right");
      root.style.setProperty("margin-right", `${WIDTH}px`, "important");
    } else if (!on && marginBefore !== null) {
      root.style.setProperty("margin-right", marginBefore);
      marginBefore = null;
    }
  }

  function mount() {
    if (host) {
      return;
    }
    host = document.createElement("plane-inline-panel");
    const root = host.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = `
      :host { all: initial; }
      .column { position: absolute; inset: 0; display: flex; background: Canvas; color-scheme: light dark;
        border-left: 1px solid #8c959f; box-shadow: -2px 0 8px rgba(0,0,0,.12); }
      iframe { flex: 1; border: 0; width: 100%; height: 100%; background: transparent; }
      button { all: unset; box-sizing: border-box; width: 36px; cursor: pointer; text-align: center;
        font: 14px system-ui, sans-serif; color: CanvasText; background: Canvas; border-right: 1px solid #8c959f; }
      button:focus-visible { outline: 3px solid #3b82f6; outline-offset: -3px; }
      @media (prefers-reduced-motion: no-preference) { .column { transition: width .15s; } }`;
    const column = document.createElement("div");
    column.className = "column";
    toggle = document.createElement("button");
    toggle.type = "button";
    toggle.addEventListener("click", () => setCollapsed(!collapsed, true));
    frame = document.createElement("iframe");
    frame.title = "Plane Inline: work item properties";
    frame.src = api.runtime.getURL("panel.html");
    column.append(toggle, frame);
    root.append(style, column);
    document.documentElement.append(host);
    // Puts the host's styles back if the page changes them (taking the records of our own
    // change, so that it does not call itself again).
    const guard = new MutationObserver(() => {
      if (host && !host.isConnected) {
        unmount();
      } else {
        layout();
        guard.takeRecords();
      }
    });
    guard.observe(host, { attributes: true });
    layout();
    guard.takeRecords();
  }

  function unmount() {
    reserve(false);
    host?.remove();
    host = frame = toggle = null;
  }

  function setCollapsed(value, tell) {
    collapsed = value;
    layout();
    if (tell) {
      send({ type: "collapsed", collapsed: value });
    }
  }

  function apply(reply) {
    if (!reply) {
      return;
    }
    collapsed = Boolean(reply.collapsed);
    if (reply.show) {
      mount();
      layout();
    } else {
      unmount();
    }
  }

  function send(message) {
    try {
      api.runtime.sendMessage(message).then(apply, () => {});
    } catch {
      // The extension was reloaded or removed: this script is orphaned.
      unmount();
      stop();
    }
  }

  function check() {
    const peek = peekLink();
    const state = `${location.href}\n${peek ?? ""}`;
    if (state !== lastState) {
      lastState = state;
      send({ type: "page", peek });
    }
  }

  // Page changes: DOM mutations (debounced), History API traversal, the Navigation API where
  // the browser has it, and a slow poll as the fallback for anything else.
  let pending = 0;
  const observer = new MutationObserver(() => {
    if (!pending) {
      pending = setTimeout(() => {
        pending = 0;
        check();
      }, 150);
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  addEventListener("popstate", check);
  addEventListener("hashchange", check);
  globalThis.navigation?.addEventListener?.("navigatesuccess", check);
  const poll = setInterval(check, 1000);
  function stop() {
    observer.disconnect();
    clearInterval(poll);
  }

  // The keyboard shortcut (sent by the service worker only).
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id || message?.type !== "focus" || !host) {
      return;
    }
    setCollapsed(false, true);
    frame.focus();
  });

  check();
})();
