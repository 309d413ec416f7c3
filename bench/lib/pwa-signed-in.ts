// A person signed in to bench:pwa's Chromium, for the Lighthouse runs of the
// screens only a signed-in person sees: signed up through the UI over CDP (in
// the browser's default context, which Lighthouse's tabs share) and tracking a
// few shows, so home, timeline and my shows have something to draw. The
// refresh cookie and the session hint stay in the browser; Lighthouse is told
// to keep them (lib/pwa-lighthouse.ts).
import { chromium } from 'playwright-core';
import { signUpInUi, trackFromSearch } from '../../test/e2e/browser.ts';

export const SIGNED_IN_PATHS = ['/', '/timeline', '/my-shows', '/settings'];

export async function signInChromium(cdpPort: number, origin: string): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`);
  try {
    const page = await browser.contexts()[0]!.newPage();
    await signUpInUi(page, origin);
    await trackFromSearch(page, 'the last of us', /The Last of Us/, origin);
    await trackFromSearch(page, 'stranger things', /Stranger Things/, origin);
    await trackFromSearch(page, 'severance', /Severance/, origin);
    await page.close();
  } finally {
    // Connected over CDP, close() only disconnects: the browser and its cookies stay.
    await browser.close();
  }
}
