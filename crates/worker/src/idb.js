// What the worker keeps, in the extension origin's IndexedDB, for browsers where extension
// storage cannot be closed to content scripts (Firefox documents `setAccessLevel` for
// `storage.session` only, so its content scripts can read and write `storage.local`). Content
// scripts run with the page's origin, so they cannot open the extension origin's databases; only
// the service worker (background script) calls these functions. Two databases: the API keys,
// and the other entries (connections, drafts, sites, settings), each a text by name.
const KEYS = { database: "plane-inline-keys", store: "keys" };
const STATE = { database: "plane-inline-state", store: "entries" };

function open(where) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(where.database, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(where.store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(where, mode, action) {
  const db = await open(where);
  return new Promise((resolve, reject) => {
    const tx = db.transaction(where.store, mode);
    const request = action(tx.objectStore(where.store));
    tx.oncomplete = () => { db.close(); resolve(request.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
    tx.onabort = () => { db.close(); reject(tx.error); };
  });
}

/** The key stored under `name`, or undefined. */
export function idbGet(name) { return run(KEYS, "readonly", (store) => store.get(name)); }
/** Stores `key` under `name`. */
export function idbPut(name, key) { return run(KEYS, "readwrite", (store) => store.put(key, name)); }
/** Forgets the key under `name`. */
export function idbDelete(name) { return run(KEYS, "readwrite", (store) => store.delete(name)); }
/** Forgets every key. */
export function idbClear() { return run(KEYS, "readwrite", (store) => store.clear()); }

/** The entry stored under `name`, or undefined. */
export function stateGet(name) { return run(STATE, "readonly", (store) => store.get(name)); }
/** Stores the text of an entry under `name`. */
export function statePut(name, text) { return run(STATE, "readwrite", (store) => store.put(text, name)); }
/** Forgets the entry under `name`. */
export function stateDelete(name) { return run(STATE, "readwrite", (store) => store.delete(name)); }
/** Forgets every entry. */
export function stateClear() { return run(STATE, "readwrite", (store) => store.clear()); }
