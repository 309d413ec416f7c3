// Lighthouse on one page of the running app, in the Chromium that
// chrome-launcher started: the default (mobile) or the desktop config, its
// default throttling (simulated), a fresh tab with all of the origin's storage
// cleared first (Lighthouse's default keeps cookies, IndexedDB and local
// storage; the service worker's cache expiry lives in IndexedDB), so every
// signed-out run is a first visit. Signed in, the refresh cookie and local
// storage (the session hint, and the persisted query cache a returning person
// has) are kept; the service worker and its caches are still cleared, so the
// shell comes from the network every time. A page is run several times
// and the median run (Lighthouse's own choice: nearest the median FCP and
// TTI) is the one reported, as Lighthouse's variability guide advises.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse, { desktopConfig, type Flags, type Result } from 'lighthouse';
import { computeMedianRun, filterToValidRuns } from 'lighthouse/core/lib/median-run.js';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
export type FormFactor = 'mobile' | 'desktop';

const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  si: 'speed-index',
} as const;

export interface LighthouseRun {
  path: string;
  /** Run with a signed-in person's cookie and local storage (lib/pwa-signed-in.ts). */
  signedIn: boolean;
  formFactor: FormFactor;
  /** 0-100 per category, of the median run; null when Lighthouse could not score it. */
  scores: Record<Category, number | null>;
  /** The performance score of every run, in order. */
  performanceByRun: (number | null)[];
  metrics: Record<keyof typeof METRICS, number | null>;
  /** Where the median run's whole report (JSON, for the Lighthouse viewer) was written. */
  reportFile: string;
  /** Audits that count towards a score and did not pass, per category. */
  failed: Record<Category, { id: string; title: string; score: number | null; displayValue?: string }[]>;
  requests: number;
  /** Requests to any origin but the app's: the stand-ins' TMDB images (another port on 127.0.0.1), nothing else expected. */
  externalRequests: string[];
  runtimeError?: string;
  warnings: string[];
  benchmarkIndex: number;
  lighthouseVersion: string;
  userAgent: string;
}

function failedAudits(lhr: Result, category: Category) {
  return lhr.categories[category]!.auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id]!)
    .filter((audit) => audit.scoreDisplayMode !== 'notApplicable' && audit.scoreDisplayMode !== 'manual' && audit.score !== null && audit.score < 0.9)
    .map((audit) => ({ id: audit.id, title: audit.title, score: audit.score, displayValue: audit.displayValue }));
}

/** Lighthouse's default storage types to clear, plus what it keeps so that a signed-in user stays signed in. */
const STORAGE_TYPES = ['file_systems', 'shader_cache', 'service_workers', 'cache_storage', 'cookies', 'indexeddb', 'local_storage'] as const;
/** Signed in: all of those but the refresh cookie and local storage. */
const SIGNED_IN_STORAGE_TYPES = STORAGE_TYPES.filter((type) => type !== 'cookies' && type !== 'local_storage');

const score = (lhr: Result, category: Category) => {
  const value = lhr.categories[category]?.score;
  return value === null || value === undefined ? null : Math.round(value * 100);
};

const networkRequests = (lhr: Result) =>
  (lhr.audits['network-requests']?.details as { items?: { url: string }[] } | undefined)?.items ?? [];

export async function runLighthouse(options: {
  port: number;
  baseUrl: string;
  path: string;
  formFactor: FormFactor;
  runs: number;
  reportDir: string;
  signedIn?: boolean;
}): Promise<LighthouseRun> {
  const signedIn = options.signedIn ?? false;
  const flags: Flags = {
    port: options.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
    clearStorageTypes: [...(signedIn ? SIGNED_IN_STORAGE_TYPES : STORAGE_TYPES)],
  };
  const results = [];
  for (let run = 0; run < options.runs; run += 1) {
    const result = await lighthouse(`${options.baseUrl}${options.path}`, flags, options.formFactor === 'desktop' ? desktopConfig : undefined);
    if (!result) throw new Error(`Lighthouse returned nothing for ${options.path}`);
    results.push(result);
  }
  const lhrs = results.map((result) => result.lhr);
  // A run that failed (no FCP) cannot be the median; if all failed, the last one says why.
  const valid = filterToValidRuns(lhrs);
  const lhr = valid.length ? computeMedianRun(valid) : lhrs.at(-1)!;
  const name = options.path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
  const reportFile = join(options.reportDir, `${name}${signedIn ? '.signed-in' : ''}.${options.formFactor}.json`);
  writeFileSync(reportFile, results[lhrs.indexOf(lhr)]!.report as string);
  const requests = networkRequests(lhr);
  const origin = new URL(options.baseUrl).origin;
  return {
    path: options.path,
    signedIn,
    formFactor: options.formFactor,
    scores: Object.fromEntries(CATEGORIES.map((category) => [category, score(lhr, category)])) as LighthouseRun['scores'],
    performanceByRun: lhrs.map((run) => score(run, 'performance')),
    reportFile,
    metrics: Object.fromEntries(Object.entries(METRICS).map(([key, id]) => [key, lhr.audits[id]?.numericValue ?? null])) as LighthouseRun['metrics'],
    failed: Object.fromEntries(CATEGORIES.map((category) => [category, failedAudits(lhr, category)])) as LighthouseRun['failed'],
    requests: requests.length,
    externalRequests: requests.map((request) => request.url).filter((url) => /^https?:/.test(url) && new URL(url).origin !== origin),
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : undefined,
    warnings: lhr.runWarnings.map(String),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment.hostUserAgent,
  };
}
