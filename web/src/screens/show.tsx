// A show or movie: poster, overview, facts, ratings, seasons and episodes;
// track / untrack, the watchlist, favorite, notification preferences; what
// the person watched of it (per episode, per season, "up to here", rewatches,
// a movie) and deleting that history.
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { CatchUpCard } from '../components/catch-up.tsx';
import { createSpoiler, RevealButton, SpoilerText } from '../components/spoiler.tsx';
import { ConfirmButton, DegradedNotice, ErrorNotice, InlineError, Poster, Skeleton } from '../components/ui.tsx';
import { useDeleteShowHistory, useWatch, useWatchState } from '../hooks/use-history.ts';
import { useSeason, useShowDetail } from '../hooks/use-shows.ts';
import { useTrackedShows, useTrackShow, useUntrackShow, useUpdateTracking } from '../hooks/use-tracking.ts';
import { showSummary, useAddToWatchlist, useRemoveFromWatchlist, useWatchlist } from '../hooks/use-watchlist.ts';
import { api, json } from '../lib/api.ts';
import { airsLabel, episodeCode, fullDate, hasAired, premiereWord, statusLabel, watchedText } from '../lib/format.ts';
import { invalidateWatched } from '../lib/query-client.ts';
import { status, userZone } from '../lib/session.ts';
import type { Episode, EpisodeRef, HistoryEntry, MarkResult, ShowDetail, TrackedShow, WatchedEpisode, WatchMark } from '../lib/types.ts';

function Facts(props: { show: ShowDetail }) {
  const ratings = () => props.show.ratings;
  return (
    <dl class="facts">
      <Show when={props.show.status}>
        <dt>Status</dt>
        <dd>{statusLabel(props.show.status!)}</dd>
      </Show>
      <Show when={props.show.network}>
        <dt>Network</dt>
        <dd>{props.show.network}</dd>
      </Show>
      <Show when={props.show.premiere_date}>
        <dt>{premiereWord(props.show.media_type, props.show.premiere_date!, userZone())}</dt>
        <dd>{fullDate(props.show.premiere_date!)}</dd>
      </Show>
      <Show when={props.show.runtime_minutes}>
        <dt>Runtime</dt>
        <dd>{props.show.runtime_minutes} min</dd>
      </Show>
      <Show when={props.show.genres.length > 0}>
        <dt>Genres</dt>
        <dd>{props.show.genres.join(', ')}</dd>
      </Show>
      <Show when={ratings()?.imdb_rating != null}>
        <dt>IMDb</dt>
        <dd>
          {ratings()!.imdb_rating}/10
          <Show when={ratings()!.imdb_votes}> ({ratings()!.imdb_votes!.toLocaleString()} votes)</Show>
        </dd>
      </Show>
      <Show when={ratings()?.rotten_tomatoes != null}>
        <dt>Rotten Tomatoes</dt>
        <dd>{ratings()!.rotten_tomatoes}%</dd>
      </Show>
      <Show when={ratings()?.metacritic != null}>
        <dt>Metacritic</dt>
        <dd>{ratings()!.metacritic}/100</dd>
      </Show>
      <Show when={props.show.next_episode}>
        {(next) => (
          <>
            <dt>Next</dt>
            <dd>
              {episodeCode(next().season_number, next().episode_number)} · {airsLabel(next(), userZone())}
            </dd>
          </>
        )}
      </Show>
    </dl>
  );
}

/**
 * "Add to watchlist" / "On your watchlist": for a title the person has not
 * started. Tracking it takes it off the list, so a tracked title offers no
 * add, only the remove of an item already there.
 */
