// The tests' Chromium for bench:pwa (found or provisioned as `npm test` does,
// test/chromium.ts), started by chrome-launcher (Lighthouse's own launcher)
// with the flags the tests use and a fresh temporary profile, listening for
// CDP on a free port.
import { launch, type LaunchedChrome } from 'chrome-launcher';
import { onShutdown } from '../../dev/lib/shutdown.ts';
import { CHROMIUM_ARGS, provideChromium } from '../../test/chromium.ts';
import { freePort } from './worker.ts';

export async function launchChromium(): Promise<LaunchedChrome> {
  const chrome = await launch({
    chromePath: await provideChromium(),
    // This machine is offline: any host but the app's fails at once instead of
    // waiting on DNS, and shows up in the results as an external request.
    chromeFlags: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    port: await freePort(),
    logLevel: 'error',
    // Ctrl-C goes through dev/lib/shutdown.ts, which stops the app too.
    handleSIGINT: false,
  });
  onShutdown(() => chrome.kill());
  return chrome;
}
