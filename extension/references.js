// Plane Inline's references script: plain JavaScript, no WebAssembly, no key. It runs only on
// sites the user enabled from the popup, and only in the top frame. It finds the work item
// references there (links to a configured Plane app, and plain-text identifiers such as WEB-123
// whose WEB is a project of the connection's workspace) and, when the pointer rests on one or
// the shortcut is pressed on a focused link, shows a card beside it: the extension's panel in an
// iframe inside a closed shadow root.
//
// The page is left as it is. Nothing is wrapped, marked or rewritten: the text is read in small
// slices when the browser is idle (and again where the page adds nodes), the reference under the
// pointer is found from the caret position when needed, and the card's host element is the only
// node ever added, removed again when the card closes.
//
// The script never says which work item a card shows: it sends the worker the reference, and the
// worker tells the card's panel. Page scripts cannot reach either side of that.
(() => {
  "use strict";
  const api = globalThis.browser ?? globalThis.chrome;
  if (window.top !== window || globalThis.planeInlineReferences) {
    return;
  }
  globalThis.planeInlineReferences = true;

  /** How long the pointer rests on a reference before its card opens. */
  const HOVER_MS = 350;
  /** How long the card stays after the pointer leaves it and its reference. */
  const LEAVE_MS = 300;
  /** The longest slice of scanning, in milliseconds of main-thread time. */
  const SLICE_MS = 8;
  /** Text nodes read between two looks at the clock. */
  const BATCH = 64;
  /** The card's size and its distance from the reference and the viewport's edges. */
  const CARD = { width: 380, height: 460, gap: 6, margin: 8, least: 160 };
  /**
   * Most prefixes asked about per page, and the plain-text identifier pattern: both handed over
   * by the worker in its answer to `hello` (written once, in Rust, beside core's identifier
   * grammar: `messages::reference::identifier_pattern`).
   */
  let MAX_PREFIXES = 0;
  let IDENTIFIER = /$^/gu;
  /** Elements whose text is not prose. */
  const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "OPTION"]);

  /** Set once references are off here (access taken back, or the extension gone). */
  let stopped = false;
  let apps = new Set();
  const asked = new Set();
  const known = new Set();
  let pending = new Set();
  /** The scan's own cost (read by the tests and the benchmark through the worker). */
  const stats = { nodes: 0, slices: 0, totalMs: 0, longestMs: 0, firstAt: null, lastAt: null, done: false };

  function send(message) {
    try {
      return api.runtime.sendMessage(message).catch(() => null);
    } catch {
      // The extension was reloaded or removed: this script is orphaned.
      stop();
      return Promise.resolve(null);
    }
  }

  // ---- Scanning: text nodes in idle slices, for the identifier prefixes on the page ----

  const roots = [];
  let walker = null;
  let scheduled = false;
  const idle = globalThis.requestIdleCallback
    ? (run) => requestIdleCallback(run, { timeout: 1000 })
    : (run) => setTimeout(() => run(null), 16);

  function schedule() {
    if (!scheduled && !stopped) {
      scheduled = true;
      idle(slice);
    }
  }

  function read(node) {
    stats.nodes += 1;
    const text = node.data;
    if (text.length < 3 || text.indexOf("-") < 0 || SKIPPED.has(node.parentNode?.nodeName)) {
      return;
    }
    IDENTIFIER.lastIndex = 0;
    for (let match = IDENTIFIER.exec(text); match; match = IDENTIFIER.exec(text)) {
      const prefix = match[1];
      if (!asked.has(prefix) && asked.size + pending.size < MAX_PREFIXES) {
        pending.add(prefix);
      }
    }
  }

  function slice(deadline) {
    scheduled = false;
    const start = performance.now();
    const budget = deadline ? Math.min(SLICE_MS, Math.max(1, deadline.timeRemaining())) : SLICE_MS;
    while (performance.now() - start < budget) {
      if (!walker) {
        const root = roots.shift();
        if (!root) {
          break;
        }
        if (root === host || !root.isConnected) {
          continue;
        }
        if (root.nodeType === Node.TEXT_NODE) {
          read(root);
          continue;
        }
        walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      }
      for (let i = 0; i < BATCH; i++) {
        const node = walker.nextNode();
        if (!node) {
          walker = null;
          break;
        }
        read(node);
      }
    }
    const spent = performance.now() - start;
    stats.firstAt ??= start;
    stats.lastAt = start + spent;
    stats.slices += 1;
    stats.totalMs += spent;
    stats.longestMs = Math.max(stats.longestMs, spent);
    if (walker || roots.length) {
      schedule();
    } else {
      stats.done = true;
      ask();
    }
  }

  // Asks the worker which of the prefixes found are projects (one message per scan).
  async function ask() {
    if (!pending.size) {
      return;
    }
    const prefixes = [...pending];
    pending = new Set();
    prefixes.forEach((p) => asked.add(p));
    const reply = await send({ type: "projects", prefixes });
    if (disabled(reply)) {
      return;
    }
    if (reply?.type === "projects" && Array.isArray(reply.known)) {
      reply.known.forEach((p) => known.add(p));
    }
  }

  const additions = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "characterData") {
        roots.push(record.target);
      } else {
        for (const node of record.addedNodes) {
          if (node !== host && (node.nodeType === Node.ELEMENT_NODE || node.nodeType === Node.TEXT_NODE)) {
            roots.push(node);
          }
        }
      }
    }
    if (card && !card.ref.alive()) {
      close(false);
    }
    if (roots.length) {
      stats.done = false;
      schedule();
    }
  });

  // ---- Finding the reference under the pointer or in focus ----

  function linkReference(element) {
    const link = element?.closest?.("a[href]");
    if (!(link instanceof HTMLAnchorElement)) {
      return null;
    }
    let origin;
    try {
      origin = new URL(link.href).origin;
    } catch {
      return null;
    }
    if (!apps.has(origin)) {
      return null;
    }
    return {
      message: { kind: "link", href: link.href },
      element: link,
      same: (other) => other?.element === link,
      rect: () => link.getBoundingClientRect(),
      alive: () => link.isConnected,
    };
  }

  function caretAt(x, y) {
    if (document.caretPositionFromPoint) {
      const position = document.caretPositionFromPoint(x, y);
      return position && { node: position.offsetNode, offset: position.offset };
    }
    const range = document.caretRangeFromPoint?.(x, y);
    return range && { node: range.startContainer, offset: range.startOffset };
  }

  function textReference(x, y, target) {
    if (!known.size || target?.isContentEditable || target instanceof HTMLInputElement) {
      return null;
    }
    const caret = caretAt(x, y);
    const node = caret?.node;
    if (!node || node.nodeType !== Node.TEXT_NODE || SKIPPED.has(node.parentNode?.nodeName)) {
      return null;
    }
    const text = node.data;
    IDENTIFIER.lastIndex = 0;
    for (let match = IDENTIFIER.exec(text); match; match = IDENTIFIER.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (caret.offset < start || caret.offset > end || !known.has(match[1])) {
        continue;
      }
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      // The caret is the nearest one, also beside the text: the pointer must be on the text.
      const on = [...range.getClientRects()].some(
        (r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1,
      );
      if (!on) {
        return null;
      }
      const written = match[0];
      return {
        message: { kind: "identifier", text: written },
        node,
        start,
        same: (other) => other?.node === node && other.start === start,
        rect: () => range.getBoundingClientRect(),
        alive: () => node.isConnected && node.data.slice(start, end) === written,
      };
    }
    return null;
  }

  // ---- The card ----

  let host = null;
  let frame = null;
  let card = null; // { ref, keyboard }
  let hovered = null;
  let overCard = false;
  let hoverTimer = 0;
  let leaveTimer = 0;
  let opening = 0;

  function setImportant(element, styles) {
    for (const [name, value] of Object.entries(styles)) {
      element.style.setProperty(name, value, "important");
    }
  }

  function mount() {
    if (host) {
      return;
    }
    host = document.createElement("plane-inline-card");
    const root = host.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = `
      :host { all: initial; }
      .card { position: absolute; inset: 0; display: flex; background: Canvas; color-scheme: light dark;
        border: 1px solid #8c959f; border-radius: 8px; overflow: hidden;
        box-shadow: 0 8px 24px rgba(0,0,0,.18), 0 2px 6px rgba(0,0,0,.12); }
      iframe { flex: 1; border: 0; width: 100%; height: 100%; background: transparent; }`;
    const box = document.createElement("div");
    box.className = "card";
    frame = document.createElement("iframe");
    frame.title = "Plane Inline: work item properties";
    frame.src = api.runtime.getURL("panel.html?card");
    box.append(frame);
    root.append(style, box);
    host.addEventListener("pointerenter", (event) => {
      if (event.isTrusted) {
        overCard = true;
        clearTimeout(leaveTimer);
      }
    });
    host.addEventListener("pointerleave", (event) => {
      if (event.isTrusted) {
        overCard = false;
        leave();
      }
    });
    document.documentElement.append(host);
    addEventListener("scroll", follow, { capture: true, passive: true });
    addEventListener("resize", follow, { passive: true });
  }

  // Puts the card beside its reference, below it when there is room, else above it, and
  // never over it.
  function place() {
    if (!card || !host) {
      return;
    }
    if (!card.ref.alive()) {
      close(false);
      return;
    }
    const r = card.ref.rect();
    const width = Math.min(CARD.width, innerWidth - 2 * CARD.margin);
    const below = innerHeight - r.bottom - CARD.gap - CARD.margin;
    const above = r.top - CARD.gap - CARD.margin;
    let top;
    let height;
    if (below >= Math.min(CARD.height, CARD.least) || below >= above) {
      height = Math.max(0, Math.min(CARD.height, below));
      top = r.bottom + CARD.gap;
    } else {
      height = Math.max(0, Math.min(CARD.height, above));
      top = r.top - CARD.gap - height;
    }
    const left = Math.max(CARD.margin, Math.min(r.left, innerWidth - width - CARD.margin));
    setImportant(host, {
      all: "initial",
      position: "fixed",
      "z-index": "2147483646",
      display: "block",
      "box-sizing": "border-box",
      top: `${top}px`,
      left: `${left}px`,
      width: `${width}px`,
      height: `${height}px`,
    });
  }

  let following = false;
  function follow() {
    if (!following) {
      following = true;
      requestAnimationFrame(() => {
        following = false;
        place();
      });
    }
  }

  async function open(ref, keyboard) {
    const attempt = ++opening;
    const reply = await send({ type: "card", reference: ref.message });
    if (disabled(reply)) {
      return;
    }
    if (attempt !== opening) {
      return; // another reference asked meanwhile
    }
    const wanted = keyboard || (ref.same(hovered) && !overCard);
    if (reply?.type !== "card" || !reply.shown || !wanted) {
      if (reply?.shown) {
        // The worker moved the card to this reference; put it back, or say none is open.
        send(card ? { type: "card", reference: card.ref.message } : { type: "card_closed" });
      }
      return;
    }
    card = { ref, keyboard };
    const reused = Boolean(host);
    mount();
    place();
    if (keyboard) {
      // Focus goes into the panel's document once it has loaded (the frame changes process
      // when it navigates to the extension's page), so that Tab moves through its fields.
      const enter = () => {
        if (card?.keyboard) {
          frame?.focus();
          frame?.contentWindow?.focus();
        }
      };
      frame.focus();
      if (reused) {
        enter();
      } else {
        frame.addEventListener("load", enter, { once: true });
      }
    }
  }

  function close(restore) {
    if (!card && !host) {
      return;
    }
    const ref = card?.ref;
    const hadFocus = document.activeElement === host;
    removeEventListener("scroll", follow, { capture: true });
    removeEventListener("resize", follow);
    host?.remove();
    host = frame = card = null;
    overCard = false;
    opening += 1;
    clearTimeout(leaveTimer);
    send({ type: "card_closed" });
    if (restore || hadFocus) {
      ref?.element?.focus();
    }
  }

  function leave() {
    clearTimeout(leaveTimer);
    if (!card) {
      return;
    }
    leaveTimer = setTimeout(() => {
      // Over the card's frame the page sees no pointer events, but the host is :hover.
      const onCard = overCard || host?.matches(":hover");
      if (card && !onCard && !card.ref.same(hovered) && document.activeElement !== host) {
        close(false);
      }
    }, LEAVE_MS);
  }

  // ---- Pointer, keyboard and the worker ----

  let pointer = null;
  let probing = false;
  // Only the user's own input counts: a page can dispatch pointer and key events of its own to
  // open cards, move them under a click or spend the rate limit, and those are not trusted.
  function onPointerMove(event) {
    if (!event.isTrusted || event.pointerType === "touch") {
      return;
    }
    pointer = { x: event.clientX, y: event.clientY, target: event.target };
    if (!probing) {
      probing = true;
      requestAnimationFrame(probe);
    }
  }

  function probe() {
    probing = false;
    if (!pointer || pointer.target === host) {
      return;
    }
    const found = linkReference(pointer.target) ?? textReference(pointer.x, pointer.y, pointer.target);
    if (found && found.same(hovered)) {
      return;
    }
    hovered = found;
    clearTimeout(hoverTimer);
    if (found && !(card && found.same(card.ref))) {
      hoverTimer = setTimeout(() => {
        if (hovered === found) {
          open(found, false);
        }
      }, HOVER_MS);
    }
    // On another reference the open card stays and moves there when its delay has passed.
    if (card && !found) {
      leave();
    } else {
      clearTimeout(leaveTimer);
    }
  }

  // The extension's keyboard shortcut (a browser command, which the page never sees as a key):
  // the worker passes it on, and the focused link's card opens with focus in it.
  function openFocused() {
    const ref = linkReference(document.activeElement);
    if (ref) {
      open(ref, true);
    }
  }

  function onKeyDown(event) {
    if (event.isTrusted && event.key === "Escape" && card) {
      close(card.keyboard);
    }
  }

  function onPointerDown(event) {
    if (event.isTrusted && card && event.target !== host && !card.ref.element?.contains(event.target)) {
      close(false);
    }
  }

  function onMessage(message, sender, sendResponse) {
    if (sender.id !== api.runtime.id) {
      return undefined;
    }
    if (message?.type === "close_card") {
      close(true);
    } else if (message?.type === "focus") {
      openFocused();
    } else if (message?.type === "stop") {
      stop();
    } else if (message?.type === "resend_card" && card) {
      send({ type: "card", reference: card.ref.message });
    } else if (message?.type === "scan_stats") {
      sendResponse({ ...stats, known: [...known].sort() });
    }
    return undefined;
  }

  /** Whether the worker answered that references are off here now; then the script stops. */
  function disabled(reply) {
    if (reply?.type === "site" && !reply.enabled) {
      stop();
      return true;
    }
    return false;
  }

  function start() {
    roots.push(document.body ?? document.documentElement);
    schedule();
    additions.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    addEventListener("pointermove", onPointerMove, { capture: true, passive: true });
    addEventListener("pointerdown", onPointerDown, { capture: true, passive: true });
    addEventListener("keydown", onKeyDown, { capture: true });
    api.runtime.onMessage.addListener(onMessage);
  }

  function stop() {
    stopped = true;
    try {
      api.runtime.onMessage.removeListener(onMessage);
    } catch {
      // The extension was reloaded or removed: nothing to stop listening to.
    }
    clearTimeout(hoverTimer);
    additions.disconnect();
    removeEventListener("pointermove", onPointerMove, { capture: true });
    removeEventListener("pointerdown", onPointerDown, { capture: true });
    removeEventListener("keydown", onKeyDown, { capture: true });
    host?.remove();
    host = frame = card = null;
  }

  send({ type: "hello" }).then((reply) => {
    if (reply?.type === "site" && reply.enabled) {
      apps = new Set(reply.apps);
      MAX_PREFIXES = reply.max_prefixes;
      IDENTIFIER = new RegExp(reply.identifier, "gu");
      start();
    }
  });
})();
