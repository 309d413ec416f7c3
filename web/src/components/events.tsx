// Timeline events, grouped by the person's local day.
import { For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { A } from '@solidjs/router';
import { dayLabel, episodeCode, eventLabel, timeLabel } from '../lib/format.ts';
import type { TimelineEvent } from '../lib/types.ts';
import { createSpoiler, RevealButton, SpoilerText } from './spoiler.tsx';
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
  // An episode's description is its title (its code when it has none): a spoiler until watched.
  const spoiler = createSpoiler(() => ({
    id: props.event.episode_id,
    unwatched: props.event.episode_number !== null && props.event.watched !== true && props.event.description !== code(),
  }));
  let link: HTMLAnchorElement | undefined;
  return (
    <li class="event" classList={{ watched: props.event.watched === true, 'has-reveal': Boolean(props.event.description) && spoiler.hidden() }}>
      <A href={`/shows/${props.event.show.id}`} class="event-link" ref={link}>
        <Poster src={props.event.show.poster_url} title={props.event.show.title} size="small" />
        <span class="event-main">
          <span class="event-show">{props.event.show.title}</span>
          <span class="event-detail">
            <Show when={code()}>
              <span class="code">{code()}</span>
            </Show>
            <Show when={props.event.description}>
              <span class="event-desc">
                <SpoilerText spoiler={spoiler}>{props.event.description}</SpoilerText>
              </span>
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
      <Show when={props.event.description}>
        <RevealButton spoiler={spoiler} what={`the title of ${props.event.show.title} ${code()}`} focus={() => link} class="chip reveal" />
      </Show>
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
