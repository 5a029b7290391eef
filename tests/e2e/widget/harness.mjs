// What the widget's end-to-end tests share: the servers `cargo xtask test` started (their URLs in
// the environment), Debian's Chromium through playwright-core, the sandbox's API and counters,
// and axe-core.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with cargo xtask test`);
  return value;
}

export const DASHBOARD = env('WIDGET_DASHBOARD_URL');
export const PROXY = env('WIDGET_PROXY_URL');
export const SANDBOX = env('SANDBOX_URL');
export const KEY = env('SANDBOX_API_KEY');

/** Debian's Chromium, headless, with the flags this machine needs. */
export async function browser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
    ],
  });
}

/** Calls the sandbox's API with its key (as Plane would be called, not through the proxy). */
export async function api(path, init = {}) {
  const response = await fetch(`${SANDBOX}${path}`, {
    ...init,
    headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The stored strings of one property of a work item, read through the API. */
export async function storedValues(identifier, propertyId) {
  const item = (await api(`/api/v1/workspaces/demo/work-items/${identifier}/`)).body;
  const all = await api(
    `/api/v1/workspaces/demo/projects/${item.project}/work-items/${item.id}/work-item-properties/values/`,
  );
  const list = Array.isArray(all.body) ? all.body : all.body.results;
  return list.find((entry) => entry.property_id === propertyId)?.values ?? [];
}

/** The sandbox's request counts: `{ total, routes: [...] }`. */
export async function requests() {
  return (await api('/_sandbox/requests')).body;
}

/** Writes (POST/PUT/PATCH/DELETE) the sandbox has answered so far. */
export async function writes() {
  const counts = await requests();
  return counts.routes
    .filter((r) => r.method !== 'GET' && r.method !== 'OPTIONS')
    .reduce((sum, r) => sum + r.count, 0);
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page (open shadow roots included); returns its violations. It is
 * evaluated through the DevTools protocol, so the page's strict CSP stays as it is. */
export async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
}
