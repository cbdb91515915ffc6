// The desktop app in its real window: first start, demo company, dashboard, customers, a
// customer's timeline, a promise that survives a restart, an import refused for a bad row,
// collections (segments, behaviour, a policy, the worklist reviewed and run), a run that
// prints a letter and one that queues an e-mail (the outbox), the legal-interest rates and the
// letter templates in Settings, bank reconciliation (match, accept, reject, undo, split, import a
// statement), the KPI tiles and page, the cash-in forecast drilled down to a week and a customer's
// expected dates, switching language, a passphrase database that locks, unlocks and backs up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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

/** Today on this computer's calendar, as the app reads it (`YYYY-MM-DD`). */
function todayLocal() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The worklist's first entry whose action is `action` (without an alert, so the action is the
 * newest event; for an e-mail, with an address to send to): its customer id, or null.
 */
async function entryWith(action) {
  return browser.execute((wanted) => {
    for (const entry of document.querySelectorAll('[data-testid="worklist-entry"][data-has-action="yes"][data-alerts="0"]')) {
      const a = entry.querySelector('[data-testid="entry-action"]');
      if (a?.getAttribute('data-action') !== wanted) continue;
      if (entry.querySelector('[data-testid="entry-email-missing"]')) continue;
      return entry.getAttribute('data-customer');
    }
    return null;
  }, action);
}

/** Opens the worklist, selects that customer's entry only, reviews and confirms; answers its name. */
async function runEntry(customerId) {
  const entry = await browser.$(`[data-testid="worklist-entry"][data-customer="${customerId}"]`);
  await entry.scrollIntoView({ block: 'center' });
  const name = (await textOf(await entry.$('[data-testid="entry-customer"]'))).trim();
  await (await entry.$('[data-testid="entry-select"]')).click();
  assert.match(await textOf(await byTestId(browser, 'worklist-selected')), /^1\b/);
  await (await byTestId(browser, 'worklist-review')).click();
  await byTestId(browser, 'review');
  assert.equal((await browser.$$('[data-testid="review-customer"]')).length, 1);
  await (await byTestId(browser, 'review-confirm')).click();
  await byTestId(browser, 'run-result', 60_000);
  return name;
}

async function openWorklist() {
  await (await byTestId(browser, 'nav-collections')).click();
  await (await byTestId(browser, 'collections-tab-worklist')).click();
  await byTestId(browser, 'worklist-entry', 60_000);
  await browser.waitUntil(async () => (await (await byTestId(browser, 'worklist')).getAttribute('aria-busy')) === 'false', { timeout: 60_000 });
}

