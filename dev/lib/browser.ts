// The Chromium the web and e2e tests (and bench:pwa) drive, found or
// provisioned once per run, in this order:
//  1. CHROMIUM_PATH, if set (an error if it is not an executable file);
//  2. a system Chrome or Chromium, where Linux, macOS and Windows put them;
//  3. Playwright's own Chromium for the installed playwright-core: already
//     downloaded, or downloaded now (`playwright install chromium`), which
//     needs the internet;
//  4. on Debian or Ubuntu as root (or with passwordless sudo), Debian's
//     `chromium` package (apt-get install), then /usr/bin/chromium;
//  5. otherwise an error saying what was tried and what to do.
// A candidate counts only if `--version` runs (Windows excepted: Chrome opens
// a window there instead), so a snap stub or a download missing its system
// libraries is passed over. findBrowser() takes every probe of the machine as
// a parameter (dev/lib/browser.test.ts drives it with fakes); provideBrowser()
// runs it against this machine, prints the one line saying what it did, and
// hands the path to every process the run starts through CHROMIUM_PATH.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export interface Outcome {
  ok: boolean;
  /** What the command printed (stdout and stderr), for the error message. */
  output: string;
}

export interface BrowserProbes {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** An executable file at this path? */
  isExecutable(path: string): boolean;
  /** `path --version`'s product and version ("Chromium 150.0.7871.100"), '' where it cannot be asked, undefined if it does not run. */
  version(path: string): Promise<string | undefined>;
  /** Where Playwright keeps its Chromium for the installed playwright-core (it may not be there). */
  playwrightPath(): string | undefined;
  /** `playwright install chromium`. */
  playwrightDownload(): Promise<Outcome>;
  /** Whether apt-get can install packages here, as root or through `sudo -n`; a string says why not. */
  apt(): true | string;
  /** apt-get with these arguments, as root (through `sudo -n` if need be). */
  aptGet(args: string[]): Promise<Outcome>;
}

export interface Found {
  path: string;
  /** The one line saying what was done. */
  line: string;
}

/** Debian's package, and a font for it to render text with (--no-install-recommends leaves fonts out). */
export const APT_INSTALL = ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'];
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Where a system Chrome or Chromium may be, most likely first. */
export function systemCandidates(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  const paths: string[] = [];
  if (platform === 'darwin') {
    for (const root of ['/Applications', join(env.HOME ?? '~', 'Applications')]) {
      paths.push(`${root}/Google Chrome.app/Contents/MacOS/Google Chrome`, `${root}/Chromium.app/Contents/MacOS/Chromium`);
    }
  } else if (platform === 'win32') {
    for (const root of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]) {
      if (!root) continue;
      paths.push(`${root}\\Google\\Chrome\\Application\\chrome.exe`, `${root}\\Chromium\\Application\\chrome.exe`);
    }
  } else {
    const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
    const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin', '/snap/bin'];
    for (const name of names) for (const dir of dirs) paths.push(`${dir.replace(/\/$/, '')}/${name}`);
    paths.push('/opt/google/chrome/chrome');
  }
  return [...new Set(paths)];
}

/** "Chromium 150" from "Chromium 150.0.7871.100 built on Debian…", for the one line. */
function productAndMajor(version: string): string {
  const match = /^(.*?)\s*(\d+)\.[\d.]+/.exec(version.trim());
  return match ? `${match[1] || 'Chrome'} ${match[2]}` : version.trim() || 'Chrome';
}

/** The line of a command's output that says why it failed: apt-get's "E: …", a network error, any error. */
const shorten = (output: string) => {
  const lines = output.trim().split('\n').map((line) => line.trim()).filter(Boolean);
  const telling = [/^timed out/, /^E: /, /^Error: .*\bE[A-Z_]{4,}\b/, /^Error: /, /error|unable|not found|failed|denied/i];
  const error = telling.map((pattern) => lines.find((line) => pattern.test(line))).find(Boolean) ?? lines.at(-1) ?? 'no output';
  return error.length > 160 ? `${error.slice(0, 157)}…` : error;
};

export class NoBrowserError extends Error {
  override name = 'NoBrowserError';
}

