// Our own export (features/exports, docs/export-format.md) read back: the
// library part becomes records, titles by their TMDB ids, episodes by their
// own TMDB ids and numbers, every time and setting as exported, so exporting
// again from the account it lands in gives the same library.
import { ExportDocument, EXPORT_FORMAT } from '../../exports/export.schema.ts';
import { ImportFileError, type EpisodeRef, type ImportFile, type ImportRecord, type ParsedImport, type TitleRef, type When } from '../records.ts';

const decoder = new TextDecoder();

function documentOf(file: ImportFile): unknown {
  const head = decoder.decode(file.bytes.subarray(0, 200));
  if (!head.includes(EXPORT_FORMAT)) return undefined;
  try {
    return JSON.parse(decoder.decode(file.bytes));
  } catch {
    return undefined;
  }
}

const isOurs = (value: unknown) => typeof value === 'object' && value !== null && (value as { format?: unknown }).format === EXPORT_FORMAT;

export const detect = (files: ImportFile[]) => files.some((file) => isOurs(documentOf(file)));

export function parse(files: ImportFile[]): ParsedImport {
  const raw = files.map(documentOf).find(isOurs);
  const parsed = ExportDocument.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportFileError('malformed_file', `This ShowTracker export does not match version 1 of the format${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.`);
  }
  const { library } = parsed.data;
  const titles = new Map<string, TitleRef>(
    library.titles.map((title) => [
      title.key,
      { mediaType: title.media_type, ids: { ...title.ids }, title: title.title, ...(title.year ? { year: title.year } : {}) },
    ]),
  );
  const notices: string[] = [];
  const titleOf = (key: string): TitleRef | undefined => {
    const title = titles.get(key);
    if (!title) notices.push(`An entry names the title “${key}”, which the export does not list; it was left out.`);
    return title;
  };
  const when = (at: string | null, on: string | null = null): When => (at ? { at } : on ? { on } : null);
  const episodeOf = (season: number | null, episode: number | null, ids: EpisodeRef['ids'] | null = null): EpisodeRef => ({
    ids: { ...(ids ?? {}) },
    ...(season !== null ? { season } : {}),
    ...(episode !== null ? { number: episode } : {}),
  });

  const records: ImportRecord[] = [];
  for (const watch of library.watches) {
    const title = titleOf(watch.title);
    if (!title) continue;
    records.push(
      title.mediaType === 'movie'
        ? { kind: 'movie_watch', movie: title, when: when(watch.watched_at, watch.watched_on) }
        : { kind: 'episode_watch', show: title, episode: episodeOf(watch.season, watch.episode, watch.episode_ids), when: when(watch.watched_at, watch.watched_on) },
    );
  }
  for (const follow of library.follows) {
    const title = titleOf(follow.title);
    if (title) records.push({ kind: 'follow', show: title, favorite: follow.favorite, notify: follow.notify, when: when(follow.since) });
  }
  for (const item of library.watchlist) {
    const title = titleOf(item.title);
    if (title) records.push({ kind: 'watchlist', title, ...(item.note !== null ? { note: item.note } : {}), when: when(item.added_at) });
  }
  for (const rating of library.ratings) {
    const title = titleOf(rating.title);
    if (!title) continue;
    records.push({
      kind: 'rating',
      title,
      ...(rating.season !== null ? { episode: episodeOf(rating.season, rating.episode) } : {}),
      rating: rating.rating,
      when: when(rating.rated_at, rating.rated_on),
    });
  }
  for (const list of library.lists) {
    for (const item of list.items) {
      const title = titleOf(item.title);
      if (title) records.push({ kind: 'list_entry', list: list.name, title, when: when(item.added_at) });
    }
  }
  return { format: 'showtracker', records, notices };
}
