// Home: tonight and the rest of this week, in the person's zone. Signed out,
// a short introduction with what's trending.
import { For, Match, Show, Switch } from 'solid-js';
import { A } from '@solidjs/router';
import { EventRow, EventsByDay } from '../components/events.tsx';
import { ShowCard } from '../components/show-card.tsx';
import { EmptyState, ErrorNotice, GridSkeleton, Skeleton } from '../components/ui.tsx';
import { useShowList } from '../hooks/use-shows.ts';
import { useTimeline } from '../hooks/use-timeline.ts';
import { longDay, todayIn } from '../lib/format.ts';
import { status, user } from '../lib/session.ts';

function Welcome() {
  const trending = useShowList('trending');
  return (
    <>
      <section class="hero">
        <h1 tabIndex={-1}>Never miss an episode</h1>
        <p class="lede">
          Track the shows and movies you watch, see what airs tonight in your own time zone, and get a notification before
          it starts.
        </p>
        <div class="actions">
          <A href="/signup" class="button primary">
            Create an account
          </A>
          <A href="/signin" class="button">
            Sign in
          </A>
        </div>
      </section>
      <section aria-labelledby="trending-heading">
        <h2 id="trending-heading">Trending this week</h2>
        <Show when={trending.data} fallback={<GridSkeleton cards={12} />}>
          {(data) => (
            <ul class="grid">
              <For each={data().results.slice(0, 12)}>{(show) => <ShowCard show={show} />}</For>
            </ul>
          )}
        </Show>
      </section>
    </>
  );
}

function Dashboard() {
  const today = useTimeline(() => 'today');
  const week = useTimeline(() => 'week');
  const zone = () => today.data?.timezone ?? user()?.timezone ?? 'UTC';
  const todayDate = () => today.data?.from ?? todayIn(zone());
  const laterThisWeek = () => (week.data?.events ?? []).filter((event) => event.date > todayDate());
  const nothingAtAll = () => today.data?.events.length === 0 && week.data !== undefined && laterThisWeek().length === 0;
  return (
    <>
      <header class="page-header">
        <h1 tabIndex={-1}>Tonight</h1>
        <p class="subtle">
          {longDay(todayDate())} · times in {zone().replaceAll('_', ' ')}
        </p>
      </header>
      <Switch>
        <Match when={today.error && !today.data}>
          <ErrorNotice error={today.error} retry={() => void today.refetch()} />
        </Match>
        <Match when={!today.data}>
          <Skeleton rows={3} />
        </Match>
        <Match when={nothingAtAll()}>
          <EmptyState title="Nothing on your timeline this week" action={{ href: '/search', label: 'Find shows to track' }}>
            <p>Track a show and its next episodes appear here, at the time they air where you are.</p>
          </EmptyState>
        </Match>
        <Match when={today.data}>
          {(data) => (
            <Show when={data().events.length > 0} fallback={<p class="subtle">Nothing airs today.</p>}>
              <ul class="events" aria-label="Airing today">
                <For each={data().events}>{(event) => <EventRow event={event} />}</For>
              </ul>
            </Show>
          )}
        </Match>
      </Switch>
      <Show when={!nothingAtAll()}>
        <section aria-labelledby="week-heading" class="section">
          <h2 id="week-heading">This week</h2>
          <Switch>
            <Match when={week.error && !week.data}>
              <ErrorNotice error={week.error} retry={() => void week.refetch()} />
            </Match>
            <Match when={!week.data}>
              <Skeleton rows={3} />
            </Match>
            <Match when={laterThisWeek().length === 0}>
              <p class="subtle">
                Nothing else this week. <A href="/timeline">See what's coming up</A>.
              </p>
            </Match>
            <Match when={laterThisWeek().length > 0}>
              <EventsByDay events={laterThisWeek()} today={todayDate()} />
            </Match>
          </Switch>
        </section>
      </Show>
    </>
  );
}

export default function Home() {
  return (
    <Switch>
      <Match when={status() === 'signed-in'}>
        <Dashboard />
      </Match>
      <Match when={status() === 'signed-out'}>
        <Welcome />
      </Match>
    </Switch>
  );
}
