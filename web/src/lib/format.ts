// How times and codes read on screen. The API already gives timeline events
// in the person's zone (`date`, `local_time`); instants from elsewhere (an
// episode's `airs_at`) are formatted here in that same zone. Times follow the
// person's clock (lib/clock.ts); a date outside the current year names its year.

import { addDays, isoWeekOf, localDate, localParts, wallTimeToUtc } from '../../../worker/lib/local-time.ts';
import { episodeCode as code } from '../../../worker/features/metadata/events.ts';
import { EVENT_TYPE_LABELS, type TimelineEventType } from '../../../worker/lib/event-types.ts';
import { uses12h } from './clock.ts';

export { addDays, isoWeekOf, localParts, wallTimeToUtc };

export const episodeCode = (season: number | null, episode: number | null) =>
  season === null || episode === null ? null : code(season, episode);

/** A wall-clock time ("21:05") on the person's clock: "21:05" or "9:05 PM". */
export function clockTime(time: string, hour12: boolean = uses12h()): string {
  if (!hour12) return time;
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return `${hours % 12 || 12}:${String(minutes).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** "21:00" (or "9:00 PM"), or "all day" when only the date is known. */
export const timeLabel = (event: { all_day: boolean; local_time: string | null }, hour12: boolean = uses12h()) =>
  event.all_day || !event.local_time ? 'all day' : clockTime(event.local_time, hour12);

/** Today's date (YYYY-MM-DD) in a time zone. */
export const todayIn = (zone: string, now: Date = new Date()): string => localDate(now, zone);

const WEEKDAY_DAY_MONTH = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const LONG_DAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/** "Fri 28 Nov" in the current year, "Mon 16 Jan 2023" in any other. */
export const weekdayDate = (day: string, today: string) =>
  day.slice(0, 4) === today.slice(0, 4) ? WEEKDAY_DAY_MONTH.format(noon(day)) : `${WEEKDAY_DAY_MONTH.format(noon(day))} ${day.slice(0, 4)}`;

/** "Today", "Tomorrow", "Yesterday", "Fri 28 Nov" or "Mon 16 Jan 2023". */
export function dayLabel(day: string, today: string): string {
  if (day === today) return 'Today';
  if (day === addDays(today, 1)) return 'Tomorrow';
  if (day === addDays(today, -1)) return 'Yesterday';
  return weekdayDate(day, today);
}

/** The days Home shows: today and the six after it, whatever the weekday. */
export const nextSevenDays = (today: string) => ({ from: today, to: addDays(today, 6) });

export const longDay = (day: string) => LONG_DAY.format(new Date(`${day}T12:00:00Z`));
export const monthLabel = (month: string) => MONTH_YEAR.format(new Date(`${month}-15T12:00:00Z`));

/** When an episode airs, for a person in `zone`: "Today 21:00", "Fri 28 Nov · all day", or null. */
export function airsLabel(
  episode: { airs_at: string | null; air_date: string | null },
  zone: string,
  now = new Date(),
  hour12: boolean = uses12h(),
): string | null {
  const today = todayIn(zone, now);
  if (episode.airs_at) {
    const { date, time } = localParts(new Date(episode.airs_at), zone);
    return `${dayLabel(date, today)} ${clockTime(time, hour12)}`;
  }
  return episode.air_date ? `${dayLabel(episode.air_date, today)} · all day` : null;
}

export const year = (date: string | null) => (date ? date.slice(0, 4) : null);

const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "15 Jan 2023" for a calendar date (YYYY-MM-DD). */
export const fullDate = (day: string) => DAY_MONTH_YEAR.format(new Date(`${day}T12:00:00Z`));

/** A provider's status as a person reads it: "returning" → "Returning", "in_production" → "In production". */
export const statusLabel = (status: string) => {
  const words = status.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const eventLabel = (type: string) => EVENT_TYPE_LABELS[type as TimelineEventType] ?? type.replaceAll('_', ' ');

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "yesterday"… for the notification list. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 4.35],
    ['month', 12],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return RELATIVE.format(Math.round(value), unit);
    value /= size;
  }
  return RELATIVE.format(Math.round(value), 'year');
}

const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "3 Dec" this year, "3 Dec 2024" in any other. */
export const shortDay = (day: string, today: string) =>
  day.slice(0, 4) === today.slice(0, 4) ? DAY_MONTH.format(new Date(`${day}T12:00:00Z`)) : fullDate(day);

/** Whether an episode (or a movie's release) is out for a person in `zone`: its instant has passed, else its day has come. */
export function hasAired(episode: { airs_at: string | null; air_date: string | null }, zone: string, now = new Date()): boolean {
  if (episode.airs_at) return Date.parse(episode.airs_at) <= now.getTime();
  return episode.air_date !== null && episode.air_date <= todayIn(zone, now);
}

/** "Watched 3 Dec", "Watched twice, last 3 Dec", "Watched, date unknown". */
export function watchedText(
  seen: { plays: number; last_watched_at: string | null; last_watched_on: string | null },
  zone: string,
  now = new Date(),
): string {
  const times = seen.plays === 2 ? ' twice' : seen.plays > 2 ? ` ${seen.plays} times` : '';
  const day = seen.last_watched_at ? localDate(new Date(seen.last_watched_at), zone) : seen.last_watched_on;
  if (!day) return `Watched${times}, date unknown`;
  return `Watched${times}${times ? ', last' : ''} ${shortDay(day, todayIn(zone, now))}`;
}

/** A watch's local day (null: unknown) and time ("21:04" or "9:04 PM", "all day" for a day alone, "date unknown"). */
export function watchWhen(
  watch: { watched_at: string | null; watched_on: string | null },
  zone: string,
  hour12: boolean = uses12h(),
): { day: string | null; time: string } {
  if (watch.watched_at) {
    const { date, time } = localParts(new Date(watch.watched_at), zone);
    return { day: date, time: clockTime(time, hour12) };
  }
  return watch.watched_on ? { day: watch.watched_on, time: 'all day' } : { day: null, time: 'date unknown' };
}

/** "45 min", "2 h", "2 h 15 min". */
export function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** What is left of a show: "3 left · 2 h 15 min", "3 left · 2 h · runtime unknown for 1". */
export function leftText(item: { episodes_left: number; minutes_left: number; episodes_without_runtime: number }): string {
  const parts = [`${item.episodes_left} left`];
  if (item.minutes_left > 0) parts.push(durationText(item.minutes_left));
  if (item.episodes_without_runtime > 0) parts.push(`runtime unknown for ${item.episodes_without_runtime}`);
  return parts.join(' · ');
}

/** The day an episode airs in `zone`, as "Tue 15 Dec" or "Tue 15 Dec 2027" (null when not known). */
export function airDay(episode: { airs_at: string | null; air_date: string | null }, zone: string, now = new Date()): string | null {
  const day = episode.airs_at ? localDate(new Date(episode.airs_at), zone) : episode.air_date;
  return day ? weekdayDate(day, todayIn(zone, now)) : null;
}

/**
 * How a show's first day or a movie's release reads, by whether it is still
 * ahead in `zone`: "Premieres 30 Dec 2026" / "Premiered…", "Releases…" / "Released…".
 */
export function premiereWord(mediaType: string, day: string, zone: string, now = new Date()): string {
  const ahead = day > todayIn(zone, now);
  if (mediaType === 'movie') return ahead ? 'Releases' : 'Released';
  return ahead ? 'Premieres' : 'Premiered';
}

/** "Airs Fri 28 Nov 21:00" ahead, "Aired…" once out: an episode's day in the right tense (null when unknown). */
export function airsText(episode: { airs_at: string | null; air_date: string | null }, zone: string, now = new Date(), hour12: boolean = uses12h()) {
  const when = airsLabel(episode, zone, now, hour12);
  return when && `${hasAired(episode, zone, now) ? 'Aired' : 'Airs'} ${when}`;
}
