// One import as it stands: its progress while the server matches titles or
// writes them, the preview (what the file holds, what matched) with the
// titles that need a choice and Confirm, then what it added, and Undo.
import { createUniqueId, For, Match, onMount, Show, Switch } from 'solid-js';
import { ConfirmButton, ErrorNotice, InlineError } from '../components/ui.tsx';
import { useCommitImport, useUndoImport, type Import, type ImportStatus } from '../hooks/use-imports.ts';
import { userZone } from '../lib/session.ts';
import { ImportTitles } from './import-titles.tsx';

export const FORMAT_NAMES: Record<Import['format'], string> = {
  'tvtime-gdpr': 'TV Time (data request)',
  'tvtime-liberator': 'TV Time Liberator',
  'tvtime-out': 'TV Time Out',
  trakt: 'Trakt',
  imdb: 'IMDb',
  letterboxd: 'Letterboxd',
  showtracker: 'ShowTracker',
};

export const STATUS_NAMES: Record<ImportStatus, string> = {
  matching: 'Matching titles',
  ready: 'Preview, not imported yet',
  committing: 'Importing',
  committed: 'Imported',
  undoing: 'Undoing',
  undone: 'Undone',
  failed: 'Failed',
};

const KINDS: [keyof Import['records'], string][] = [
  ['episode_watch', 'Episodes watched'],
  ['movie_watch', 'Movies watched'],
  ['follow', 'Shows followed'],
  ['watchlist', 'Watchlist'],
  ['rating', 'Ratings'],
  ['list_entry', 'List entries'],
];

const ADDED: [keyof NonNullable<Import['added']>, string][] = [
  ['watches', 'Watches added'],
  ['follows', 'Shows followed'],
  ['watchlist', 'Added to your watchlist'],
  ['ratings', 'Ratings'],
  ['list_entries', 'List entries'],
  ['already_there', 'Already there'],
  ['not_matched', 'Left out (title not matched)'],
  ['not_placed', 'Left out (episode not found)'],
];

const number = (value: number) => value.toLocaleString();

export const dateTime = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: userZone() }).format(new Date(iso));

export function etaText(seconds: number | null): string {
  if (seconds === null) return 'working out how long it takes';
  if (seconds < 60) return 'less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'} left`;
  const hours = Math.round(minutes / 60);
  return `about ${hours} hour${hours === 1 ? '' : 's'} left`;
}

/** A progress bar with its counts in words; assistive technology reads the same figures. */
export function ImportProgress(props: { progress: Import['progress']; label: string; unit: string }) {
  const id = createUniqueId();
  const text = () => `${number(props.progress.done)} of ${number(props.progress.total)} ${props.unit} · ${props.progress.percent}%`;
  return (
    <div class="import-progress">
      <p id={`${id}-label`} class="import-progress-label">
        {props.label}
      </p>
      <progress
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-text`}
        max={Math.max(props.progress.total, 1)}
        value={props.progress.done}
        aria-valuemin={0}
        aria-valuemax={Math.max(props.progress.total, 1)}
        aria-valuenow={props.progress.done}
        aria-valuetext={text()}
      />
      <p id={`${id}-text`} class="subtle small" role="status">
        {text()} · {etaText(props.progress.estimated_seconds_left)}
      </p>
    </div>
  );
}

