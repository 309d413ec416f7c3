// Small building blocks every screen uses: loading, empty and error states,
// posters, the offline banner.
import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { ApiError } from '../lib/api.ts';
import { serverUnreachable } from '../lib/connectivity.ts';

/** Placeholder rows while a list loads, so the page does not jump. */
export function Skeleton(props: { rows?: number }) {
  return (
    <ul class="skeleton" aria-hidden="true">
      {Array.from({ length: props.rows ?? 3 }, () => (
        <li />
      ))}
    </ul>
  );
}

/** Poster-shaped placeholders for a grid of shows: the grid that replaces them takes the same room. */
export function GridSkeleton(props: { cards: number }) {
  return (
    <ul class="grid skeleton-grid" aria-hidden="true">
      {Array.from({ length: props.cards }, () => (
        <li>
          <span class="poster poster-medium" />
          <span class="skeleton-line" />
          <span class="skeleton-line short" />
        </li>
      ))}
    </ul>
  );
}

export function EmptyState(props: { title: string; children?: JSX.Element; action?: { href: string; label: string } }) {
  return (
    <div class="empty">
      <p class="empty-title">{props.title}</p>
      {props.children}
      <Show when={props.action}>{(action) => <A class="button primary" href={action().href}>{action().label}</A>}</Show>
    </div>
  );
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return `Too many attempts. ${error.retryAfterSeconds ? `Try again in ${waitText(error.retryAfterSeconds)}.` : 'Wait a little and try again.'}`;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function ErrorNotice(props: { error: unknown; retry?: () => void }) {
  return (
    <div class="notice error" role="alert">
      <p>{errorText(props.error)}</p>
      <Show when={props.retry}>
        <button type="button" class="button" onClick={() => props.retry?.()}>
          Try again
        </button>
      </Show>
    </div>
  );
}

/**
 * A button for something that cannot be undone: it opens a question with the
 * real action and Cancel. Closes once the action succeeds; stays open when it
 * fails, so its error can be read and the action tried again.
 */
export function ConfirmButton(props: {
  label: string;
  /** The opening button's accessible name when its label alone is ambiguous (a list of rows); starts with the label. */
  name?: string;
  danger?: boolean;
  question: string;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  onConfirm: () => Promise<unknown>;
}) {
  const [open, setOpen] = createSignal(false);
  return (
    <Show
      when={open()}
      fallback={
        <button type="button" class={props.danger ? 'button danger' : 'link-button'} aria-label={props.name} onClick={() => setOpen(true)}>
          {props.label}
        </button>
      }
    >
      <div class="confirm" role="group" aria-label={props.question}>
        <p>{props.question}</p>
        <button
          type="button"
          class="button danger"
          disabled={props.busy}
          onClick={() => void props.onConfirm().then(() => setOpen(false), () => undefined)}
        >
          {props.busy ? props.busyLabel : props.confirmLabel}
        </button>
        <button type="button" class="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </Show>
  );
}

/** An error beside the control that caused it, or nothing. */
export function InlineError(props: { error: unknown }) {
  return (
    <Show when={props.error}>
      <p class="notice error" role="alert">
        {errorText(props.error)}
      </p>
    </Show>
  );
}

/** A notice shown when the API answered from its own cache because a provider was down. */
export function DegradedNotice(props: { incomplete?: boolean; notice?: string }) {
  return (
    <Show when={props.incomplete}>
      <p class="notice warn" role="status">
        {props.notice ?? 'Some details could not be loaded right now; this may be incomplete.'}
      </p>
    </Show>
  );
}

export function Poster(props: { src: string | null; title: string; size?: 'small' | 'medium' | 'large' }) {
  const [failed, setFailed] = createSignal(false);
  return (
    <div class={`poster poster-${props.size ?? 'medium'}`}>
      <Show when={props.src && !failed()} fallback={<span class="poster-fallback" aria-hidden="true">{initials(props.title)}</span>}>
        <img src={props.src!} alt="" loading="lazy" decoding="async" onError={() => setFailed(true)} />
      </Show>
    </div>
  );
}

const initials = (title: string) =>
  title
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');

/** Online as far as the app can tell: the device has a network and ShowTracker's last answer came from the server. */
export function useOnline() {
  const [deviceOnline, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
  const online = () => deviceOnline() && !serverUnreachable();
  const up = () => setOnline(true);
  const down = () => setOnline(false);
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  onCleanup(() => {
    window.removeEventListener('online', up);
    window.removeEventListener('offline', down);
  });
  return online;
}

export function OfflineBanner() {
  const online = useOnline();
  return (
    <Show when={!online()}>
      <p class="offline-banner" role="status">
        You're offline. Showing what was saved on this device; changes will be sent when you're back online.
      </p>
    </Show>
  );
}
