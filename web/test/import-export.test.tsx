// The Import & export screen: a real upload against the API (preview, confirm,
// outcome, undo, the error envelope's message), and, with the API's answers
// stubbed, the choices for an ambiguous title and the progress of a commit.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@solidjs/testing-library';
import type { Import, ImportTitles } from '../src/hooks/use-imports.ts';
import { api } from '../src/lib/api.ts';
import { createQueryClient, keys } from '../src/lib/query-client.ts';
import ImportExport from '../src/screens/import-export.tsx';
import { eventually, freshAccount, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const BREAKING_BAD = { title: 'Breaking Bad', year: 2008, ids: { trakt: 1388, slug: 'breaking-bad', tvdb: 81189, imdb: 'tt0903747', tmdb: 1396 } };
const INCEPTION = { title: 'Inception', year: 2010, ids: { trakt: 16662, slug: 'inception-2010', imdb: 'tt1375666', tmdb: 27205 } };
const play = (id: number, season: number, number: number, at: string) => ({
  id,
  watched_at: at,
  action: 'watch',
  type: 'episode',
  episode: { season, number, title: `Episode ${number}`, ids: { trakt: id, tvdb: null, imdb: null, tmdb: null } },
  show: BREAKING_BAD,
});

/** Trakt's watched history, one page of its export: two episodes of Breaking Bad and Inception. */
const traktHistory = () =>
  new File(
    [
      JSON.stringify([
        play(9001, 1, 1, '2024-01-05T20:00:00.000Z'),
        play(9002, 1, 2, '2024-01-06T20:00:00.000Z'),
        { id: 9003, watched_at: '2024-02-10T19:30:00.000Z', action: 'scrobble', type: 'movie', movie: INCEPTION },
      ]),
    ],
    'watched-history.json',
    { type: 'application/json' },
  );

function pick(file: File) {
  const input = screen.getByLabelText('Export file') as HTMLInputElement;
  const files = new DataTransfer();
  files.items.add(file);
  input.files = files.files;
  fireEvent.change(input);
  fireEvent.click(screen.getByRole('button', { name: 'Upload and preview' }));
}

const counts = (kinds: Partial<Import['records']> = {}): Import['records'] => ({
  episode_watch: 0,
  movie_watch: 0,
  follow: 0,
  watchlist: 0,
  rating: 0,
  list_entry: 0,
  ...kinds,
});

const fixture = (overrides: Partial<Import> = {}): Import => ({
  id: '0b3f5a8e-9d1c-4c47-a1a5-2f1e0c9d7b11',
  format: 'letterboxd',
  file_name: 'letterboxd-ada.zip',
  status: 'ready',
  created_at: '2026-12-01T10:00:00.000Z',
  committed_at: null,
  undone_at: null,
  progress: { stage: 'done', done: 1, total: 1, percent: 100, estimated_seconds_left: 0 },
  records: counts({ movie_watch: 12, rating: 5, watchlist: 3 }),
  matched: counts({ movie_watch: 10, rating: 5, watchlist: 2 }),
  titles: { total: 14, pending: 0, matched: 12, ambiguous: 1, unmatched: 1, skipped: 0 },
  added: null,
  notices: ['2 rows had no date and were skipped.'],
  same_file_committed_at: '2026-11-20T09:30:00.000Z',
  error: null,
  ...overrides,
});

const candidate = (show_id: string, title: string, year: number, confidence: number) => ({
  show_id,
  title,
  year,
  media_type: 'movie' as const,
  poster_url: null,
  confidence,
});

const ambiguousPage: ImportTitles = {
  page: 1,
  total: 1,
  results: [
    {
      title_key: 'movie:title:solaris:',
      media_type: 'movie',
      title: 'Solaris',
      year: null,
      ids: {},
      status: 'ambiguous',
      how: 'Two films share this title and the file gives no year.',
      confidence: 0.7,
      records: 2,
      show: null,
      candidates: [
        candidate('5e0d9c1a-1111-4a6b-8f00-000000001972', 'Solaris', 1972, 0.8),
        candidate('5e0d9c1a-2222-4a6b-8f00-000000002002', 'Solaris', 2002, 0.8),
      ],
    },
  ],
};

type Answer = { status?: number; body: unknown };
type Sent = { method: string; path: string; body: unknown };

/** Answers the imports API from `answer` (null: the real server) and records what was sent. */
function stubImports(answer: (method: string, path: string, query: URLSearchParams) => Answer | null): Sent[] {
  const sent: Sent[] = [];
  const realFetch = window.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.origin);
    const method = (init?.method ?? 'GET').toUpperCase();
    const reply = url.pathname.startsWith('/api/v1/imports') ? answer(method, url.pathname, url.searchParams) : null;
    if (!reply) return realFetch(input, init);
    sent.push({ method, path: url.pathname, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
    return Promise.resolve(new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers: { 'Content-Type': 'application/json' } }));
  });
  return sent;
}

