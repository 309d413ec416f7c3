// IMDb CSV exports (import-formats.md §3): the ratings export, the watchlist
// and custom lists, in the 2024+ headers and the older ones (lower-case
// `const`, `You rated`, `Title type`, `Feature Film`…). Only `tt…` ids; dates
// only, kept as dates. A rating does not prove a watch, so none is made.
//
// Ratings and lists differ by header (lists have `Position`). The watchlist
// and a custom list share one header, so the file's own name tells them
// apart: a name with "watchlist" in it (IMDb's `WATCHLIST.csv`) is the
// watchlist; any other list file becomes a list named after the file.
import { isCalendarDate } from '../../../lib/local-time.ts';
import { csvRows, firstOf, parseCsv } from '../archive/csv.ts';
import { ImportFileError, type ImportFile, type ImportRecord, type ParsedImport, type TitleRef } from '../records.ts';

const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const basename = (path: string) => path.split(/[\\/]/).at(-1) ?? path;

/** UTF-8 (BOM dropped); an older export in Windows-1252 is read as such rather than with replacement characters. */
function textOf(file: ImportFile): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file.bytes);
  } catch {
    try {
      return new TextDecoder('windows-1252').decode(file.bytes);
    } catch {
      return new TextDecoder('utf-8').decode(file.bytes);
    }
  }
}

/** The header's own spelling of each column we read, found by its letters and digits only. */
function columns(header: string[]) {
  const byKey = new Map(header.map((name) => [key(name), name]));
  const pick = (...keys: string[]) => keys.map((k) => byKey.get(k)).filter((name): name is string => name !== undefined);
  return {
    id: pick('const'),
    title: pick('title'),
    type: pick('titletype'),
    year: pick('year'),
    rating: pick('yourrating', 'yourated'),
    rated: pick('daterated'),
    created: pick('created'),
    isList: byKey.has('position'),
    isImdb: byKey.has('const') && (byKey.has('titletype') || byKey.has('yourrating') || byKey.has('yourated') || byKey.has('url')),
  };
}

function isImdbCsv(file: ImportFile): boolean {
  if (!basename(file.name).toLowerCase().endsWith('.csv')) return false;
  const [header] = csvRows(textOf(file).split(/\r?\n/, 1)[0] ?? '');
  return columns((header ?? []).map((name) => name.trim())).isImdb;
}

export function detect(files: ImportFile[]): boolean {
  return files.some(isImdbCsv);
}

type Kind = 'movie' | 'tv' | 'episode' | 'other';

/** 2024+ `TV Mini Series`, older `tvMiniSeries` / `Mini-Series`: compared as lower-case letters. Unknown types are films. */
function kindOf(type: string | undefined): Kind {
  const t = (type ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (t === 'tvseries' || t === 'tvminiseries' || t === 'miniseries') return 'tv';
  if (t === 'tvepisode') return 'episode';
  if (['videogame', 'musicvideo', 'podcastseries', 'podcastepisode'].includes(t)) return 'other';
  return 'movie';
}

/** `tt0000001`; a bare number (a spreadsheet dropped the prefix) gets it back. */
function imdbId(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  if (/^tt\d+$/i.test(text)) return text.toLowerCase();
  if (/^\d+$/.test(text)) return `tt${text.padStart(7, '0')}`;
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `YYYY-MM-DD`, or the older `Mon Jan  2 00:00:00 2017`, as a date; undefined when unreadable. */
function dateOf(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  let parts: [string, number, number] | undefined;
  if (iso) parts = [iso[1]!, Number(iso[2]), Number(iso[3])];
  const old = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+[\d:]+\s+(\d{4})$/i.exec(text);
  if (old) parts = [old[3]!, MONTHS.indexOf(old[1]!.toLowerCase()) + 1, Number(old[2])];
  if (!parts) return undefined;
  const [year, month, day] = parts;
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

export function parse(files: ImportFile[]): ParsedImport {
  const records: ImportRecord[] = [];
  const notices: string[] = [];
  const tally = { noId: 0, other: 0, listEpisodes: 0, badRatings: 0, badDates: 0 };
  const rated = new Set<string>();

  const tables = files
    .filter(isImdbCsv)
    .map((file) => ({ name: basename(file.name), table: parseCsv(textOf(file)) }))
    .map((t) => ({ ...t, cols: columns(t.table.header) }));
  if (tables.length === 0) throw new ImportFileError('unknown_format', 'No IMDb export (a CSV with a Const column) was found.');
  // Ratings files first, so a list's copy of the same rating is the duplicate.
  tables.sort((a, b) => Number(a.cols.isList) - Number(b.cols.isList));

  for (const { name, table, cols } of tables) {
    if (table.ragged > 0) notices.push(`${table.ragged} rows of ${name} had too many or too few fields.`);
    const list = cols.isList ? (/watchlist/i.test(name) ? 'watchlist' : name.replace(/\.csv$/i, '')) : undefined;
    for (const row of table.rows) {
      const id = imdbId(firstOf(row, ...cols.id));
      if (!id) {
        tally.noId += 1;
        continue;
      }
      const kind = kindOf(firstOf(row, ...cols.type));
      if (kind === 'other') {
        tally.other += 1;
        continue;
      }
      const title: TitleRef = { mediaType: kind === 'movie' ? 'movie' : 'tv', ids: kind === 'episode' ? {} : { imdb: id } };
      // An episode's Title is `Show: Episode`, and either part may hold a colon: the episode's own id places it, not a guessed show name.
      const titleText = firstOf(row, ...cols.title);
      const year = /^\s*(\d{4})/.exec(firstOf(row, ...cols.year) ?? '')?.[1];
      if (kind !== 'episode') {
        if (titleText) title.title = titleText;
        if (year) title.year = Number(year);
      }

      const ratingText = firstOf(row, ...cols.rating);
      if (ratingText !== undefined && !rated.has(id)) {
        const rating = Number(ratingText);
        if (Number.isInteger(rating) && rating >= 1 && rating <= 10) {
          rated.add(id);
          const record: ImportRecord = { kind: 'rating', title, rating, when: whenOf(firstOf(row, ...cols.rated), tally) };
          if (kind === 'episode') record.episode = { ids: { imdb: id } };
          records.push(record);
        } else tally.badRatings += 1;
      }

      if (!list) continue;
      if (kind === 'episode') {
        tally.listEpisodes += 1;
        continue;
      }
      const when = whenOf(firstOf(row, ...cols.created), tally);
      records.push(list === 'watchlist' ? { kind: 'watchlist', title, when } : { kind: 'list_entry', list, title, when });
    }
  }

  if (tally.noId > 0) notices.push(`${tally.noId} rows had no IMDb id (Const) and were skipped.`);
  if (tally.other > 0) notices.push(`${tally.other} video games, music videos and podcasts were skipped.`);
  if (tally.listEpisodes > 0) notices.push(`${tally.listEpisodes} episodes on lists were skipped: lists hold shows and movies.`);
  if (tally.badRatings > 0) notices.push(`${tally.badRatings} ratings outside 1–10 were skipped.`);
  if (tally.badDates > 0) notices.push(`${tally.badDates} dates could not be read and were left out.`);
  return { format: 'imdb', records, notices };
}

function whenOf(value: string | undefined, tally: { badDates: number }) {
  if (value === undefined) return null;
  const on = dateOf(value);
  if (on === undefined) tally.badDates += 1;
  return on === undefined ? null : { on };
}
