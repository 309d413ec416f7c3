import { describe, expect, it } from 'vitest';
import { APT_INSTALL, findBrowser, runsBrowserProjects, systemCandidates, type BrowserProbes, type Outcome } from './browser.ts';

const PLAYWRIGHT = '/home/me/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

/**
 * A Linux machine where only the files in `executables` exist (each running
 * and printing the version given, or failing `--version` where it is
 * undefined), and whose downloads and apt-get answer as told; every probe
 * that acts is logged.
 */
function machine(options: {
  executables?: Record<string, string | undefined>;
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
  download?: { ok: boolean; output?: string; installs?: Record<string, string | undefined> };
  apt?: true | string;
  aptGet?: (args: string[]) => Outcome & { installs?: Record<string, string | undefined> };
}) {
  const executables = new Map(Object.entries(options.executables ?? {}));
  const actions: string[] = [];
  const probes: BrowserProbes = {
    platform: options.platform ?? 'linux',
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/home/me', ...options.env },
    isExecutable: (path) => executables.has(path),
    version: async (path) => executables.get(path),
    playwrightPath: () => PLAYWRIGHT,
    playwrightDownload: async () => {
      actions.push('playwright install chromium');
      const { ok, output = '', installs = {} } = options.download ?? { ok: false, output: 'Error: getaddrinfo ENOTFOUND cdn.playwright.dev' };
      for (const [path, version] of Object.entries(installs)) executables.set(path, version);
      return { ok, output };
    },
    apt: () => options.apt ?? 'not root, and no passwordless sudo',
    aptGet: async (args) => {
      actions.push(`apt-get ${args.join(' ')}`);
      const { installs = {}, ...outcome } = options.aptGet?.(args) ?? { ok: false, output: 'E: no apt here' };
      for (const [path, version] of Object.entries(installs)) executables.set(path, version);
      return outcome;
    },
  };
  return { probes, actions };
}

const DEBIAN = { '/usr/bin/chromium': 'Chromium 150.0.7871.100 built on Debian GNU/Linux 12 (bookworm)' };

