// Calendar days and wall-clock times in a person's IANA zone, on Intl alone.
// Days are "YYYY-MM-DD" strings; a local day runs from its 00:00 to the next
// day's 00:00 in the zone, so it lasts 23 or 25 hours across a DST change.

const DAY_MS = 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function wallClock(instant: Date | number, zone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

/**
 * Answers of localParts, per zone and instant: a timeline shows the same air
 * times to everyone in a zone, and formatToParts was a tenth of a cold
 * timeline's CPU (bench/edge-reads.ts). A pure function of its key, so a
 * remembered answer is exact; emptied whole when it reaches the bound.
 */
const remembered = new Map<string, Readonly<{ date: string; time: string }>>();
const REMEMBER_AT_MOST = 20_000;

/** The local calendar day and wall-clock time ("HH:MM") of `instant` in `zone`. */
export function localParts(instant: Date | number, zone: string): Readonly<{ date: string; time: string }> {
  const key = `${zone} ${+instant}`;
  let local = remembered.get(key);
  if (!local) {
    const parts = wallClock(instant, zone);
    local = Object.freeze({ date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` });
    if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
    remembered.set(key, local);
  }
  return local;
}

export const localDate = (instant: Date | number, zone: string) => localParts(instant, zone).date;

/** Minutes east of UTC in `zone` at `instant`. */
function offsetMinutes(zone: string, instant: number): number {
  const parts = wallClock(instant, zone);
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `zone` first shows `date` `time`.
 * Candidates come from the offsets in force a day either side (any single DST
 * change in between is covered) and must read back as that wall time; a
 * repeated time (fall-back) takes the first, a skipped one (spring-forward)
 * is moved forward by the gap, as Temporal's "compatible" does.
 */
export function wallTimeToUtc(date: string, time: string, zone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const before = offsetMinutes(zone, wall - DAY_MS);
  const after = offsetMinutes(zone, wall + DAY_MS);
  const matches = [before, after]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => {
      const local = localParts(instant, zone);
      return local.date === date && local.time === time;
    });
  return new Date(matches.length ? Math.min(...matches) : wall - before * 60_000);
}

/** The instant the local day `date` begins in `zone` (01:00 when DST skips its midnight). */
export const startOfLocalDay = (date: string, zone: string): Date => wallTimeToUtc(date, '00:00', zone);

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

export const addDays = (date: string, days: number): string =>
  new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** ISO weekday: Monday 1 … Sunday 7. */
export const isoWeekday = (date: string): number => ((new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7) + 1;

/** The ISO week (Monday..Sunday) that contains `date`. */
export function isoWeekOf(date: string): { from: string; to: string } {
  const monday = addDays(date, 1 - isoWeekday(date));
  return { from: monday, to: addDays(monday, 6) };
}

/** A real calendar day in "YYYY-MM-DD" form ("2026-02-30" is not one). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(value);
}
