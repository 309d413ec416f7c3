// The timeline: today, this week, upcoming, or a month calendar; filtered by
// event type. Every day and time is the person's own.
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { QueryView } from '../components/query-view.tsx';
import { useSearchParams } from '@solidjs/router';
import { EventList, EventsByDay, groupByDay } from '../components/events.tsx';
import { EmptyState, ErrorNotice, Skeleton } from '../components/ui.tsx';
import { useTimeline, useTimelineRange, type TimelineRange } from '../hooks/use-timeline.ts';
import { addDays, dayLabel, eventLabel, isoWeekOf, longDay, monthLabel, todayIn } from '../lib/format.ts';
import { userZone } from '../lib/session.ts';
import { EVENT_TYPES, type EventType, type TimelineEvent } from '../lib/types.ts';

type View = TimelineRange | 'month';
const VIEWS: [View, string][] = [
  ['today', 'Today'],
  ['week', 'This week'],
  ['upcoming', 'Upcoming'],
  ['month', 'Month'],
];

/** The days of a month's calendar grid, Monday first, padded with the neighbouring months' days. */
export function monthGrid(month: string): string[] {
  const first = `${month}-01`;
  const start = isoWeekOf(first).from;
  const next = nextMonth(month, 1);
  const days: string[] = [];
  for (let day = start; day < `${next}-01` || days.length % 7 !== 0; day = addDays(day, 1)) days.push(day);
  return days;
}

export function nextMonth(month: string, step: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, number - 1 + step, 1));
  return date.toISOString().slice(0, 7);
}

function TypeFilter(props: { selected: readonly EventType[]; onChange: (types: EventType[]) => void }) {
  const toggle = (type: EventType) =>
    props.onChange(props.selected.includes(type) ? props.selected.filter((item) => item !== type) : [...props.selected, type]);
  return (
    <div class="filters" role="group" aria-label="Event types">
      <For each={EVENT_TYPES}>
        {(type) => (
          <button type="button" class="chip" aria-pressed={props.selected.includes(type)} onClick={() => toggle(type)}>
            {eventLabel(type)}
          </button>
        )}
      </For>
      <Show when={props.selected.length > 0}>
        <button type="button" class="link-button" onClick={() => props.onChange([])}>
          Show all
        </button>
      </Show>
    </div>
  );
}

const EMPTY: Record<TimelineRange, string> = { today: 'Nothing airs today', week: 'Nothing airs this week', upcoming: 'Nothing coming up' };

/** Today, this week or upcoming, as a list by day (fetched only while it is the view shown). */
function ListView(props: { range: TimelineRange; types: readonly EventType[]; today: string }) {
  const query = useTimeline(
    () => props.range,
    () => props.types,
  );
  return (
    <QueryView
      query={query}
      rows={4}
      empty={(data) => data.events.length === 0}
      whenEmpty={
        <EmptyState
          title={props.types.length ? 'No events of these types in this period' : EMPTY[props.range]}
          action={{ href: '/search', label: 'Find shows to track' }}
        />
      }
    >
      {(data) => <EventsByDay events={data().events} today={props.today} headingLevel={2} />}
    </QueryView>
  );
}

function MonthView(props: { types: readonly EventType[]; today: string }) {
  const [month, setMonth] = createSignal(props.today.slice(0, 7));
  const [selected, setSelected] = createSignal<string>(props.today);
  const grid = createMemo(() => monthGrid(month()));
  const query = useTimelineRange(() => grid()[0]!, () => grid().at(-1)!, () => props.types);
  const byDay = createMemo(() => new Map(groupByDay(query.data?.events ?? [])));
  const selectedEvents = (): TimelineEvent[] => byDay().get(selected()) ?? [];
  const move = (step: number) => {
    const next = nextMonth(month(), step);
    setMonth(next);
    setSelected(next === props.today.slice(0, 7) ? props.today : `${next}-01`);
  };
  return (
    <section aria-labelledby="month-heading">
      <div class="month-bar">
        <button type="button" class="button" onClick={() => move(-1)} aria-label="Previous month">
          ‹
        </button>
        <h2 id="month-heading" aria-live="polite">
          {monthLabel(month())}
        </h2>
        <button type="button" class="button" onClick={() => move(1)} aria-label="Next month">
          ›
        </button>
      </div>
      <Show when={query.error && !query.data}>
        <ErrorNotice error={query.error} retry={() => void query.refetch()} />
      </Show>
      <div class="calendar" role="grid" aria-label={monthLabel(month())} aria-busy={query.isFetching}>
        <div role="row" class="calendar-row weekdays">
          <For each={['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']}>
            {(day) => (
              <span role="columnheader" class="weekday">
                {day}
              </span>
            )}
          </For>
        </div>
        <For each={Array.from({ length: grid().length / 7 }, (_, week) => grid().slice(week * 7, week * 7 + 7))}>
          {(week) => (
            <div role="row" class="calendar-row">
              <For each={week}>
                {(day) => {
                  const events = () => byDay().get(day) ?? [];
                  return (
                    <button
                      type="button"
                      role="gridcell"
                      class="calendar-day"
                      classList={{ outside: !day.startsWith(month()), today: day === props.today, selected: day === selected() }}
                      aria-selected={day === selected()}
                      aria-label={`${longDay(day)}: ${events().length} event${events().length === 1 ? '' : 's'}`}
                      onClick={() => setSelected(day)}
                    >
                      <span class="day-number">{Number(day.slice(8))}</span>
                      <Show when={events().length > 0}>
                        <span class="day-events" aria-hidden="true">
                          <For each={events().slice(0, 2)}>{(event) => <span class="day-event">{event.show.title}</span>}</For>
                          <Show when={events().length > 2}>
                            <span class="day-more">+{events().length - 2}</span>
                          </Show>
                        </span>
                      </Show>
                    </button>
                  );
                }}
              </For>
            </div>
          )}
        </For>
      </div>
      <h3 class="day-heading">{dayLabel(selected(), props.today)}</h3>
      <Show when={query.data} fallback={<Skeleton rows={2} />}>
        <Show when={selectedEvents().length > 0} fallback={<p class="subtle">Nothing on this day.</p>}>
          <EventList events={selectedEvents()} />
        </Show>
      </Show>
    </section>
  );
}

export default function TimelinePage() {
  const [params, setParams] = useSearchParams<{ view?: string; types?: string }>();
  const view = (): View => (VIEWS.some(([value]) => value === params.view) ? (params.view as View) : 'week');
  const types = createMemo(
    () => (params.types ?? '').split(',').filter((type): type is EventType => (EVENT_TYPES as readonly string[]).includes(type)),
    [],
    { equals: (a, b) => a.join() === b.join() },
  );
  const setTypes = (next: EventType[]) => setParams({ types: next.length ? next.join(',') : undefined }, { replace: true });
  const today = () => todayIn(userZone());
  return (
    <>
      <header class="page-header">
        <h1 tabIndex={-1}>Timeline</h1>
        <div class="segmented" role="group" aria-label="Period">
          <For each={VIEWS}>
            {([value, label]) => (
              <button type="button" aria-pressed={view() === value} onClick={() => setParams({ view: value }, { replace: true })}>
                {label}
              </button>
            )}
          </For>
        </div>
      </header>
      <TypeFilter selected={types()} onChange={setTypes} />
      <Switch>
        <Match when={view() === 'month'}>
          <MonthView types={types()} today={today()} />
        </Match>
        <Match when={view() !== 'month'}>
          <ListView range={view() as TimelineRange} types={types()} today={today()} />
        </Match>
      </Switch>
    </>
  );
}
