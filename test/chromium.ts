// The Chromium the web and e2e tests (and bench:pwa) drive, with the flags
// this headless, often offline machine needs. Which Chromium is settled once
// per run by provideChromium() (dev/lib/browser.ts: CHROMIUM_PATH, a system
// Chrome or Chromium, Playwright's own, or Debian's installed with apt-get):
// vitest.config.ts calls it as the config loads, and every process of the run
// inherits the answer as CHROMIUM_PATH.
import { provideBrowser } from '../dev/lib/browser.ts';

/** The browser's path: CHROMIUM_PATH as the run settled it, updated by provideChromium() in this process. */
export let CHROMIUM_PATH: string | undefined = process.env.CHROMIUM_PATH;

/** Finds or provisions the browser (once per run, printing one line saying what it did); its path. */
export async function provideChromium(): Promise<string> {
  CHROMIUM_PATH = await provideBrowser();
  return CHROMIUM_PATH;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
