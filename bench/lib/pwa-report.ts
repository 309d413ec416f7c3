// bench:pwa's figures as Markdown tables, ready for the README.
import type { BundleResult } from './pwa-bundle.ts';
import type { PwaPageResult } from './pwa-checks.ts';
import { CATEGORIES, type LighthouseRun } from './pwa-lighthouse.ts';

export interface PwaResults {
  when: string;
  machine: Record<string, string | number | undefined>;
  loadAverage: { before: number; after: number };
  seconds: number;
  bundle: BundleResult;
  /** The entry script of the page the audited app served (npm start's own build). */
  servedEntryScript?: string;
  lighthouse: LighthouseRun[];
  pwa: PwaPageResult[];
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const ms = (value: number | null) => (value === null ? '–' : String(Math.round(value)));
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const CATEGORY_TITLES = { performance: 'Performance', accessibility: 'Accessibility', 'best-practices': 'Best practices', seo: 'SEO' } as const;

/** A show page's path names a UUID; the table says what it is. */
const pageName = (path: string) => (path.startsWith('/shows/') ? '/shows/:id' : path);
/** A Lighthouse run's page, and whether a person was signed in. */
const runName = (run: LighthouseRun) => `${pageName(run.path)}${run.signedIn ? ' (signed in)' : ''}`;

function bundleTables(bundle: BundleResult): string[] {
  const lines = [
    `Home screen, initial JavaScript (entry + static imports), gzip -9: **${kb(bundle.initialGzip)} kB** of ${kb(bundle.budgetGzip)} kB (${bundle.withinBudget ? 'within budget' : 'OVER BUDGET'})`,
    '',
    row(['chunk', 'bytes', 'gzip kB']),
    row(['---', '---:', '---:']),
    ...bundle.initial.map((chunk) => row([`\`${chunk.file}\``, chunk.bytes, kb(chunk.gzip)])),
    row(['**total**', bundle.initial.reduce((sum, chunk) => sum + chunk.bytes, 0), `**${kb(bundle.initialGzip)}**`]),
    ...bundle.initialCss.map((css) => row([`\`${css.file}\` (CSS, not counted)`, css.bytes, kb(css.gzip)])),
    '',
    'Lazy chunks (loaded by `import()`):',
    '',
    row(['import', 'chunk', 'gzip kB', 'with its own imports, kB']),
    row(['---', '---', '---:', '---:']),
    ...bundle.lazy.map((chunk) => row([`\`${chunk.source}\``, `\`${chunk.file}\``, kb(chunk.gzip), kb(chunk.extraGzip)])),
    '',
    `Service worker \`${bundle.serviceWorker.file}\`: ${bundle.serviceWorker.bytes} bytes, ${kb(bundle.serviceWorker.gzip)} kB gzipped (fetched at registration, not by the page).`,
  ];
  return lines;
}

function lighthouseTables(runs: LighthouseRun[]): string[] {
  const lines = [
    row(['page', 'form factor', ...CATEGORIES.map((category) => CATEGORY_TITLES[category]), 'performance, every run', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'Speed Index ms']),
    row(['---', '---', ...CATEGORIES.map(() => '---:'), '---:', '---:', '---:', '---:', '---:', '---:']),
    ...runs.map((run) =>
      row([
        `\`${pageName(run.path)}\`${run.signedIn ? ' signed in' : ''}`,
        run.formFactor,
        ...CATEGORIES.map((category) => run.scores[category] ?? '–'),
        run.performanceByRun.map((value) => value ?? '–').join(', '),
        ms(run.metrics.fcp),
        ms(run.metrics.lcp),
        ms(run.metrics.tbt),
        run.metrics.cls === null ? '–' : run.metrics.cls.toFixed(3),
        ms(run.metrics.si),
      ]),
    ),
  ];
  // Each audit below 0.9 once, with the runs it failed in.
  const failures = new Map<string, { category: string; title: string; runs: string[] }>();
  for (const run of runs) {
    for (const category of CATEGORIES) {
      for (const audit of run.failed[category]) {
        const entry = failures.get(audit.id) ?? { category, title: audit.title, runs: [] };
        entry.runs.push(`${runName(run)} ${run.formFactor}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
        failures.set(audit.id, entry);
      }
    }
  }
  if (failures.size) {
    lines.push('', 'Audits scoring below 0.9:', '');
    for (const [id, entry] of failures) lines.push(`- ${CATEGORY_TITLES[entry.category as keyof typeof CATEGORY_TITLES]}: \`${id}\` ${entry.title}: ${entry.runs.join(', ')}`);
  }
  const notes = runs.flatMap((run) => [
    ...(run.runtimeError ? [`${runName(run)} ${run.formFactor}: ${run.runtimeError}`] : []),
    ...run.warnings.map((warning) => `${runName(run)} ${run.formFactor}: ${warning}`),
    ...[...new Set(run.externalRequests.map((url) => new URL(url).origin))].map(
      (origin) => `${runName(run)} ${run.formFactor}: ${plural(run.externalRequests.filter((url) => new URL(url).origin === origin).length, 'request')} to ${origin}`,
    ),
  ]);
  if (notes.length) lines.push('', 'Lighthouse warnings, and requests to other origins than the app (the stand-ins serve the TMDB images on a port of their own):', '', ...notes.map((note) => `- ${note}`));
  lines.push('', `Scores and metrics are of the median run. Benchmark index (Lighthouse's CPU yardstick) of each median run: ${runs.map((run) => Math.round(run.benchmarkIndex)).join(', ')}.`);
  return lines;
}

function pwaTables(pages: PwaPageResult[]): string[] {
  const names = pages[0]?.checks.map((check) => check.name) ?? [];
  return [
    row(['check', ...pages.map((page) => `\`${pageName(page.path)}\``)]),
    row(['---', ...pages.map(() => ':---:')]),
    ...names.map((name, index) => row([name, ...pages.map((page) => (page.checks[index]!.passed ? 'yes' : `**no**: ${page.checks[index]!.detail ?? ''}`))])),
    row(['**passed**', ...pages.map((page) => `**${page.passed} / ${page.total}**`)]),
  ];
}

export function printPwaResults(results: PwaResults): void {
  const lines = ['', '## Bundle', '', ...bundleTables(results.bundle)];
  if (results.lighthouse.length) {
    lines.push('', `## Lighthouse ${results.machine.lighthouse} (${results.machine.userAgent})`, '', ...lighthouseTables(results.lighthouse));
  }
  if (results.pwa.length) lines.push('', '## PWA (Chromium over CDP)', '', ...pwaTables(results.pwa));
  if (results.servedEntryScript && results.servedEntryScript !== results.bundle.entryScript) {
    lines.push('', `**The app served \`${results.servedEntryScript}\`, not the \`${results.bundle.entryScript}\` measured**: web/ changed between the bench's build and npm start's. Run again.`);
  }
  lines.push(
    '',
    `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGb} GiB, ${results.machine.os}, Node ${results.machine.node}; ` +
      `load average ${results.loadAverage.before} before, ${results.loadAverage.after} after; ${results.seconds} s.`,
  );
  console.log(lines.join('\n'));
}
