// The show page's "Catch up" card (the catch-up planner, issue 12): how many
// episodes are left and how many a week get the person ready by the next
// season's premiere or a day they pick, and a plan whose sessions go on their
// timeline and calendar feed. Everything is the server's arithmetic
// (GET /api/v1/catch-up/{show_id}); it refetches whenever the show's watch
// state does, so marking episodes on the page updates it.
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { useWatchState } from '../hooks/use-history.ts';
import { api, ApiError, json, withSignal } from '../lib/api.ts';
import { addDays, dayLabel, durationText, fullDate, todayIn } from '../lib/format.ts';
import { keys } from '../lib/query-client.ts';
import { status, userZone } from '../lib/session.ts';
import { InlineError, Skeleton } from './ui.tsx';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** ISO weekdays, Monday 1 … Sunday 7, as the API numbers them. */
const WEEKDAYS = [
  [1, 'Mon', 'Monday'],
  [2, 'Tue', 'Tuesday'],
  [3, 'Wed', 'Wednesday'],
  [4, 'Thu', 'Thursday'],
  [5, 'Fri', 'Friday'],
  [6, 'Sat', 'Saturday'],
  [7, 'Sun', 'Sunday'],
] as const;

function CatchUpPlanner(props: { showId: string }) {
  const client = useQueryClient();
  const state = useWatchState(() => props.showId);
  // A day, weekdays or a time picked here, not saved yet; undefined: the plan's (else the premiere, every day, all day).
  const [by, setBy] = createSignal<string | undefined>();
  const [days, setDays] = createSignal<number[] | undefined>();
  const [time, setTime] = createSignal<string | null | undefined>();
  const changed = () => by() !== undefined || days() !== undefined || time() !== undefined;
  const query = createQuery(() => ({
    queryKey: ['catch-up', props.showId, by() ?? 'default', days()?.join(',') ?? 'plan', state.dataUpdatedAt],
    queryFn: ({ signal }) =>
      json(
        api['catch-up'][':show_id'].$get(
          { param: { show_id: props.showId }, query: { ...(by() ? { by: by() } : {}), ...(days() ? { weekdays: days()!.join(',') } : {}) } },
          withSignal(signal),
        ),
      ),
    placeholderData: (previous) => previous,
    retry: false,
  }));
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['catch-up', props.showId] }), client.invalidateQueries({ queryKey: keys.timeline() })]);
  const save = createMutation(() => ({
    mutationFn: async () => {
      const data = query.data!;
      const picked = by() ?? (data.target?.source === 'picked' ? data.target.date : null);
      return json(
        api['catch-up'][':show_id'].$put({
          param: { show_id: props.showId },
          json: { by: picked, weekdays: days() ?? data.weekdays, time: time() === undefined ? data.time : time() },
        }),
      );
    },
    onSuccess: () => {
      setBy(undefined);
      setDays(undefined);
      setTime(undefined);
      return refresh();
    },
  }));
  const remove = createMutation(() => ({
    mutationFn: async () => {
      await api['catch-up'][':show_id'].$delete({ param: { show_id: props.showId } });
    },
    onSuccess: refresh,
  }));
  const tomorrow = () => addDays(todayIn(userZone()), 1);
  const noTarget = () => query.error instanceof ApiError && query.error.code === 'no_target_date';

  const picker = (value: () => string | undefined) => (
    <label class="catch-up-date">
      Ready by{' '}
      <input
        type="date"
        min={tomorrow()}
        value={value() ?? ''}
        onChange={(event) => {
          const day = event.currentTarget.value;
          if (day) setBy(day);
        }}
      />
    </label>
  );

  return (
    <section class="section catch-up" aria-labelledby="catch-up-heading">
      <h2 id="catch-up-heading">Catch up</h2>
      <Switch>
        <Match when={noTarget()}>
          <p>{(query.error as ApiError).message}</p>
          {picker(by)}
        </Match>
        <Match when={query.error instanceof ApiError && query.error.offline && !query.data}>
          <p class="subtle">The planner needs a connection: it works from your latest history on the server.</p>
        </Match>
        <Match when={query.error && !query.data}>
          <InlineError error={query.error} />
        </Match>
        <Match when={!query.data}>
          <Skeleton rows={2} />
        </Match>
        <Match when={query.data!.episodes_left === 0}>
          <p class="catch-up-summary">You’re caught up: no aired episode is left to watch.</p>
          <Show when={query.data!.plan}>
            <button type="button" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Remove plan
            </button>
          </Show>
        </Match>
        <Match when={query.data}>
          {(data) => (
            <>
              <p class="catch-up-summary">
                {plural(data().episodes_left, 'episode')} left
                <Show when={data().minutes_left > 0}>, {durationText(data().minutes_left)}</Show>; to be ready by{' '}
                {fullDate(data().target!.date)}
                <Show when={data().target!.source === 'premiere' && data().next_premiere}>
                  {(premiere) => <> (the season {premiere().season_number} premiere)</>}
                </Show>{' '}
                watch {data().episodes_per_week} a week.
              </p>
              <Show
                when={data().sessions[0]}
                fallback={<p class="subtle">No session day falls before then: pick a later day.</p>}
              >
                {(next) => (
                  <p class="subtle">
                    Next session {dayLabel(next().date, data().today).toLowerCase()}: {next().label}
                    <Show when={data().sessions.length > 1}> ({plural(data().sessions.length, 'session')} in all)</Show>
                  </p>
                )}
              </Show>
              {picker(() => by() ?? data().target!.date)}
              <fieldset class="catch-up-days">
                <legend>Days you watch</legend>
                <For each={WEEKDAYS}>
                  {([day, short, long]) => {
                    const chosen = () => (days() ?? data().weekdays).includes(day);
                    // At least one day stays chosen: the last one cannot be unticked.
                    const last = () => chosen() && (days() ?? data().weekdays).length === 1;
                    return (
                      <label title={long}>
                        <input
                          type="checkbox"
                          aria-label={long}
                          checked={chosen()}
                          disabled={last()}
                          onChange={(event) => {
                            const current = days() ?? data().weekdays;
                            const next = event.currentTarget.checked ? [...current, day] : current.filter((d) => d !== day);
                            setDays([...new Set(next)].sort((a, b) => a - b));
                          }}
                        />
                        {short}
                      </label>
                    );
                  }}
                </For>
              </fieldset>
              <label class="catch-up-time">
                At{' '}
                <input
                  type="time"
                  value={(time() === undefined ? data().time : time()) ?? ''}
                  onChange={(event) => setTime(event.currentTarget.value || null)}
                />{' '}
                <span class="subtle">(empty: all-day sessions in your calendar)</span>
              </label>
              <div class="actions">
                <Show
                  when={data().plan}
                  fallback={
                    <button type="button" class="primary" onClick={() => save.mutate()} disabled={save.isPending}>
                      Add to timeline and calendar
                    </button>
                  }
                >
                  <Show when={changed()}>
                    <button type="button" class="primary" onClick={() => save.mutate()} disabled={save.isPending}>
                      Save changes
                    </button>
                  </Show>
                  <button type="button" onClick={() => remove.mutate()} disabled={remove.isPending}>
                    Remove plan
                  </button>
                </Show>
              </div>
              <Show when={data().plan}>
                <p class="subtle">Planned sessions are on your timeline and calendar feed.</p>
              </Show>
            </>
          )}
        </Match>
      </Switch>
      <InlineError error={save.error ?? remove.error} />
    </section>
  );
}

/** The card, for a signed-in person on a TV show's page. */
export function CatchUpCard(props: { show: { id: string; media_type: string } }) {
  return (
    <Show when={status() === 'signed-in' && props.show.media_type === 'tv'}>
      <CatchUpPlanner showId={props.show.id} />
    </Show>
  );
}
