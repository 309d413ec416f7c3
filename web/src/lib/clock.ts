// The person's 12- or 24-hour clock, kept on this device: "auto" follows the
// browser's locale, "12h" and "24h" override it. Times on every screen read it.
import { createSignal } from 'solid-js';

export type ClockPreference = 'auto' | '12h' | '24h';

const CLOCK_KEY = 'showtracker:clock';

function readPreference(): ClockPreference {
  try {
    const stored = localStorage.getItem(CLOCK_KEY);
    return stored === '12h' || stored === '24h' ? stored : 'auto';
  } catch {
    return 'auto';
  }
}

const [preference, setPreference] = createSignal<ClockPreference>(typeof localStorage === 'undefined' ? 'auto' : readPreference());

export const clockPreference = preference;

export function setClockPreference(next: ClockPreference) {
  setPreference(next);
  if (next === 'auto') localStorage.removeItem(CLOCK_KEY);
  else localStorage.setItem(CLOCK_KEY, next);
}

/** Whether a locale writes times on a 12-hour clock ("9:00 PM"); the browser's own when not given. */
export function localeUses12h(locale?: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12';
}

/** The browser locale's clock, worked out once: times are formatted per row, and an Intl formatter is not cheap. */
let browserUses12h: boolean | undefined;

/** Whether times read on a 12-hour clock now: the setting, or the browser's locale on "auto". */
export const uses12h = (choice: ClockPreference = preference()) =>
  choice === 'auto' ? (browserUses12h ??= localeUses12h()) : choice === '12h';
