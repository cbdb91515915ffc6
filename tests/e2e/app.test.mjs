// The desktop app in its real window: first start, demo company, dashboard, customers, a
// customer's timeline, a promise that survives a restart, an import refused for a bad row,
// collections (segments, behaviour, a policy, the worklist reviewed and run), switching
// language, a passphrase database that locks, unlocks and backs up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byTestId, openApp, screenshot, startDriver, stopDriver, textOf } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'creditdesk-e2e-'));
let browser;

before(async () => {
  await startDriver();
  browser = await openApp(dataDir);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  stopDriver();
});

test('first start creates the encrypted database and opens the demo company', async () => {
  // The interface language is remembered by the web view between runs: start from English.
  await (await byTestId(browser, 'start-language')).selectByAttribute('value', 'en');
  const create = await byTestId(browser, 'start-create');
  await screenshot(browser, '01-first-start');
  await create.click();
  const demo = await byTestId(browser, 'start-demo', 60_000);
  await screenshot(browser, '02-demo-or-import');
  await demo.click();
  const totalOpen = await byTestId(browser, 'dashboard-total-open', 120_000);
  await browser.waitUntil(async () => /\d/.test(await textOf(totalOpen)), { timeout: 30_000 });
  const overdue = await byTestId(browser, 'dashboard-overdue');
  assert.match(await textOf(overdue), /\d/);
  await browser.pause(800); // let the chart draw before the picture
  await screenshot(browser, '03-dashboard');
});

test('the customers list opens a customer and its timeline', async () => {
  await (await byTestId(browser, 'nav-customers')).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="customers-row"]')).length > 5, { timeout: 30_000 });
  await screenshot(browser, '04-customers');
  await (await browser.$$('[data-testid="customers-row"]'))[0].click();
  await byTestId(browser, 'customer-timeline-event', 30_000);
  const events = await browser.$$('[data-testid="customer-timeline-event"]');
  assert.ok(events.length > 5, `only ${events.length} timeline events`);
  // The header and the timeline load side by side: the picture waits for both.
  await byTestId(browser, 'customer-name', 30_000);
  await screenshot(browser, '05-customer');
});

const firstEvent = async () => textOf((await browser.$$('[data-testid="customer-timeline-event"]'))[0]);

test('a promise to pay is recorded, shown, and still there after a restart', async () => {
  await (await byTestId(browser, 'record-tab-promise')).click();
  const amount = await byTestId(browser, 'promise-amount');
  await amount.setValue('1234.56');
  // The due date defaults to today, a valid promise date.
  await (await byTestId(browser, 'promise-submit')).click();
  await browser.waitUntil(async () => /1[.,\s\u202f\u00a0]?234[.,]56/.test(await firstEvent()), { timeout: 15_000 });
  const first = await firstEvent();
  assert.match(first, /1[.,\s\u202f\u00a0]?234[.,]56/);
  await screenshot(browser, '06-promise-recorded');
  const customerUrl = await browser.getUrl();

  await browser.deleteSession();
  browser = await openApp(dataDir);
  await byTestId(browser, 'dashboard-total-open', 60_000);
  await browser.url(customerUrl);
  await byTestId(browser, 'customer-timeline-event', 30_000);
  await browser.waitUntil(
    async () => /1[.,\s\u202f\u00a0]?234[.,]56/.test(await firstEvent()),
    { timeout: 15_000, timeoutMsg: 'the promise did not survive the restart' },
  );
  await screenshot(browser, '07-promise-after-restart');
});

test('a CSV with a bad row is refused: the error names line and column, nothing is imported', async () => {
  const file = join(dataDir, 'klanten-met-fout.csv');
  writeFileSync(file, 'Klantnr;Naam;E-mail\nE2E-1;Bakkerij Peeters;boekhouding@peeters.be\nE2E-2;;info@garagemaes.be\nE2E-3;Fromagerie Leroy;compta@leroy.fr\n');
  await (await byTestId(browser, 'nav-customers')).click();
  const count = await byTestId(browser, 'customers-count', 30_000);
  await browser.waitUntil(async () => /\d/.test(await textOf(count)), { timeout: 30_000 });
  const before = await textOf(count);

  await (await byTestId(browser, 'nav-import')).click();
  await (await byTestId(browser, 'import-path')).setValue(file);
  await (await byTestId(browser, 'import-read')).click();
  await byTestId(browser, 'import-preview', 30_000);
  assert.equal(await (await byTestId(browser, 'import-map-name')).getProperty('value'), 'Naam');
  assert.match(await textOf(await byTestId(browser, 'import-rows')), /^3\b/);
  await screenshot(browser, '08-import-preview');

  await (await byTestId(browser, 'import-run')).click();
  await byTestId(browser, 'import-refused', 30_000);
  const problems = await browser.$$('[data-testid="import-problem"]');
  assert.equal(problems.length, 1);
  const cells = await problems[0].$$('td');
  assert.equal((await textOf(cells[0])).trim(), '3');
  assert.equal((await textOf(cells[1])).trim(), 'Naam');
  assert.match(await textOf(cells[2]), /empty, but required/);
  await screenshot(browser, '09-import-refused');

  await (await byTestId(browser, 'nav-customers')).click();
  const after = await byTestId(browser, 'customers-count', 30_000);
  await browser.waitUntil(async () => /\d/.test(await textOf(after)), { timeout: 30_000 });
  assert.equal(await textOf(after), before, 'the refused file added customers');
  await (await byTestId(browser, 'customers-search')).setValue('E2E-');
  await browser.waitUntil(async () => (await browser.$$('[data-testid="customers-row"]')).length === 0, {
    timeout: 10_000,
    timeoutMsg: 'a customer of the refused file is in the list',
  });
});

