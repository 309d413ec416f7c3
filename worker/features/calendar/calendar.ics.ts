// A person's feed events as an iCalendar document (RFC 5545), built with
// ical-generator. What calendar clients need to keep a subscription right:
// - timed events in UTC (DTSTART:…Z), which Google, Apple and Outlook all
//   read the same way, with X-WR-TIMEZONE naming the person's zone;
// - date-only events as all-day events (DTSTART;VALUE=DATE) on their day;
// - a UID per timeline event, which a reschedule keeps (sync moves events in
//   place), and SEQUENCE / LAST-MODIFIED / DTSTAMP from the event's row, so
//   the document only changes when an event does and clients see the change.
// ical-generator writes a few properties after subcomponents, which RFC 5545
// does not allow; propertiesFirst puts them back in order.
import ical, { ICalAlarmType, ICalEventTransparency } from 'ical-generator';
import { milestoneLabel } from '../../lib/event-types.ts';
import { episodeCode } from '../metadata/events.ts';
import type { CachedEvent } from '../timeline/timeline.schemas.ts';

/** The length of a timed event whose runtime nobody knows. */
const DEFAULT_RUNTIME_MINUTES = 60;
/** How often clients are asked to refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 60 * 60;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface FeedEvent extends CachedEvent {
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  runtimeMinutes: number | null;
  /** The episode's overview, else the show's. */
  overview: string | null;
  /** Hours before the start to remind; null for no reminder. */
  alarmHoursBefore: number | null;
}

/** "Severance S02E05 — Trojan's Horse"; a status change says what changed. */
function summaryOf(event: CachedEvent): string {
  const show = event.show.title;
  if (event.event_type === 'status_change') return event.description ?? `${show}: status changed`;
  if (event.season_number !== null && event.episode_number !== null) {
    const code = episodeCode(event.season_number, event.episode_number);
    // Sync stores the episode's name, or the bare code when it has none.
    const name = event.description && event.description !== code ? event.description : null;
    return name ? `${show} ${code} — ${name}` : `${show} ${code}`;
  }
  return event.description ? `${show} — ${event.description}` : show;
}

const showUrl = (origin: string, showId: string) => `${origin}/shows/${showId}`;

export function renderFeed(events: FeedEvent[], options: { zone: string; origin: string }): string {
  const calendar = ical({
    name: 'ShowTracker',
    description: 'Episodes and releases of the shows you track on ShowTracker',
    prodId: { company: 'ShowTracker', product: 'Calendar feed', language: 'EN' },
    ttl: REFRESH_SECONDS,
    x: { 'X-WR-TIMEZONE': options.zone },
  });
  for (const event of events) {
    const url = showUrl(options.origin, event.show.id);
    const summary = summaryOf(event);
    // A status change is news of a day, not a slot in it: all-day on the
    // person's local day of the change (`date` is already in their zone).
    const allDay = event.all_day || event.event_type === 'status_change';
    const start = allDay ? new Date(`${event.date}T00:00:00Z`) : new Date(event.starts_at!);
    const length = allDay ? DAY_MS : (event.runtimeMinutes ?? DEFAULT_RUNTIME_MINUTES) * 60_000;
    const item = calendar.createEvent({
      id: `${event.id}@showtracker`,
      sequence: event.sequence,
      stamp: event.updatedAt,
      created: event.createdAt,
      lastModified: event.updatedAt,
      start,
      end: new Date(start.getTime() + length),
      allDay,
      summary,
      description: [milestoneLabel(event.event_type), event.overview, `On ShowTracker: ${url}`].filter(Boolean).join('\n\n'),
      url,
      // Watching a show does not make anyone busy.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
    if (event.alarmHoursBefore !== null) {
      item.createAlarm({ type: ICalAlarmType.display, triggerBefore: event.alarmHoursBefore * 3600, description: summary });
    }
  }
  return propertiesFirst(calendar.toString());
}

const CRLF = '\r\n';

/**
 * Puts every component's properties before its subcomponents, as RFC 5545's
 * grammar has them. ical-generator writes an event's URL, CREATED and
 * LAST-MODIFIED after its VALARMs, and the calendar's X- properties after the
 * events; Outlook refuses events with properties after an alarm
 * (ics-py/ics-py#389) and ignores calendar properties after the components.
 * Works on content lines, each with its folded continuation lines.
 */
function propertiesFirst(ics: string): string {
  const contentLines: string[] = [];
  for (const line of ics.split(CRLF)) {
    if (/^[ \t]/.test(line) && contentLines.length) contentLines[contentLines.length - 1] += CRLF + line;
    else if (line) contentLines.push(line);
  }
  const stack: { properties: string[]; components: string[] }[] = [{ properties: [], components: [] }];
  for (const line of contentLines) {
    if (line.startsWith('BEGIN:')) {
      stack.push({ properties: [line], components: [] });
    } else if (line.startsWith('END:') && stack.length > 1) {
      const done = stack.pop()!;
      stack[stack.length - 1]!.components.push(...done.properties, ...done.components, line);
    } else {
      stack[stack.length - 1]!.properties.push(line);
    }
  }
  return [...stack[0]!.properties, ...stack[0]!.components].join(CRLF) + CRLF;
}
