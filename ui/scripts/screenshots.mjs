// Screenshots of every screen at 1280×800, in English and French (or the languages given:
// `node scripts/screenshots.mjs en fr nl de`), against the mock backend in Debian's chromium.
// Output: ui/screenshots/<lang>-<screen>.png (gitignored).
//
// Needs: `npm i` (playwright-core is a dev dependency) and /usr/bin/chromium
// (`apt-get install -y chromium`), or CHROMIUM=/path/to/chrome.

import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, createServer } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'screenshots');
const languages = process.argv.slice(2).length ? process.argv.slice(2) : ['en', 'fr'];
const viewport = { width: 1280, height: 800 };
// The demo company's fixtures are as of this day; freeze the page's clock on it.
const TODAY = new Date('2026-11-23T09:30:00');

// Mode `mock` (.env.mock): the mock backend answers the commands.
const server = await createServer({ root, mode: 'mock', logLevel: 'error', server: { port: 5199, strictPort: false } });
await server.listen();
const base = server.resolvedUrls.local[0];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

const shots = [];
const problems = [];

async function page(language, query = '') {
  const context = await browser.newContext({ viewport, locale: language, deviceScaleFactor: 1 });
  await context.addInitScript((lang) => window.localStorage.setItem('creditdesk.language', lang), language);
  const p = await context.newPage();
  await p.clock.setFixedTime(TODAY);
  p.on('pageerror', (e) => problems.push(`${language}${query}: page error: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${language}${query}: console: ${m.text()}`);
  });
  // No request may leave the machine: only the dev server answers.
  await p.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : (problems.push(`remote request: ${route.request().url()}`), route.abort())));
  return { p, close: () => context.close() };
}

async function shot(p, language, name) {
  await p.waitForTimeout(350); // chart animation, fonts
  const file = join(out, `${language}-${name}.png`);
  await p.screenshot({ path: file });
  shots.push(file);
}

await mkdir(out, { recursive: true });

for (const lang of languages) {
  // First start with a keychain.
  {
    const { p, close } = await page(lang, '?mockSetup=needs_database');
    await p.goto(`${base}?mockSetup=needs_database`);
    await p.getByTestId('start-create').waitFor();
    await shot(p, lang, '01-start-create');
    await p.getByTestId('start-create').click();
    await p.getByTestId('start-demo').waitFor();
    await shot(p, lang, '02-start-empty');
    await p.getByTestId('start-demo').click();
    await p.getByTestId('dashboard-total-open').waitFor();
    await close();
  }
  // First start without a keychain: the passphrase form, with a mismatch shown.
  {
    const { p, close } = await page(lang, '?mockSetup=needs_database&mockKeychain=0');
    await p.goto(`${base}?mockSetup=needs_database&mockKeychain=0`);
    await p.getByTestId('start-passphrase').fill('correct horse battery');
    await p.getByTestId('start-passphrase-repeat').fill('correct horse');
    await p.getByTestId('start-create').click();
    await p.getByTestId('start-passphrase-problem').waitFor();
    await shot(p, lang, '03-start-passphrase');
    await close();
  }
  // Locked database, wrong passphrase.
  {
    const { p, close } = await page(lang, '?mockSetup=needs_passphrase');
    await p.goto(`${base}?mockSetup=needs_passphrase`);
    await p.getByTestId('start-unlock-passphrase').fill('wrong passphrase');
    await p.getByTestId('start-unlock').click();
    await p.getByTestId('start-wrong-passphrase').waitFor();
    await shot(p, lang, '04-start-unlock');
    await close();
  }
  // The app on the demo company.
  {
    const { p, close } = await page(lang);
    await p.goto(`${base}#/dashboard`);
    await p.getByTestId('dashboard-total-open').waitFor();
    await shot(p, lang, '05-dashboard');
    await p.evaluate(() => document.querySelector('.content')?.scrollTo(0, 10000));
    await shot(p, lang, '06-dashboard-bottom');

    await p.getByTestId('nav-customers').click();
    await p.getByTestId('customers-row').first().waitFor();
    await p.getByTestId('customers-list').focus();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    await shot(p, lang, '07-customers');
    await p.keyboard.press('/');
    await p.keyboard.type('gmbh');
    await p.getByTestId('customers-sort').selectOption('days');
    await shot(p, lang, '08-customers-search');
    await p.keyboard.press('Escape');

    await p.goto(`${base}#/customers/164`);
    await p.getByTestId('customer-timeline-event').first().waitFor();
    await shot(p, lang, '09-customer');
    await p.getByTestId('record-tab-promise').click();
    await p.getByTestId('promise-amount').fill(lang === 'en' ? '5,392.95' : '5 392,95');
    await p.getByTestId('promise-due').fill('2026-11-30');
    await p.getByTestId('promise-text').fill(lang === 'en' ? 'Will pay 2026-000853 on Monday.' : 'Paiera la 2026-000853 lundi.');
    await p.getByTestId('promise-submit').click();
    await p.getByTestId('record-saved').waitFor();
    await p.locator('[data-testid="customer-timeline-event"][data-kind="promise"]').first().waitFor();
    await p.getByTestId('customer-timeline').scrollIntoViewIfNeeded();
    await shot(p, lang, '10-customer-promise');
    await p.getByTestId('record-tab-dispute').click();
    await p.getByTestId('dispute-submit').click();
    await p.getByTestId('timeline-filter-promise').click();
    await p.getByTestId('timeline-filter-dispute').click();
    await p.locator('[data-testid="customer-timeline-event"]').first().waitFor();
    await p.getByTestId('customer-timeline').scrollIntoViewIfNeeded();
    await shot(p, lang, '11-customer-dispute-filter');

    await p.getByTestId('nav-settings').click();
    await p.getByTestId('settings-language').waitFor();
    await shot(p, lang, '12-settings');

    // Collections: the customer's behaviour, the worklist, its review and result, the policies.
    await p.goto(`${base}#/customers/157`);
    await p.getByTestId('behaviour-figures').waitFor();
    await p.getByTestId('behaviour-chart').waitFor();
    await shot(p, lang, '14-customer-behaviour');
    await p.getByTestId('nav-collections').click();
    await p.getByTestId('worklist-entry').first().waitFor();
    await p.getByTestId('entry-select').nth(0).check();
    await p.getByTestId('entry-select').nth(1).check();
    await p.getByTestId('entry-select').nth(2).check();
    await shot(p, lang, '15-worklist');
    await p.getByTestId('worklist-review').click();
    await p.getByTestId('review').waitFor();
    await shot(p, lang, '16-review');
    await p.getByTestId('review-confirm').click();
    await p.getByTestId('run-result').waitFor();
    await shot(p, lang, '17-result');
    await p.getByTestId('collections-tab-policies').click();
    await p.getByTestId('policy-forgetful-step-0-days').fill('2');
    await p.getByTestId('policy-punctual-step-1-days').fill('5');
    await p.getByTestId('policy-punctual-save').click();
    await p.getByTestId('policy-punctual-error').waitFor();
    await shot(p, lang, '18-policies');
    await close();
  }
}

