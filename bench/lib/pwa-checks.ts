// The PWA checks Lighthouse dropped in version 12 (with its PWA category),
// asked of Chromium itself: its installability verdict and manifest errors
// over CDP, then what a person relies on: the service worker takes over the
// page, the start_url and the page itself load with the network off, and
// the manifest has what an installed app needs. Each page is checked in a
// Chromium of its own with a new profile: no storage, no service worker.
// page.evaluate callbacks run in the page:
/// <reference lib="dom" />
import { chromium } from 'playwright-core';
import { launchChromium } from './pwa-chromium.ts';

export interface PwaCheck {
  name: string;
  passed: boolean;
  detail?: string;
}

export interface PwaPageResult {
  path: string;
  checks: PwaCheck[];
  passed: number;
  total: number;
  installabilityErrors: string[];
  manifestErrors: string[];
}

interface ManifestIcon {
  sizes?: string;
  purpose?: string;
}
interface WebManifest {
  start_url?: string;
  display?: string;
  theme_color?: string;
  icons?: ManifestIcon[];
}

const hasIcon = (icons: ManifestIcon[], size: string, purpose = 'any') =>
  icons.some((icon) => (icon.sizes ?? '').split(/\s+/).includes(size) && (icon.purpose ?? 'any').split(/\s+/).includes(purpose));

export async function checkPwa(baseUrl: string, path: string): Promise<PwaPageResult> {
  const chrome = await launchChromium();
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
  // The profile's own context: Chromium reports incognito ones as not installable.
  const context = browser.contexts()[0]!;
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // What went wrong when the worker never activates (a failed precache, most likely).
  const workerErrors: string[] = [];
  cdp.on('ServiceWorker.workerErrorReported', ({ errorMessage }) => workerErrors.push(`${errorMessage.errorMessage} (${errorMessage.sourceURL}:${errorMessage.lineNumber})`));
  await cdp.send('ServiceWorker.enable');
  try {
    const url = `${baseUrl}${path}`;
    await page.goto(url, { waitUntil: 'load' });
    // `ready` resolves while the worker is still activating; wait until it has activated.
    const registered = await page.evaluate(async () => {
      const activated = navigator.serviceWorker.ready.then(async ({ active }) => {
        while (active && active.state !== 'activated') await new Promise((resolve) => active.addEventListener('statechange', resolve, { once: true }));
        return active?.state ?? 'none';
      });
      const late = new Promise<string>((resolve) =>
        setTimeout(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          const states = registration ? ['installing', 'waiting', 'active'].map((slot) => `${slot}: ${registration[slot as 'active']?.state ?? '–'}`).join(', ') : 'no registration';
          resolve(`not activated after 60 s (${states})`);
        }, 60_000),
      );
      return Promise.race([activated, late]);
    });
    await page.reload({ waitUntil: 'load' });
    const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);

    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    const appManifest = await cdp.send('Page.getAppManifest');
    const manifest = JSON.parse(appManifest.data ?? '{}') as WebManifest;
    const icons = manifest.icons ?? [];

    await context.setOffline(true);
    const startUrl = new URL(manifest.start_url ?? '/', appManifest.url || baseUrl).href;
    const offlineStart = await page.goto(startUrl, { waitUntil: 'load' }).catch((error: Error) => error);
    const offlineSelf = await page.goto(url, { waitUntil: 'load' }).catch((error: Error) => error);
    await context.setOffline(false);
    const offline = (response: typeof offlineStart): PwaCheck['detail'] =>
      response instanceof Error ? response.message.split('\n')[0] : `${response?.status() ?? 'no response'}${response?.fromServiceWorker() ? ', from the service worker' : ''}`;
    const offlineOk = (response: typeof offlineStart) => !(response instanceof Error) && response?.status() === 200;

    const installErrors = installabilityErrors.map((error) => [error.errorId, ...error.errorArguments.map((arg) => `${arg.name}=${arg.value}`)].join(' '));
    const manifestErrors = appManifest.errors.map((error) => `${error.critical ? 'critical: ' : ''}${error.message}`);
    const checks: PwaCheck[] = [
      { name: 'installable (Page.getInstallabilityErrors empty)', passed: installErrors.length === 0, detail: installErrors.join('; ') || undefined },
      { name: 'manifest without errors (Page.getAppManifest)', passed: manifestErrors.length === 0, detail: manifestErrors.join('; ') || undefined },
      { name: 'service worker activated', passed: registered === 'activated', detail: [registered, ...workerErrors].join('; ') },
      { name: 'service worker controls the page after a reload', passed: controller !== null, detail: controller ?? 'no controller' },
      { name: `start_url (${manifest.start_url ?? 'none'}) answers 200 offline`, passed: offlineOk(offlineStart), detail: offline(offlineStart) },
      { name: 'this page answers 200 offline', passed: offlineOk(offlineSelf), detail: offline(offlineSelf) },
      { name: 'icon 192×192', passed: hasIcon(icons, '192x192') },
      { name: 'icon 512×512', passed: hasIcon(icons, '512x512') },
      { name: 'maskable icon', passed: icons.some((icon) => (icon.purpose ?? '').split(/\s+/).includes('maskable')) },
      { name: 'theme_color', passed: Boolean(manifest.theme_color), detail: manifest.theme_color },
      { name: 'display standalone', passed: manifest.display === 'standalone', detail: manifest.display },
    ];
    return {
      path,
      checks,
      passed: checks.filter((check) => check.passed).length,
      total: checks.length,
      installabilityErrors: installErrors,
      manifestErrors,
    };
  } finally {
    await browser.close();
    await chrome.kill();
  }
}