describe('finding the browser for the tests', () => {
  it('takes CHROMIUM_PATH first, over a system Chromium', async () => {
    const { probes, actions } = machine({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, executables: { '/opt/chrome/chrome': 'Google Chrome 149.0.1.2', ...DEBIAN } });
    expect(await findBrowser(probes)).toEqual({ path: '/opt/chrome/chrome', line: 'browser: CHROMIUM_PATH → Google Chrome 149 at /opt/chrome/chrome' });
    expect(actions).toEqual([]);
  });

  it('refuses a CHROMIUM_PATH that is not an executable file, whatever else there is', async () => {
    const { probes } = machine({ env: { CHROMIUM_PATH: '/nowhere/chrome' }, executables: DEBIAN });
    await expect(findBrowser(probes)).rejects.toThrow('CHROMIUM_PATH=/nowhere/chrome is not an executable file');
  });

  it('takes a system Chromium, before Playwright and apt-get', async () => {
    const { probes, actions } = machine({ executables: { ...DEBIAN, [PLAYWRIGHT]: 'Chrome for Testing 159.0.8154.6' }, apt: true });
    expect(await findBrowser(probes)).toEqual({ path: '/usr/bin/chromium', line: 'browser: system Chromium 150 at /usr/bin/chromium' });
    expect(actions).toEqual([]);
  });

  it('prefers chromium on PATH to google-chrome, and passes over one whose --version fails (a snap stub)', async () => {
    const { probes } = machine({
      executables: { '/usr/bin/chromium-browser': undefined, '/usr/bin/google-chrome-stable': 'Google Chrome 149.0.7000.1 ', '/opt/google/chrome/chrome': 'Google Chrome 149.0.7000.1' },
    });
    expect(await findBrowser(probes)).toEqual({ path: '/usr/bin/google-chrome-stable', line: 'browser: system Google Chrome 149 at /usr/bin/google-chrome-stable' });
  });

  it("takes Playwright's Chromium already downloaded, without downloading", async () => {
    const { probes, actions } = machine({ executables: { [PLAYWRIGHT]: 'Chrome for Testing 159.0.8154.6' }, apt: true });
    expect(await findBrowser(probes)).toEqual({ path: PLAYWRIGHT, line: `browser: Playwright's Chrome for Testing 159 at ${PLAYWRIGHT}` });
    expect(actions).toEqual([]);
  });

  it("downloads Playwright's Chromium where it can, before apt-get", async () => {
    const { probes, actions } = machine({ download: { ok: true, installs: { [PLAYWRIGHT]: 'Chrome for Testing 159.0.8154.6' } }, apt: true });
    expect(await findBrowser(probes)).toEqual({ path: PLAYWRIGHT, line: `browser: downloaded Playwright's Chrome for Testing 159 → ${PLAYWRIGHT}` });
    expect(actions).toEqual(['playwright install chromium']);
  });

  it("installs Debian's chromium as root when the download fails, without apt-get update when the lists are there", async () => {
    const { probes, actions } = machine({ apt: true, aptGet: (args) => ({ ok: true, output: '', installs: args[0] === 'install' ? DEBIAN : {} }) });
    expect(await findBrowser(probes)).toEqual({ path: '/usr/bin/chromium', line: "browser: installed Debian's chromium (apt-get) → Chromium 150 at /usr/bin/chromium" });
    expect(actions).toEqual(['playwright install chromium', `apt-get ${APT_INSTALL.join(' ')}`]);
  });

  it('runs apt-get update only when the install fails, then installs again', async () => {
    let updated = false;
    const { probes, actions } = machine({
      apt: true,
      aptGet: (args) => {
        if (args[0] === 'update') return { ok: (updated = true), output: '' };
        return updated ? { ok: true, output: '', installs: DEBIAN } : { ok: false, output: 'E: Unable to locate package chromium' };
      },
    });
    expect((await findBrowser(probes)).line).toBe("browser: installed Debian's chromium (apt-get update, apt-get) → Chromium 150 at /usr/bin/chromium");
    expect(actions).toEqual(['playwright install chromium', `apt-get ${APT_INSTALL.join(' ')}`, 'apt-get update', `apt-get ${APT_INSTALL.join(' ')}`]);
  });

  it("goes on to apt-get when the downloaded Chromium does not run (missing libraries)", async () => {
    const { probes } = machine({ download: { ok: true, installs: { [PLAYWRIGHT]: undefined } }, apt: true, aptGet: () => ({ ok: true, output: '', installs: DEBIAN }) });
    expect((await findBrowser(probes)).path).toBe('/usr/bin/chromium');
  });

  it('fails saying what it tried and what to do', async () => {
    const { probes, actions } = machine({ executables: { '/usr/bin/chromium-browser': undefined } });
    const error = await findBrowser(probes).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('/usr/bin/chromium-browser is there but `--version` fails');
    expect(message).toContain('no system Chrome or Chromium');
    expect(message).toContain('`playwright install chromium` failed: Error: getaddrinfo ENOTFOUND cdn.playwright.dev');
    expect(message).toContain("Debian's chromium not installed: not root, and no passwordless sudo");
    expect(message).toContain('set CHROMIUM_PATH');
    expect(actions).toEqual(['playwright install chromium']);
  });

  it('fails when apt-get fails even after apt-get update', async () => {
    const { probes, actions } = machine({ apt: true, aptGet: (args) => (args[0] === 'update' ? { ok: true, output: '' } : { ok: false, output: 'E: Unable to locate package chromium' }) });
    await expect(findBrowser(probes)).rejects.toThrow('apt-get install chromium failed: E: Unable to locate package chromium');
    expect(actions).toHaveLength(4);
  });

  it('says so when apt-get update itself fails', async () => {
    const { probes } = machine({ apt: true, aptGet: (args) => ({ ok: false, output: args[0] === 'update' ? 'E: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease' : 'E: Unable to locate package chromium' }) });
    await expect(findBrowser(probes)).rejects.toThrow('apt-get update failed: E: Failed to fetch');
  });

  it('looks where macOS and Windows install Chrome, and never asks apt-get there', async () => {
    const mac = machine({ platform: 'darwin', apt: true, executables: { '/Applications/Chromium.app/Contents/MacOS/Chromium': 'Chromium 150.0.1.2' } });
    expect((await findBrowser(mac.probes)).line).toBe('browser: system Chromium 150 at /Applications/Chromium.app/Contents/MacOS/Chromium');
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const windows = machine({ platform: 'win32', env: { PROGRAMFILES: 'C:\\Program Files' }, executables: { [chrome]: '150.0.7871.100' } });
    expect((await findBrowser(windows.probes)).line).toBe(`browser: system Chrome 150 at ${chrome}`);
    const bare = machine({ platform: 'win32', apt: true });
    await expect(findBrowser(bare.probes)).rejects.toThrow("Debian's chromium not installed: not Linux");
    expect(bare.actions).toEqual(['playwright install chromium']);
  });

  it('lists the usual Linux names on PATH, then /opt/google/chrome', () => {
    const candidates = systemCandidates('linux', { PATH: '/home/me/bin:/usr/bin' });
    expect(candidates.slice(0, 4)).toEqual(['/home/me/bin/chromium', '/usr/bin/chromium', '/usr/local/bin/chromium', '/snap/bin/chromium']);
    expect(candidates).toContain('/usr/bin/google-chrome-stable');
    expect(candidates.at(-1)).toBe('/opt/google/chrome/chrome');
  });
});

describe('whether a vitest run needs the browser', () => {
  it.each([
    [['vitest', 'run'], true],
    [['vitest', 'run', '--project', 'web', 'web/test/format.test.ts'], true],
    [['vitest', 'run', '--project=e2e'], true],
    [['vitest', 'run', '--project', 'node', 'dev/lib/browser.test.ts'], false],
    [['vitest', 'run', '--project', 'workers', '--project', 'node'], false],
    [['vitest', 'run', '--project', 'w*'], true],
  ])('%j: %s', (argv, expected) => {
    expect(runsBrowserProjects(argv, ['web', 'e2e'])).toBe(expected);
  });
});
