// bench:pwa — the PWA's weight and Lighthouse's verdict on the built app.
//
//   npm run bench:pwa
//
// 1. Bundle: `vite build` with the project's config, then the JavaScript the
//    home screen needs before it can render (the entry script of index.html
//    and every chunk it imports statically), gzipped, against the budget;
//    the lazy chunks listed apart. Over budget, the run exits 1.
// 2. Lighthouse: the app started exactly as the browser tests start it
//    (`npm start` on a free port with a throwaway data directory and the
//    offline stand-ins, test/app-server.ts), the Chromium dev/lib/browser.ts finds or provisions, launched by
//    chrome-launcher with the flags of test/chromium.ts, and Lighthouse's
//    performance, accessibility, best-practices and SEO categories for `/`
//    (signed out), `/search`, `/signin` and one show page, mobile and desktop;
//    then, with a person signed up in that Chromium and tracking three shows
//    (lib/pwa-signed-in.ts), `/`, `/timeline`, `/my-shows` and `/settings`.
// 3. PWA: Lighthouse 12 has no PWA category, so Chromium is asked directly
//    (lib/pwa-checks.ts), per page.
//
// Prints Markdown tables and writes .artifacts/pwa-bench.json (and each
// median Lighthouse report under .artifacts/lighthouse/). About 6 minutes
// on 2 cores, most of it Lighthouse. Knobs: BENCH_PWA_BUDGET_KB (60, gzipped kB
// of 1,000 bytes), BENCH_PWA_RUNS (3 Lighthouse runs per page and form
// factor, the median reported), BENCH_PWA_SKIP_LIGHTHOUSE=1 (the bundle
// only), BENCH_MAX_MINUTES (20).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../dev/lib/paths.ts';
import { fail, onShutdown, shutdown } from '../dev/lib/shutdown.ts';
import { CHROMIUM_PATH } from '../test/chromium.ts';
import { intFromEnv } from './lib/env.ts';
import { beginBench, loadAverage, machine } from './lib/machine.ts';
import { measureBundle, type BundleResult } from './lib/pwa-bundle.ts';
import { checkPwa, type PwaPageResult } from './lib/pwa-checks.ts';
import { launchChromium } from './lib/pwa-chromium.ts';
import { SIGNED_IN_PATHS, signInChromium } from './lib/pwa-signed-in.ts';
import { runLighthouse, type FormFactor, type LighthouseRun } from './lib/pwa-lighthouse.ts';
import { printPwaResults, type PwaResults } from './lib/pwa-report.ts';
import { freePort } from './lib/worker.ts';
import { writeResults } from './lib/results.ts';

const config = {
  budgetGzip: intFromEnv('BENCH_PWA_BUDGET_KB', 60) * 1000,
  lighthouse: process.env.BENCH_PWA_SKIP_LIGHTHOUSE !== '1',
  runs: intFromEnv('BENCH_PWA_RUNS', 3),
  maxMs: intFromEnv('BENCH_MAX_MINUTES', 20) * 60_000,
};
const FORM_FACTORS: FormFactor[] = ['mobile', 'desktop'];

const REPORT_DIR = join(ROOT, '.artifacts', 'lighthouse');

const step = (message: string) => console.log(`==> ${message}`);

/** A show page to audit: the first result for "severance" in the running app's catalog (the stand-ins have it). */
async function showPath(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/shows/search?q=severance`);
  if (!response.ok) throw new Error(`GET /api/v1/shows/search?q=severance answered ${response.status}`);
  const { results } = (await response.json()) as { results: { id: number | string }[] };
  if (!results[0]) throw new Error('searching "severance" found no show to audit');
  return `/shows/${results[0].id}`;
}

/**
 * The entry script of the page the app serves. npm start builds its own copy
 * (same config, production mode) and the build is deterministic, so this is
 * the measured one unless web/ changed between the two builds.
 */
async function readServedEntry(baseUrl: string): Promise<string | undefined> {
  const html = await (await fetch(`${baseUrl}/`)).text();
  return /<script type="module"[^>]* src="\/([^"]+)"/.exec(html)?.[1];
}

async function audit(bundle: BundleResult) {
  // test/app-server.ts reads its port when loaded: choose a free one first.
  process.env.SHOWTRACKER_TEST_APP_PORT ??= String(await freePort());
  const { acquireAppServer } = await import('../test/app-server.ts');
  step('Starting the app (npm start, throwaway data directory, offline stand-ins)');
  const app = await acquireAppServer();
  onShutdown(app.release);
  const served = await readServedEntry(app.url);
  if (served !== bundle.entryScript) {
    console.log(`note: the app serves ${served}, not the ${bundle.entryScript} measured: web/ changed between the two builds`);
  }
  const paths = ['/', '/search', '/signin', await showPath(app.url)];

  // Wake workerd up first: without this, the first run once could not fetch
  // robots.txt within the 2 s Lighthouse allows it.
  for (const path of [...paths, '/robots.txt', '/manifest.webmanifest', `/${bundle.entryScript}`]) await (await fetch(`${app.url}${path}`)).arrayBuffer();

  const chrome = await launchChromium();
  rmSync(REPORT_DIR, { recursive: true, force: true });
  mkdirSync(REPORT_DIR, { recursive: true });
  const lighthouse: LighthouseRun[] = [];
  const audits = async (pages: string[], signedIn: boolean) => {
    for (const path of pages) {
      for (const formFactor of FORM_FACTORS) {
        step(`Lighthouse ${formFactor} ${path}${signedIn ? ' signed in' : ''} (${config.runs} runs)`);
        const run = await runLighthouse({ port: chrome.port, baseUrl: app.url, path, formFactor, runs: config.runs, reportDir: REPORT_DIR, signedIn });
        if (run.runtimeError) console.log(`    ${run.runtimeError}`);
        lighthouse.push(run);
      }
    }
  };
  await audits(paths, false);
  step('Signing up in Chromium and tracking three shows');
  await signInChromium(chrome.port, app.url);
  await audits(SIGNED_IN_PATHS, true);

  await chrome.kill();

  const pwa: PwaPageResult[] = [];
  for (const path of paths) {
    step(`PWA checks ${path}`);
    pwa.push(await checkPwa(app.url, path));
  }
  return { servedEntryScript: served, lighthouse, pwa };
}

async function main() {
  const { started, loadBefore } = beginBench(config.maxMs);

  step('Building the PWA (vite build) and measuring its JavaScript');
  const bundle = await measureBundle(config.budgetGzip);
  const { servedEntryScript, lighthouse, pwa } = config.lighthouse ? await audit(bundle) : { servedEntryScript: undefined, lighthouse: [], pwa: [] };

  const results: PwaResults = {
    when: new Date().toISOString(),
    machine: { ...machine(), chromium: CHROMIUM_PATH, lighthouse: lighthouse[0]?.lighthouseVersion, userAgent: lighthouse[0]?.userAgent },
    loadAverage: { before: loadBefore, after: loadAverage() },
    seconds: Math.round((performance.now() - started) / 1000),
    bundle,
    servedEntryScript,
    lighthouse,
    pwa,
  };
  printPwaResults(results);
  const file = join(ROOT, '.artifacts', 'pwa-bench.json');
  writeResults(file, results);
  console.log(`\nresults: ${file}`);
  if (!bundle.withinBudget) console.error(`\nover budget: the home screen's JavaScript is ${bundle.initialGzip} bytes gzipped, the budget ${bundle.budgetGzip}`);
  await shutdown(bundle.withinBudget ? 0 : 1);
}

main().catch(fail);
