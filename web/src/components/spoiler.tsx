// Tap to reveal, for the hide-spoilers setting (docs/design.md#spoilers): while an unwatched episode's
// title, overview or still is hidden, only a neutral placeholder is rendered.
// The hidden text and image address are not in the DOM at all (no text, alt,
// title, aria-label or data attribute carries them) until the person reveals
// them, so neither a screen reader nor a glance at the page gives them away.
// The reveal button is its own element, apart from the placeholder, so a row
// that is one big link keeps the button outside the link.
import { createSignal, Show, type JSX } from 'solid-js';
import { onSessionChange } from '../lib/api.ts';
import { hideSpoilers } from '../lib/spoilers.ts';

export type Spoiler = {
  /** Hidden now: the setting is on, the episode unwatched, and it was not revealed. */
  hidden: () => boolean;
  reveal: () => void;
};

// Revealed episodes, by id, for as long as the page is open: revealed on the
// timeline, the same episode is not hidden again on its show's page.
const [revealedIds, setRevealedIds] = createSignal<ReadonlySet<string>>(new Set());
// What one person revealed is not revealed for the next one signed in here.
onSessionChange((session) => {
  if (!session) setRevealedIds(new Set<string>());
});

/** The hidden state of one episode's spoilers; `id` shares a reveal across the screens that show it. */
export function createSpoiler(episode: () => { id?: string | null; unwatched: boolean }): Spoiler {
  // Without an id, revealed in this place only. By id, a row that moves on to
  // another episode (Up Next after a tap) hides the new one again.
  const [revealedHere, setRevealedHere] = createSignal(false);
  const revealed = () => {
    const id = episode().id;
    return id == null ? revealedHere() : revealedIds().has(id);
  };
  return {
    hidden: () => hideSpoilers() && episode().unwatched && !revealed(),
    reveal: () => {
      const id = episode().id;
      if (id == null) setRevealedHere(true);
      else setRevealedIds((ids) => new Set(ids).add(id));
    },
  };
}

/** An episode's title, or "Episode title hidden". */
export function SpoilerText(props: { spoiler: Spoiler; placeholder?: string; children: JSX.Element }) {
  return (
    <Show when={!props.spoiler.hidden()} fallback={<span class="spoiler-placeholder">{props.placeholder ?? 'Episode title hidden'}</span>}>
      {props.children}
    </Show>
  );
}

/** An episode's overview, or "Overview hidden". */
export function SpoilerOverview(props: { spoiler: Spoiler; text: string; class?: string }) {
  return (
    <Show when={!props.spoiler.hidden()} fallback={<p class={`spoiler-placeholder ${props.class ?? ''}`.trim()}>Overview hidden</p>}>
      <p class={props.class}>{props.text}</p>
    </Show>
  );
}

/** An episode's still, or a neutral block of the same size. */
export function SpoilerStill(props: { spoiler: Spoiler; src: string; alt: string }) {
  return (
    <Show when={!props.spoiler.hidden()} fallback={<span class="still still-hidden" role="img" aria-label="Episode image hidden" />}>
      <img class="still" src={props.src} alt={props.alt} loading="lazy" decoding="async" />
    </Show>
  );
}

/**
 * "Reveal", while something is hidden; its accessible name says what it
 * reveals ("Reveal the title of S02E05"), never the thing itself. The button
 * goes once pressed, so focus moves to `focus()` (the revealed text, or the
 * link that now holds it) rather than being lost.
 */
export function RevealButton(props: { spoiler: Spoiler; what: string; focus?: () => HTMLElement | undefined; class?: string }) {
  return (
    <Show when={props.spoiler.hidden()}>
      <button
        type="button"
        class={props.class ?? 'link-button reveal'}
        onClick={() => {
          props.spoiler.reveal();
          props.focus?.()?.focus();
        }}
      >
        Reveal <span class="visually-hidden">{props.what}</span>
      </button>
    </Show>
  );
}
