// Search as you type: debounced, the query kept in the address (so back and
// reload keep it), previous results stay while the next load, TV / movie
// filter; trending and popular when the box is empty.
import { createEffect, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { ShowGrid } from '../components/show-card.tsx';
import { DegradedNotice, EmptyState, ErrorNotice, GridSkeleton } from '../components/ui.tsx';
import { MIN_SEARCH_LENGTH, useShowList, useShowSearch } from '../hooks/use-shows.ts';
import type { ShowSummary } from '../lib/types.ts';

export const SEARCH_DEBOUNCE_MS = 250;
type Filter = 'all' | 'tv' | 'movie';


function Browse(props: { filter: Filter }) {
  const trending = useShowList('trending');
  const popular = useShowList('popular');
  const only = (shows: ShowSummary[] | undefined) =>
    (shows ?? []).filter((show) => props.filter === 'all' || show.media_type === props.filter).slice(0, 18);
  return (
    <>
      <section aria-labelledby="trending-heading" class="section">
        <h2 id="trending-heading">Trending this week</h2>
        <Show when={trending.data} fallback={trending.error ? <ErrorNotice error={trending.error} /> : <GridSkeleton cards={18} />}>
          <ShowGrid shows={only(trending.data?.results)} />
        </Show>
      </section>
      <section aria-labelledby="popular-heading" class="section">
        <h2 id="popular-heading">Popular</h2>
        <Show when={popular.data} fallback={popular.error ? <ErrorNotice error={popular.error} /> : <GridSkeleton cards={18} />}>
          <ShowGrid shows={only(popular.data?.results)} />
        </Show>
      </section>
    </>
  );
}

export default function Search() {
  const [params, setParams] = useSearchParams<{ q?: string; type?: string }>();
  const [text, setText] = createSignal(params.q ?? '');
  const [debounced, setDebounced] = createSignal(params.q ?? '');
  const filter = (): Filter => (params.type === 'tv' || params.type === 'movie' ? params.type : 'all');

  createEffect(() => {
    const value = text();
    const timer = setTimeout(() => {
      setDebounced(value);
      setParams({ q: value.trim() || undefined }, { replace: true });
    }, SEARCH_DEBOUNCE_MS);
    onCleanup(() => clearTimeout(timer));
  });

  const search = useShowSearch(debounced, filter);
  const searching = () => debounced().trim().length >= MIN_SEARCH_LENGTH;

  return (
    <>
      <h1 tabIndex={-1}>Search</h1>
      <form role="search" class="search-form" onSubmit={(event) => { event.preventDefault(); setDebounced(text()); }}>
        <label for="search-box" class="visually-hidden">
          Search shows and movies
        </label>
        <input
          id="search-box"
          type="search"
          placeholder="Search shows and movies"
          autocomplete="off"
          enterkeyhint="search"
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
          aria-describedby="search-status"
        />
        <fieldset class="segmented">
          <legend class="visually-hidden">Show</legend>
          <For each={[['all', 'All'], ['tv', 'TV'], ['movie', 'Movies']] as const}>
            {([value, label]) => (
              <label classList={{ selected: filter() === value }}>
                <input
                  type="radio"
                  name="type"
                  value={value}
                  checked={filter() === value}
                  onChange={() => setParams({ type: value === 'all' ? undefined : value }, { replace: true })}
                />
                {label}
              </label>
            )}
          </For>
        </fieldset>
      </form>
      <p id="search-status" class="subtle search-status" aria-live="polite">
        <Show when={searching() && search.isFetching}>Searching…</Show>
        <Show when={text().trim().length === 1}>Type at least {MIN_SEARCH_LENGTH} characters.</Show>
      </p>
      <Switch>
        <Match when={!searching()}>
          <Browse filter={filter()} />
        </Match>
        <Match when={search.error && !search.data}>
          <ErrorNotice error={search.error} retry={() => void search.refetch()} />
        </Match>
        <Match when={!search.data}>
          <GridSkeleton cards={6} />
        </Match>
        <Match when={search.data?.results.length === 0 && !search.isPlaceholderData}>
          <EmptyState title={`No results for “${debounced().trim()}”`}>
            <p>Check the spelling, or try the original title.</p>
          </EmptyState>
        </Match>
        <Match when={search.data}>
          {(data) => (
            <div classList={{ stale: search.isPlaceholderData }} aria-busy={search.isPlaceholderData}>
              <DegradedNotice incomplete={data().incomplete} notice={data().notice} />
              <ShowGrid shows={data().results} />
            </div>
          )}
        </Match>
      </Switch>
    </>
  );
}
