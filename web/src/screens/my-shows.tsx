// What the person tracks, favorites first, with what airs next for each.
import { createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { QueryView } from '../components/query-view.tsx';
import { EmptyState, Poster } from '../components/ui.tsx';
import { useTrackedShows } from '../hooks/use-tracking.ts';
import { airsLabel, episodeCode, statusLabel } from '../lib/format.ts';
import { userZone } from '../lib/session.ts';
import type { TrackedShow } from '../lib/types.ts';

function nextText(row: TrackedShow, zone: string): string {
  const next = row.next_episode;
  if (!next) return row.show.status ? `No date announced · ${statusLabel(row.show.status)}` : 'No date announced';
  if (row.show.media_type === 'movie') return `Out ${airsLabel(next, zone) ?? 'soon'}`;
  return `${episodeCode(next.season_number, next.episode_number)} · ${airsLabel(next, zone) ?? 'date to be announced'}`;
}

function progressText(row: TrackedShow): string | null {
  return row.last_watched_season != null && row.last_watched_episode != null
    ? `Watched up to ${episodeCode(row.last_watched_season, row.last_watched_episode)}`
    : null;
}

export default function MyShows() {
  const tracking = useTrackedShows();
  const [tab, setTab] = createSignal<'all' | 'favorites'>('all');
  const rows = () => (tracking.data?.results ?? []).filter((row) => tab() === 'all' || row.is_favorite);
  return (
    <>
      <header class="page-header">
        <h1 tabIndex={-1}>My shows</h1>
        <div class="segmented" role="group" aria-label="Which shows">
          <button type="button" aria-pressed={tab() === 'all'} onClick={() => setTab('all')}>
            Tracked
          </button>
          <button type="button" aria-pressed={tab() === 'favorites'} onClick={() => setTab('favorites')}>
            Favorites
          </button>
        </div>
      </header>
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
    </>
  );
}
