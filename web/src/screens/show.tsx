// A show or movie: poster, overview, facts, ratings, seasons and episodes;
// track / untrack, the watchlist, favorite, notification preferences and
// watched progress.
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { DegradedNotice, ErrorNotice, InlineError, Poster, Skeleton } from '../components/ui.tsx';
import { useMarkWatched, useWatchState } from '../hooks/use-history.ts';
import { useSeason, useShowDetail } from '../hooks/use-shows.ts';
import { useTrackedShows, useTrackShow, useUntrackShow, useUpdateTracking } from '../hooks/use-tracking.ts';
import { showSummary, useAddToWatchlist, useRemoveFromWatchlist, useWatchlist } from '../hooks/use-watchlist.ts';
import { airsLabel, episodeCode, fullDate, statusLabel } from '../lib/format.ts';
import { status, userZone } from '../lib/session.ts';
import type { ShowDetail, TrackedShow } from '../lib/types.ts';

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
        <dt>{props.show.media_type === 'movie' ? 'Released' : 'Premiered'}</dt>
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

function Seasons(props: { show: ShowDetail; tracked: TrackedShow | undefined }) {
  const seasons = () => [...props.show.seasons].sort((a, b) => (a.season_number === 0 ? 1 : b.season_number === 0 ? -1 : a.season_number - b.season_number));
  // The season of the next episode, else the latest season that has episodes listed.
  const latest = () =>
    seasons().filter((season) => season.season_number > 0 && (season.episode_count ?? 0) > 0).at(-1)?.season_number ??
    seasons()[0]?.season_number ??
    null;
  const [open, setOpen] = createSignal<number | null>(props.show.next_episode?.season_number ?? latest());
  const season = useSeason(() => props.show.id, open);
  // Its own mutation, so a refused "Mark watched" says so here, beside the episodes.
  const update = useMarkWatched(() => props.show.id);
  // Each episode is watched or not on its own (the history), not by where a pointer stands.
  const state = useWatchState(() => props.show.id);
  const watchedEpisodes = createMemo(
    () => new Set((state.data?.episodes ?? []).map((item) => `${item.season_number}:${item.episode_number}`)),
  );
  return (
    <section aria-labelledby="seasons-heading" class="section">
      <h2 id="seasons-heading">Seasons</h2>
      <InlineError error={update.error} />
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
                <ol class="episodes">
                  <For each={data().episodes}>
                    {(episode) => {
                      const watched = () => watchedEpisodes().has(`${episode.season_number}:${episode.episode_number}`);
                      return (
                        <li class="episode" classList={{ watched: watched() }}>
                          <span class="code">{episodeCode(episode.season_number, episode.episode_number)}</span>
                          <span class="episode-title">{episode.title ?? 'To be announced'}</span>
                          <span class="subtle episode-when">{airsLabel(episode, userZone()) ?? 'Date to be announced'}</span>
                          <Show when={props.tracked}>
                            <button
                              type="button"
                              class="chip"
                              aria-pressed={watched()}
                              aria-label={`${watched() ? 'Watched' : 'Mark watched up to'} ${episodeCode(episode.season_number, episode.episode_number)}`}
                              onClick={() => update.mutate({ mark: watched() ? 'unmark' : 'up-to', episode })}
                            >
                              {watched() ? '✓ Watched' : 'Mark watched'}
                            </button>
                          </Show>
                        </li>
                      );
                    }}
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
              </div>
            </header>
            <Show when={show().overview}>
              <p class="overview">{show().overview}</p>
            </Show>
            <Show when={show().media_type === 'tv' && show().seasons.length > 0}>
              <Seasons show={show()} tracked={tracked()} />
            </Show>
          </article>
        )}
      </Match>
    </Switch>
  );
}
