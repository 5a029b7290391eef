// The widget's table, <plane-inline-table>, on the demo dashboard's table page, through the
// key-holding proxy (which forwards exactly what the table needs) against the sandbox's SHIP
// project of 300 work items: the first page and only the values of rows on screen; a cell
// edited and stored; a bulk set and its Undo; every page by its cursor; axe in light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DASHBOARD, KEY, browser, api, requests, axe } from './widget/harness.mjs';

let chromium;
let page;

const table = () => page.locator('plane-inline-table');
const gridRow = (label) =>
  table().locator('.pt-body .pt-row').filter({ has: page.locator('.pt-id', { hasText: new RegExp(`^${label}$`) }) });

/** The id of SHIP's Task property `name`. */
async function propertyId(name) {
  const item = (await api('/api/v1/workspaces/demo/work-items/SHIP-1/')).body;
  const { body } = await api(
    `/api/v1/workspaces/demo/projects/${item.project}/work-item-types/${item.type_id}/work-item-properties/`,
  );
  return (Array.isArray(body) ? body : body.results).find((p) => p.display_name === name).id;
}

/** The stored strings of a property of a SHIP work item. */
async function stored(identifier, id) {
  const item = (await api(`/api/v1/workspaces/demo/work-items/${identifier}/`)).body;
  const all = await api(
    `/api/v1/workspaces/demo/projects/${item.project}/work-items/${item.id}/work-item-properties/values/`,
  );
  const list = Array.isArray(all.body) ? all.body : all.body.results;
  return list.find((entry) => entry.property_id === id)?.values ?? [];
}

/** How many GETs of a route ending with `suffix` the sandbox answered. */
async function gets(suffix) {
  const { routes } = await requests();
  return routes.filter((r) => r.method === 'GET' && r.route.endsWith(suffix)).reduce((n, r) => n + r.count, 0);
}

before(async () => {
  await api('/_sandbox/reset', { method: 'POST', body: JSON.stringify({ seed: 'demo' }) });
  await api('/_sandbox/requests', { method: 'DELETE' });
  chromium = await browser();
  page = await chromium.newPage({ viewport: { width: 1320, height: 900 }, colorScheme: 'light' });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${DASHBOARD}table.html`);
  await table().locator('.pt-body .pt-row').first().waitFor();
});

after(async () => {
  await chromium?.close();
});

test('the first page of rows, and values only for the rows on screen', async () => {
  assert.equal(await table().locator('.pt-count').innerText(), '50 of 300 work items loaded');
  await table().locator('.pt-body [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 60000 });
  const drawn = await table().locator('.pt-body .pt-row').count();
  assert.ok(drawn < 45, `${drawn} rows drawn`);
  assert.equal(await gets('/work-items/'), 1, 'one page read');
  assert.equal(await gets('/work-item-properties/values/'), drawn, 'one values read per drawn row');
  assert.equal((await page.content()).includes(KEY), false);
});

test('a cell is edited in place and stored', async () => {
  const cell = gridRow('SHIP-298').locator('[role="gridcell"]').nth(3); // Summary
  await cell.locator('.pi-value').click();
  await cell.locator('input').fill('Boxed for the warehouse');
  await cell.locator('input').press('Enter');
  await cell.locator('.pi-saved').waitFor();
  assert.deepEqual(await stored('SHIP-298', await propertyId('Summary')), ['Boxed for the warehouse']);
});

test('a bulk set on three rows, then Undo', async () => {
  const id = await propertyId('Story Points');
  const before = {};
  for (const label of ['SHIP-297', 'SHIP-296', 'SHIP-295']) {
    before[label] = await stored(label, id);
    await gridRow(label).getByRole('checkbox').check();
  }
  await table().getByLabel('Property', { exact: true }).selectOption({ label: 'Story Points' });
  const value = table().locator('.pt-bulk-value input');
  await value.fill('13');
  await value.press('Enter');
  await table().getByRole('button', { name: 'Set Story Points to 13 on 3 work items' }).click();
  await table().locator('.pt-progress p', { hasText: '3 of 3 saved.' }).waitFor({ timeout: 60000 });
  for (const label of Object.keys(before)) {
    assert.deepEqual(await stored(label, id), ['13.0'], label);
  }
  await table().getByRole('button', { name: 'Undo: put back 3 values' }).click();
  await table().locator('.pt-progress p', { hasText: '3 of 3 put back.' }).waitFor({ timeout: 60000 });
  for (const [label, values] of Object.entries(before)) {
    assert.deepEqual(await stored(label, id), values, label);
  }
});

test('every page by its cursor, to the last', async () => {
  await table().getByLabel('Rows per page').selectOption('100');
  for (const loaded of [100, 200, 300]) {
    if (loaded > 100) {
      await table().getByRole('button', { name: 'Load more' }).click();
    }
    await table().locator('.pt-count', { hasText: `${loaded} of 300 work items loaded` }).waitFor();
  }
  await table().getByText('Every work item is loaded.').waitFor();
});

for (const scheme of ['light', 'dark']) {
  test(`the table passes axe (${scheme})`, async () => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.selectOption('#theme', scheme);
    await table().locator(`.pi-panel[data-theme="${scheme}"]`).waitFor();
    assert.deepEqual(await axe(page), []);
  });
}