function Preview(props: { batch: Import }) {
  const commit = useCommitImport();
  const found = () => KINDS.filter(([kind]) => props.batch.records[kind] > 0);
  const matchedTotal = () => KINDS.reduce((sum, [kind]) => sum + props.batch.matched[kind], 0);
  const titles = () => props.batch.titles;
  return (
    <>
      <Show when={props.batch.same_file_committed_at}>
        {(at) => (
          <p class="notice warn" role="status">
            You already imported this file on {dateTime(at())}. Importing it again adds nothing that is already there.
          </p>
        )}
      </Show>
      <h3>What the file holds</h3>
      <Show when={found().length > 0} fallback={<p>The file holds nothing ShowTracker can import.</p>}>
        <dl class="import-counts">
          <For each={found()}>
            {([kind, label]) => (
              <div>
                <dt>{label}</dt>
                <dd>
                  <span class="stat-number">{number(props.batch.records[kind])}</span>
                  <span class="subtle small">{number(props.batch.matched[kind])} matched</span>
                </dd>
              </div>
            )}
          </For>
        </dl>
      </Show>
      <p>
        {number(titles().total)} title{titles().total === 1 ? '' : 's'}: {number(titles().matched)} matched
        <Show when={titles().ambiguous}>
          , {number(titles().ambiguous)} need{titles().ambiguous === 1 ? 's' : ''} your choice
        </Show>
        <Show when={titles().unmatched}>, {number(titles().unmatched)} not found</Show>
        <Show when={titles().skipped}>, {number(titles().skipped)} left out</Show>.
      </p>
      <Show when={props.batch.notices.length > 0}>
        <details class="import-notices">
          <summary>Notes from reading the file ({props.batch.notices.length})</summary>
          <ul>
            <For each={props.batch.notices}>{(notice) => <li>{notice}</li>}</For>
          </ul>
        </details>
      </Show>
      <ImportTitles batch={props.batch} />
      <h3>Import</h3>
      <p class="subtle">
        Nothing has changed yet. Importing adds {number(matchedTotal())} entr{matchedTotal() === 1 ? 'y' : 'ies'} of matched titles and never
        changes or removes what you already have; you can undo it as a whole.
        <Show when={titles().ambiguous}> Titles still waiting for a choice are left out.</Show>
      </p>
      <Show when={matchedTotal() === 0}>
        <p class="subtle">No title is matched yet, so there is nothing to import.</p>
      </Show>
      <button type="button" class="button primary" disabled={commit.isPending || matchedTotal() === 0} onClick={() => commit.mutate(props.batch.id)}>
        {commit.isPending ? 'Importing…' : 'Confirm and import'}
      </button>
      <InlineError error={commit.error} />
    </>
  );
}

function Outcome(props: { batch: Import }) {
  const rows = () => ADDED.filter(([key]) => (props.batch.added?.[key] ?? 0) > 0);
  return (
    <>
      <p class="notice ok" role="status">
        Imported{props.batch.committed_at ? ` on ${dateTime(props.batch.committed_at)}` : ''}.
      </p>
      <Show when={rows().length > 0} fallback={<p>Nothing was added: everything in the file was already there.</p>}>
        <dl class="import-counts">
          <For each={rows()}>
            {([key, label]) => (
              <div>
                <dt>{label}</dt>
                <dd>
                  <span class="stat-number">{number(props.batch.added![key])}</span>
                </dd>
              </div>
            )}
          </For>
        </dl>
      </Show>
      <UndoButton batch={props.batch} />
    </>
  );
}

/** A committed import, or a failed one (what it wrote so far), taken back as a whole. */
function UndoButton(props: { batch: Import }) {
  const undo = useUndoImport();
  return (
    <>
      <ConfirmButton
        label="Undo this import…"
        danger
        question="Remove everything this import added? What you had before stays as it was."
        confirmLabel="Undo this import"
        busyLabel="Undoing…"
        busy={undo.isPending}
        onConfirm={() => undo.mutateAsync(props.batch.id)}
      />
      <InlineError error={undo.error} />
    </>
  );
}

/** `focus`: just opened from the screen (uploaded, or picked from the list), so its heading takes the focus: the card appears above both. */
export function ImportCard(props: { batch: Import; focus?: boolean }) {
  const batch = () => props.batch;
  let heading!: HTMLHeadingElement;
  onMount(() => {
    if (props.focus) heading.focus();
  });
  return (
    <section class="panel import-card" aria-labelledby="import-heading">
      <h2 id="import-heading" ref={heading} tabIndex={-1}>
        {batch().file_name ?? 'Your file'}
      </h2>
      <p class="subtle small">
        {FORMAT_NAMES[batch().format]} · uploaded {dateTime(batch().created_at)} · {STATUS_NAMES[batch().status]}
      </p>
      <Switch>
        <Match when={batch().status === 'matching'}>
          <ImportProgress progress={batch().progress} label="Finding your titles in the catalog" unit="titles" />
        </Match>
        <Match when={batch().status === 'ready'}>
          <Preview batch={batch()} />
        </Match>
        <Match when={batch().status === 'committing'}>
          <ImportProgress progress={batch().progress} label="Importing" unit="entries" />
        </Match>
        <Match when={batch().status === 'committed'}>
          <Outcome batch={batch()} />
        </Match>
        <Match when={batch().status === 'undoing'}>
          <p role="status">Removing what this import added…</p>
        </Match>
        <Match when={batch().status === 'undone'}>
          <p role="status">
            Undone{batch().undone_at ? ` on ${dateTime(batch().undone_at!)}` : ''}: everything this import added was removed.
          </p>
        </Match>
        <Match when={batch().status === 'failed'}>
          <ErrorNotice error={new Error(batch().error ?? 'This import could not be finished. Upload the file again to try once more.')} />
          <UndoButton batch={batch()} />
        </Match>
      </Switch>
    </section>
  );
}