test('a letter: the policy sends one, the run writes the batch PDF to print, the timeline shows it', async () => {
  // The punctual policy's first step becomes a letter (the shipped one is an e-mail).
  await (await byTestId(browser, 'nav-collections')).click();
  await (await byTestId(browser, 'collections-tab-policies')).click();
  const action = await byTestId(browser, 'policy-punctual-step-0-action', 30_000);
  await action.selectByAttribute('value', 'letter');
  await (await byTestId(browser, 'policy-punctual-save')).click();
  await byTestId(browser, 'policy-punctual-saved', 15_000);

  await openWorklist();
  const customerId = await entryWith('letter');
  assert.ok(customerId, 'no worklist entry sends a letter today');
  const name = await runEntry(customerId);

  // The result lists the letter and offers the batch to print (not clicked: it starts a viewer).
  const letters = await browser.$$('[data-testid="result-letter"]');
  assert.equal(letters.length, 1);
  assert.match(await textOf(letters[0]), /\.pdf\s*$/);
  await byTestId(browser, 'result-open-batch');
  await (await byTestId(browser, 'run-result')).scrollIntoView({ block: 'center' });
  await browser.pause(300); // the window paints what the DOM holds
  await screenshot(browser, '27-result-letter');

  // The batch is on disk under <data dir>/letters/<today>/ and names the customer.
  const day = join(dataDir, 'letters', todayLocal());
  assert.ok(existsSync(day), `${day} is missing`);
  const batches = readdirSync(day)
    .filter((f) => /^letters-.*\.pdf$/.test(f))
    .map((f) => join(day, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.ok(batches.length > 0, `no batch PDF in ${day}: ${readdirSync(day).join(', ')}`);
  const text = execFileSync('pdftotext', ['-layout', batches[0], '-'], { encoding: 'utf8' });
  assert.ok(text.replace(/\s+/g, ' ').includes(name.replace(/\s+/g, ' ')), `the batch does not name ${name}:\n${text.slice(0, 600)}`);

  // The customer's timeline: the newest event is the letter.
  await (await byTestId(browser, 'result-customer')).click();
  await browser.waitUntil(async () => (await browser.getUrl()).endsWith(`/customers/${customerId}`), { timeout: 15_000 });
  await byTestId(browser, 'customer-timeline-event', 30_000);
  const newest = (await browser.$$('[data-testid="customer-timeline-event"]'))[0];
  assert.equal(await newest.getAttribute('data-kind'), 'letter');
});

test('an e-mail: the run queues it, and the outbox lists it with its PDF', async () => {
  await openWorklist();
  const customerId = await entryWith('email');
  assert.ok(customerId, 'no worklist entry sends an e-mail today');
  await runEntry(customerId);
  assert.match(await textOf(await byTestId(browser, 'result-emails')), /1 e-mail queued/);

  await (await byTestId(browser, 'nav-settings')).click();
  await (await byTestId(browser, 'settings-tab-outbox')).click();
  const message = await browser.$(`[data-testid="outbox-message"][data-customer="${customerId}"]`);
  await message.waitForDisplayed({ timeout: 30_000 });
  assert.equal(await message.getAttribute('data-state'), 'queued');
  assert.match(await textOf(await message.$('[data-testid="outbox-attachment"]')), /\.pdf\s*$/);
  assert.match(await textOf(await message.$('[data-testid="outbox-to"]')), /@/);
  await browser.pause(300); // the window paints what the DOM holds
  await screenshot(browser, '30-settings-outbox');
});

test('settings: the legal-interest rates (a rate of ours added and removed), the calculator, a letter edited and reset, the e-mail server', async () => {
  await (await byTestId(browser, 'settings-tab-interest')).click();
  const rule = await byTestId(browser, 'interest-rule', 30_000);
  assert.match(await textOf(rule), /Belgium|\+ 8 points/);
  const ecb = await byTestId(browser, 'rates-ecb_mro');
  assert.ok((await ecb.$$('[data-testid="rate-row"]')).length >= 5, 'the ECB table is empty');
  assert.equal((await browser.$$('[data-testid="rate-row"][data-origin="user"]')).length, 0);
  await browser.pause(300); // the window paints what the DOM holds
  await screenshot(browser, '31-settings-interest');

  // A rate of ours from today (the day picker's default), then removed.
  await (await byTestId(browser, 'rate-rate')).setValue('3.15');
  await (await byTestId(browser, 'rate-source')).setValue('E2E test');
  await (await byTestId(browser, 'rate-save')).click();
  await byTestId(browser, 'rate-saved', 15_000);
  const mine = await browser.$(`[data-testid="rates-ecb_mro"] [data-testid="rate-row"][data-origin="user"][data-from="${todayLocal()}"]`);
  await mine.waitForDisplayed({ timeout: 15_000 });
  assert.match(await textOf(mine), /3\.15 %/);
  await mine.scrollIntoView({ block: 'nearest' });
  await browser.pause(300); // the window paints what the DOM holds
  await screenshot(browser, '32-settings-interest-user-rate');
  await (await mine.$('[data-testid="rate-remove"]')).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="rate-row"][data-origin="user"]')).length === 0, {
    timeout: 15_000,
    timeoutMsg: 'the rate of ours was not removed',
  });

  // A refused rate: the backend's reason next to the form.
  await (await byTestId(browser, 'rate-rate')).setValue('425');
  await (await byTestId(browser, 'rate-save')).click();
  assert.match(await textOf(await byTestId(browser, 'rate-error', 15_000)), /between -5 and 50/);

  // The calculator: 1000 € due on 10 January of this year.
  await (await byTestId(browser, 'calc-amount')).setValue('1000');
  await (await byTestId(browser, 'calc-run')).click();
  const result = await byTestId(browser, 'calc-result', 15_000);
  await result.scrollIntoView({ block: 'nearest' });
  assert.ok((await browser.$$('[data-testid="calc-period"]')).length >= 1);
  assert.match(await textOf(await byTestId(browser, 'calc-compensation')), /40[.,]00/);
  await browser.pause(300); // the window paints what the DOM holds
  await screenshot(browser, '33-settings-interest-calculator');

  // Letters: the English second reminder's subject edited, saved (customized), reset.
  await (await byTestId(browser, 'settings-tab-letters')).click();
  await (await byTestId(browser, 'letters-language', 30_000)).selectByAttribute('value', 'en');
  await (await byTestId(browser, 'letters-tone-second_reminder')).click();
  const subject = await byTestId(browser, 'letters-subject');
  const shipped = await subject.getProperty('value');
  await subject.setValue('Second reminder for ');
  await (await browser.$('[data-testid="letters-placeholder"][data-name="customer_name"]')).click();
  assert.equal(await subject.getProperty('value'), 'Second reminder for {customer_name}');
  await (await byTestId(browser, 'letters-save')).click();
  await byTestId(browser, 'letters-customized', 15_000);
  await browser.pause(300); // the window paints what the DOM holds
  await screenshot(browser, '34-settings-letters');
  await (await byTestId(browser, 'letters-reset')).click();
  await byTestId(browser, 'letters-shipped', 15_000);
  assert.equal(await (await byTestId(browser, 'letters-subject')).getProperty('value'), shipped);

  // The e-mail server: saved with a password, which comes back only as "set".
  await (await byTestId(browser, 'settings-tab-mail')).click();
  await byTestId(browser, 'smtp-none', 30_000);
  await (await byTestId(browser, 'smtp-host')).setValue('127.0.0.1');
  await (await byTestId(browser, 'smtp-security')).selectByAttribute('value', 'none');
  await (await byTestId(browser, 'smtp-port')).setValue('2525');
  await (await byTestId(browser, 'smtp-username')).setValue('credit');
  await (await byTestId(browser, 'smtp-password-change')).click();
  await (await byTestId(browser, 'smtp-password-input')).setValue('e2e-secret');
  await (await byTestId(browser, 'smtp-from-address')).setValue('credit@brightwave-supplies.be');
  await (await byTestId(browser, 'smtp-from-name')).setValue('Brightwave credit department');
  await (await byTestId(browser, 'smtp-save')).click();
  await byTestId(browser, 'smtp-saved', 15_000);
  assert.equal((await textOf(await byTestId(browser, 'smtp-password-state'))).trim(), 'Set');
  await browser.pause(300); // the window paints what the DOM holds
  await screenshot(browser, '35-settings-smtp');

  // "Send now" through that server (nothing listens there): the report says what waits and why.
  await (await byTestId(browser, 'settings-tab-outbox')).click();
  await byTestId(browser, 'outbox-message', 30_000);
  const send = await byTestId(browser, 'outbox-send');
  if (await send.isEnabled()) {
    await send.click();
    const report = await byTestId(browser, 'outbox-report', 60_000);
    assert.match(await textOf(report), /Sent: 0/);
  }
  await browser.pause(300);
  await screenshot(browser, '36-settings-outbox-sent');
});

