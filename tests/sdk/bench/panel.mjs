// Requests Plane's Node SDK makes to load what a property panel shows for one work item: the
// item, its type's properties (OPTION ones carry their options), all its values in one list call
// and, when a USER relation is among the properties, the workspace's members (to show names).
// Run after `plane-inline-bench panel N` has shaped the item; prints one JSON object.
//   SANDBOX_URL=... SANDBOX_API_KEY=... node tests/sdk/bench/panel.mjs [IDENTIFIER]

import { client, counts, listed, slug, zeroCounts } from "./sandbox.mjs";

const identifier = process.argv[2] ?? "OPS-1";

await zeroCounts();
const item = await client.workItems.retrieveByIdentifier(slug, identifier);
const properties = listed(await client.workItemProperties.list(slug, item.project, item.type_id));
const values = listed(await client.workItemProperties.values.list(slug, item.project, item.id));
if (properties.some((p) => p.property_type === "RELATION" && p.relation_type === "USER")) {
  await client.workspace.getMembers(slug);
}
const counted = await counts();
console.log(JSON.stringify({ ...counted, properties: properties.length, values: values.length }));
