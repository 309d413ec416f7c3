// Notification text written for a lock screen: the show as the title, then
// the episode code and when it airs in the person's zone ("S02E05 · tonight
// 21:00 · Trojan's Horse"), computed when the message is sent so "tonight"
// and "tomorrow" are true at that moment. A person who hides spoilers gets
// no episode title for an episode they have not watched (the dispatcher passes
// none): "S02E05 · tonight 21:00".
import { milestoneLabel } from '../../lib/event-types.ts';
import { daysBetween, localParts } from '../../lib/local-time.ts';
import { episodeCode } from '../metadata/events.ts';

export interface NotificationFacts {
  showTitle: string;
  eventType: string | null;
  seasonNumber: number | null;
  episodeNumber: number | null;
  /** Null when unknown, or hidden (docs/design.md#spoilers). */
  episodeTitle: string | null;
  allDay: boolean;
  /** The event's instant (timed), or null. */
  eventDate: Date | null;
  /** The air day (all-day events). */
  airDate: string | null;
  /** Fallback text (status changes carry their own sentence). */
  description: string;
}

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "today" / "tonight" / "tomorrow" / "Fri" / "Fri 28 Nov", relative to the person's today. */
function dayWords(day: string, today: string, time: string | null): string {
  const ahead = daysBetween(today, day);
  const noon = new Date(`${day}T12:00:00Z`);
  if (ahead === 0) return time && time >= '17:00' ? 'tonight' : 'today';
  if (ahead === 1) return 'tomorrow';
  if (ahead === -1) return 'yesterday';
  if (ahead > 1 && ahead < 7) return WEEKDAY.format(noon);
  return DAY_MONTH.format(noon);
}

export function whenText(facts: Pick<NotificationFacts, 'allDay' | 'eventDate' | 'airDate'>, zone: string, now: Date): string {
  const today = localParts(now, zone).date;
  if (facts.allDay || !facts.eventDate) return facts.airDate ? dayWords(facts.airDate, today, null) : 'soon';
  const { date, time } = localParts(facts.eventDate, zone);
  return `${dayWords(date, today, time)} ${time}`;
}

export function lockScreenText(facts: NotificationFacts, zone: string, now: Date): { title: string; body: string } {
  const title = facts.showTitle;
  if (facts.eventType === 'status_change') return { title, body: facts.description };
  const when = whenText(facts, zone, now);
  if (facts.eventType === 'movie_release') {
    const day = facts.airDate ? daysBetween(localParts(now, zone).date, facts.airDate) : 0;
    return { title, body: day <= 0 ? 'Out today' : `Out ${when}` };
  }
  const label = milestoneLabel(facts.eventType);
  const code = facts.seasonNumber !== null && facts.episodeNumber !== null ? episodeCode(facts.seasonNumber, facts.episodeNumber) : null;
  const episodeTitle = facts.episodeTitle !== code ? facts.episodeTitle : null;
  return { title, body: [label, code, when, episodeTitle].filter(Boolean).join(' · ') };
}