const repoRoot = new URL('../../', import.meta.url).pathname;
const camt = (name) => join(repoRoot, '..', 'shared', 'data', 'bank', 'camt', name);
const count = async (tab) => Number(await (await byTestId(browser, `recon-tab-${tab}`)).getAttribute('data-count'));
const doneText = async () => textOf(await byTestId(browser, 'recon-done', 30_000));
/** Selects a row of the list (a click on the row itself, as the user's lands on one of its cells). */
async function selectRow(row) {
  await row.scrollIntoView({ block: 'center' });
  await (await row.$('td:nth-child(2)')).click();
}
/** Waits until the list is idle (the answer to the last action is in). */
async function reconIdle() {
  await browser.waitUntil(async () => (await browser.$$('.recon__body[aria-busy="true"]')).length === 0, { timeout: 30_000 });
}

test('reconciliation: match the demo statement, accept and reject with the keyboard, undo an automatic match, split by hand', async () => {
  await (await byTestId(browser, 'nav-reconciliation')).click();
  await byTestId(browser, 'recon-entry', 30_000);
  await browser.waitUntil(async () => (await count('unmatched')) > 0, { timeout: 30_000 });

  // Match now: the run's counts, then the entries to review.
  await (await byTestId(browser, 'recon-match')).click();
  const run = await textOf(await byTestId(browser, 'recon-run-result', 60_000));
  const m = run.match(/^(\d+) entries matched: (\d+) applied automatically, (\d+) to review, (\d+) without a match$/);
  assert.ok(m, `the run says: ${run}`);
  const [considered, auto, suggested, unmatched] = m.slice(1).map(Number);
  assert.equal(considered, auto + suggested + unmatched);
  assert.ok(auto > 0 && suggested >= 2, `auto ${auto}, suggested ${suggested}`);
  await browser.waitUntil(async () => (await (await byTestId(browser, 'recon-tab-review')).getAttribute('aria-selected')) === 'true', { timeout: 15_000 });
  await reconIdle();
  assert.equal(await count('review'), suggested);
  assert.equal(await count('auto'), auto);
  await browser.pause(300);
  await screenshot(browser, '40-reconciliation-matched');

  // The first suggestion is selected: its review, then "a" accepts it.
  const detail = await byTestId(browser, 'recon-detail');
  assert.equal(await detail.getAttribute('data-status'), 'suggested');
  assert.match(await textOf(await byTestId(browser, 'detail-reason')), /\w/);
  const acceptedEntry = await (await browser.$('[data-testid="recon-entry"][aria-selected="true"]')).getAttribute('data-entry');
  const customerLink = await browser.$('[data-testid="recon-detail"] [data-testid="detail-customer"]');
  const customerHref = (await customerLink.isExisting()) ? await customerLink.getAttribute('href') : null;
  await screenshot(browser, '41-reconciliation-review');
  await browser.keys('a');
  assert.match(await doneText(), new RegExp(`${acceptedEntry}: the suggestion is accepted`));
  await reconIdle();
  assert.equal(await count('review'), suggested - 1);
  assert.equal(await count('confirmed'), 1);

  // "r" rejects the next one: it waits, unmatched, and is not proposed again.
  const rejectedEntry = await (await browser.$('[data-testid="recon-entry"][aria-selected="true"]')).getAttribute('data-entry');
  await browser.keys('r');
  await browser.waitUntil(async () => (await doneText()).includes(`${rejectedEntry}: the suggestion is rejected`), { timeout: 30_000 });
  await reconIdle();
  assert.equal(await count('review'), suggested - 2);
  assert.equal(await count('unmatched'), unmatched + 1);

  // An automatic match undone with "u": its invoices are open again.
  await (await byTestId(browser, 'recon-tab-auto')).click();
  await reconIdle();
  const autoRow = await byTestId(browser, 'recon-entry', 15_000);
  const undoneEntry = await autoRow.getAttribute('data-entry');
  await selectRow(autoRow);
  await browser.keys('u');
  await browser.waitUntil(async () => (await doneText()).includes(`${undoneEntry}: the allocation is undone`), { timeout: 30_000 });
  await reconIdle();
  assert.equal(await count('auto'), auto - 1);
  // In "all", the entry keeps its undone allocations, struck, with the day.
  await (await byTestId(browser, 'recon-tab-all')).click();
  await reconIdle();
  await selectRow(await browser.$(`[data-testid="recon-entry"][data-entry="${undoneEntry}"]`));
  const undone = await browser.$$('[data-testid="recon-detail"] [data-testid="detail-allocation"][data-undone="yes"]');
  assert.ok(undone.length >= 1, 'the undone allocation is not shown');
  assert.match(await textOf(undone[0]), /undone on/);

  // A split by hand of an unmatched entry, over an open item found by its number.
  await (await byTestId(browser, 'recon-tab-unmatched')).click();
  await reconIdle();
  const unmatchedRow = await byTestId(browser, 'recon-entry', 15_000);
  const splitEntry = await unmatchedRow.getAttribute('data-entry');
  await selectRow(unmatchedRow);
  await browser.keys('s');
  const search = await byTestId(browser, 'split-search');
  await search.setValue('2026-00');
  await (await byTestId(browser, 'split-search-run')).click();
  const item = await byTestId(browser, 'split-item', 30_000);
  const invoice = await item.getAttribute('data-invoice');
  await (await item.$('[data-testid="split-add"]')).click();
  const amount = await byTestId(browser, 'split-amount');
  await amount.setValue('10.00');
  await browser.pause(200);
  await screenshot(browser, '42-reconciliation-split');
  await (await byTestId(browser, 'split-confirm')).click();
  await browser.waitUntil(async () => (await doneText()).includes(`${splitEntry}: split by hand`), { timeout: 30_000 });
  await reconIdle();
  assert.equal(await count('confirmed'), 2);
  await (await byTestId(browser, 'recon-tab-confirmed')).click();
  await reconIdle();
  await selectRow(await browser.$(`[data-testid="recon-entry"][data-entry="${splitEntry}"]`));
  const parts = await browser.$$('[data-testid="recon-detail"] [data-testid="detail-allocation"]');
  assert.equal(parts.length, 1);
  assert.match(await textOf(parts[0]), new RegExp(`${invoice}.*10[.,]00`));

  // The accepted entry's customer: its timeline shows the bank transfer.
  if (customerHref) {
    await browser.execute((href) => {
      window.location.hash = href.replace(/^.*#/, '');
    }, customerHref);
    await byTestId(browser, 'customer-timeline-event', 30_000);
    await browser.waitUntil(
      async () => {
        for (const e of await browser.$$('[data-testid="customer-timeline-event"]')) {
          if ((await textOf(e)).includes(`Bank transfer, entry ${acceptedEntry}`)) return true;
        }
        return false;
      },
      { timeout: 30_000, timeoutMsg: `no "Bank transfer, entry ${acceptedEntry}" on the customer's timeline` },
    );
  }
});

test('reconciliation: a camt.053 statement imported, then again (nothing added), and a wrong file refused with its name', async () => {
  await (await byTestId(browser, 'nav-reconciliation')).click();
  await byTestId(browser, 'recon-entry', 30_000);
  const file = camt('camt053.v2.minimal.xml');
  assert.ok(existsSync(file), `${file} is missing`);
  await (await byTestId(browser, 'statement-path')).setValue(file);
  await (await byTestId(browser, 'statement-import')).click();
  const result = await byTestId(browser, 'statement-result', 60_000);
  const added = Number(await result.getAttribute('data-added'));
  assert.ok(added > 0, `added ${added}`);
  assert.equal(await result.getAttribute('data-already'), '0');
  assert.match(await textOf(result), new RegExp(`camt053\\.v2\\.minimal\\.xml \\(camt053\\): \\d+ (entry|entries), ${added} added, 0 already imported`));
  await browser.pause(300);
  await screenshot(browser, '43-reconciliation-import');

  await (await byTestId(browser, 'statement-import')).click();
  await browser.waitUntil(async () => (await (await byTestId(browser, 'statement-result', 30_000)).getAttribute('data-added')) === '0', { timeout: 30_000 });
  assert.equal(await (await byTestId(browser, 'statement-result')).getAttribute('data-already'), String(added));

  await (await byTestId(browser, 'statement-path')).setValue(camt('camt053.v2.wrong.xml'));
  await (await byTestId(browser, 'statement-import')).click();
  const error = await byTestId(browser, 'statement-error', 30_000);
  assert.equal(await error.getAttribute('data-code'), 'import_failed');
  assert.match(await textOf(error), /camt053\.v2\.wrong\.xml/);
  await screenshot(browser, '44-reconciliation-import-refused');
});

const KPI_NAMES = ['dso_countback', 'dso_standard', 'bpdso', 'add', 'cei', 'overdue', 'share_current'];
const drawn = async (testId) => (await browser.$$(`[data-testid="${testId}"] canvas`)).length > 0;
/** The groups the KPI table lists, in order. */
async function kpiGroups() {
  const groups = [];
  for (const row of await browser.$$('[data-testid="kpi-group"]')) groups.push(await row.getAttribute('data-group'));
  return groups;
}

test('KPIs: dashboard tiles with sparklines and formulas, the KPI page by month and by group', async () => {
  await (await byTestId(browser, 'nav-dashboard')).click();
  const countback = await byTestId(browser, 'kpi-value-dso_countback', 60_000);
  await browser.waitUntil(async () => /\d+(\.\d)? days/.test(await textOf(countback)), { timeout: 30_000 });
  for (const name of KPI_NAMES) {
    const tile = await byTestId(browser, `kpi-tile-${name}`);
    assert.match(await tile.getAttribute('title'), /\w/, `${name} has no formula`);
    await browser.waitUntil(async () => drawn(`kpi-sparkline-${name}`), { timeout: 30_000, timeoutMsg: `no sparkline for ${name}` });
  }
  assert.equal(await (await byTestId(browser, 'kpi-tile-dso_standard')).getAttribute('title'), 'Standard DSO = receivables ÷ credit sales of the last 90 days × 90');
  assert.match(await textOf(await byTestId(browser, 'kpi-value-cei')), /^\d+(\.\d)?%$/);
  await (await byTestId(browser, 'dashboard-kpis')).scrollIntoView({ block: 'start' });
  await browser.pause(500);
  await screenshot(browser, '50-dashboard-kpis');

  await (await byTestId(browser, 'dashboard-kpis-link')).click();
  await byTestId(browser, 'kpi-screen', 30_000);
  await browser.waitUntil(async () => (await drawn('kpi-dso-chart')) && (await drawn('kpi-ageing-chart')), { timeout: 30_000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="kpi-group"]')).length >= 2, { timeout: 30_000 });
  const segments = await kpiGroups();
  for (const segment of segments) assert.match(segment, /^(punctual|forgetful|systematic_late|struggling|disputing|new)$/);
  assert.match(await (await byTestId(browser, 'kpi-col-cei')).getAttribute('title'), /^CEI = /);
  await browser.pause(500);
  await screenshot(browser, '51-kpi-page');
  await (await byTestId(browser, 'kpi-dimension-country')).click();
  await browser.waitUntil(async () => (await kpiGroups())[0] !== segments[0], { timeout: 30_000 });
  const countries = await kpiGroups();
  assert.ok(countries.length >= 2, `countries: ${countries}`);
  for (const country of countries) assert.match(country, /^([A-Z]{2})?$/);
});

test('forecast: 13 weeks with bands, the backtest beside them, a week drilled down to its invoices and reasons, the customer’s expected dates', async () => {
  await (await byTestId(browser, 'nav-forecast')).click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="forecast-week"]')).length === 13, { timeout: 60_000 });
  const sentence = await textOf(await byTestId(browser, 'forecast-backtest', 60_000));
  assert.match(sentence, /^Over the last 6 months this forecast was off by \d+(\.\d)? days on average; the due date by \d+(\.\d)?, the customer's usual delay by \d+(\.\d)?\.$/);
  assert.match(await textOf(await byTestId(browser, 'forecast-later')), /\d/);
  await browser.waitUntil(async () => drawn('forecast-chart'), { timeout: 30_000 });
  const reasons = await browser.$$('[data-testid="forecast-reason"]');
  assert.ok(reasons.length > 0);
  assert.match(await textOf(reasons[0]), /\w+ \w+/);
  await browser.pause(500);
  await screenshot(browser, '52-forecast');

  // The busiest week drilled down: only its invoices, each with its range and reason.
  let busiest = null;
  let most = 0;
  for (const button of await browser.$$('[data-testid="forecast-week"]')) {
    const n = Number(await button.getAttribute('data-invoices'));
    if (n > most) [busiest, most] = [button, n];
  }
  assert.ok(busiest, 'no week expects an invoice');
  const week = await busiest.getAttribute('data-week');
  await busiest.click();
  await browser.waitUntil(async () => (await busiest.getAttribute('aria-pressed')) === 'true', { timeout: 10_000 });
  await browser.waitUntil(async () => (await textOf(await byTestId(browser, 'forecast-invoices-title'))).startsWith('Expected in the week of'), { timeout: 30_000 });
  await browser.waitUntil(async () => (await (await browser.$('[data-testid="forecast-screen"]')).getAttribute('aria-busy')) === 'false', { timeout: 30_000 });
  const end = new Date(`${week}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 7);
  const weekEnd = end.toISOString().slice(0, 10);
  // The week's invoices in every currency (its count is of the base currency's), 100 at a time.
  const shown = (await textOf(await byTestId(browser, 'forecast-shown'))).match(/^(\d+) of (\d+)$/);
  assert.ok(shown && Number(shown[2]) >= most, `shown: ${shown}, the week expects ${most}`);
  const rows = await browser.$$('[data-testid="forecast-invoice"]');
  assert.equal(rows.length, Math.min(100, Number(shown[2])));
  for (const row of rows) {
    const expected = await row.getAttribute('data-expected');
    assert.ok(expected >= week && expected < weekEnd, `${expected} is not in the week of ${week}`);
    assert.match(await textOf(await row.$('[data-testid="forecast-reason"]')), /\w+ \w+/);
  }
  // The chart with the week picked, and the first of its invoices with their reasons.
  await (await byTestId(browser, 'forecast-chart')).scrollIntoView({ block: 'start' });
  await browser.pause(300);
  await screenshot(browser, '53-forecast-week');

  // Its first customer: the open invoices show their expected payment, the reason on hover.
  const link = await rows[0].$('[data-testid="forecast-customer-link"]');
  const invoice = await rows[0].getAttribute('data-invoice');
  const expectedDate = await rows[0].getAttribute('data-expected');
  await link.click();
  await byTestId(browser, 'customer-name', 30_000);
  const cell = await browser.$(`[data-testid="customer-invoice"][data-invoice="${invoice}"] [data-testid="invoice-expected"]`);
  await cell.waitForDisplayed({ timeout: 30_000 });
  assert.equal(await cell.getAttribute('data-expected'), expectedDate);
  assert.match(await cell.getAttribute('title'), /^Between .+ and .+\. \w+/);
  await (await byTestId(browser, 'customer-invoices')).scrollIntoView({ block: 'start' });
  await browser.pause(300);
  await screenshot(browser, '54-customer-expected');
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
