// Finding our title for what an import file names (docs/imports.md#matching):
// by external id first (TMDB's own id; TVDB and IMDb ids through TMDB's find
// endpoint), then by title and year with a confidence threshold. Every
// provider call goes through the providers' clients, so through the rate-limit
// Durable Object: a large import waits its turn and never earns a 429.
// Titles are matched once per batch (import_titles), so a show named by 500
// watch rows costs one lookup; a TVDB or IMDb id already in the catalog costs
// none.
import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { shows, type MatchCandidate, type TitleMatchStatus } from '../../db/schema/index.ts';
import { upsertSummaries } from '../shows/catalog.store.ts';
import { TitleNotFound } from '../metadata/show-fetcher.ts';
import { syncShow, type SyncDeps } from '../metadata/sync.service.ts';
import type { TitleSummary } from '../metadata/providers/types.ts';
import type { TitleRef } from './records.ts';

/** At or above: matched by title without asking. Below, but with candidates at or above CANDIDATE_FLOOR: the person chooses. */
export const CONFIDENT = 0.9;
export const CANDIDATE_FLOOR = 0.5;
/** The best must lead the next by this much to be taken without asking. */
const LEAD = 0.1;
const MAX_CANDIDATES = 5;

export interface TitleMatch {
  status: Exclude<TitleMatchStatus, 'pending' | 'skipped'>;
  showId: string | null;
  /** How it matched, or why it did not, in words the preview shows. */
  how: string;
  confidence: number | null;
  candidates: MatchCandidate[];
}

/** Titles compared without case, accents, punctuation or a leading article. */
export function normalizeTitle(title: string | undefined): string {
  return (title ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(the|a|an) /, '');
}

/**
 * The key of the title a record names, within one batch: its strongest id,
 * else its normalised title and year. Records naming one title share a key,
 * so it is matched once.
 */
export function titleKey(ref: TitleRef): string {
  const { ids, mediaType } = ref;
  if (ids.tmdb) return `${mediaType}:tmdb:${ids.tmdb}`;
  // TheTVDB's film ids do not resolve through TMDB: a film goes by IMDb id or title.
  if (ids.tvdb && mediaType === 'tv') return `tv:tvdb:${ids.tvdb}`;
  if (ids.imdb) return `${mediaType}:imdb:${ids.imdb}`;
  return `${mediaType}:title:${normalizeTitle(ref.title)}:${ref.year ?? ''}`;
}

/** Bigrams of a normalised title, for the Dice coefficient. */
function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const padded = ` ${text} `;
  for (let i = 0; i < padded.length - 1; i++) {
    const gram = padded.slice(i, i + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

function dice(a: string, b: string): number {
  if (a === b) return 1;
  const [x, y] = [bigrams(a), bigrams(b)];
  let shared = 0;
  for (const [gram, count] of x) shared += Math.min(count, y.get(gram) ?? 0);
  const total = [...x.values(), ...y.values()].reduce((sum, count) => sum + count, 0);
  return total ? (2 * shared) / total : 0;
}

/** How sure a candidate is the title named: title likeness, weighed down when the years differ. */
export function confidence(ref: Pick<TitleRef, 'title' | 'year'>, candidate: { title: string; originalTitle?: string | null; year: number | null }): number {
  const wanted = normalizeTitle(ref.title);
  const likeness = Math.max(dice(wanted, normalizeTitle(candidate.title)), candidate.originalTitle ? dice(wanted, normalizeTitle(candidate.originalTitle)) : 0);
  let yearFactor = 1;
  if (ref.year && candidate.year) {
    const apart = Math.abs(ref.year - candidate.year);
    yearFactor = apart === 0 ? 1 : apart === 1 ? 0.9 : 0.6;
  } else if (ref.year || candidate.year) {
    yearFactor = 0.95;
  }
  return Math.round(likeness * yearFactor * 1000) / 1000;
}

const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) || null : null);

