// Letterboxd's export ZIP (import-formats.md §4): films only, named by title
// and year (its boxd.it links are not ids we can use), dates only. The diary
// has one row per viewing, rewatches included; `watched.csv` also lists every
// film the diary has, so it adds only the films the diary lacks, undated.
// `deleted/` and `orphaned/` hold entries the person removed: skipped.
import { isCalendarDate } from '../../../lib/local-time.ts';
import { csvRows, firstOf, parseCsv, type CsvTable } from '../archive/csv.ts';
import { ImportFileError, type ImportFile, type ImportRecord, type ParsedImport, type TitleRef, type When } from '../records.ts';

type Role = 'diary' | 'reviews' | 'watched' | 'ratings' | 'watchlist' | 'likes' | 'list';

const textOf = (file: ImportFile) => new TextDecoder('utf-8').decode(file.bytes);
const segmentsOf = (path: string) => path.toLowerCase().split(/[\\/]/).filter(Boolean);
const headerKeys = (header: string[]) => new Set(header.map((name) => name.trim().toLowerCase()));

const isListExport = (text: string) => /^\uFEFF?\s*"?letterboxd list export/i.test(text);

/** What a file of the export is: by its name and folder first, then by its header. */
function roleOf(file: ImportFile): Role | undefined {
  const segments = segmentsOf(file.name);
  const base = segments.at(-1) ?? '';
  if (!base.endsWith('.csv') || segments.includes('deleted') || segments.includes('orphaned')) return undefined;
  const text = textOf(file);
  const header = headerKeys(csvRows(text.split(/\r?\n/, 1)[0] ?? '')[0] ?? []);
  // A list file whose banner line is gone still has the list's own Name and URL columns first.
  if (isListExport(text) || (segments.at(-2) === 'lists' && header.has('name') && header.has('url'))) return 'list';
  if (!header.has('letterboxd uri')) return undefined;
  if (segments.at(-2) === 'likes') return base === 'films.csv' ? 'likes' : undefined;
  const named = base.slice(0, -'.csv'.length);
  if (named === 'diary' || named === 'reviews' || named === 'watched' || named === 'ratings' || named === 'watchlist') return named;
  if (header.has('watched date')) return header.has('review') ? 'reviews' : 'diary';
  if (header.has('rating')) return 'ratings';
  return undefined;
}

export function detect(files: ImportFile[]): boolean {
  return files.some((file) => roleOf(file) !== undefined);
}

/** A `YYYY-MM-DD` cell as a date; undefined when empty or unreadable. */
function dateOf(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  return isCalendarDate(text) ? text : undefined;
}

function filmOf(name: string | undefined, year: string | undefined): TitleRef | undefined {
  if (!name) return undefined;
  const film: TitleRef = { mediaType: 'movie', ids: {}, title: name };
  const y = /^\d{4}$/.exec(year?.trim() ?? '')?.[0];
  if (y) film.year = Number(y);
  return film;
}

const filmKey = (film: TitleRef) => `${film.title?.toLowerCase()}|${film.year ?? ''}`;

/** Letterboxd's 0.5–5 stars in half steps, on our 1–10 scale. */
function ratingOf(value: string | undefined): number | undefined {
  const stars = Number(value);
  return value && Number.isInteger(stars * 2) && stars >= 0.5 && stars <= 5 ? stars * 2 : undefined;
}

interface ListFile {
  name: string | undefined;
  films: TitleRef[];
}

/**
 * A list export: an optional `Letterboxd list export v7` banner, the list's
 * own `Date,Name,Tags,URL,Description` row, then `Position,Name,Year,URL,…`
 * and one row per film (blank lines are dropped by the CSV reader).
 */
function listOf(text: string): ListFile {
  const rows = csvRows(text).map((row) => row.map((cell) => cell.trim()));
  let i = rows[0] && isListExport(rows[0].join(',')) ? 1 : 0;
  let name: string | undefined;
  const lower = (row: string[] | undefined) => (row ?? []).map((cell) => cell.toLowerCase());
  if (lower(rows[i]).includes('name') && !lower(rows[i]).includes('position') && !lower(rows[i]).includes('year')) {
    name = rows[i + 1]?.[lower(rows[i]).indexOf('name')] || undefined;
    i += 2;
  }
  const header = lower(rows[i]);
  const nameAt = header.indexOf('name');
  const yearAt = header.indexOf('year');
  if (nameAt < 0) return { name, films: [] };
  const films = rows.slice(i + 1).flatMap((row) => filmOf(row[nameAt] || undefined, yearAt < 0 ? undefined : row[yearAt]) ?? []);
  return { name, films };
}

