// Saves with Plane's Node SDK, in a plain loop as its README shows (await each call; a failed
// call throws). Prints one JSON object.
//   node tests/sdk/bench/saves.mjs one     one value saved on OPS-1 (shaped by
//                                          `plane-inline-bench save`): requests per saved value
//   node tests/sdk/bench/saves.mjs loop N  N saves of DEMO's Story Points on N work items, against
//                                          a sandbox started with --rate-limit 100/minute: 429s,
//                                          saves lost, total time

import { client, counts, listed, reset, slug, zeroCounts } from "./sandbox.mjs";

const mode = process.argv[2];

if (mode === "one") {
  const item = await client.workItems.retrieveByIdentifier(slug, "OPS-1");
  const [first] = listed(await client.workItemProperties.list(slug, item.project, item.type_id));
  await zeroCounts();
  await client.workItemProperties.values.create(slug, item.project, item.id, first.id, {
    value: "Saved by the SDK",
  });
  console.log(JSON.stringify(await counts()));
} else if (mode === "loop") {
  const saves = Number(process.argv[3] ?? 200);
  // Set-up calls, then a reset: seeded ids stay, the rate-limit window and counters empty.
  const projects = listed(await client.projects.list(slug, { per_page: 100 }));
  const project = projects.find((p) => p.identifier === "DEMO");
  const type = (await client.workItemTypes.list(slug, project.id)).find((t) => t.is_default);
  const points = listed(await client.workItemProperties.list(slug, project.id, type.id)).find(
    (p) => p.name === "story-points",
  );
  const items = [];
  let cursor;
  while (items.length < saves) {
    const page = await client.workItems.list(slug, project.id, { per_page: 100, cursor });
    items.push(...page.results);
    if (!page.next_page_results) break;
    cursor = page.next_cursor;
  }
  if (items.length < saves) throw new Error(`only ${items.length} work items to save to`);
  await reset();

  const started = performance.now();
  let lost = 0;
  for (const [n, item] of items.slice(0, saves).entries()) {
    try {
      await client.workItemProperties.values.create(slug, project.id, item.id, points.id, {
        value: n + 1,
      });
    } catch {
      lost += 1;
    }
  }
  const elapsedMs = performance.now() - started;
  const counted = await counts();
  console.log(JSON.stringify({ saves, lost, elapsed_ms: elapsedMs, ...counted }));
} else {
  throw new Error("usage: node tests/sdk/bench/saves.mjs <one | loop N>");
}