test('collections: segments, a customer’s behaviour, a policy edited and kept, the worklist reviewed and run', async () => {
  // The dashboard's segments: all six, with their customers.
  await (await byTestId(browser, 'nav-dashboard')).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="dashboard-segment"]')).length === 6, { timeout: 30_000 });
  let customers = 0;
  for (const row of await browser.$$('[data-testid="dashboard-segment"]')) customers += Number(await row.getAttribute('data-customers'));
  assert.ok(customers >= 300, `the segments hold ${customers} customers`);
  await browser.pause(800);
  await screenshot(browser, '20-dashboard-segments');

  // A customer's behaviour panel: segment, reasons, figures, evidence chart.
  // (The customers list still holds the import test's search: open one from the dashboard.)
  const biggest = await browser.$('[data-testid="dashboard-biggest-row"] a');
  await biggest.scrollIntoView();
  await biggest.click();
  await byTestId(browser, 'behaviour-figures', 30_000);
  await byTestId(browser, 'behaviour-chart', 30_000);
  assert.match(await textOf(await byTestId(browser, 'behaviour-segment')), /\w/);
  assert.match(await textOf(await byTestId(browser, 'figure-after-reminder')), /\d+ of \d+ late invoices/);
  await browser.pause(800);
  await screenshot(browser, '21-customer-behaviour');

  // Policies: the forgetful policy's first step moves to 2 days before the due date, and stays.
  await (await byTestId(browser, 'nav-collections')).click();
  await (await byTestId(browser, 'collections-tab-policies')).click();
  const days = await byTestId(browser, 'policy-forgetful-step-0-days', 30_000);
  assert.equal(await (await byTestId(browser, 'policy-forgetful-step-0-when')).getProperty('value'), 'before');
  await days.setValue('2');
  await byTestId(browser, 'policy-forgetful-unsaved');
  await (await byTestId(browser, 'policy-forgetful-save')).click();
  await byTestId(browser, 'policy-forgetful-saved', 15_000);
  await screenshot(browser, '22-policies');
  await (await byTestId(browser, 'collections-tab-worklist')).click();
  await byTestId(browser, 'worklist-entry', 60_000);
  await (await byTestId(browser, 'collections-tab-policies')).click();
  const kept = await byTestId(browser, 'policy-forgetful-step-0-days', 30_000);
  assert.equal(await kept.getProperty('value'), '2');
  assert.equal(await (await byTestId(browser, 'policy-forgetful-step-0-when')).getProperty('value'), 'before');

  // Worklist: the first entry with an action (and no alert, so the action is the newest event).
  await (await byTestId(browser, 'collections-tab-worklist')).click();
  await byTestId(browser, 'worklist-entry', 60_000);
  const entry = await browser.$('[data-testid="worklist-entry"][data-has-action="yes"][data-alerts="0"]');
  await entry.waitForDisplayed({ timeout: 30_000 });
  const customerId = await entry.getAttribute('data-customer');
  const name = (await textOf(await entry.$('[data-testid="entry-customer"]'))).trim();
  const firstItem = (await textOf(await entry.$('[data-testid="entry-item"] td'))).trim();
  assert.match(firstItem, /\S/);
  await (await entry.$('[data-testid="entry-select"]')).click();
  assert.match(await textOf(await byTestId(browser, 'worklist-selected')), /^1\b/);
  await screenshot(browser, '23-worklist');

  // Review: what will happen, nothing done yet.
  await (await byTestId(browser, 'worklist-review')).click();
  await byTestId(browser, 'review');
  const reviewed = await browser.$$('[data-testid="review-customer"]');
  assert.equal(reviewed.length, 1);
  assert.match(await textOf(reviewed[0]), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await screenshot(browser, '24-review');

  // Confirm: the result lists the customer.
  await (await byTestId(browser, 'review-confirm')).click();
  await byTestId(browser, 'run-result', 60_000);
  const done = await browser.$$('[data-testid="result-customer"]');
  assert.equal(done.length, 1);
  assert.equal((await textOf(done[0])).trim(), name);
  // The list is asked again: the customer has no action left today.
  await browser.waitUntil(async () => (await (await byTestId(browser, 'worklist')).getAttribute('aria-busy')) === 'false', { timeout: 60_000 });
  const again = await browser.$(`[data-testid="worklist-entry"][data-customer="${customerId}"]`);
  if (await again.isExisting()) assert.equal(await again.getAttribute('data-has-action'), 'no');
  await screenshot(browser, '25-result');

  // The customer's timeline: the newest event is the dunning action, naming the first item.
  await done[0].click();
  await browser.waitUntil(async () => (await browser.getUrl()).endsWith(`/customers/${customerId}`), { timeout: 15_000 });
  await byTestId(browser, 'customer-timeline-event', 30_000);
  const newest = (await browser.$$('[data-testid="customer-timeline-event"]'))[0];
  const kind = await newest.getAttribute('data-kind');
  assert.ok(['email', 'letter', 'call', 'level_change'].includes(kind), `the newest event is a ${kind}`);
  assert.match(await textOf(newest), new RegExp(firstItem));
  await browser.execute((el) => el.scrollIntoView({ block: 'center' }), newest);
  await screenshot(browser, '26-customer-after-run');
});