function WatchlistButton(props: {
  show: ShowDetail;
  tracked: boolean;
  add: ReturnType<typeof useAddToWatchlist>;
  remove: ReturnType<typeof useRemoveFromWatchlist>;
}) {
  const watchlist = useWatchlist();
  const on = () => watchlist.data?.results.some((row) => row.show.id === props.show.id) ?? false;
  const paused = () => props.add.isPaused || props.remove.isPaused;
  return (
    <Show when={watchlist.data && (on() || !props.tracked)}>
      <button
        type="button"
        class="button"
        aria-pressed={on()}
        disabled={props.add.isPending || props.remove.isPending}
        onClick={() => (on() ? props.remove.mutate(props.show.id) : props.add.mutate({ show: showSummary(props.show) }))}
      >
        <Show when={!paused()} fallback={on() ? 'Will add to watchlist when online' : 'Will remove from watchlist when online'}>
          <Show when={on()} fallback="Add to watchlist">
            On your watchlist <span aria-hidden="true">✓</span>
          </Show>
        </Show>
      </button>
    </Show>
  );
}

function TrackPanel(props: { show: ShowDetail; tracked: TrackedShow | undefined }) {
  const track = useTrackShow();
  const untrack = useUntrackShow();
  const update = useUpdateTracking(() => props.show.id);
  const addToWatchlist = useAddToWatchlist();
  const removeFromWatchlist = useRemoveFromWatchlist();
  const error = () => track.error ?? untrack.error ?? update.error ?? addToWatchlist.error ?? removeFromWatchlist.error;
  const pending = () => track.isPending || untrack.isPending;
  return (
    <div class="track-panel">
      <Show
        when={status() === 'signed-in'}
        fallback={
          <A class="button primary" href={`/signin?next=${encodeURIComponent(`/shows/${props.show.id}`)}`}>
            Sign in to track
          </A>
        }
      >
        <div class="actions">
          <Show
            when={props.tracked}
            fallback={
              <button type="button" class="button primary" disabled={pending()} onClick={() => track.mutate({ show_id: props.show.id })}>
                {track.isPending ? (track.isPaused ? 'Will track when online' : 'Tracking…') : 'Track'}
              </button>
            }
          >
            <button type="button" class="button" disabled={pending()} onClick={() => untrack.mutate(props.show.id)}>
              {untrack.isPaused ? 'Will untrack when online' : 'Untrack'}
            </button>
            <button
              type="button"
              class="button"
              aria-pressed={props.tracked!.is_favorite}
              onClick={() => update.mutate({ is_favorite: !props.tracked!.is_favorite })}
            >
              {props.tracked!.is_favorite ? '★ Favorite' : '☆ Favorite'}
            </button>
          </Show>
          <WatchlistButton show={props.show} tracked={Boolean(props.tracked)} add={addToWatchlist} remove={removeFromWatchlist} />
        </div>
        <InlineError error={error()} />
        <Show when={props.tracked}>{(row) => <Preferences show={props.show} row={row()} />}</Show>
      </Show>
    </div>
  );
}

function Preferences(props: { show: ShowDetail; row: TrackedShow }) {
  const update = useUpdateTracking(() => props.show.id);
  const toggle = (name: 'notify_new_episode' | 'notify_new_season' | 'notify_status_change') => (
    <label class="check">
      <input type="checkbox" checked={props.row[name]} onChange={(event) => update.mutate({ [name]: event.currentTarget.checked })} />
      {
        {
          notify_new_episode: props.show.media_type === 'movie' ? 'When it is released' : 'New episodes',
          notify_new_season: 'New seasons',
          notify_status_change: 'Status changes (renewed, ended…)',
        }[name]
      }
    </label>
  );
  return (
    <details class="preferences">
      <summary>Notifications</summary>
      <fieldset>
        <legend class="visually-hidden">Notify me about</legend>
        {toggle('notify_new_episode')}
        <Show when={props.show.media_type === 'tv'}>
          {toggle('notify_new_season')}
          {toggle('notify_status_change')}
        </Show>
        <label class="inline-field">
          Notify
          <select
            value={String(props.row.notify_hours_before)}
            onChange={(event) => update.mutate({ notify_hours_before: Number(event.currentTarget.value) })}
          >
            <For each={[0, 1, 2, 3, 6, 12, 24, 48]}>
              {(hours) => <option value={hours}>{hours === 0 ? 'when it airs' : `${hours} hour${hours === 1 ? '' : 's'} before`}</option>}
            </For>
          </select>
        </label>
      </fieldset>
      <InlineError error={update.error} />
    </details>
  );
}

