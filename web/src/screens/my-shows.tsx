// What the person tracks, favorites first, with what airs next for each; and
// their watchlist, what they want to watch later, newest first.
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { A } from '@solidjs/router';
import { QueryView } from '../components/query-view.tsx';
import { EmptyState, InlineError, Poster } from '../components/ui.tsx';
import { useTrackedShows } from '../hooks/use-tracking.ts';
import { useRemoveFromWatchlist, useWatchlist } from '../hooks/use-watchlist.ts';
import { airsLabel, episodeCode, hasAired, premiereWord, shortDay, statusLabel, todayIn, year } from '../lib/format.ts';
import { userZone } from '../lib/session.ts';
import type { TrackedShow, WatchlistItem } from '../lib/types.ts';

function nextText(row: TrackedShow, zone: string): string {
  const next = row.next_episode;
  // A movie's release day is known from the show itself when no release event is.
  if (!next && row.show.media_type === 'movie' && row.show.premiere_date) {
    const day = row.show.premiere_date;
    return `${premiereWord('movie', day, zone)} ${shortDay(day, todayIn(zone))}`;
  }
  if (!next) return row.show.status ? `No date announced · ${statusLabel(row.show.status)}` : 'No date announced';
  if (row.show.media_type === 'movie') {
    const when = airsLabel(next, zone);
    return when ? `${hasAired(next, zone) ? 'Released' : 'Releases'} ${when}` : 'Release date to be announced';
  }
  return `${episodeCode(next.season_number, next.episode_number)} · ${airsLabel(next, zone) ?? 'date to be announced'}`;
}

function progressText(row: TrackedShow): string | null {
  return row.last_watched_season != null && row.last_watched_episode != null
    ? `Watched up to ${episodeCode(row.last_watched_season, row.last_watched_episode)}`
    : null;
}

function watchlistMeta(row: WatchlistItem): string {
  const kind = row.show.media_type === 'movie' ? 'Movie' : 'TV';
  const when = year(row.show.premiere_date);
  const status = row.show.media_type === 'tv' && row.show.status ? statusLabel(row.show.status) : null;
  return [kind, when, status].filter(Boolean).join(' · ');
}

function WatchlistTab() {
  const watchlist = useWatchlist();
  const remove = useRemoveFromWatchlist();
  return (
    <QueryView
      query={watchlist}
      rows={4}
      empty={(data) => data.results.length === 0}
      whenEmpty={
        <EmptyState title="Your watchlist is empty" action={{ href: '/search', label: 'Search shows and movies' }}>
          <p>Add shows and movies you want to watch later from their page. Tracking one takes it off the list.</p>
        </EmptyState>
      }
    >
      {(data) => (
        <>
          <InlineError error={remove.error} />
          <ul class="tracked">
            <For each={data().results}>
              {(row) => (
                <li class="watchlist-item">
                  <A href={`/shows/${row.show.id}`} class="tracked-link">
                    <Poster src={row.show.poster_url} title={row.show.title} size="small" />
                    <span class="tracked-main">
                      <span class="tracked-title">{row.show.title}</span>
                      <span class="subtle">{watchlistMeta(row)}</span>
                      <Show when={row.note}>
                        <span class="subtle small">{row.note}</span>
                      </Show>
                    </span>
                  </A>
                  <button
                    type="button"
                    class="button"
                    aria-label={`Remove ${row.show.title} from your watchlist`}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(row.show.id)}
                  >
                    Remove
                  </button>
                </li>
              )}
            </For>
          </ul>
        </>
      )}
    </QueryView>
  );
}

export default function MyShows() {
  const tracking = useTrackedShows();
  const [tab, setTab] = createSignal<'all' | 'favorites' | 'watchlist'>('all');
  const rows = () => (tracking.data?.results ?? []).filter((row) => tab() === 'all' || row.is_favorite);
  return (
    <>
      <header class="page-header">
        <h1 tabIndex={-1}>My shows</h1>
        <A href="/history">What you watched</A>
        <div class="segmented" role="group" aria-label="Which shows">
          <button type="button" aria-pressed={tab() === 'all'} onClick={() => setTab('all')}>
            Tracked
          </button>
          <button type="button" aria-pressed={tab() === 'favorites'} onClick={() => setTab('favorites')}>
            Favorites
          </button>
          <button type="button" aria-pressed={tab() === 'watchlist'} onClick={() => setTab('watchlist')}>
            Watchlist
          </button>
        </div>
      </header>
      <Switch>
        <Match when={tab() === 'watchlist'}>
          <WatchlistTab />
        </Match>
        <Match when={tab() !== 'watchlist'}>
          <QueryView
            query={tracking}
            rows={4}
            empty={() => rows().length === 0}
            whenEmpty={
              <Show
                when={tab() === 'favorites' && (tracking.data?.results.length ?? 0) > 0}
                fallback={
                  <EmptyState title="You're not tracking anything yet" action={{ href: '/search', label: 'Search shows and movies' }}>
                    <p>Track a show to see its next episode here and on your timeline.</p>
                  </EmptyState>
                }
              >
                <EmptyState title="No favorites yet">
                  <p>Mark a show as a favorite on its page to keep it at the top.</p>
                </EmptyState>
              </Show>
            }
          >
            {() => (
              <ul class="tracked">
                <For each={rows()}>
                  {(row) => (
                    <li>
                      <A href={`/shows/${row.show.id}`} class="tracked-link">
                        <Poster src={row.show.poster_url} title={row.show.title} size="small" />
                        <span class="tracked-main">
                          <span class="tracked-title">
                            {row.show.title}
                            <Show when={row.is_favorite}>
                              <span class="favorite" title="Favorite">
                                ★<span class="visually-hidden"> favorite</span>
                              </span>
                            </Show>
                          </span>
                          <span class="subtle">{nextText(row, userZone())}</span>
                          <Show when={progressText(row)}>
                            <span class="subtle small">{progressText(row)}</span>
                          </Show>
                        </span>
                      </A>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </QueryView>
        </Match>
      </Switch>
    </>
  );
}
