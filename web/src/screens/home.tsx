// Home: what to watch next, then tonight and the next days, in the person's zone. Signed out,
// a short introduction with what's trending.
import { Match, Show, Switch } from 'solid-js';
import { A } from '@solidjs/router';
import { EventList, EventsByDay } from '../components/events.tsx';
import { QueryView } from '../components/query-view.tsx';
import { ShowGrid } from '../components/show-card.tsx';
import { UpNextSection } from '../components/up-next.tsx';
import { EmptyState, GridSkeleton } from '../components/ui.tsx';
import { useShowList } from '../hooks/use-shows.ts';
import { useTimelineRange } from '../hooks/use-timeline.ts';
import { longDay, nextSevenDays, todayIn } from '../lib/format.ts';
import { status, userZone } from '../lib/session.ts';

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
          {(data) => <ShowGrid shows={data().results.slice(0, 12)} />}
        </Show>
      </section>
    </>
  );
}

/**
 * Up next, then tonight and the six days after it: one request from the
 * person's today, so a Sunday evening still sees Monday's episodes (the
 * Timeline keeps the calendar week).
 */
function Dashboard() {
  const zone = userZone;
  const today = () => todayIn(zone());
  const days = () => nextSevenDays(today());
  const week = useTimelineRange(
    () => days().from,
    () => days().to,
  );
  const tonight = () => (week.data?.events ?? []).filter((event) => event.date === today());
  const laterThisWeek = () => (week.data?.events ?? []).filter((event) => event.date > today());
  return (
    <>
      {/* The screen's one h1 comes first in the outline; Up next stays first on screen, its sections below it are h2s. */}
      <h1 class="visually-hidden" tabIndex={-1}>
        Up next and tonight
      </h1>
      {/* Until the week is known, an empty Up Next may be a new person's: say nothing yet. */}
      <UpNextSection homeEmpty={week.data === undefined || (tonight().length === 0 && laterThisWeek().length === 0)} />
      <header class="page-header">
        <h2>Tonight</h2>
        <p class="subtle">
          {longDay(today())} · times in {zone().replaceAll('_', ' ')}
        </p>
      </header>
      <QueryView
        query={week}
        empty={() => tonight().length === 0 && laterThisWeek().length === 0}
        whenEmpty={
         <EmptyState title="Nothing on your timeline in the next 7 days" action={{ href: '/search', label: 'Find shows to track' }}>
            <p>Track a show and its next episodes appear here, at the time they air where you are.</p>
          </EmptyState>
        }
      >
        {() => (
          <>
            <Show when={tonight().length > 0} fallback={<p class="subtle">Nothing airs today.</p>}>
              <EventList events={tonight()} label="Airing today" />
            </Show>
            <section aria-labelledby="week-heading" class="section">
              <h2 id="week-heading">Next 7 days</h2>
              <Show
                when={laterThisWeek().length > 0}
                fallback={
                  <p class="subtle">
                    Nothing else in the next 7 days. <A href="/timeline?view=upcoming">See what's coming up</A>.
                  </p>
                }
              >
                <EventsByDay events={laterThisWeek()} today={today()} />
              </Show>
            </section>
          </>
        )}
      </QueryView>
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