const refOf = (episode: Episode): EpisodeRef => ({
  id: episode.id,
  season_number: episode.season_number,
  episode_number: episode.episode_number,
});

/**
 * One episode: a watched toggle (every watch of it goes when unset), how many
 * times and when last, and a menu with "Watched up to here" and "Watch
 * again". An episode not out yet offers nothing to mark, only when it airs.
 */
function EpisodeRow(props: { showId: string; episode: Episode; seen: WatchedEpisode | undefined; before: () => EpisodeRef[] }) {
  const watch = useWatch();
  const code = () => episodeCode(props.episode.season_number, props.episode.episode_number)!;
  const when = () => airsLabel(props.episode, userZone());
  const aired = () => hasAired(props.episode, userZone());
  // Hidden until the watched state says it was watched: while it loads, too.
  const spoiler = createSpoiler(() => ({ id: props.episode.id, unwatched: !props.seen }));
  let title: HTMLSpanElement | undefined;
  let menu: HTMLDetailsElement | undefined;
  const send = (mark: WatchMark) => {
    if (menu) menu.open = false;
    watch.mutate(mark);
  };
  const at = () => new Date().toISOString();
  const toggle = () =>
    send(
      props.seen
        ? { kind: 'unmark', show_id: props.showId, episode: refOf(props.episode), at: at() }
        : { kind: 'episode', show_id: props.showId, episode: refOf(props.episode), at: at() },
    );
  return (
    <li class="episode" classList={{ watched: Boolean(props.seen) }}>
      <span class="code">{code()}</span>
      <span class="episode-title" ref={title} tabIndex={-1}>
        <Show when={props.episode.title} fallback="To be announced">
          {(name) => (
            <>
              <SpoilerText spoiler={spoiler}>{name()}</SpoilerText>
              <RevealButton spoiler={spoiler} what={`the title of ${code()}`} focus={() => title} />
            </>
          )}
        </Show>
      </span>
      <span class="subtle episode-when">
        {when() ? (aired() ? when() : `Airs ${when()}`) : 'Date to be announced'}
        <Show when={props.seen}>{(seen) => <span class="watched-text"> · {watchedText(seen(), userZone())}</span>}</Show>
        <Show when={watch.isPaused}> · Will sync when online</Show>
      </span>
      {/* Not out yet: nothing to mark (the server would refuse it); the line above says when it airs. */}
      <Show when={status() === 'signed-in' && aired()}>
        <div class="episode-actions">
          <button type="button" class="watch-toggle" aria-pressed={Boolean(props.seen)} aria-label={`Mark ${code()} watched`} onClick={toggle}>
            <span aria-hidden="true">{props.seen ? '✓' : ''}</span>
          </button>
          <details
            class="episode-menu"
            ref={menu}
            onKeyDown={(event) => {
              if (event.key !== 'Escape' || !menu?.open) return;
              menu.open = false;
              menu.querySelector('summary')?.focus();
            }}
          >
            <summary aria-label={`More for ${code()}`}>
              <span aria-hidden="true">⋯</span>
            </summary>
            <div class="menu">
              <button
                type="button"
                onClick={() =>
                  send({ kind: 'up-to', show_id: props.showId, episode: refOf(props.episode), episodes: props.before(), at: at() })
                }
              >
                Watched up to here
              </button>
              <Show when={props.seen}>
                <button
                  type="button"
                  onClick={() => send({ kind: 'episode', show_id: props.showId, episode: refOf(props.episode), rewatch: true, at: at() })}
                >
                  Watch again
                </button>
              </Show>
            </div>
          </details>
        </div>
      </Show>
      <div class="episode-error">
        <InlineError error={watch.error} />
      </div>
    </li>
  );
}

