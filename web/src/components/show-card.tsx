// A show or movie in a grid of results.
import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { year } from '../lib/format.ts';
import type { ShowSummary } from '../lib/types.ts';
import { Poster } from './ui.tsx';

export function ShowCard(props: { show: ShowSummary; note?: string | null }) {
  return (
    <li class="card">
      <A href={`/shows/${props.show.id}`} class="card-link">
        <Poster src={props.show.poster_url} title={props.show.title} size="medium" />
        <span class="card-title">{props.show.title}</span>
        <span class="card-meta">
          {props.show.media_type === 'movie' ? 'Movie' : 'TV'}
          <Show when={year(props.show.premiere_date)}> · {year(props.show.premiere_date)}</Show>
        </span>
        <Show when={props.note}>
          <span class="card-note">{props.note}</span>
        </Show>
      </A>
    </li>
  );
}

export function ShowGrid(props: { shows: readonly ShowSummary[] }) {
  return (
    <ul class="grid">
      <For each={props.shows}>{(show) => <ShowCard show={show} />}</For>
    </ul>
  );
}
