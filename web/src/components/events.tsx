// Timeline events, grouped by the person's local day.
import { For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { A } from '@solidjs/router';
import { dayLabel, episodeCode, eventLabel, timeLabel } from '../lib/format.ts';
import type { TimelineEvent } from '../lib/types.ts';
import { Poster } from './ui.tsx';

export function groupByDay(events: readonly TimelineEvent[]): [string, TimelineEvent[]][] {
  const days = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    const list = days.get(event.date);
    if (list) list.push(event);
    else days.set(event.date, [event]);
  }
  return [...days.entries()];
}

export function EventRow(props: { event: TimelineEvent }) {
  const code = () => episodeCode(props.event.season_number, props.event.episode_number);
  const special = () => props.event.event_type !== 'new_episode';
  return (
    <li class="event" classList={{ watched: props.event.watched === true }}>
      <A href={`/shows/${props.event.show.id}`} class="event-link">
        <Poster src={props.event.show.poster_url} title={props.event.show.title} size="small" />
        <span class="event-main">
          <span class="event-show">{props.event.show.title}</span>
          <span class="event-detail">
            <Show when={code()}>
              <span class="code">{code()}</span>
            </Show>
            <Show when={props.event.description}>
              <span class="event-desc">{props.event.description}</span>
            </Show>
          </span>
          <Show when={special()}>
            <span class={`tag tag-${props.event.event_type}`}>{eventLabel(props.event.event_type)}</span>
          </Show>
        </span>
        <span class="event-time" classList={{ 'all-day': props.event.all_day }}>
          <time datetime={props.event.starts_at ?? props.event.date}>{timeLabel(props.event)}</time>
          <Show when={props.event.watched}>
            <span class="watched-mark" title="Watched">
              ✓<span class="visually-hidden"> watched</span>
            </span>
          </Show>
        </span>
      </A>
    </li>
  );
}

export function EventList(props: { events: readonly TimelineEvent[]; label?: string }) {
  return (
    <ul class="events" aria-label={props.label}>
      <For each={props.events}>{(event) => <EventRow event={event} />}</For>
    </ul>
  );
}

/** Events under a heading per day: h3 by default (below a section's h2), h2 straight below a screen's h1. */
export function EventsByDay(props: { events: readonly TimelineEvent[]; today: string; headingLevel?: 2 | 3 }) {
  return (
    <For each={groupByDay(props.events)}>
      {([day, events]) => (
        <section class="day" aria-label={dayLabel(day, props.today)}>
          <Dynamic component={props.headingLevel === 2 ? 'h2' : 'h3'} class="day-heading" classList={{ today: day === props.today }}>
            {dayLabel(day, props.today)}
          </Dynamic>
          <EventList events={events} />
        </section>
      )}
    </For>
  );
}