export function parse(files: ImportFile[]): ParsedImport {
  const records: ImportRecord[] = [];
  const notices: string[] = [];
  const tally = { badDates: 0, badRatings: 0, unnamed: 0 };
  const tables: Partial<Record<Exclude<Role, 'list'>, CsvTable>> = {};
  const lists: { file: string; list: ListFile }[] = [];

  for (const file of files) {
    const role = roleOf(file);
    if (role === undefined) continue;
    const base = segmentsOf(file.name).at(-1)!;
    if (role === 'list') {
      lists.push({ file: base.replace(/\.csv$/, ''), list: listOf(textOf(file)) });
      continue;
    }
    if (tables[role]) continue;
    const table = parseCsv(textOf(file));
    if (table.ragged > 0) notices.push(`${table.ragged} rows of ${base} had too many or too few fields.`);
    tables[role] = table;
  }
  if (Object.keys(tables).length === 0 && lists.length === 0) {
    throw new ImportFileError('unknown_format', 'No Letterboxd export files were found.');
  }

  const when = (value: string | undefined): { on: string } | null => {
    if (!value) return null;
    const on = dateOf(value);
    if (!on) tally.badDates += 1;
    return on ? { on } : null;
  };
  const film = (row: Record<string, string>) => {
    const title = filmOf(firstOf(row, 'Name'), firstOf(row, 'Year'));
    if (!title) tally.unnamed += 1;
    return title;
  };

  // Reviews are diary entries with text; they stand in for the diary only when it is missing.
  const diary = tables.diary ?? tables.reviews;
  const inDiary = new Set<string>();
  const diaryRatings = new Map<string, { on: string; title: TitleRef; rating: number; when: When }>();
  for (const row of diary?.rows ?? []) {
    const movie = film(row);
    if (!movie) continue;
    const watched = when(firstOf(row, 'Watched Date', 'Date'));
    records.push({ kind: 'movie_watch', movie, when: watched });
    inDiary.add(filmKey(movie));
    const rating = ratingOf(firstOf(row, 'Rating'));
    const on = watched?.on ?? '';
    const latest = diaryRatings.get(filmKey(movie));
    if (rating !== undefined && (!latest || on >= latest.on)) diaryRatings.set(filmKey(movie), { on, title: movie, rating, when: watched });
  }

  for (const row of tables.watched?.rows ?? []) {
    const movie = film(row);
    if (!movie || inDiary.has(filmKey(movie))) continue;
    inDiary.add(filmKey(movie));
    records.push({ kind: 'movie_watch', movie, when: null });
  }

  if (tables.ratings) {
    for (const row of tables.ratings.rows) {
      const title = film(row);
      if (!title) continue;
      const rating = ratingOf(firstOf(row, 'Rating'));
      if (rating === undefined) {
        tally.badRatings += 1;
        continue;
      }
      records.push({ kind: 'rating', title, rating, when: when(firstOf(row, 'Date')) });
    }
  } else {
    // Without ratings.csv, the rating given at each film's latest viewing is its rating.
    for (const { title, rating, when: at } of diaryRatings.values()) records.push({ kind: 'rating', title, rating, when: at });
  }

  for (const row of tables.watchlist?.rows ?? []) {
    const title = film(row);
    if (title) records.push({ kind: 'watchlist', title, when: when(firstOf(row, 'Date')) });
  }

  for (const { file, list } of lists) {
    for (const title of list.films) records.push({ kind: 'list_entry', list: list.name ?? file, title });
  }

  if (tables.reviews && tables.reviews.rows.length > 0) notices.push('Review texts are not imported.');
  if (tables.likes && tables.likes.rows.length > 0) notices.push(`${tables.likes.rows.length} liked films were not imported: likes have no place here.`);
  if (tally.badRatings > 0) notices.push(`${tally.badRatings} ratings outside 0.5–5 stars were skipped.`);
  if (tally.badDates > 0) notices.push(`${tally.badDates} dates could not be read and were left out.`);
  if (tally.unnamed > 0) notices.push(`${tally.unnamed} rows had no film name and were skipped.`);
  return { format: 'letterboxd', records, notices };
}
