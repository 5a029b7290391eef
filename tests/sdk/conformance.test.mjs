// Conformance: Plane's official Node SDK (@makeplane/plane-node-sdk, written by Plane, not by us)
// against the Plane Inline sandbox. If the sandbox answers these calls the way the SDK expects,
// its paths, shapes and status codes match Plane's.
//
// Needs a running sandbox with the demo seed:
//   SANDBOX_URL=http://127.0.0.1:PORT SANDBOX_API_KEY=plane_api_... node --test tests/sdk/

import { test, before } from "node:test";
import assert from "node:assert/strict";
import sdk from "@makeplane/plane-node-sdk";

const { PlaneClient, HttpError } = sdk;
const baseUrl = process.env.SANDBOX_URL;
const apiKey = process.env.SANDBOX_API_KEY;
const slug = "demo";

if (!baseUrl || !apiKey) {
  throw new Error("set SANDBOX_URL and SANDBOX_API_KEY to a running sandbox");
}

const client = new PlaneClient({ baseUrl, apiKey });

/** The SDK's error for a call, or a failure if the call succeeds. */
async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected the call to fail");
}

const demo = {};

before(async () => {
  const projects = await client.projects.list(slug, { per_page: 100 });
  demo.project = projects.results.find((p) => p.identifier === "DEMO");
  assert.ok(demo.project, "the demo seed has a DEMO project");
  const types = await client.workItemTypes.list(slug, demo.project.id);
  demo.type = types.find((t) => t.is_default);
  demo.properties = await client.workItemProperties.list(slug, demo.project.id, demo.type.id);
  demo.byName = Object.fromEntries(demo.properties.map((p) => [p.name, p]));
  demo.members = await client.workspace.getMembers(slug);
});

test("current user and projects", async () => {
  const me = await client.users.me();
  assert.equal(me.email, "priya.patel@example.com");
  const page = await client.projects.list(slug);
  assert.equal(typeof page.next_cursor, "string");
  assert.deepEqual(page.results.map((p) => p.identifier), ["DEMO", "OPS", "DOCS", "SHIP"]);
  const project = await client.projects.retrieve(slug, demo.project.id);
  assert.equal(project.name, "Demo");
});

test("work item by identifier, by id and search", async () => {
  const item = await client.workItems.retrieveByIdentifier(slug, "DEMO-12");
  assert.equal(item.sequence_id, 12);
  assert.equal(item.project, demo.project.id);
  assert.equal(item.type_id, demo.type.id);
  const same = await client.workItems.retrieve(slug, demo.project.id, item.id, ["state", "assignees"]);
  assert.equal(same.name, item.name);
  assert.equal(typeof same.state, "object");
  const found = await client.workItems.search(slug, "login");
  assert.ok(found.issues.length > 0);
  assert.ok(found.issues.every((i) => i.workspace__slug === slug && i.project__identifier));
  const missing = await failure(client.workItems.retrieveByIdentifier(slug, "DEMO-9999"));
  assert.ok(missing instanceof HttpError);
  assert.equal(missing.statusCode, 404);
});

test("types, properties and options", async () => {
  const type = await client.workItemTypes.retrieve(slug, demo.project.id, demo.type.id);
  assert.equal(type.name, "Task");
  assert.ok(demo.properties.length >= 15);
  const severity = demo.byName["severity"];
  assert.equal(severity.property_type, "OPTION");
  assert.equal(severity.is_required, true);
  const again = await client.workItemProperties.retrieve(slug, demo.project.id, demo.type.id, severity.id);
  assert.equal(again.display_name, "Severity");
  const options = await client.workItemProperties.options.list(slug, demo.project.id, severity.id);
  assert.deepEqual(options.map((o) => o.name), ["Critical", "High", "Medium", "Low", "Legacy"]);
  const one = await client.workItemProperties.options.retrieve(slug, demo.project.id, severity.id, options[0].id);
  assert.equal(one.property, severity.id);
  const projectWide = await client.workItemProperties.listProject(slug, demo.project.id);
  // Every property of the project: the Task type's and the Epic type's Theme.
  assert.equal(projectWide.length, demo.properties.length + 1);
  assert.ok(demo.properties.every((p) => projectWide.some((q) => q.id === p.id)));
});

