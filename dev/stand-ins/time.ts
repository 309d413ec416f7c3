// Calendar arithmetic on ISO dates (YYYY-MM-DD, zone-free) and the one
// conversion the stand-ins need: a network's local wall time to a UTC instant.
export const DAY_MS = 86_400_000;

export const isoDate = (instant: Date): string => instant.toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string =>
  isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const weekday = (date: string): Weekday => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;

/**
 * The UTC instant of `time` (HH:MM) on `date` in `zone`: the worker's own
 * DST-correct conversion, so the stand-ins and the worker can never disagree.
 */
export { wallTimeToUtc as localToUtc } from '../../worker/lib/local-time.ts';

/** TVmaze's stamp format: seconds precision and an explicit +00:00. */
export const tvmazeStamp = (instant: Date): string => `${instant.toISOString().slice(0, 19)}+00:00`;

/** A stable pseudo-random integer for ids and per-day noise (FNV-1a). */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
