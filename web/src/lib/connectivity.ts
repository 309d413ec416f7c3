// Whether ShowTracker answers, as the app's own requests find it. The
// browser's navigator.onLine says only whether a network interface is up: on
// a network that reaches nothing (a captive portal, a dead uplink) it stays
// true while every request fails and the service worker answers from its
// cache. Each API call reports here: no answer, or an answer the service
// worker took from its cache, means unreachable until a real answer comes.
import { createSignal } from 'solid-js';
import { FROM_CACHE_HEADER } from './push-message.ts';

const [unreachable, setUnreachable] = createSignal(false);

export const serverUnreachable = unreachable;

/** One API call's outcome: no answer, an answer from the service worker's cache, or the server's own answer. */
export function noteApiOutcome(response: Response | null): void {
  setUnreachable(response === null || response.headers.has(FROM_CACHE_HEADER));
}

if (typeof window !== 'undefined') {
  // The device says it is back: believe it until a request says otherwise.
  window.addEventListener('online', () => setUnreachable(false));
}