/** "12 marked, 2 not aired yet." */
function markSummary(result: MarkResult): string {
  const parts = [`${result.added} marked`];
  if (result.already_watched > 0) parts.push(`${result.already_watched} already watched`);
  if (result.not_aired > 0) parts.push(`${result.not_aired} not aired yet`);
  return `${parts.join(', ')}.`;
}

function SeasonActions(props: { showId: string; seasonNumber: number; episodes: Episode[]; watched: (episode: Episode) => boolean }) {
  const watch = useWatch();
  const result = () => (watch.data && 'added' in watch.data ? watch.data : undefined);
  // The API's notice names the next one's day in UTC; this says it in the person's zone, as the list does.
  const nextText = () => {
    const next = props.episodes.find((episode) => !hasAired(episode, userZone()));
    const when = next && airsLabel(next, userZone());
    return next && when ? `The next, ${episodeCode(next.season_number, next.episode_number)}, airs ${when}.` : null;
  };
  const mark = () =>
    watch.mutate({
      kind: 'season',
      show_id: props.showId,
      season_number: props.seasonNumber,
      episodes: props.episodes.filter((episode) => hasAired(episode, userZone()) && !props.watched(episode)).map(refOf),
      at: new Date().toISOString(),
    });
  return (
    <div class="season-actions">
      <button type="button" class="button" disabled={watch.isPending && !watch.isPaused} onClick={mark}>
        Mark season watched
      </button>
      <Show when={watch.isPaused}>
        <p class="subtle" role="status">
          Will mark the season when online
        </p>
      </Show>
      <Show when={result()}>
        {(answer) => (
          <p class="notice ok" role="status">
            {markSummary(answer())}
            <Show when={answer().not_aired > 0 && nextText()}>
              <span class="subtle"> {nextText()}</span>
            </Show>
          </p>
        )}
      </Show>
      <InlineError error={watch.error} />
    </div>
  );
}

function Seasons(props: { show: ShowDetail }) {
  const seasons = () => [...props.show.seasons].sort((a, b) => (a.season_number === 0 ? 1 : b.season_number === 0 ? -1 : a.season_number - b.season_number));
  // The season of the next episode, else the latest season that has episodes listed.
  const latest = () =>
    seasons().filter((season) => season.season_number > 0 && (season.episode_count ?? 0) > 0).at(-1)?.season_number ??
    seasons()[0]?.season_number ??
    null;
  const [open, setOpen] = createSignal<number | null>(props.show.next_episode?.season_number ?? latest());
  const season = useSeason(() => props.show.id, open);
  // Each episode is watched or not on its own (the history), not by where a pointer stands.
  const state = useWatchState(() => props.show.id);
  const seen = createMemo(() => new Map((state.data?.episodes ?? []).map((item) => [`${item.season_number}:${item.episode_number}`, item])));
  const seenOf = (episode: Episode) => seen().get(`${episode.season_number}:${episode.episode_number}`);
  return (
    <section aria-labelledby="seasons-heading" class="section">
      <h2 id="seasons-heading">Seasons</h2>
      <div class="season-tabs" role="group" aria-label="Choose a season">
        <For each={seasons()}>
          {(item) => (
            <button type="button" class="chip" aria-pressed={open() === item.season_number} onClick={() => setOpen(item.season_number)}>
              {item.season_number === 0 ? 'Specials' : `Season ${item.season_number}`}
            </button>
          )}
        </For>
      </div>
      <Switch>
        <Match when={season.error}>
          <ErrorNotice error={season.error} retry={() => void season.refetch()} />
        </Match>
        <Match when={!season.data || season.data.season_number !== open()}>
          <Skeleton rows={4} />
        </Match>
        <Match when={season.data}>
          {(data) => (
            <>
              <DegradedNotice incomplete={data().incomplete} notice={data().notice} />
              <Show when={data().episodes.length > 0} fallback={<p class="subtle">No episodes listed yet.</p>}>
                {/* A string, so the specials (0) count; keyed, so another season starts without the last one's notice. */}
                <Show when={status() === 'signed-in' && String(data().season_number)} keyed>
                  {(number) => (
                    <SeasonActions
                      showId={props.show.id}
                      seasonNumber={Number(number)}
                      episodes={data().episodes}
                      watched={(episode) => Boolean(seenOf(episode))}
                    />
                  )}
                </Show>
                <ol class="episodes">
                  <For each={data().episodes}>
                    {(episode) => (
                      <EpisodeRow
                        showId={props.show.id}
                        episode={episode}
                        seen={seenOf(episode)}
                        before={() =>
                          data()
                            .episodes.filter(
                              (other) => other.episode_number <= episode.episode_number && hasAired(other, userZone()) && !seenOf(other),
                            )
                            .map(refOf)
                        }
                      />
                    )}
                  </For>
                </ol>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}

/** Undo: the removed watch recorded again as it was, at its instant, on its day, or with no date. */
function useRestoreMovieWatch() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (watch: HistoryEntry) => {
      const when = watch.watched_at ? { watched_at: watch.watched_at } : watch.watched_on ? { watched_on: watch.watched_on } : { when: 'unknown' as const };
      return json(api.history.movies[':show_id'].$post({ param: { show_id: watch.show_id }, json: { ...when, rewatch: true } }));
    },
    onSettled: () => invalidateWatched(client),
  }));
}