/** Steps 1–5 above, against the machine the probes describe. */
export async function findBrowser(probes: BrowserProbes): Promise<Found> {
  const { env, platform } = probes;
  const tried: string[] = [];
  // A candidate that exists and runs, as "Chromium 150" (or the bare path where it cannot be asked).
  const usable = async (path: string): Promise<string | undefined> => {
    if (!probes.isExecutable(path)) return undefined;
    const version = await probes.version(path);
    if (version === undefined) {
      tried.push(`${path} is there but \`--version\` fails`);
      return undefined;
    }
    return version === '' ? 'Chrome' : productAndMajor(version);
  };

  // 1. CHROMIUM_PATH
  if (env.CHROMIUM_PATH) {
    const path = env.CHROMIUM_PATH;
    if (!probes.isExecutable(path)) throw new NoBrowserError(`browser: CHROMIUM_PATH=${path} is not an executable file: point it at Chrome or Chromium, or unset it to let the tests find or install one`);
    const version = await probes.version(path);
    const what = version === undefined ? `a browser whose \`--version\` fails` : version === '' ? 'a browser' : productAndMajor(version);
    return { path, line: `browser: CHROMIUM_PATH → ${what} at ${path}` };
  }

  // 2. A system Chrome or Chromium.
  const candidates = systemCandidates(platform, env);
  for (const path of candidates) {
    const what = await usable(path);
    if (what) return { path, line: `browser: system ${what} at ${path}` };
  }
  tried.push(`no system Chrome or Chromium (${platform === 'win32' || platform === 'darwin' ? candidates.join(', ') : 'chromium, chromium-browser, google-chrome, google-chrome-stable on PATH, /opt/google/chrome'})`);

  // 3. Playwright's Chromium, already downloaded or downloaded now.
  const playwright = probes.playwrightPath();
  if (playwright) {
    const what = await usable(playwright);
    if (what) return { path: playwright, line: `browser: Playwright's ${what} at ${playwright}` };
    const download = await probes.playwrightDownload();
    if (download.ok) {
      const downloaded = await usable(playwright);
      if (downloaded) return { path: playwright, line: `browser: downloaded Playwright's ${downloaded} → ${playwright}` };
      tried.push(`\`playwright install chromium\` ran but ${playwright} does not run (missing system libraries? \`npx playwright install-deps chromium\`)`);
    } else {
      tried.push(`\`playwright install chromium\` failed: ${shorten(download.output)}`);
    }
  } else {
    tried.push('Playwright has no Chromium build for this platform');
  }

  // 4. Debian's chromium, as root.
  const apt = platform === 'linux' ? probes.apt() : 'not Linux';
  if (apt === true) {
    let install = await probes.aptGet(APT_INSTALL);
    let how = 'apt-get';
    let failed = 'apt-get install chromium';
    if (!install.ok) {
      // Most often a machine that never ran apt-get update (no package lists, or stale ones).
      const update = await probes.aptGet(['update']);
      if (update.ok) {
        install = await probes.aptGet(APT_INSTALL);
        how = 'apt-get update, apt-get';
      } else {
        [install, failed] = [update, 'apt-get update'];
      }
    }
    if (install.ok) {
      const what = await usable(DEBIAN_CHROMIUM);
      if (what) return { path: DEBIAN_CHROMIUM, line: `browser: installed Debian's chromium (${how}) → ${what} at ${DEBIAN_CHROMIUM}` };
      tried.push(`apt-get installed chromium but ${DEBIAN_CHROMIUM} does not run`);
    } else {
      tried.push(`${failed} failed: ${shorten(install.output)}`);
    }
  } else {
    tried.push(`Debian's chromium not installed: ${apt}`);
  }

  // 5. Nothing.
  throw new NoBrowserError(
    `browser: no Chrome or Chromium for the web and e2e tests. Tried: ${tried.join('; ')}. ` +
      'Install Google Chrome or Chromium (Debian: `apt-get install chromium`), or run `npx playwright install chromium`, or set CHROMIUM_PATH to a Chrome or Chromium executable.',
  );
}

// ---- This machine ----

