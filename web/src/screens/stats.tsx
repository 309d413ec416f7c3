// Statistics: what the person watched, counted, for this year, the last 12
// months or all time: episodes, movies and hours, then by month and by genre
// as bar charts in plain HTML, each bar with its figures as text. Saved on
// the device like the other screens, so it opens offline.
import { createMemo, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import type { InferResponseType } from 'hono/client';
import { QueryView } from '../components/query-view.tsx';
import { EmptyState } from '../components/ui.tsx';
import { api, json, withSignal } from '../lib/api.ts';
import { keys, MINUTE } from '../lib/query-client.ts';
import { todayIn } from '../lib/format.ts';
import { status, userZone } from '../lib/session.ts';

export type Stats = InferResponseType<typeof api.stats.$get>;
type Period = 'year' | '12-months' | 'all';

const PERIODS: [Period, string][] = [
  ['year', 'This year'],
  ['12-months', 'Last 12 months'],
  ['all', 'All time'],
];

/** A month (YYYY-MM) `count` months after `month` (before, when negative). */
export function addMonths(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The local days a period covers, ending today in the person's zone; all time has no bounds. */
export function periodRange(period: Period, today: string): { from?: string; to?: string } {
  if (period === 'all') return {};
  const from = period === 'year' ? `${today.slice(0, 4)}-01-01` : `${addMonths(today.slice(0, 7), -11)}-01`;
  return { from, to: today };
}

type Month = Stats['by_month'][number];

/**
 * Every month from `first` to `last`, with nothing watched where the answer
 * has no row (it lists only months with a watch), so the bars keep time.
 */
export function fillMonths(rows: Month[], first: string, last: string): Month[] {
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const months: Month[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    months.push(byMonth.get(month) ?? { month, episodes: 0, movies: 0, minutes: 0 });
  }
  return months;
}

/** All time can span decades: its gaps are filled only up to this many months. */
const MAX_FILLED_MONTHS = 36;

const SHORT_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthName = (month: string) => SHORT_MONTH.format(new Date(`${month}-15T12:00:00Z`));
const hoursText = (minutes: number) => `${Math.round(minutes / 6) / 10} h`;
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** A month's bar as text: "2 episodes · 1 movie · 3.5 h", leaving out what is none; "nothing" for an empty month. */
export function monthText(row: Month): string {
  const parts = [
    ...(row.episodes ? [count(row.episodes, 'episode')] : []),
    ...(row.movies ? [count(row.movies, 'movie')] : []),
    ...(row.minutes ? [hoursText(row.minutes)] : []),
  ];
  return parts.length ? parts.join(' · ') : 'nothing';
}

function useStats(range: () => { from?: string; to?: string }) {
  return createQuery(() => ({
    queryKey: keys.stats(range().from, range().to),
    queryFn: ({ signal }) => json(api.stats.$get({ query: range() }, withSignal(signal))),
    staleTime: 5 * MINUTE,
    enabled: status() === 'signed-in',
  }));
}

/** One row of a bar chart: its name, a bar as long as its share of the largest (drawn only), and its figures as text. */
function BarList(props: { label: string; rows: { name: string; value: number; text: string }[] }) {
  const largest = () => Math.max(1, ...props.rows.map((row) => row.value));
  return (
    <ol class="bars" aria-label={props.label}>
      <For each={props.rows}>
        {(row) => (
          <li class="bar-row">
            <span class="bar-name">{row.name}</span>
            <span class="bar-track" aria-hidden="true">
              <span class="bar" style={{ width: `${(row.value / largest()) * 100}%` }} />
            </span>
            <span class="bar-text">{row.text}</span>
          </li>
        )}
      </For>
    </ol>
  );
}

function Figures(props: { stats: Stats }) {
  return (
    <dl class="stat-figures">
      <div>
        <dt>Episodes</dt>
        <dd>
          <span class="stat-number">{props.stats.episodes.watches.toLocaleString('en-GB')}</span>
          <span class="subtle">{count(props.stats.episodes.distinct, 'different one')}</span>
        </dd>
      </div>
      <div>
        <dt>Movies</dt>
        <dd>
          <span class="stat-number">{props.stats.movies.watches.toLocaleString('en-GB')}</span>
          <span class="subtle">{count(props.stats.movies.distinct, 'different one')}</span>
        </dd>
      </div>
      <div>
        <dt>Hours</dt>
        <dd>
          <span class="stat-number">{props.stats.hours.toLocaleString('en-GB')}</span>
          <span class="subtle">{count(props.stats.minutes, 'minute')}</span>
        </dd>
      </div>
    </dl>
  );
}

export default function StatsPage() {
  const [params, setParams] = useSearchParams<{ period?: string }>();
  const period = (): Period => (PERIODS.some(([value]) => value === params.period) ? (params.period as Period) : 'all');
  const today = () => todayIn(userZone());
  const range = createMemo(() => periodRange(period(), today()), undefined, {
    equals: (a, b) => a.from === b.from && a.to === b.to,
  });
  const stats = useStats(range);
  const watched = (data: Stats) => data.episodes.watches + data.movies.watches;
  const months = (data: Stats): Month[] => {
    const { from, to } = range();
    if (from && to) return fillMonths(data.by_month, from.slice(0, 7), to.slice(0, 7));
    const first = data.by_month[0]?.month;
    const last = data.by_month.at(-1)?.month;
    if (!first || !last || addMonths(first, MAX_FILLED_MONTHS - 1) < last) return data.by_month;
    return fillMonths(data.by_month, first, last);
  };
  return (
    <>
      <header class="page-header">
        <h1 tabIndex={-1}>Statistics</h1>
        <div class="segmented" role="group" aria-label="Period">
          <For each={PERIODS}>
            {([value, label]) => (
              <button
                type="button"
                aria-pressed={period() === value}
                onClick={() => setParams({ period: value === 'all' ? undefined : value }, { replace: true })}
              >
                {label}
              </button>
            )}
          </For>
        </div>
      </header>
      <QueryView
        query={stats}
        rows={4}
        empty={(data) => watched(data) === 0}
        whenEmpty={
          <Show
            when={period() === 'all'}
            fallback={
              <EmptyState title={`Nothing watched ${period() === 'year' ? 'this year' : 'in the last 12 months'}`}>
                <p>
                  <button type="button" class="link-button" onClick={() => setParams({ period: undefined }, { replace: true })}>
                    See all time
                  </button>
                </p>
              </EmptyState>
            }
          >
            <EmptyState title="Nothing watched yet — mark episodes watched to see your stats" action={{ href: '/my-shows', label: 'My shows' }} />
          </Show>
        }
      >
        {(data) => (
          <>
            <Figures stats={data()} />
            <Show when={data().watches_without_runtime > 0 || (period() === 'all' && data().undated_watches > 0)}>
              <p class="subtle stat-notes">
                <Show when={data().watches_without_runtime > 0}>
                  {count(data().watches_without_runtime, 'watch', 'watches')} with no known runtime {data().watches_without_runtime === 1 ? 'is' : 'are'}{' '}
                  left out of the hours.{' '}
                </Show>
                <Show when={period() === 'all' && data().undated_watches > 0}>
                  {count(data().undated_watches, 'watch', 'watches')} with no date {data().undated_watches === 1 ? 'is' : 'are'} in the totals but in no
                  month.
                </Show>
              </p>
            </Show>
            <section class="section" aria-labelledby="by-month-heading">
              <h2 id="by-month-heading">By month</h2>
              <Show when={months(data()).length > 0} fallback={<p class="subtle">No watch with a date in this period.</p>}>
                <BarList
                  label="Watched by month"
                  rows={months(data()).map((row) => ({
                    name: monthName(row.month),
                    value: row.episodes + row.movies,
                    text: monthText(row),
                  }))}
                />
              </Show>
              <p class="subtle">Months in your time zone, {data().timezone.replaceAll('_', ' ')}.</p>
            </section>
            <section class="section" aria-labelledby="by-genre-heading">
              <h2 id="by-genre-heading">By genre</h2>
              <Show when={data().by_genre.length > 0} fallback={<p class="subtle">No genres known for what you watched.</p>}>
                <BarList
                  label="Watched by genre"
                  rows={data().by_genre.map((row) => ({
                    name: row.genre,
                    value: row.watches,
                    text: `${count(row.watches, 'watch', 'watches')} · ${hoursText(row.minutes)}`,
                  }))}
                />
                <p class="subtle">A watch counts in every genre of its show or movie.</p>
              </Show>
            </section>
            <p>
              <A href="/history">Every watch, in your history</A>
            </p>
          </>
        )}
      </QueryView>
    </>
  );
}