/** A movie: "Mark watched", or when it was watched, "Watch again" and unmarking; before its release, only when it is out. */
function MovieWatched(props: { show: ShowDetail }) {
  const state = useWatchState(() => props.show.id);
  const watch = useWatch();
  // Unmarking is a `watch` mark too (kind unmark-movie): queued offline, it survives a reload.
  const unmark = useWatch();
  const restore = useRestoreMovieWatch();
  // The watch just removed and how many are left, while Undo is offered.
  const [removed, setRemoved] = createSignal<{ watch: HistoryEntry; left: number } | null>(null);
  const released = () => hasAired({ airs_at: null, air_date: props.show.premiere_date }, userZone());
  const mark = (rewatch: boolean) => {
    setRemoved(null);
    watch.mutate({ kind: 'movie', show_id: props.show.id, rewatch, at: new Date().toISOString() });
  };
  const remove = async (plays: number) => {
    setRemoved(null);
    const watch = (await unmark.mutateAsync({ kind: 'unmark-movie', show_id: props.show.id, at: new Date().toISOString() })) as HistoryEntry;
    setRemoved({ watch, left: plays - 1 });
  };
  const undo = (watch: HistoryEntry) => restore.mutate(watch, { onSuccess: () => setRemoved(null) });
  return (
    <Show when={state.data}>
      <div class="movie-watched">
        <Switch>
          <Match when={state.data!.movie}>
            {(seen) => (
              <div class="actions">
                <span class="watched-text">
                  <span aria-hidden="true">✓ </span>
                  {watchedText(seen(), userZone())}
                </span>
                <button type="button" class="button" onClick={() => mark(true)}>
                  Watch again
                </button>
                <Show
                  when={seen().plays > 1}
                  fallback={
                    <button type="button" class="button" disabled={unmark.isPending} onClick={() => void remove(1).catch(() => undefined)}>
                      {unmark.isPending ? 'Removing…' : 'Mark unwatched'}
                    </button>
                  }
                >
                  <ConfirmButton
                    label="Remove latest watch…"
                    question={`Remove only your latest watch of ${props.show.title}? You watched it ${seen().plays} times; the other ${
                      seen().plays - 1 === 1 ? 'one stays' : `${seen().plays - 1} stay`
                    }.`}
                    confirmLabel="Remove latest watch"
                    busyLabel="Removing…"
                    busy={unmark.isPending}
                    onConfirm={() => remove(seen().plays)}
                  />
                </Show>
              </div>
            )}
          </Match>
          <Match when={!released() && props.show.premiere_date}>
            <p class="subtle">Releases {fullDate(props.show.premiere_date!)}</p>
          </Match>
          <Match when={true}>
            <div class="actions">
              <button type="button" class="button" onClick={() => mark(false)}>
                Mark watched
              </button>
            </div>
          </Match>
        </Switch>
        <Show when={removed()}>
          {(done) => (
            <p class="subtle" role="status">
              {done().left > 0 ? 'Removed your latest watch. ' : 'Marked unwatched. '}
              <button type="button" class="link-button" disabled={restore.isPending} onClick={() => undo(done().watch)}>
                Undo
              </button>
            </p>
          )}
        </Show>
        <Show when={watch.isPaused || unmark.isPaused}>
          <p class="subtle" role="status">
            Will sync when online
          </p>
        </Show>
        <InlineError error={watch.error ?? unmark.error ?? restore.error} />
      </div>
    </Show>
  );
}

