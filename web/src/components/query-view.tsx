// The four states every list and page goes through: failed with nothing to
// show, loading, loaded but empty, and loaded. Saved or earlier data wins
// over an error, so offline the last answer stays on screen.
import { Match, Switch, type Accessor, type JSX } from 'solid-js';
import { ErrorNotice, Skeleton } from './ui.tsx';

export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
}

export function QueryView<T>(props: {
  query: QueryLike<T>;
  /** Placeholder rows while loading. */
  rows?: number;
  /** When the loaded data counts as empty, and what to show then. */
  empty?: (data: T) => boolean;
  whenEmpty?: JSX.Element;
  children: (data: Accessor<T>) => JSX.Element;
}): JSX.Element {
  return (
    <Switch>
      <Match when={props.query.error && props.query.data === undefined}>
        <ErrorNotice error={props.query.error} retry={() => void props.query.refetch()} />
      </Match>
      <Match when={props.query.data === undefined}>
        <Skeleton rows={props.rows ?? 3} />
      </Match>
      <Match when={props.empty?.(props.query.data as T)}>{props.whenEmpty}</Match>
      <Match when={props.query.data}>{(data) => props.children(data as Accessor<T>)}</Match>
    </Switch>
  );
}
