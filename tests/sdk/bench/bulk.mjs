// A bulk set of 40 rows under 60 requests a minute with Plane's Node SDK, as `plane-inline-bench
// bulk` measures Plane Inline and a plain loop: the sandbox reset and its limit set to 60 a
// minute, then the reads a table's first page needs (the projects list to find SHIP, its types,
// the Task type's properties, a page of 50 work items, each one's values), then Summary set on
// the first 40 Task rows in a plain `for` loop of awaited `values.create` calls, as the SDK's
// README shows (a thrown call is a value lost; the SDK neither waits nor retries). The values
// are read back under a generous limit. Prints one JSON object.
//   SANDBOX_URL=... SANDBOX_API_KEY=... node tests/sdk/bench/bulk.mjs

import { byRoute, client, counts, listed, reset, setRateLimit, slug, zeroCounts } from "./sandbox.mjs";

const RATE = "60/minute";
const LIMIT = 60;
const WINDOW_MS = 60_000;
const WRITES = 40;
const PAGE_SIZE = 50;
const VALUE = "Set by the Node SDK";

/**
 * When the last of `writes` requests may go at the earliest under a sliding window of `limit`
 * requests per `windowMs`, after requests counted at `counted` (answer times: upper bounds),
 * from `start`: the n-th request may go once the (n - limit)-th is a window old. The same rule
 * as `least_end_ms` in crates/bench/src/bulk.rs.
 */
function leastEnd(counted, start, writes, limit, windowMs) {
  const times = [...counted].sort((a, b) => a - b);
  let last = start;
  for (let i = 0; i < writes; i++) {
    const oldest = times.length - limit;
    const earliest = oldest >= 0 ? times[oldest] + windowMs : start;
    last = Math.max(earliest, last);
    times.push(last);
  }
  return last;
}

await reset();
await setRateLimit(RATE);
await zeroCounts();

const counted = [];
const timed = async (call) => {
  const answer = await call();
  counted.push(Date.now());
  return answer;
};
const first = Date.now();
const projects = listed(await timed(() => client.projects.list(slug)));
const project = projects.find((p) => p.identifier === "SHIP");
if (!project) throw new Error("no project SHIP in the sandbox");
const types = listed(await timed(() => client.workItemTypes.list(slug, project.id)));
const task = types.find((t) => t.is_default);
const properties = listed(await timed(() => client.workItemProperties.list(slug, project.id, task.id)));
const summary = properties.find((p) => p.display_name === "Summary");
const page = await timed(() => client.workItems.list(slug, project.id, { per_page: PAGE_SIZE }));
for (const item of page.results) {
  await timed(() => client.workItemProperties.values.list(slug, project.id, item.id));
}
const readsMs = counted.at(-1) - first;
const reads = await counts();
const readRoutes = await byRoute();
await zeroCounts();

const targets = page.results.filter((item) => item.type_id === task.id).slice(0, WRITES);
if (targets.length < WRITES) throw new Error(`only ${targets.length} Task rows on SHIP's first page`);
const start = Date.now();
let failed = 0;
for (const item of targets) {
  try {
    await client.workItemProperties.values.create(slug, project.id, item.id, summary.id, { value: VALUE });
  } catch {
    failed += 1;
  }
}
const end = Date.now();
const bulk = await counts();

await setRateLimit("100000/minute");
let saved = 0;
for (const item of targets) {
  const values = listed(await client.workItemProperties.values.list(slug, project.id, item.id));
  const entry = values.find((v) => v.property_id === summary.id);
  if (JSON.stringify(entry?.values) === JSON.stringify([VALUE])) saved += 1;
}
await reset();

const minimum = leastEnd(counted, start, WRITES, LIMIT, WINDOW_MS) - start;
const elapsed = end - start;
console.log(
  JSON.stringify({
    reads: reads.requests,
    read_routes: readRoutes,
    reads_ms: readsMs,
    requests: bulk.requests,
    throttled: bulk.throttled,
    saved,
    lost: WRITES - saved,
    failed_calls: failed,
    elapsed_ms: elapsed,
    minimum_ms: minimum,
    over_minimum_percent: minimum > 0 ? (elapsed / minimum - 1) * 100 : 0,
  }),
);