/** How many watches the person has of it, a link to them, and deleting them all, apart from untracking. */
function HistoryPanel(props: { show: ShowDetail }) {
  const state = useWatchState(() => props.show.id);
  const remove = useDeleteShowHistory();
  const count = () => (state.data?.episodes ?? []).reduce((sum, item) => sum + item.plays, 0) + (state.data?.movie?.plays ?? 0);
  const watches = () => `${count()} watch${count() === 1 ? '' : 'es'}`;
  return (
    <Show when={count() > 0}>
      <section class="section" aria-labelledby="history-heading">
        <h2 id="history-heading">Your history</h2>
        <p class="subtle">{watches()} recorded.</p>
        <div class="actions">
          <A class="button" href={`/history?show=${props.show.id}`}>
            See your history of it
          </A>
          <ConfirmButton
            label="Delete this show's history…"
            danger
            question={`Delete all ${watches()} of ${props.show.title}? This cannot be undone. Tracking stays as it is.`}
            confirmLabel="Delete history"
            busyLabel="Deleting…"
            busy={remove.isPending}
            onConfirm={() => remove.mutateAsync(props.show.id)}
          />
        </div>
        <InlineError error={remove.error} />
      </section>
    </Show>
  );
}

export default function ShowPage() {
  const params = useParams<{ id: string }>();
  const detail = useShowDetail(() => params.id);
  const tracking = useTrackedShows();
  const tracked = createMemo(() => tracking.data?.results.find((row) => row.show.id === params.id));
  return (
    <Switch>
      <Match when={detail.error && !detail.data}>
        <h1 tabIndex={-1}>Show</h1>
        <ErrorNotice error={detail.error} retry={() => void detail.refetch()} />
      </Match>
      <Match when={!detail.data}>
        <Skeleton rows={5} />
      </Match>
      <Match when={detail.data}>
        {(show) => (
          <article class="show">
            <DegradedNotice incomplete={show().incomplete} notice={show().notice} />
            <header class="show-header">
              <Poster src={show().poster_url} title={show().title} size="large" />
              <div class="show-intro">
                <h1 tabIndex={-1}>{show().title}</h1>
                <Show when={show().original_title && show().original_title !== show().title}>
                  <p class="subtle">{show().original_title}</p>
                </Show>
                <Facts show={show()} />
                <TrackPanel show={show()} tracked={tracked()} />
                <Show when={status() === 'signed-in' && show().media_type === 'movie'}>
                  <MovieWatched show={show()} />
                </Show>
              </div>
            </header>
            <Show when={show().overview}>
              <p class="overview">{show().overview}</p>
            </Show>
            <Show when={show().media_type === 'tv' && show().seasons.length > 0}>
              <Seasons show={show()} />
            </Show>
            <CatchUpCard show={show()} />
            <Show when={status() === 'signed-in'}>
              <HistoryPanel show={show()} />
            </Show>
          </article>
        )}
      </Match>
    </Switch>
  );
}
