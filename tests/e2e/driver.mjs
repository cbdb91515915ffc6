// Starts the real app through tauri-driver (WebDriver for Tauri over WebKitWebDriver) and gives
// the tests a WebdriverIO session on it. Each session gets the data directory it is given.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { remote } from 'webdriverio';

const root = new URL('../../', import.meta.url).pathname;
export const targetDir = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/creditdesk/target');
export const application = process.env.CREDITDESK_APP ?? join(targetDir, 'debug/creditdesk-app');
export const screenshotDir = join(root, 'target/e2e-screenshots');
mkdirSync(screenshotDir, { recursive: true });

let driverProcess;

export async function startDriver() {
  driverProcess = spawn('tauri-driver', ['--port', '4444'], { stdio: ['ignore', 'inherit', 'inherit'] });
  // tauri-driver needs a moment before it accepts sessions.
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

export function stopDriver() {
  driverProcess?.kill();
}

/** A session on a freshly started app window using `dataDir` for its database. */
export async function openApp(dataDir, binary = application) {
  return openWindow(binary, ['--data-dir', dataDir]);
}

/** A session on a freshly started Tauri binary (the app, or the benchmarks' minimal window). */
export async function openWindow(binary, args = []) {
  return remote({
    hostname: '127.0.0.1',
    port: 4444,
    logLevel: 'warn',
    connectionRetryTimeout: 60_000,
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: binary, args },
    },
  });
}

export async function screenshot(browser, name) {
  await browser.saveScreenshot(join(screenshotDir, `${name}.png`));
}

/** The element with this data-testid, once displayed. */
export async function byTestId(browser, id, timeout = 15_000) {
  const element = await browser.$(`[data-testid="${id}"]`);
  await element.waitForDisplayed({ timeout });
  return element;
}

/** The text of an element as the user reads it (WebKitWebDriver's getText can come back empty
 * for styled text, textContent does not). */
export async function textOf(element) {
  return (await element.getProperty('textContent')) ?? '';
}
