// API keys in the extension origin's IndexedDB, for browsers where extension storage cannot be
// closed to content scripts (Firefox documents `setAccessLevel` for `storage.session` only).
// Content scripts run with the page's origin, so they cannot open the extension origin's
// databases; only the service worker (background script) calls these functions.
const DATABASE = "plane-inline-keys";
const STORE = "keys";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, action) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = action(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(request.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
    tx.onabort = () => { db.close(); reject(tx.error); };
  });
}

/** The key stored under `name`, or undefined. */
export function idbGet(name) { return run("readonly", (store) => store.get(name)); }
/** Stores `key` under `name`. */
export function idbPut(name, key) { return run("readwrite", (store) => store.put(key, name)); }
/** Forgets the key under `name`. */
export function idbDelete(name) { return run("readwrite", (store) => store.delete(name)); }
/** Forgets every key. */
export function idbClear() { return run("readwrite", (store) => store.clear()); }