// The list with 100 000 customers: how long a search and a sort take, and how it looks.
{
  const { p, close } = await page('en', '?mockRows=100000');
  await p.goto(`${base}?mockRows=100000#/customers`);
  await p.getByTestId('customers-row').first().waitFor({ timeout: 60000 });
  const t0 = Date.now();
  await p.getByTestId('customers-sort').selectOption('name');
  await p.waitForFunction(() => document.querySelector('[data-testid="customers-row"]') !== null);
  const sortMs = Date.now() - t0;
  const t1 = Date.now();
  await p.getByTestId('customers-search').fill('bakkerij');
  await p.waitForFunction(() => !/100[.,\s\u202f]?000 of/.test(document.querySelector('[data-testid="customers-count"]')?.textContent ?? ''));
  const searchMs = Date.now() - t1;
  await p.getByTestId('customers-search').fill('');
  await p.getByTestId('customers-sort').selectOption('overdue');
  await p.getByTestId('customers-list').focus();
  for (let i = 0; i < 40; i++) await p.keyboard.press('PageDown');
  const rows = await p.getByTestId('customers-row').count();
  await shot(p, 'en', '13-customers-100k');
  console.log(`100k rows: sort by name ${sortMs} ms, search ${searchMs} ms, ${rows} row elements in the DOM`);
  await close();
}

// The built app under a strict content security policy (as Tauri serves it): no violation.
{
  const dist = await mkdtemp(join(tmpdir(), 'creditdesk-csp-'));
  await build({ root, mode: 'mock', logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' ipc: http://ipc.localhost";
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const http = createHttpServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(dist, path === '/' ? 'index.html' : path));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? (path === '/' ? 'text/html' : 'application/octet-stream'), 'content-security-policy': csp });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${http.address().port}/`;
  const context = await browser.newContext({ viewport, locale: 'en' });
  const p = await context.newPage();
  await p.clock.setFixedTime(TODAY);
  const violations = [];
  await p.exposeFunction('reportViolation', (v) => violations.push(v));
  await p.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`)),
  );
  p.on('pageerror', (e) => problems.push(`csp run: page error: ${e.message}`));
  await p.goto(`${url}#/dashboard`);
  await p.getByTestId('dashboard-total-open').waitFor();
  await p.getByTestId('dashboard-ageing-chart').hover({ position: { x: 120, y: 150 } });
  await p.goto(`${url}#/customers/164`);
  await p.getByTestId('customer-timeline-event').first().waitFor();
  await p.waitForTimeout(300);
  await context.close();
  http.close();
  await rm(dist, { recursive: true, force: true });
  console.log(violations.length ? `CSP violations:\n  ${violations.join('\n  ')}` : `strict CSP: no violation (${csp})`);
  if (violations.length) problems.push(...violations.map((v) => `CSP: ${v}`));
}

await browser.close();
await server.close();
console.log(shots.map((f) => `  ${f}`).join('\n'));
if (problems.length) {
  console.error('Problems:\n' + problems.map((p) => `  ${p}`).join('\n'));
  process.exitCode = 1;
}