describe('Import & export', () => {
  it('uploads a Trakt export, previews it, imports it, shows what was added, and undoes it', async () => {
    await freshAccount();
    const client = createQueryClient();
    renderScreen(client, ImportExport, '/settings/import', '/settings/import');
    await screen.findByText('No imports yet', {}, { timeout: 10_000 });

    pick(traktHistory());
    const card = await screen.findByRole('region', { name: 'watched-history.json' }, { timeout: 20_000 });
    await within(card).findByText('Confirm and import', {}, { timeout: 20_000 });
    // The card comes above the form that sent it, and takes the focus.
    expect(document.activeElement).toBe(within(card).getByRole('heading', { level: 2 }));
    const found = within(card).getByText('Episodes watched').parentElement!;
    expect(found.textContent).toContain('2');
    expect(found.textContent).toContain('2 matched');
    expect(within(card).getByText('Movies watched').parentElement!.textContent).toContain('1 matched');
    expect(card.textContent).toContain('Trakt');
    expect(card.textContent).toContain('2 titles: 2 matched.');

    client.setQueryData(keys.watchlist, { results: [] });
    fireEvent.click(within(card).getByRole('button', { name: 'Confirm and import' }));
    await within(card).findByText(/^Imported on /, {}, { timeout: 20_000 });
    expect(within(card).getByText('Watches added').parentElement!.textContent).toContain('3');
    // What the import can change is fetched again on every screen.
    await eventually(() => expect(client.getQueryState(keys.watchlist)?.isInvalidated).toBe(true));
    const history = await (await api.history.$get({ query: {} })).json();
    expect(history.watches).toHaveLength(3);

    fireEvent.click(within(card).getByRole('button', { name: 'Undo this import…' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Undo this import' }));
    await within(card).findByText(/everything this import added was removed/, {}, { timeout: 20_000 });
    expect((await (await api.history.$get({ query: {} })).json()).watches).toHaveLength(0);
    const past = screen.getByRole('region', { name: 'Past imports' });
    await eventually(() => expect(within(past).getByText('Undone')).toBeTruthy());
  });

  it('shows the message of the API’s error envelope when the file is not an export', async () => {
    await freshAccount();
    renderScreen(createQueryClient(), ImportExport, '/settings/import', '/settings/import');
    await screen.findByLabelText('Export file', {}, { timeout: 10_000 });
    pick(new File(['title,year\nSolaris,1972\n'], 'notes.csv', { type: 'text/csv' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 });
    expect(alert.textContent).toContain('This file is not an export we can read.');
  });

  it('shows the preview of a ready import, and choosing a candidate sends its show', async () => {
    await freshAccount();
    let current = fixture();
    const sent = stubImports((method, path, query) => {
      if (path.endsWith('/choices')) {
        current = { ...current, titles: { ...current.titles, ambiguous: 0, matched: 13 } };
        return { body: current };
      }
      if (path.endsWith('/titles')) return { body: query.get('status') === 'ambiguous' && current.titles.ambiguous ? ambiguousPage : { page: 1, total: 0, results: [] } };
      if (path === '/api/v1/imports') return { body: { results: [current] } };
      return { body: current };
    });
    renderScreen(createQueryClient(), ImportExport, `/settings/import?import=${current.id}`, '/settings/import');

    const card = await screen.findByRole('region', { name: 'letterboxd-ada.zip' }, { timeout: 10_000 });
    expect(card.textContent).toContain('Letterboxd');
    expect(within(card).getByText(/You already imported this file on/)).toBeTruthy();
    expect(within(card).getByText('Movies watched').parentElement!.textContent).toMatch(/12\s*10 matched/);
    expect(within(card).getByText('Ratings').parentElement!.textContent).toMatch(/5\s*5 matched/);
    expect(within(card).queryByText('Shows followed')).toBeNull();
    expect(card.textContent).toContain('14 titles: 12 matched, 1 needs your choice, 1 not found.');
    expect(card.textContent).toContain('2 rows had no date and were skipped.');

    const choices = await within(card).findByRole('list', { name: 'Candidates for Solaris' });
    expect(within(choices).getAllByRole('button').map((button) => button.getAttribute('aria-label'))).toEqual(['Choose Solaris (1972)', 'Choose Solaris (2002)']);
    fireEvent.click(within(choices).getByRole('button', { name: 'Choose Solaris (2002)' }));
    await eventually(() => expect(sent.some((request) => request.path.endsWith('/choices'))).toBe(true));
    const choice = sent.find((request) => request.path.endsWith('/choices'))!;
    expect(choice).toEqual({
      method: 'POST',
      path: `/api/v1/imports/${current.id}/choices`,
      body: { title_key: 'movie:title:solaris:', show_id: '5e0d9c1a-2222-4a6b-8f00-000000002002' },
    });
    await screen.findByText('Solaris chosen for Solaris.');
    await eventually(() => expect(within(card).queryByRole('list', { name: 'Candidates for Solaris' })).toBeNull());
    expect(card.textContent).toContain('14 titles: 13 matched, 1 not found.');
  });

  it('leaving a title out sends no show', async () => {
    await freshAccount();
    const current = fixture();
    const sent = stubImports((_method, path, query) => {
      if (path.endsWith('/titles')) return { body: query.get('status') === 'ambiguous' ? ambiguousPage : { page: 1, total: 0, results: [] } };
      if (path === '/api/v1/imports') return { body: { results: [current] } };
      return { body: current };
    });
    renderScreen(createQueryClient(), ImportExport, `/settings/import?import=${current.id}`, '/settings/import');
    fireEvent.click(await screen.findByRole('button', { name: 'Leave out Solaris' }, { timeout: 10_000 }));
    await eventually(() => expect(sent.find((request) => request.path.endsWith('/choices'))?.body).toEqual({ title_key: 'movie:title:solaris:', show_id: null }));
  });

  it('shows the progress of a commit while it runs, then what it added', async () => {
    await freshAccount();
    let polls = 0;
    const committing = fixture({
      status: 'committing',
      same_file_committed_at: null,
      progress: { stage: 'committing', done: 120, total: 400, percent: 30, estimated_seconds_left: 95 },
    });
    const committed = fixture({
      status: 'committed',
      committed_at: '2026-12-01T10:05:00.000Z',
      added: { watches: 10, follows: 0, watchlist: 2, ratings: 5, list_entries: 0, already_there: 3, not_matched: 2, not_placed: 0 },
    });
    stubImports((method, path) => {
      if (path === '/api/v1/imports') return { body: { results: [polls > 1 ? committed : committing] } };
      if (method === 'GET' && !path.endsWith('/titles')) return { body: (polls += 1) > 1 ? committed : committing };
      return null;
    });
    renderScreen(createQueryClient(), ImportExport, `/settings/import?import=${committing.id}`, '/settings/import');

    const bar = await screen.findByRole('progressbar', { name: 'Importing' }, { timeout: 10_000 });
    expect(bar.getAttribute('aria-valuenow')).toBe('120');
    expect(bar.getAttribute('aria-valuemax')).toBe('400');
    expect((bar as HTMLProgressElement).value).toBe(120);
    expect(screen.getByText('120 of 400 entries · 30% · about 2 minutes left')).toBeTruthy();

    // The next poll, 2 s later, finds it committed.
    const card = screen.getByRole('region', { name: 'letterboxd-ada.zip' });
    await within(card).findByText(/^Imported on /, {}, { timeout: 10_000 });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(within(card).getByText('Watches added').parentElement!.textContent).toContain('10');
    expect(within(card).getByText('Already there').parentElement!.textContent).toContain('3');
    expect(within(card).queryByText('List entries')).toBeNull();
    expect(within(card).getByRole('button', { name: 'Undo this import…' })).toBeTruthy();
  });

  it('pages through titles 50 at a time', async () => {
    await freshAccount();
    const current = fixture({ titles: { total: 130, pending: 0, matched: 10, ambiguous: 120, unmatched: 0, skipped: 0 } });
    const pages: string[] = [];
    stubImports((_method, path, query) => {
      if (path.endsWith('/titles')) {
        pages.push(query.get('page') ?? '');
        const page = Number(query.get('page'));
        const row = { ...ambiguousPage.results[0]!, title_key: `movie:title:solaris-${page}:`, title: `Solaris ${page}` };
        return { body: { page, total: 120, results: [row] } };
      }
      if (path === '/api/v1/imports') return { body: { results: [current] } };
      return { body: current };
    });
    renderScreen(createQueryClient(), ImportExport, `/settings/import?import=${current.id}`, '/settings/import');
    const pager = await screen.findByRole('navigation', { name: 'Pages of titles' }, { timeout: 10_000 });
    expect(pager.textContent).toContain('Page 1 of 3');
    await screen.findByText('Solaris 1');
    expect((within(pager).getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(pager).getByRole('button', { name: 'Next' }));
    await screen.findByText('Solaris 2');
    expect(pager.textContent).toContain('Page 2 of 3');
    expect(pages).toEqual(['1', '2']);
  });

  it('lists past imports: one opens, a committed one is undone from the list', async () => {
    await freshAccount();
    const ready = fixture();
    const committed = fixture({
      id: '7a1c2e3d-4b5f-4a6e-9c8d-0e1f2a3b4c5d',
      format: 'tvtime-gdpr',
      file_name: 'tvtime-gdpr.zip',
      status: 'committed',
      committed_at: '2026-11-02T08:00:00.000Z',
      same_file_committed_at: null,
      added: { watches: 40, follows: 3, watchlist: 0, ratings: 0, list_entries: 0, already_there: 0, not_matched: 0, not_placed: 0 },
    });
    let undone = false;
    const sent = stubImports((method, path) => {
      if (path.endsWith('/undo')) {
        undone = true;
        return { body: { ...committed, status: 'undone', undone_at: '2026-12-07T10:00:00.000Z' } };
      }
      if (path === '/api/v1/imports') return { body: { results: [ready, undone ? { ...committed, status: 'undone' } : committed] } };
      if (path.endsWith('/titles')) return { body: { page: 1, total: 0, results: [] } };
      return { body: path.includes(committed.id) ? committed : ready };
    });
    renderScreen(createQueryClient(), ImportExport, '/settings/import', '/settings/import');
    const past = await screen.findByRole('region', { name: 'Past imports' });
    await within(past).findByText('tvtime-gdpr.zip', {}, { timeout: 10_000 });
    expect(past.textContent).toContain('TV Time (data request)');
    expect(past.textContent).toContain('40 watches added');
    // Only a committed one can be undone.
    expect(within(past).queryByRole('button', { name: 'Undo… letterboxd-ada.zip' })).toBeNull();

    fireEvent.click(within(past).getByRole('button', { name: 'Undo… tvtime-gdpr.zip' }));
    fireEvent.click(within(past).getByRole('button', { name: 'Undo this import' }));
    await within(past).findByText('Undone', {}, { timeout: 10_000 });
    expect(sent.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual([`/api/v1/imports/${committed.id}/undo`]);

    fireEvent.click(within(past).getByRole('button', { name: 'Open letterboxd-ada.zip' }));
    const card = await screen.findByRole('region', { name: 'letterboxd-ada.zip' });
    await eventually(() => expect(document.activeElement).toBe(within(card).getByRole('heading', { level: 2 })));
    expect(within(card).getByRole('button', { name: 'Confirm and import' })).toBeTruthy();
  });

  it('shows the matching progress of a large file, and what went wrong with a failed import, with Undo', async () => {
    await freshAccount();
    const matching = fixture({
      status: 'matching',
      same_file_committed_at: null,
      progress: { stage: 'matching', done: 30, total: 1200, percent: 2, estimated_seconds_left: null },
    });
    const failed = fixture({ id: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f', file_name: 'big.zip', status: 'failed', error: 'Writing the watches kept failing; what was written so far can be undone. Try the import again later.' });
    stubImports((_method, path) => {
      if (path === '/api/v1/imports') return { body: { results: [matching, failed] } };
      if (path.endsWith('/titles')) return { body: { page: 1, total: 0, results: [] } };
      return { body: path.includes(failed.id) ? failed : matching };
    });
    renderScreen(createQueryClient(), ImportExport, `/settings/import?import=${matching.id}`, '/settings/import');
    const bar = await screen.findByRole('progressbar', { name: 'Finding your titles in the catalog' }, { timeout: 10_000 });
    expect(bar.getAttribute('aria-valuetext')).toBe('30 of 1,200 titles · 2%');
    expect(screen.getByText('30 of 1,200 titles · 2% · working out how long it takes')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Confirm and import' })).toBeNull();

    cleanup();
    renderScreen(createQueryClient(), ImportExport, `/settings/import?import=${failed.id}`, '/settings/import');
    const card = await screen.findByRole('region', { name: 'big.zip' }, { timeout: 10_000 });
    expect(within(card).getByRole('alert').textContent).toContain('Writing the watches kept failing');
    expect(within(card).getByRole('button', { name: 'Undo this import…' })).toBeTruthy();
  });
});
