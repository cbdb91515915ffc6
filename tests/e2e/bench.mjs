// Desktop benchmarks (BENCHMARKS.md, "Desktop"), each beside the minimal Tauri window measured
// in the same run: start to an interactive dashboard on the demo company; memory (PSS of the
// app and its WebKit processes) with the stress database open; opening a customer's timeline
// on that database. Run by scripts/bench-desktop, which builds what it needs first.
import { mkdtempSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byTestId, openApp, openWindow, startDriver, stopDriver, targetDir, textOf } from './driver.mjs';

const RUNS = Number(process.env.CREDITDESK_BENCH_RUNS ?? 7);
const app = join(targetDir, 'release/creditdesk-app');
const minimal = join(targetDir, 'release/examples/minimal_window');
const stressDir = process.env.CREDITDESK_STRESS_DIR ?? join(targetDir, 'bench-data/desktop-stress-2000000');
const STRESS_PASSPHRASE = 'stress test passphrase';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (v) => `${v.toFixed(0)} ms`;
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

/** Polls `ready` every 5 ms from the moment the session (the process) is asked for. */
async function timeTo(open, ready) {
  const start = performance.now();
  const browser = await open();
  await browser.waitUntil(() => ready(browser), { interval: 5, timeout: 180_000 });
  return { browser, elapsed: performance.now() - start };
}

const minimalPainted = async (browser) => (await browser.$('#painted')).isDisplayed();
const dashboardReady = async (browser) => {
  const total = await browser.$('[data-testid="dashboard-total-open"]');
  return (await total.isDisplayed()) && /\d/.test(await textOf(total));
};

/** Every process whose parent chain leads to a process running `binary`: the app and WebKit's. */
function processTree(binary) {
  const target = realpathSync(binary);
  const parents = new Map();
  const roots = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
      if (realpathSync(`/proc/${name}/exe`) === target) roots.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = (pid) => {
    for (let p = pid; p > 1; p = parents.get(p) ?? 0) if (roots.includes(p)) return true;
    return false;
  };
  return [...parents.keys()].filter(inTree);
}

/** Proportional set size of processes, in kB (shared pages divided among their sharers). */
function pss(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

async function settledPss(binary) {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const pids = processTree(binary);
  const each = pids.map((pid) => {
    let name = String(pid);
    try {
      name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      // Ended meanwhile.
    }
    return `${name} ${mb(pss([pid]))}`;
  });
  return { kb: pss(pids), processes: pids.length, each: each.join(', ') };
}

async function main() {
  await startDriver();
  const report = {};
  try {
    // The demo company, created once through the UI (its key goes to the keychain).
    const demoDir = mkdtempSync(join(tmpdir(), 'creditdesk-bench-'));
    let browser = await openApp(demoDir, app);
    await (await byTestId(browser, 'start-language')).selectByAttribute('value', 'en');
    await (await byTestId(browser, 'start-create')).click();
    await (await byTestId(browser, 'start-demo', 60_000)).click();
    await byTestId(browser, 'dashboard-total-open', 120_000);
    await browser.deleteSession();

    const minimalStarts = [];
    const appStarts = [];
    for (let i = 0; i < RUNS; i++) {
      const m = await timeTo(() => openWindow(minimal), minimalPainted);
      minimalStarts.push(m.elapsed);
      await m.browser.deleteSession();
      const a = await timeTo(() => openApp(demoDir, app), dashboardReady);
      appStarts.push(a.elapsed);
      await a.browser.deleteSession();
    }
    report.start = { minimal: median(minimalStarts), app: median(appStarts), minimalStarts, appStarts };

    const m = await timeTo(() => openWindow(minimal), minimalPainted);
    report.memoryMinimal = await settledPss(minimal);
    await m.browser.deleteSession();

    // The stress database: 100,000 customers, 2,000,000 invoices.
    browser = await openApp(stressDir, app);
    await (await byTestId(browser, 'start-unlock-passphrase', 60_000)).setValue(STRESS_PASSPHRASE);
    const unlockStart = performance.now();
    await (await byTestId(browser, 'start-unlock')).click();
    await browser.waitUntil(() => dashboardReady(browser), { interval: 5, timeout: 300_000 });
    report.stressDashboard = performance.now() - unlockStart;
    report.memoryStress = await settledPss(app);

    // The customer list once (the user's path to a customer), then C000001's page, timed from
    // the navigation to the frame after its timeline is in the page.
    await browser.execute(() => {
      location.hash = '#/customer-number/C000001';
    });
    await byTestId(browser, 'customer-timeline-event', 300_000);
    const customerUrl = await browser.getUrl();
    const hash = customerUrl.slice(customerUrl.indexOf('#'));
    const timelines = [];
    for (let i = 0; i < RUNS; i++) {
      await browser.execute(() => {
        location.hash = '#/settings';
      });
      await byTestId(browser, 'settings-screen');
      timelines.push(
        await browser.executeAsync((target, done) => {
          const start = performance.now();
          location.hash = target;
          const check = () => {
            if (document.querySelector('[data-testid="customer-timeline-event"]')) {
              requestAnimationFrame(() => done(performance.now() - start));
            } else {
              requestAnimationFrame(check);
            }
          };
          check();
        }, hash),
      );
    }
    report.timeline = { median: median(timelines), runs: timelines };
    report.memoryStressAfterTimeline = await settledPss(app);
    await browser.deleteSession();
  } finally {
    stopDriver();
  }

  const { start } = report;
  console.log(`start to first paint, minimal Tauri window: median ${ms(start.minimal)} (${start.minimalStarts.map(ms).join(', ')})`);
  console.log(`start to interactive dashboard, Creditdesk (demo company): median ${ms(start.app)} (${start.appStarts.map(ms).join(', ')})`);
  console.log(`ratio: ${(start.app / start.minimal).toFixed(2)}x (goal <= 1.5x)`);
  console.log(`PSS minimal window: ${mb(report.memoryMinimal.kb)} (${report.memoryMinimal.each})`);
  console.log(`PSS Creditdesk, stress database open (dashboard): ${mb(report.memoryStress.kb)} (${report.memoryStress.each})`);
  console.log(`PSS Creditdesk after opening the customer list and C000001: ${mb(report.memoryStressAfterTimeline.kb)} (${report.memoryStressAfterTimeline.each})`);
  console.log(`above the minimal window: ${mb(report.memoryStress.kb - report.memoryMinimal.kb)} (dashboard), ${mb(report.memoryStressAfterTimeline.kb - report.memoryMinimal.kb)} (customer list + timeline); goal <= 100 MB`);
  console.log(`unlock to interactive dashboard on the stress database: ${ms(report.stressDashboard)}`);
  console.log(`open C000001 to its timeline painted: median ${report.timeline.median.toFixed(1)} ms (${report.timeline.runs.map((v) => v.toFixed(1)).join(', ')}); goal < 100 ms`);
}

await main();
