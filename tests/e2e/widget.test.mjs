// The embeddable widget on the demo dashboard, through the key-holding proxy, against the
// sandbox: panels load, an edit is saved (and stored), events fire, invalid input sends nothing,
// two editors share one pacing scheduler, axe finds nothing in light and dark; screenshots for
// the README come from these runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { DASHBOARD, PROXY, KEY, browser, api, storedValues, writes, axe } from './widget/harness.mjs';

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));
let chromium;
let page;

before(async () => {
  await api('/_sandbox/reset', { method: 'POST', body: JSON.stringify({ seed: 'demo' }) });
  chromium = await browser();
  page = await chromium.newPage({ viewport: { width: 1320, height: 1500 }, colorScheme: 'light' });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(DASHBOARD);
  await page.locator('plane-inline-editor .pi-rows').first().waitFor();
  await page.locator('plane-inline-editor .pi-rows').nth(2).waitFor();
});

after(async () => {
  await chromium?.close();
});

const editor = (n) => page.locator('plane-inline-editor').nth(n);
const row = (n, name) => editor(n).locator('.pi-row', { has: page.getByText(name, { exact: true }) });

test('each element shows its work item, loaded in three requests through one scheduler', async () => {
  for (const [n, identifier] of [[0, 'DEMO-1'], [1, 'DEMO-2'], [2, 'DEMO-3']]) {
    const item = (await api(`/api/v1/workspaces/demo/work-items/${identifier}/`)).body;
    assert.equal(await editor(n).locator('.pi-identifier').innerText(), identifier);
    assert.equal(await editor(n).locator('.pi-name').innerText(), item.name);
  }
  const labels = await editor(0).locator('.pi-label').allInnerTexts();
  // Plane's order, the editable rows with a value on top, then the editable empty ones, then
  // what is not edited here.
  assert.deepEqual(labels, [
    'Summary', 'Story Points', 'Customer Facing', 'Due Date', 'Severity', 'Reviewer',
    'Notes', 'Platforms', 'Watchers', 'Duplicate Of', 'Spec Link', 'Contact Email', 'Attachment',
    'Legacy ID', 'Effort Score', 'Target Release',
  ]);
  // The page never holds the key: not in its HTML, not in any script it loaded.
  assert.equal((await page.content()).includes(KEY), false);
  // Every element went through one scheduler: 3 panels x 3 requests, and the project's facts
  // (its detail and types) and the workspace's members read once for all of them.
  const pacing = await page.evaluate(async (proxy) => {
    const { editorPacing } = await import('./plane-inline.js');
    return editorPacing(proxy);
  }, PROXY);
  assert.equal(pacing.schedulers, 1);
  assert.equal(pacing.sent, 12);
  assert.equal(pacing.rateLimited, 0);
});

test('a light panel with every editor passes axe and is photographed', async () => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `${DOCS}demo-dashboard.png`, fullPage: false });
  await editor(0).screenshot({ path: `${DOCS}panel-light.png` });
  assert.deepEqual(await axe(page), []);
});

test('a dark panel passes axe too', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.selectOption('#theme', 'dark');
  await editor(0).locator('.pi-panel[data-theme="dark"]').waitFor();
  await editor(0).screenshot({ path: `${DOCS}panel-dark.png` });
  assert.deepEqual(await axe(page), []);
  await page.selectOption('#theme', 'auto');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('an edit is saved once, fires plane-inline:saved, and the sandbox stores it', async () => {
  const story = row(0, 'Story Points');
  const propertyId = await story.getAttribute('data-property');
  const before = await writes();
  await story.locator('.pi-value').click(); // the row opens its editor in place
  const input = editor(0).getByLabel('Story Points', { exact: true });
  await input.fill('21');
  await input.press('Enter');
  await story.locator('.pi-saved').waitFor();
  assert.equal(await story.locator('.pi-message').innerText(), 'Saved');
  assert.equal(await editor(0).locator('[role=status]').innerText(), 'Story Points saved.');
  assert.equal(await writes(), before + 1);
  // Plane stores a DECIMAL as Python's str(float): 21 is kept as "21.0".
  assert.deepEqual(await storedValues('DEMO-1', propertyId), ['21.0']);
  const logged = await page.locator('#events li').first().innerText();
  assert.equal(logged, `plane-inline:saved {"property_id":"${propertyId}","value":21}`);
});

test('invalid input shows Plane\'s message and sends nothing', async () => {
  const before = await writes();
  await row(1, 'Spec Link').locator('.pi-value').click();
  const input = editor(1).getByLabel('Spec Link', { exact: true });
  await input.fill('www example com');
  await input.press('Enter');
  const message = row(1, 'Spec Link').locator('.pi-message');
  assert.equal(await message.innerText(), 'Must be a valid URL (e.g., https://example.com)');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await row(1, 'Spec Link').screenshot({ path: `${DOCS}validation-error.png` });
  await input.press('Escape'); // puts back Plane's value and leaves the editor
  await row(1, 'Spec Link').locator('.pi-value').waitFor();
  assert.equal(await writes(), before);
});

test('picking an option with the keyboard saves its id', async () => {
  const severity = row(0, 'Severity');
  const propertyId = await severity.getAttribute('data-property');
  await severity.locator('.pi-value').click();
  const combo = editor(0).getByRole('combobox', { name: 'Severity' });
  await combo.fill('crit');
  await combo.press('ArrowDown');
  await combo.press('Enter');
  await severity.locator('.pi-saved').waitFor();
  assert.equal(await severity.locator('.pi-value').innerText(), 'Critical');
  const [stored] = await storedValues('DEMO-1', propertyId);
  const options = (await api(
    `/api/v1/workspaces/demo/projects/${(await api('/api/v1/workspaces/demo/work-items/DEMO-1/')).body.project}/work-item-properties/${propertyId}/options/`,
  )).body;
  const list = Array.isArray(options) ? options : options.results;
  assert.equal(list.find((o) => o.id === stored)?.name, 'Critical');
});

test('changing the work-item attribute shows another work item', async () => {
  await page.fill('#work-item', 'DEMO-7');
  await page.click('#pick button');
  await editor(2).locator('.pi-identifier', { hasText: 'DEMO-7' }).waitFor();
  const item = (await api('/api/v1/workspaces/demo/work-items/DEMO-7/')).body;
  assert.equal(await editor(2).locator('.pi-name').innerText(), item.name);
});

test('a work item that does not exist says so and fires plane-inline:error', async () => {
  await page.fill('#work-item', 'DEMO-9999');
  await page.click('#pick button');
  const alert = editor(2).locator('[role=alert]');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('data-problem'), 'not_found');
  const logged = await page.locator('#events li').first().innerText();
  assert.match(logged, /^plane-inline:error \{"problem":"not_found","message":".+"\}$/);
});