test("upsert, read and delete a value of each writable type", async () => {
  const item = await client.workItems.retrieveByIdentifier(slug, "DEMO-241");
  const other = await client.workItems.retrieveByIdentifier(slug, "DEMO-7");
  const member = demo.members.find((m) => m.email === "lee.chen@example.com");
  const options = async (name) => client.workItemProperties.options.list(slug, demo.project.id, demo.byName[name].id);
  const high = (await options("severity")).find((o) => o.name === "High");
  const [web, ios] = await options("platforms");
  const cases = [
    ["summary", "Written by the SDK", "Written by the SDK", ["Written by the SDK"]],
    ["notes", "Two\nlines", "Two\nlines", ["Two\nlines"]],
    ["story-points", 8, 8, ["8.0"]],
    ["customer-facing", true, true, ["true"]],
    ["due-date", "2026-04-01", "2026-04-01", ["2026-04-01"]],
    ["severity", high.id, high.id, [high.id]],
    ["platforms", [web.id, ios.id], null, null],
    ["reviewer", member.id, member.id, [member.id]],
    ["watchers", [member.id], null, [member.id]],
    ["duplicate-of", other.id, other.id, [other.id]],
    ["spec-link", "https://example.com/sdk", "https://example.com/sdk", ["https://example.com/sdk"]],
    ["contact-email", "sdk@example.com", "sdk@example.com", ["sdk@example.com"]],
    ["attachment", "sdk-file.pdf", "sdk-file.pdf", ["sdk-file.pdf"]],
  ];
  for (const [name, value, returned, strings] of cases) {
    const property = demo.byName[name];
    assert.ok(property, `seed property ${name}`);
    await client.workItemProperties.values.delete(slug, demo.project.id, item.id, property.id).catch(() => {});
    const written = await client.workItemProperties.values.create(slug, demo.project.id, item.id, property.id, { value });
    const read = await client.workItemProperties.values.retrieve(slug, demo.project.id, item.id, property.id);
    if (Array.isArray(value)) {
      assert.ok(Array.isArray(written) && Array.isArray(read), `${name}: multi values come back as a list`);
      assert.deepEqual(read.map((v) => v.value).sort(), [...value].sort());
    } else {
      assert.equal(written.value, returned, name);
      assert.equal(read.value, returned, name);
      assert.equal(read.property_id, property.id);
    }
    const all = await client.workItemProperties.values.list(slug, demo.project.id, item.id);
    const entry = all.find((e) => e.property_id === property.id);
    assert.ok(entry, `${name} is listed`);
    if (strings) {
      assert.deepEqual(entry.values, strings, name);
    }
    await client.workItemProperties.values.delete(slug, demo.project.id, item.id, property.id);
    const gone = await failure(client.workItemProperties.values.retrieve(slug, demo.project.id, item.id, property.id));
    assert.equal(gone.statusCode, 404, name);
    assert.equal(gone.response.error, "Property value not set for this work item");
  }
  const update = await failure(
    client.workItemProperties.values.update(slug, demo.project.id, item.id, demo.byName["notes"].id, { value: "x" }),
  );
  assert.equal(update.statusCode, 404);
  const invalid = await failure(
    client.workItemProperties.values.create(slug, demo.project.id, item.id, demo.byName["story-points"].id, { value: "12" }),
  );
  assert.equal(invalid.statusCode, 400);
  assert.deepEqual(invalid.response, { value: ["Must be a number (e.g., 123.45)"] });
});

test("paginate work items to the end", async () => {
  const seen = new Set();
  let cursor;
  for (;;) {
    const page = await client.workItems.list(slug, demo.project.id, { per_page: 100, cursor });
    for (const item of page.results) seen.add(item.id);
    assert.equal(typeof page.next_cursor, "string");
    if (!page.next_page_results) break;
    cursor = page.next_cursor;
  }
  assert.equal(seen.size, 250);
});
