// Home's "Up next": the next episode of each show the person is watching,
// with a one-tap "Mark watched" that swaps in the episode after it. Home is
// in the first bundle, so this stays small: no season lists, no menus.
import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { onlineManager } from '@tanstack/solid-query';
import { useMarkNext, useMarkNextStates, useMoreUpNext, useUpNext } from '../hooks/use-up-next.ts';
import { airDay, episodeCode, hasAired, leftText } from '../lib/format.ts';
import { userZone } from '../lib/session.ts';
import type { UpNextItem } from '../lib/types.ts';
import { QueryView } from './query-view.tsx';
import { createSpoiler, RevealButton, SpoilerText } from './spoiler.tsx';
import { InlineError, Poster, useOnline } from './ui.tsx';

type TapState = ReturnType<ReturnType<typeof useMarkNextStates>>[number];

function UpNextRow(props: { item: UpNextItem; tap: TapState | undefined; mark: ReturnType<typeof useMarkNext> }) {
  const episode = () => (props.item.state === 'next' ? props.item.next_episode : props.item.premiere);
  const code = () => episodeCode(episode().season_number, episode().episode_number)!;
  const busy = () => props.tap?.status === 'pending';
  const tap = () => {
    const { id, season_number, episode_number } = episode();
    props.mark.mutate({
      show_id: props.item.show.id,
      episode: { id, season_number, episode_number },
      at: new Date().toISOString(),
      // Paused until the network is back: sent late, a 404 or 409 means the item changed meanwhile.
      offline: !onlineManager.isOnline(),
    });
  };
  // The next episode is unwatched by definition.
  const spoiler = createSpoiler(() => ({ id: episode().id, unwatched: true }));
  let link: HTMLAnchorElement | undefined;
  return (
    <li class="up-next-item" classList={{ 'has-reveal': props.item.state === 'next' && Boolean(episode().title) && spoiler.hidden() }}>
      <A href={`/shows/${props.item.show.id}`} class="event-link" ref={link}>
        <Poster src={props.item.show.poster_url} title={props.item.show.title} size="small" />
        <span class="event-main">
          <span class="event-show">{props.item.show.title}</span>
          <Show
            when={props.item.state === 'next' && props.item}
            fallback={
              <span class="event-detail">
                <span class="code">{code()}</span>New season {hasAired(episode(), userZone()) ? 'premiered' : 'premieres'} {airDay(episode(), userZone())}
              </span>
            }
          >
            {(item) => (
              <>
                <span class="event-detail">
                  <span>
                    <span class="code">{code()}</span>
                    <Show when={episode().title}>
                      {' · '}
                      <SpoilerText spoiler={spoiler}>{episode().title}</SpoilerText>
                    </Show>
                  </span>
                </span>
                <span class="subtle">{leftText(item())}</span>
              </>
            )}
          </Show>
        </span>
      </A>
      <Show when={props.item.state === 'next' && episode().title}>
        <RevealButton spoiler={spoiler} what={`the title of ${props.item.show.title} ${code()}`} focus={() => link} class="chip reveal" />
      </Show>
      <Show when={props.item.state === 'next'}>
        <button type="button" class="button" disabled={busy()} onClick={tap}>
          <Show when={!props.tap?.paused || !busy()} fallback={<>Will mark {code()} when online</>}>
            Mark <span class="visually-hidden">{code()}</span> watched
          </Show>
        </button>
      </Show>
      <Show when={props.tap?.status === 'error'}>
        <div class="up-next-error">
          <InlineError error={props.tap!.error} />
        </div>
      </Show>
    </li>
  );
}

/** Nothing while Home itself is empty (its own empty state leads to search); a short line when only Up Next is. */
export function UpNextSection(props: { homeEmpty: boolean }) {
  const upNext = useUpNext();
  const more = useMoreUpNext();
  const online = useOnline();
  const mark = useMarkNext();
  const taps = useMarkNextStates();
  // The latest tap of each show says how its row stands.
  const tapOf = (showId: string) => taps().filter((tap) => tap.showId === showId).at(-1);
  const ids = () => upNext.data?.shows.map((item) => item.show.id) ?? [];
  const itemOf = (id: string) => upNext.data?.shows.find((item) => item.show.id === id);
  // A refused tap whose show has left Up Next since (the refetch after it): its error shows above the list.
  const orphanError = () => {
    const last = taps().at(-1);
    return last?.status === 'error' && last.showId && !itemOf(last.showId) ? last.error : null;
  };
  return (
    <Show when={!(props.homeEmpty && upNext.data?.shows.length === 0)}>
      <section aria-labelledby="up-next-heading" class="section up-next">
        <h2 id="up-next-heading">Up next</h2>
        <InlineError error={orphanError()} />
        <QueryView
          query={upNext}
          rows={2}
          empty={(data) => data.shows.length === 0}
          whenEmpty={<p class="subtle">Nothing in progress. Mark an episode watched and the next one waits here.</p>}
        >
          {() => (
            // Keyed by show: a row stays put (with its error) while its item changes.
            <ul class="events" aria-label="Up next">
              <For each={ids()}>{(id) => <Show when={itemOf(id)}>{(item) => <UpNextRow item={item()} tap={tapOf(id)} mark={mark} />}</Show>}</For>
            </ul>
          )}
        </QueryView>
        {/* A page at a time (the API's limit): the most recently watched first, more on request. */}
        <Show when={upNext.data?.next_cursor}>
          <div class="actions">
            <button type="button" class="button" disabled={more.isPending || !online()} onClick={() => more.mutate()}>
              {more.isPending ? 'Loading…' : online() ? 'Show more' : 'More when online'}
            </button>
          </div>
        </Show>
        <InlineError error={more.error} />
      </section>
    </Show>
  );
}