test('switching the language changes the interface', async () => {
  await (await byTestId(browser, 'nav-settings')).click();
  // The company the demo installed is the one Settings shows (its edit form is in view).
  await byTestId(browser, 'company-submit');
  assert.equal((await textOf(await byTestId(browser, 'settings-company'))).trim(), 'Brightwave Supplies NV');
  const before = await textOf(await byTestId(browser, 'nav-customers'));
  const select = await byTestId(browser, 'settings-language');
  await select.selectByAttribute('value', 'fr');
  await browser.waitUntil(async () => (await textOf(await byTestId(browser, 'nav-customers'))) !== before, { timeout: 10_000 });
  assert.equal((await textOf(await byTestId(browser, 'nav-customers'))).trim(), 'Clients');
  await screenshot(browser, '10-settings-fr');
  await (await byTestId(browser, 'nav-dashboard')).click();
  await byTestId(browser, 'dashboard-total-open');
  await browser.pause(800);
  await screenshot(browser, '11-dashboard-fr');
});

test('a passphrase database keeps its idle time, locks, unlocks, and backs up', async () => {
  const lockDir = mkdtempSync(join(tmpdir(), 'creditdesk-e2e-lock-'));
  await browser.deleteSession();
  browser = await openApp(lockDir);
  await (await byTestId(browser, 'start-language')).selectByAttribute('value', 'en');
  await (await byTestId(browser, 'start-use-passphrase')).click();
  await (await byTestId(browser, 'start-passphrase')).setValue('travelling light 2026');
  await (await byTestId(browser, 'start-passphrase-repeat')).setValue('travelling light 2026');
  await (await byTestId(browser, 'start-create')).click();
  await (await byTestId(browser, 'start-demo', 60_000)).click();
  await byTestId(browser, 'dashboard-total-open', 120_000);

  await (await byTestId(browser, 'nav-settings')).click();
  await (await byTestId(browser, 'settings-lock-minutes')).selectByAttribute('value', '5');
  await byTestId(browser, 'settings-lock-saved');
  const backupFile = join(lockDir, 'backup.creditdesk');
  await (await byTestId(browser, 'backup-path')).setValue(backupFile);
  await (await byTestId(browser, 'backup-passphrase')).setValue('keep it somewhere safe');
  await (await byTestId(browser, 'backup-run')).click();
  const done = await byTestId(browser, 'backup-done', 60_000);
  assert.match(await textOf(done), /backup\.creditdesk \(\d/);
  assert.ok(existsSync(backupFile) && existsSync(`${backupFile}.salt`), 'the backup or its salt file is missing');
  await (await byTestId(browser, 'settings-lock-section')).scrollIntoView();
  await screenshot(browser, '12-settings-lock-backup');

  await (await byTestId(browser, 'settings-lock-now')).click();
  const passphrase = await byTestId(browser, 'start-unlock-passphrase', 30_000);
  await screenshot(browser, '13-locked');
  await passphrase.setValue('not the passphrase');
  await (await byTestId(browser, 'start-unlock')).click();
  await byTestId(browser, 'start-wrong-passphrase', 30_000);
  await (await byTestId(browser, 'start-unlock-passphrase')).setValue('travelling light 2026');
  await (await byTestId(browser, 'start-unlock')).click();
  // Unlocked, the window is back where the user left it.
  await byTestId(browser, 'settings-lock-minutes', 60_000);
  assert.equal(await (await byTestId(browser, 'settings-lock-minutes')).getProperty('value'), '5');
});
