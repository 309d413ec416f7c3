// A preview's titles that need a person: ambiguous ones with their candidates
// to choose from (or leave out), the ones not found with the reason, and the
// ones left out, which can still be chosen. 50 a page, most-named first.
import { createMemo, createSignal, For, Show } from 'solid-js';
import { QueryView } from '../components/query-view.tsx';
import { InlineError, Poster } from '../components/ui.tsx';
import { useChooseTitle, useImportTitles, type Import, type ImportTitle, type TitleStatus } from '../hooks/use-imports.ts';

const PAGE_SIZE = 50;

const TABS: [TitleStatus & keyof Import['titles'], string][] = [
  ['ambiguous', 'Need your choice'],
  ['unmatched', 'Not found'],
  ['skipped', 'Left out'],
];

const titleName = (title: Pick<ImportTitle, 'title' | 'year'>) => `${title.title ?? 'Untitled'}${title.year ? ` (${title.year})` : ''}`;

export function ImportTitles(props: { batch: Import }) {
  const [picked, setPicked] = createSignal<TitleStatus>('ambiguous');
  const [page, setPage] = createSignal(1);
  const [announcement, setAnnouncement] = createSignal('');
  const tabs = createMemo(() => TABS.filter(([state]) => props.batch.titles[state] > 0));
  // The tab emptied by the last choice gives way to the next one.
  const current = () => (tabs().some(([state]) => state === picked()) ? picked() : (tabs()[0]?.[0] ?? 'ambiguous'));
  const pages = () => Math.max(1, Math.ceil(props.batch.titles[current()] / PAGE_SIZE));
  const shownPage = () => Math.min(page(), pages());
  const titles = useImportTitles(() => props.batch.id, current, shownPage);
  const choose = useChooseTitle(() => props.batch.id);

  function select(state: TitleStatus) {
    setPicked(state);
    setPage(1);
  }

  function decide(title: ImportTitle, choice: { show_id: string; title: string } | null) {
    setAnnouncement('');
    choose.mutate(
      { title_key: title.title_key, show_id: choice?.show_id ?? null },
      { onSuccess: () => setAnnouncement(choice ? `${choice.title} chosen for ${titleName(title)}.` : `${titleName(title)} left out.`) },
    );
  }

  const busy = (title: ImportTitle) => choose.isPending && choose.variables?.title_key === title.title_key;
  const failed = (title: ImportTitle) => (choose.variables?.title_key === title.title_key ? choose.error : null);

  return (
    <Show when={tabs().length > 0}>
      <h3 id="titles-heading">Titles to look at</h3>
      <div class="filters" role="group" aria-labelledby="titles-heading">
        <For each={tabs()}>
          {([state, label]) => (
            <button type="button" class="chip" aria-pressed={current() === state} onClick={() => select(state)}>
              {label} ({props.batch.titles[state].toLocaleString()})
            </button>
          )}
        </For>
      </div>
      <p class="visually-hidden" role="status">
        {announcement()}
      </p>
      <QueryView query={titles} rows={2} empty={(data) => data.results.length === 0} whenEmpty={<p class="subtle">Nothing here any more.</p>}>
        {(data) => (
          <ul class="import-titles" classList={{ stale: titles.isPlaceholderData }}>
            <For each={data().results}>
              {(title) => (
                <li class="import-title">
                  <p class="import-title-name">
                    <strong>{titleName(title)}</strong>
                    <span class="subtle small">
                      {' '}
                      · {title.media_type === 'movie' ? 'Movie' : 'Show'} · {title.records.toLocaleString()} entr{title.records === 1 ? 'y' : 'ies'}
                    </span>
                  </p>
                  <Show when={title.how}>
                    <p class="subtle small">{title.how}</p>
                  </Show>
                  <Show when={title.candidates.length > 0}>
                    <ul class="candidates" aria-label={`Candidates for ${titleName(title)}`}>
                      <For each={title.candidates}>
                        {(candidate) => (
                          <li>
                            <button
                              type="button"
                              class="candidate"
                              aria-label={`Choose ${titleName(candidate)}`}
                              disabled={busy(title)}
                              onClick={() => decide(title, { show_id: candidate.show_id, title: candidate.title })}
                            >
                              <Poster src={candidate.poster_url} title={candidate.title} size="small" />
                              <span class="candidate-text">
                                <span class="candidate-title">{candidate.title}</span>
                                <span class="subtle small">
                                  {candidate.year ?? 'Year unknown'} · {Math.round(candidate.confidence * 100)}% alike
                                </span>
                              </span>
                            </button>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <Show when={title.status !== 'skipped'}>
                    <button
                      type="button"
                      class="link-button"
                      aria-label={`Leave out ${titleName(title)}`}
                      disabled={busy(title)}
                      onClick={() => decide(title, null)}
                    >
                      Leave out
                    </button>
                  </Show>
                  <InlineError error={failed(title)} />
                </li>
              )}
            </For>
          </ul>
        )}
      </QueryView>
      <Show when={pages() > 1}>
        <nav class="pager" aria-label="Pages of titles">
          <button type="button" class="button" disabled={shownPage() <= 1} onClick={() => setPage(shownPage() - 1)}>
            Previous
          </button>
          <span>
            Page {shownPage()} of {pages()}
          </span>
          <button type="button" class="button" disabled={shownPage() >= pages()} onClick={() => setPage(shownPage() + 1)}>
            Next
          </button>
        </nav>
      </Show>
    </Show>
  );
}