async function localByIds(db: Db, ref: TitleRef): Promise<string | null> {
  const { ids, mediaType } = ref;
  const conditions = [
    ids.tmdb ? eq(shows.tmdbId, ids.tmdb) : undefined,
    ids.tvdb && mediaType === 'tv' ? eq(shows.thetvdbId, ids.tvdb) : undefined,
    ids.imdb ? eq(shows.imdbId, ids.imdb) : undefined,
  ].filter((condition) => condition !== undefined);
  if (!conditions.length) return null;
  const [row] = await db
    .select({ id: shows.id })
    .from(shows)
    .where(and(eq(shows.mediaType, mediaType), or(...conditions)))
    // TMDB's id first: it is the catalog's own key.
    .orderBy(sql`${shows.tmdbId} = ${ids.tmdb ?? -1} DESC`)
    .limit(1);
  return row?.id ?? null;
}

const matched = (showId: string, how: string, confidenceValue: number | null = null): TitleMatch => ({
  status: 'matched',
  showId,
  how,
  confidence: confidenceValue,
  candidates: [],
});

const unmatched = (how: string, candidates: MatchCandidate[] = []): TitleMatch => ({ status: 'unmatched', showId: null, how, confidence: null, candidates });

/** A title TMDB knows by id that the catalog does not hold yet: a row for it, filled by a sync. */
async function fromTmdbId(deps: SyncDeps, ref: TitleRef, tmdbId: number): Promise<TitleMatch> {
  const [row] = await deps.db
    .insert(shows)
    .values({ tmdbId, mediaType: ref.mediaType, title: ref.title?.slice(0, 500) || `TMDB ${tmdbId}` })
    .onConflictDoUpdate({ target: [shows.mediaType, shows.tmdbId], set: { tmdbId } })
    .returning({ id: shows.id, detailsSyncedAt: shows.detailsSyncedAt });
  try {
    if (!row!.detailsSyncedAt) await syncShow(deps, row!.id, 'import');
  } catch (error) {
    if (!(error instanceof TitleNotFound)) throw error;
    await deps.db.delete(shows).where(and(eq(shows.id, row!.id), sql`${shows.detailsSyncedAt} IS NULL`, sql`NOT EXISTS (SELECT 1 FROM watches WHERE watches.show_id = ${shows.id})`));
    return unmatched(`TMDB does not know ${ref.mediaType === 'tv' ? 'show' : 'movie'} ${tmdbId}.`);
  }
  return matched(row!.id, 'TMDB id');
}

function toCandidates(ref: TitleRef, summaries: TitleSummary[], ids: Map<string, string>): MatchCandidate[] {
  return summaries
    .filter((summary) => summary.mediaType === ref.mediaType)
    .map((summary) => ({
      show_id: ids.get(`${summary.mediaType}:${summary.tmdbId}`)!,
      title: summary.title,
      year: yearOf(summary.premiereDate),
      media_type: summary.mediaType,
      poster_url: summary.posterUrl,
      confidence: confidence(ref, { title: summary.title, originalTitle: summary.originalTitle, year: yearOf(summary.premiereDate) }),
    }))
    .filter((candidate) => candidate.show_id)
    .sort((a, b) => b.confidence - a.confidence);
}

async function byTitle(deps: SyncDeps, ref: TitleRef): Promise<TitleMatch> {
  if (!ref.title?.trim()) return unmatched('The file names no title and no id we can look up.');
  if (!deps.providers.tmdb) return unmatched('TMDB is not configured, so titles without an id cannot be looked up.');
  const found = await deps.providers.tmdb.search(ref.title, ref.mediaType, 1);
  const summaries = found.results.slice(0, 10);
  const candidates = toCandidates(ref, summaries, await upsertSummaries(deps.db, summaries));
  const [best, next] = candidates;
  if (!best || best.confidence < CANDIDATE_FLOOR) return unmatched(`No ${ref.mediaType === 'tv' ? 'show' : 'movie'} on TMDB is close to “${ref.title}”${ref.year ? ` (${ref.year})` : ''}.`);
  if (best.confidence >= CONFIDENT && (!next || best.confidence - next.confidence >= LEAD)) {
    return { ...matched(best.show_id, 'title and year', best.confidence), candidates: [] };
  }
  return {
    status: 'ambiguous',
    showId: null,
    how: `Several titles are close to “${ref.title}”${ref.year ? ` (${ref.year})` : ''}: choose one.`,
    confidence: best.confidence,
    candidates: candidates.filter((candidate) => candidate.confidence >= CANDIDATE_FLOOR).slice(0, MAX_CANDIDATES),
  };
}

