// The sandbox as the benchmark scripts use it: Plane's Node SDK client for its API, and its test
// controls (reset, request counters), which need `--test-controls`.

import sdk from "@makeplane/plane-node-sdk";

export const { PlaneClient } = sdk;
export const slug = "demo";

const baseUrl = process.env.SANDBOX_URL;
const apiKey = process.env.SANDBOX_API_KEY;
if (!baseUrl || !apiKey) {
  throw new Error("set SANDBOX_URL and SANDBOX_API_KEY to a running sandbox with --test-controls");
}

/** Plane's Node SDK, configured as its README shows. */
export const client = new PlaneClient({ baseUrl, apiKey });

async function control(method, path, body) {
  const response = await fetch(`${baseUrl}/_sandbox/${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    throw new Error(`${method} /_sandbox/${path} answered ${response.status}`);
  }
  return response.status === 204 ? null : response.json().catch(() => null);
}

/** Restores the demo seed and clears counters and the rate-limit window. */
export const reset = () => control("POST", "reset", { seed: "demo" });

/** Sets the rate limit in force (`"60/minute"`) until the next reset; the history is kept. */
export const setRateLimit = (rate) => control("PUT", "rate-limit", { rate });

/** Zeroes the request counters. */
export const zeroCounts = () => control("DELETE", "requests");

/** The requests answered since the counters were zeroed, by route (`"GET /route/": n`). */
export async function byRoute() {
  const answer = await control("GET", "requests");
  return Object.fromEntries(answer.routes.map((route) => [`${route.method} ${route.route}`, route.count]));
}

/** The requests answered since the counters were zeroed, and how many of them were 429. */
export async function counts() {
  const answer = await control("GET", "requests");
  const throttled = answer.routes
    .map((route) => route.statuses["429"] ?? 0)
    .reduce((a, b) => a + b, 0);
  return { requests: answer.total, throttled };
}

/** A list answer's items, whether paginated (`results`) or a bare array. */
export const listed = (answer) => (Array.isArray(answer) ? answer : answer.results);
