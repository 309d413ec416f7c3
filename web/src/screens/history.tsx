// What the person watched, newest first, by day in their own zone, 50 at a
// time; of one show when opened from its page (/history?show=<id>). Each
// watch's date can be changed (now, at air time, a day, a day and time, or
// unknown) and a watch removed.
import { createMemo, createSignal, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { QueryView } from '../components/query-view.tsx';
import { ConfirmButton, EmptyState, InlineError, useOnline } from '../components/ui.tsx';
import { useEditWatch, useHistory, useRemoveWatch } from '../hooks/use-history.ts';
import { dayLabel, episodeCode, fullDate, localParts, todayIn, wallTimeToUtc, watchWhen } from '../lib/format.ts';
import { userZone } from '../lib/session.ts';
import type { HistoryEntry, WatchEdit } from '../lib/types.ts';

type Choice = 'now' | 'air_time' | 'day' | 'instant' | 'unknown';
const CHOICES: [Choice, string][] = [
  ['now', 'Now'],
  ['air_time', 'When it aired'],
  ['day', 'On a day'],
  ['instant', 'On a day, at a time'],
  ['unknown', "I don't know"],
];

/** "Severance S01E03" or the movie's title: what a control names. */
const watchName = (watch: HistoryEntry) =>
  [watch.show.title, episodeCode(watch.season_number, watch.episode_number)].filter(Boolean).join(' ');

/** Consecutive watches of the same local day, in the order given; unknown days (null) last, as the API sends them. */
export function groupByWatchDay(watches: HistoryEntry[], zone: string): { day: string | null; watches: HistoryEntry[] }[] {
  const groups: { day: string | null; watches: HistoryEntry[] }[] = [];
  for (const watch of watches) {
    const { day } = watchWhen(watch, zone);
    const last = groups.at(-1);
    if (last && last.day === day) last.watches.push(watch);
    else groups.push({ day, watches: [watch] });
  }
  return groups;
}

function EditWhen(props: { watch: HistoryEntry; done: () => void }) {
  const edit = useEditWatch();
  const zone = userZone();
  const now = localParts(new Date(), zone);
  // The form's time input takes 24-hour "HH:MM" whatever the person's clock.
  const current = watchWhen(props.watch, zone, false);
  const [choice, setChoice] = createSignal<Choice>(props.watch.watched_at ? 'instant' : props.watch.watched_on ? 'day' : 'now');
  const [day, setDay] = createSignal(current.day ?? now.date);
  const [time, setTime] = createSignal(props.watch.watched_at ? current.time : now.time);
  const change = (): WatchEdit => {
    switch (choice()) {
      case 'day':
        return { watched_on: day() };
      case 'instant':
        return { watched_at: wallTimeToUtc(day(), time(), zone).toISOString() };
      default:
        return { when: choice() as 'now' | 'air_time' | 'unknown' };
    }
  };
  return (
    <form
      class="edit-when"
      onSubmit={(event) => {
        event.preventDefault();
        edit.mutate({ id: props.watch.id, change: change() }, { onSuccess: props.done });
      }}
    >
      <fieldset>
        <legend>When did you watch {watchName(props.watch)}?</legend>
        <For each={CHOICES}>
          {([value, label]) => (
            <label class="check">
              <input type="radio" name={`when-${props.watch.id}`} value={value} checked={choice() === value} onChange={() => setChoice(value)} />
              {label}
            </label>
          )}
        </For>
        <Show when={choice() === 'day' || choice() === 'instant'}>
          <div class="inline-field">
            <label>
              Day <input type="date" required max={now.date} value={day()} onInput={(event) => setDay(event.currentTarget.value)} />
            </label>
            <Show when={choice() === 'instant'}>
              <label>
                Time <input type="time" required value={time()} onInput={(event) => setTime(event.currentTarget.value)} />
              </label>
            </Show>
          </div>
        </Show>
      </fieldset>
      <InlineError error={edit.error} />
      <div class="actions">
        <button type="submit" class="button primary" disabled={edit.isPending}>
          {edit.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" class="button" onClick={() => props.done()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function HistoryRow(props: { watch: HistoryEntry }) {
  const remove = useRemoveWatch();
  const [editing, setEditing] = createSignal(false);
  const when = () => watchWhen(props.watch, userZone());
  const code = () => episodeCode(props.watch.season_number, props.watch.episode_number);
  return (
    <li class="history-row">
      <div class="history-main">
        <A href={`/shows/${props.watch.show.id}`}>{props.watch.show.title}</A>
        <span class="subtle">
          <Show when={code()} fallback="Movie">
            <span class="code">{code()}</span>
            <Show when={props.watch.episode_title}> · {props.watch.episode_title}</Show>
          </Show>
        </span>
      </div>
      <span class="history-time" classList={{ vague: !props.watch.watched_at }}>
        {when().time}
      </span>
      <div class="history-actions">
        <button
          type="button"
          class="link-button"
          aria-expanded={editing()}
          aria-label={`Edit date of ${watchName(props.watch)}`}
          onClick={() => setEditing(!editing())}
        >
          Edit date
        </button>
        <ConfirmButton
          label="Remove"
          name={`Remove ${watchName(props.watch)}`}
          question={`Remove this watch of ${watchName(props.watch)}?`}
          confirmLabel="Remove watch"
          busyLabel="Removing…"
          busy={remove.isPending}
          onConfirm={() => remove.mutateAsync(props.watch.id)}
        />
      </div>
      <Show when={editing()}>
        <EditWhen watch={props.watch} done={() => setEditing(false)} />
      </Show>
      <InlineError error={remove.error} />
    </li>
  );
}

export default function HistoryPage() {
  const [params] = useSearchParams<{ show?: string }>();
  const showId = () => params.show || undefined;
  const history = useHistory(showId);
  // Offline the saved pages show; the next one waits for the network.
  const online = useOnline();
  const watches = createMemo(() => history.data?.pages.flatMap((page) => page.watches) ?? []);
  const groups = createMemo(() => groupByWatchDay(watches(), userZone()));
  const showTitle = () => (showId() ? watches()[0]?.show.title : undefined);
  const heading = (day: string | null) => {
    if (!day) return 'Date unknown';
    const today = todayIn(userZone());
    return day.slice(0, 4) === today.slice(0, 4) ? dayLabel(day, today) : fullDate(day);
  };
  return (
    <>
      <header class="page-header">
        <h1 tabIndex={-1}>{showTitle() ? `History: ${showTitle()}` : 'History'}</h1>
        <Show when={showId()} fallback={<A href="/stats">Your statistics</A>}>
          <A href="/history">All your history</A>
        </Show>
      </header>
      <QueryView
        query={history}
        rows={5}
        empty={() => watches().length === 0}
        whenEmpty={
          <EmptyState title={showId() ? 'Nothing watched of this yet' : 'Nothing watched yet'} action={{ href: '/my-shows', label: 'My shows' }}>
            <p>Mark episodes and movies watched on their page; each watch shows up here, newest first.</p>
          </EmptyState>
        }
      >
        {() => (
          <>
            <For each={groups()}>
              {(group) => (
                <section aria-label={heading(group.day)}>
                  <h2 class="day-heading">{heading(group.day)}</h2>
                  <ul class="history-list">
                    <For each={group.watches}>{(watch) => <HistoryRow watch={watch} />}</For>
                  </ul>
                </section>
              )}
            </For>
            <Show when={history.hasNextPage}>
              <div class="actions">
                <button
                  type="button"
                  class="button"
                  disabled={history.isFetchingNextPage || !online()}
                  onClick={() => void history.fetchNextPage()}
                >
                  {history.isFetchingNextPage ? 'Loading…' : online() ? 'Load more' : 'More when online'}
                </button>
              </div>
            </Show>
            <InlineError error={history.isFetchNextPageError ? history.error : null} />
          </>
        )}
      </QueryView>
    </>
  );
}
