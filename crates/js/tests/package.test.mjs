// The npm package `plane-inline` as JavaScript sees it: the public names and plain-JSON shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = new URL('../pkg/', import.meta.url);
const api = await import(new URL('plane_inline.js', pkg));
api.initSync({ module: readFileSync(new URL('plane_inline_bg.wasm', pkg)) });

const OPT = '11111111-1111-4111-8111-111111111111';
const property = (extra = {}) => ({
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', name: 'size', display_name: 'Size', property_type: 'OPTION',
  relation_type: null, is_required: false, is_multi: false, settings: {}, default_value: [],
  options: [{ id: OPT, name: 'Large', is_active: true }], ...extra,
});

test('package.json names the package and its types', () => {
  const meta = JSON.parse(readFileSync(new URL('package.json', pkg)));
  assert.equal(meta.name, 'plane-inline');
  const types = readFileSync(new URL('plane_inline.d.ts', pkg), 'utf8');
  for (const name of ['validateValue', 'buildValuePayload', 'parseInput', 'parseCursor', 'formatCursor', 'parseWorkItemUrl', 'class Paginator', 'class RateLimiter', 'interface Property']) {
    assert.ok(types.includes(name), `${name} is typed`);
  }
  assert.match(types, /validateValue\(property: Property, value: unknown\): Checked<PropertyValue \| null>/);
  assert.match(types, /interface Reservation \{ ticket: number; delayMs: number \}/);
  assert.match(types, /acquire\(now_ms: number\): Reservation;/);
  assert.match(types, /record\(ticket: number, status: number, response_headers: HeaderMap, now_ms: number\): void;/);
});

test('validateValue, buildValuePayload and parseInput', () => {
  assert.deepEqual(api.validateValue(property(), OPT), { ok: true, value: OPT });
  assert.deepEqual(api.validateValue(property(), 'Large'), { ok: false, message: 'Must be a valid UUID for a property option' });
  assert.deepEqual(api.buildValuePayload(property({ is_multi: true }), OPT), { value: [OPT] });
  assert.throws(() => api.buildValuePayload(property(), null), { message: 'This field may not be null.' });
  assert.deepEqual(api.parseInput(property(), 'large'), { ok: true, value: OPT });
  assert.deepEqual(api.parseInput(property({ is_required: true }), ''), { ok: false, message: 'Size is required' });
});

test('cursors and URLs', () => {
  assert.deepEqual(api.parseCursor('50:2:0'), { perPage: 50, page: 2, isPrev: false });
  assert.equal(api.formatCursor({ perPage: 50, page: 3, isPrev: true }), '50:3:1');
  assert.throws(() => api.parseCursor('50:two:0'), /page part/);
  assert.deepEqual(api.parseWorkItemUrl('https://app.plane.so/acme/browse/WEB-12/'), { workspace: 'acme', identifier: 'WEB-12' });
  assert.equal(api.parseWorkItemUrl('https://example.com/'), null);
});

test('Paginator and RateLimiter classes', () => {
  const pages = new api.Paginator({ path: '/api/v1/workspaces/demo/projects/', perPage: 1 });
  assert.deepEqual(pages.nextRequest(), { method: 'GET', path: '/api/v1/workspaces/demo/projects/', query: { per_page: '1', cursor: '1:0:0' } });
  const body = JSON.stringify({ next_cursor: '1:1:0', next_page_results: false, results: [{ id: 'p1' }] });
  assert.deepEqual(pages.handleResponse(200, { 'content-type': 'application/json' }, body), { items: [{ id: 'p1' }], done: true });
  assert.equal(pages.nextRequest(), null);
  const limiter = new api.RateLimiter({ perMinute: 60 });
  const { ticket, delayMs } = limiter.acquire(0);
  assert.deepEqual([ticket, delayMs], [1, 0]);
  limiter.record(ticket, 429, { 'Retry-After': '2' }, 1000);
  assert.deepEqual(limiter.acquire(1000), { ticket: 2, delayMs: 2000 });
  assert.throws(() => limiter.record(0, 200, {}, 1000), /0 is not a ticket/);
});

test('RateLimiter reserves a place for every concurrent caller', () => {
  const limiter = new api.RateLimiter({ perMinute: 60 });
  const reservations = Array.from({ length: 100 }, () => limiter.acquire(0));
  assert.equal(reservations.filter((r) => r.delayMs === 0).length, 60);
  assert.deepEqual(new Set(reservations.slice(60).map((r) => r.delayMs)), new Set([60050]));
  assert.deepEqual([limiter.inFlight, limiter.waiting], [60, 40]);
  // The first answer frees a place one window after it came; the 61st then goes.
  limiter.record(reservations[0].ticket, 200, { 'X-RateLimit-Remaining': '59' }, 10);
  const next = reservations[60].ticket;
  assert.equal(limiter.waitMs(next, 1000), 59060);
  assert.equal(limiter.waitMs(next, 60060), 0);
  assert.throws(() => limiter.waitMs(999, 60060), /ticket 999 is not waiting or in flight/);
});

test('500 concurrent callers on a simulated clock are never refused and finish within 2 % of the minimum', async () => {
  // A sliding-window server (60 a minute, as Plane's default) behind 5 to 25 ms of latency each
  // way; the clock jumps to the next timer whenever every caller waits.
  const WINDOW = 60_000;
  const LIMIT = 60;
  let now = 0;
  let scheduled = 0;
  const timers = [];
  const sleep = (ms) => new Promise((resolve) => timers.push({ at: now + ms, order: scheduled++, resolve }));
  let seed = 1;
  const latency = () => {
    seed = (seed * 48271) % 2147483647;
    return 5 + 20 * (seed / 2147483647);
  };
  const counted = [];
  const server = () => {
    while (counted.length > 0 && counted[0] <= now - WINDOW) counted.shift();
    if (counted.length >= LIMIT) return { status: 429, headers: { 'Retry-After': '1' } };
    counted.push(now);
    return { status: 200, headers: { 'X-RateLimit-Remaining': String(LIMIT - counted.length) } };
  };
  const limiter = new api.RateLimiter();
  const statuses = [];
  let finished = 0;
  const caller = async () => {
    const { ticket, delayMs } = limiter.acquire(now);
    for (let wait = delayMs; wait > 0; wait = limiter.waitMs(ticket, now)) await sleep(wait);
    await sleep(latency());
    const { status, headers } = server();
    await sleep(latency());
    limiter.record(ticket, status, headers, now);
    statuses.push(status);
    finished = Math.max(finished, now);
  };
  let done = false;
  const all = Promise.all(Array.from({ length: 500 }, caller)).then(() => { done = true; });
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    if (done || timers.length === 0) break;
    timers.sort((a, b) => a.at - b.at || a.order - b.order);
    const next = timers.shift();
    now = Math.max(now, next.at);
    next.resolve();
  }
  await all;
  assert.equal(statuses.length, 500);
  assert.deepEqual(new Set(statuses), new Set([200]));
  // Requests i and i + 60 reach the server a window apart at the earliest: 8 windows for 500.
  const minimum = 8 * WINDOW + 2 * 5;
  assert.ok(finished <= minimum * 1.02, `finished at ${finished} ms, minimum ${minimum} ms`);
  assert.deepEqual([limiter.inFlight, limiter.waiting, limiter.limit], [0, 0, 60]);
});