function run(command: string, args: string[], options: { timeout: number; env?: NodeJS.ProcessEnv }): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: options.timeout, env: options.env, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      resolve({ ok: !error, output: error?.killed ? `timed out after ${options.timeout / 1000} s\n${output}` : output });
    });
  });
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function version(path: string): Promise<string | undefined> {
  if (process.platform === 'win32') {
    // chrome.exe --version opens a window; its version is the name of the folder beside it.
    try {
      return readdirSync(dirname(path)).find((name) => /^\d+\.\d+\.\d+\.\d+$/.test(name)) ?? '';
    } catch {
      return '';
    }
  }
  const result = await run(path, ['--version'], { timeout: 20_000 });
  const line = result.output.split('\n').find((text) => /\d+\.\d+/.test(text));
  return result.ok ? (line?.trim() ?? '') : undefined;
}

async function playwrightPath(): Promise<string | undefined> {
  try {
    const { chromium } = await import('playwright-core');
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** The installed playwright package's own CLI, run by this Node. */
function playwrightDownload(): Promise<Outcome> {
  let cli: string;
  try {
    cli = join(dirname(createRequire(import.meta.url).resolve('playwright/package.json')), 'cli.js');
  } catch {
    return Promise.resolve({ ok: false, output: 'the playwright package is not installed (npm install)' });
  }
  // The full Chromium only: the tests pass --headless themselves, and Lighthouse wants the real browser.
  return run(process.execPath, [cli, 'install', '--no-shell', 'chromium'], { timeout: 10 * 60_000 });
}

async function hasPasswordlessSudo(): Promise<boolean> {
  return (await run('sudo', ['-n', 'true'], { timeout: 10_000 })).ok;
}

function aptProbes(asRoot: boolean, sudo: boolean): Pick<BrowserProbes, 'apt' | 'aptGet'> {
  return {
    apt: () => {
      if (!existsSync('/usr/bin/apt-get') || !existsSync('/etc/debian_version')) return 'not Debian or Ubuntu';
      if (!asRoot && !sudo) return 'not root, and no passwordless sudo';
      return true;
    },
    aptGet: (args) => {
      // Waits for another apt-get (a second test run provisioning at the same time) instead of failing.
      const aptArgs = ['-o', 'DPkg::Lock::Timeout=600', ...args];
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      return asRoot
        ? run('apt-get', aptArgs, { timeout: 15 * 60_000, env })
        : run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...aptArgs], { timeout: 15 * 60_000, env });
    },
  };
}

/** The probes of this machine. */
export async function machineProbes(): Promise<BrowserProbes> {
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && process.platform === 'linux' && existsSync('/usr/bin/apt-get') && (await hasPasswordlessSudo());
  const playwright = await playwrightPath();
  return {
    platform: process.platform,
    env: process.env,
    isExecutable,
    version,
    playwrightPath: () => playwright,
    playwrightDownload,
    ...aptProbes(asRoot, sudo),
  };
}

/**
 * Whether a vitest command line runs a project that needs the browser: any
 * run without --project does; `--project workers` or `--project=node` alone
 * does not (a pattern with * or ! is taken to match).
 */
export function runsBrowserProjects(argv: string[], browserProjects: string[]): boolean {
  const projects: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--project' && argv[i + 1] !== undefined) projects.push(argv[i + 1]!);
    else if (arg.startsWith('--project=')) projects.push(arg.slice('--project='.length));
  });
  if (projects.length === 0) return true;
  return projects.some((project) => /[*!?[{]/.test(project) || browserProjects.includes(project));
}

/** Set, with CHROMIUM_PATH, once the browser of this run is settled, so the processes the run starts take it as it is. */
const SETTLED = 'SHOWTRACKER_BROWSER_SETTLED';
const PROVIDING = Symbol.for('showtracker.provideBrowser');

/**
 * Finds or provisions the browser once for this process and every process it
 * starts (they inherit CHROMIUM_PATH), printing one line; the path.
 */
export function provideBrowser(log: (line: string) => void = console.log): Promise<string> {
  const settled = process.env[SETTLED];
  if (settled && settled === process.env.CHROMIUM_PATH) return Promise.resolve(settled);
  // One search even if the config is evaluated twice in this process (each evaluation may load this module afresh).
  const shared = globalThis as { [PROVIDING]?: Promise<string> };
  shared[PROVIDING] ??= (async () => {
    const found = await findBrowser(await machineProbes());
    log(found.line);
    process.env.CHROMIUM_PATH = found.path;
    process.env[SETTLED] = found.path;
    return found.path;
  })();
  return shared[PROVIDING];
}