/**
 * Keeps the id TMDB's find resolved on the title, when it has none yet and no
 * other title holds it: the next import naming it resolves in the catalog,
 * with no provider call.
 */
async function rememberId(db: Db, showId: string, source: 'tvdb_id' | 'imdb_id', id: string): Promise<void> {
  const column = source === 'tvdb_id' ? sql.raw('thetvdb_id') : sql.raw('imdb_id');
  const value = source === 'tvdb_id' ? Number(id) : id;
  await db.execute(sql`
    UPDATE shows SET ${column} = ${value}
    WHERE id = ${showId} AND ${column} IS NULL
      AND NOT EXISTS (SELECT 1 FROM shows other WHERE other.${column} = ${value} AND other.id <> ${showId})`);
}

async function byExternalId(deps: SyncDeps, ref: TitleRef): Promise<TitleMatch | null> {
  const tmdb = deps.providers.tmdb;
  if (!tmdb) return null;
  const lookups: [string, 'tvdb_id' | 'imdb_id', string][] = [];
  if (ref.ids.tvdb && ref.mediaType === 'tv') lookups.push([String(ref.ids.tvdb), 'tvdb_id', 'TVDB id via TMDB']);
  if (ref.ids.imdb) lookups.push([ref.ids.imdb, 'imdb_id', 'IMDb id via TMDB']);
  for (const [id, source, how] of lookups) {
    const summaries = (await tmdb.find(id, source)).filter((summary) => summary.mediaType === ref.mediaType);
    if (!summaries.length) continue;
    const ids = await upsertSummaries(deps.db, summaries);
    const showId = ids.get(`${ref.mediaType}:${summaries[0]!.tmdbId}`);
    if (showId) {
      await rememberId(deps.db, showId, source, id);
      return matched(showId, how);
    }
  }
  return null;
}

/**
 * Our title for `ref`: the catalog by id, TMDB by id, TMDB's find by TVDB or
 * IMDb id, then TMDB's search by title and year. Provider failures are thrown
 * (the job retries later); a title nobody knows is `unmatched` with the reason.
 */
export async function matchTitle(deps: SyncDeps, ref: TitleRef): Promise<TitleMatch> {
  const local = await localByIds(deps.db, ref);
  if (local) return matched(local, 'id already in the catalog');
  if (ref.ids.tmdb && deps.providers.tmdb) return fromTmdbId(deps, ref, ref.ids.tmdb);
  const external = await byExternalId(deps, ref);
  if (external) return external;
  const title = await byTitle(deps, ref);
  const hadIds = Boolean(ref.ids.tvdb || ref.ids.imdb);
  if (title.status === 'unmatched' && hadIds) return { ...title, how: `TMDB knows none of its ids (${describeIds(ref)}). ${title.how}` };
  return title;
}

const describeIds = (ref: TitleRef) =>
  Object.entries(ref.ids)
    .filter(([, value]) => value)
    .map(([source, value]) => `${source} ${value}`)
    .join(', ');

/** Fetches a matched show's seasons and episodes once, so its watches can be placed on them. */
export async function ensureEpisodes(deps: SyncDeps, showId: string): Promise<void> {
  const [row] = await deps.db.select({ detailsSyncedAt: shows.detailsSyncedAt }).from(shows).where(eq(shows.id, showId));
  if (row && !row.detailsSyncedAt) {
    try {
      await syncShow(deps, showId, 'import');
    } catch (error) {
      if (!(error instanceof TitleNotFound)) throw error;
    }
  }
}
