// TV Time's GDPR export (`gdpr-data.zip`): about fifty CSVs, one per backend
// table, named inconsistently between exports (read by normalised basename,
// columns by header name). Episode history is spread over the v2 tracking
// log (TVDB ids), the older v1 log and name-keyed logs that carry only a show
// name; the same watch often appears in several of them and is kept once
// per show, episode and instant. Films have no external id, only TV Time's
// uuid and a title. Counters (`ep_watch_count`, `nb_episodes_seen`, rewatch
// counts) never become watches: they lack times, and trusting them has been
// seen to invent episodes.
import { firstOf, type CsvTable } from '../archive/csv.ts';
import { ImportFileError, normalizedName, type ImportFile, type ImportRecord, type ParsedImport, type TitleRef, type When } from '../records.ts';
import {
  boolOf,
  episodeRef,
  FirstByKey,
  Follows,
  headerOf,
  movieRef,
  nameKey,
  noteRagged,
  Notices,
  numberOf,
  showRef,
  tableOf,
  titleKey,
  tvdbOf,
  unreadableTime,
  Watches,
  whenOf,
  withWhen,
  yearOf,
} from './tvtime-common.ts';

type Member = 'v2' | 'v1' | 'followed' | 'showData' | 'specialStatus' | 'showRate' | 'episodeLog' | 'rewatchCounts' | 'votes' | 'lists';

/**
 * The allow-list: the only members ever decompressed or read. Everything
 * else in the archive (access and refresh tokens, password hashes, IP
 * addresses, devices, personal data, emotions, comments) stays unread.
 */
const MEMBERS: Record<string, Member> = {
  trackingprodrecordsv2csv: 'v2',
  trackingprodrecordscsv: 'v1',
  followedtvshowcsv: 'followed',
  usertvshowdatacsv: 'showData',
  usershowspecialstatuscsv: 'specialStatus',
  tvshowratecsv: 'showRate',
  seenepisodecsv: 'episodeLog',
  seenepisodesourcecsv: 'episodeLog',
  seenepisodeunitariancsv: 'episodeLog',
  watchedonepisodecsv: 'episodeLog',
  rewatchedepisodecsv: 'rewatchCounts',
  ratingslivevotescsv: 'votes',
  ratingsv2prodvotescsv: 'votes',
  ratings3prodepisodevotescsv: 'votes',
  ratingsprodepisodevotescsv: 'votes',
  listsprodlistscsv: 'lists',
};

/** Which media file a member is, by normalised basename, allowing a hash prefix (one with a digit in it). */
function memberOf(path: string): Member | undefined {
  const name = normalizedName(path);
  if (MEMBERS[name]) return MEMBERS[name];
  for (const [known, member] of Object.entries(MEMBERS)) {
    if (name.endsWith(known) && /\d/.test(name.slice(0, -known.length))) return member;
  }
  return undefined;
}

/** Whether an archive member may be decompressed: only the media files this parser reads. */
export function keepMember(path: string): boolean {
  return memberOf(path) !== undefined;
}

/** Whether a member is one of TV Time's tracking logs, by name: what marks a GDPR archive before anything is read. */
export const isTrackingLog = (path: string) => {
  const member = memberOf(path);
  return member === 'v1' || member === 'v2';
};

/** A tracking log under another name, by its columns. */
function trackingByHeader(header: string[]): Member | undefined {
  const has = (name: string) => header.includes(name);
  if (has('s_id') && (has('key') || (has('created_at') && (has('season_number') || has('s_no'))))) return 'v2';
  if (has('entity_type') && has('type') && (has('type-uuid-n') || has('series_uuid') || has('alpha_range_key') || has('watch_date'))) return 'v1';
  return undefined;
}

/** The column a member must have to be the file we know (a lone hash-named CSV of the right name is not enough). */
const SIGNATURE: Record<Member, string[]> = {
  v2: ['s_id', 'key'],
  v1: ['entity_type'],
  followed: ['tv_show_id'],
  showData: ['tv_show_id'],
  specialStatus: ['status'],
  showRate: ['rating'],
  episodeLog: ['tv_show_name'],
  rewatchCounts: ['tv_show_name'],
  votes: ['vote_key'],
  lists: ['objects'],
};

function classify(file: ImportFile): Member | undefined {
  const member = memberOf(file.name);
  const header = headerOf(file);
  if (member) return SIGNATURE[member].some((column) => header.includes(column)) ? member : undefined;
  return trackingByHeader(header);
}

export function detect(files: ImportFile[]): boolean {
  return files.some((file) => classify(file) !== undefined);
}

/** A title as its slug spells it: no accents, case or punctuation. */
const plain = (title: string) =>
  title.normalize('NFKD').replace(/\p{M}|['’]/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

// TV Time's `stars_wording_scalev2` set, doubled to our 1-10; other vote ids mean something else and are skipped.
const VOTE_SCORE: Record<string, number> = { '1': 2, '27': 4, '28': 6, '29': 8, '3': 10 };

interface Film {
  ref: TitleRef;
  /** TV Time's per-film uuid, what tells two films of one title apart. */
  uuid?: string;
}

class GdprImport {
  readonly notices = new Notices();
  readonly watches = new Watches();
  private readonly tables = new Map<Member, { file: ImportFile; table: CsvTable }[]>();
  /** Show names to TVDB ids, from every file that carries both; a name with two ids is no use. */
  private readonly showIds = new Map<string, number | null>();
  /** And TVDB ids to a name, for the rows that give only the id. */
  private readonly showNames = new Map<number, string>();
  private readonly films = new Map<string, Film>();
  private readonly follows = new Follows();
  private readonly watchlist = new FirstByKey();
  private readonly ratings = new FirstByKey();
  private readonly listEntries = new FirstByKey();
  /** TV Time's own count of watched episodes per TVDB show. */
  private readonly counted = new Map<number, number>();
  /** Shows archived in TV Time (finished or dropped): their watches are imported, a follow only if a favourite. */
  private readonly archived = new Set<number>();
  private readonly archivedSkipped = new Set<number>();

  constructor(files: ImportFile[]) {
    for (const file of files) {
      const member = classify(file);
      if (!member) continue;
      const table = tableOf(file);
      noteRagged(this.notices, file, table);
      this.tables.set(member, [...(this.tables.get(member) ?? []), { file, table }]);
    }
  }

  private *each(member: Member): Generator<Record<string, string>> {
    for (const { table } of this.tables.get(member) ?? []) yield* table.rows;
  }

  get empty() {
    return this.tables.size === 0;
  }

  run(): ParsedImport {
    this.learnShows();
    this.learnFilms();
    this.readV2();
    this.readV1();
    this.readEpisodeLogs();
    this.readFollowedShows();
    this.readShowData();
    this.readSpecialStatus();
    this.readShowRatings();
    this.readVotes();
    this.readLists();
    this.noteArchived();
    this.noteCounters();
    const records: ImportRecord[] = [
      ...this.watches.records,
      ...this.follows.records(),
      ...this.watchlist.records(),
      ...this.ratings.records(),
      ...this.listEntries.records(),
    ];
    return { format: 'tvtime-gdpr', records, notices: this.notices.list() };
  }

  private learnShows() {
    const learn = (name: string | undefined, id: number | undefined) => {
      if (!name || !id) return;
      if (!this.showNames.has(id)) this.showNames.set(id, name);
      const key = nameKey(showRef({}, name).title ?? name);
      const known = this.showIds.get(key);
      this.showIds.set(key, known === undefined || known === id ? id : null);
    };
    for (const row of this.each('v2')) learn(firstOf(row, 'series_name'), tvdbOf(firstOf(row, 's_id')));
    for (const row of this.each('v1')) learn(firstOf(row, 'series_name'), tvdbOf(firstOf(row, 'series_id')));
    for (const member of ['followed', 'showData', 'specialStatus', 'showRate'] as const) {
      for (const row of this.each(member)) learn(firstOf(row, 'tv_show_name'), tvdbOf(firstOf(row, 'tv_show_id')));
    }
    const archive = (id: number | undefined) => id && this.archived.add(id);
    for (const row of this.each('v2')) if (boolOf(row.is_archived)) archive(tvdbOf(firstOf(row, 's_id')));
    for (const row of this.each('followed')) if (boolOf(row.archived)) archive(tvdbOf(firstOf(row, 'tv_show_id')));
  }

  /**
   * A show from a file's id and name. An id alone gets the name other files
   * give it; a name alone gets the id, when only one show has that name.
   */
  private show(id: number | undefined, name: string | undefined): TitleRef {
    const ref = showRef({ tvdb: id }, name ?? (id ? this.showNames.get(id) : undefined));
    if (ref.ids.tvdb || !ref.title) return ref;
    const known = this.showIds.get(nameKey(ref.title));
    return known ? { ...ref, ids: { tvdb: known } } : ref;
  }

  /**
   * A v1 film row. `movie_name` is in the account's language; the English
   * title rebuilt from the `alpha_range_key` slug finds films far better,
   * so it wins unless the two are the same title (then `movie_name` keeps
   * its capitals and punctuation).
   */
  private film(row: Record<string, string>): Film | undefined {
    const name = firstOf(row, 'movie_name');
    const slug = firstOf(row, 'alpha_range_key')?.replace(/^[a-z_]+-alpha-/, '').replaceAll('-', ' ').trim();
    const title = slug && (!name || plain(name) !== plain(slug)) ? slug : name;
    if (!title) return undefined;
    const uuid = firstOf(row, 'uuid');
    return { ref: movieRef({}, title, yearOf(firstOf(row, 'release_date'))), ...(uuid ? { uuid } : {}) };
  }

  private learnFilms() {
    for (const row of this.each('v1')) {
      if (firstOf(row, 'entity_type') !== 'movie') continue;
      const film = this.film(row);
      if (film?.uuid && !this.films.has(film.uuid)) this.films.set(film.uuid, film);
    }
  }

  private watchWhen(primary: string | undefined, ...fallbacks: (string | undefined)[]): When {
    for (const value of [primary, ...fallbacks]) {
      const when = whenOf(value);
      if (when) return when;
    }
    if ([primary, ...fallbacks].some((value) => unreadableTime(value, null))) {
      this.notices.count('{n} watch record{s} had an unreadable time and {were} imported without one');
    }
    return null;
  }

  private addEpisode(show: TitleRef, season: number | undefined, number: number | undefined, episodeId: number | undefined, when: When) {
    if (!show.ids.tvdb && !show.title && !episodeId) return this.notices.count('{n} episode watch record{s} named no show and {were} skipped');
    if (!episodeId && (season === undefined || number === undefined)) {
      return this.notices.count('{n} episode watch record{s} named no episode and {were} skipped');
    }
    this.watches.episode(show, episodeRef({ tvdb: episodeId }, season, number), when);
  }

  private readV2() {
    for (const { table } of this.tables.get('v2') ?? []) {
      const keyed = table.header.includes('key');
      for (const row of table.rows) {
        const key = firstOf(row, 'key') ?? '';
        const id = tvdbOf(firstOf(row, 's_id'));
        // The minimal converted export has no `key`: every row is a watch.
        if (!keyed || key.startsWith('watch-episode-') || key.startsWith('rewatch-episode-')) {
          const gsi = /^watch-episode-(\d+)$/.exec(firstOf(row, 'gsi') ?? '')?.[1];
          this.addEpisode(
            this.show(id, firstOf(row, 'series_name')),
            numberOf(firstOf(row, 's_no', 'season_number')),
            numberOf(firstOf(row, 'ep_no', 'episode_number')),
            tvdbOf(firstOf(row, 'ep_id', 'episode_id')),
            this.watchWhen(firstOf(row, 'created_at'), gsi),
          );
        } else if (key.startsWith('user-series-') && id) {
          this.count(id, firstOf(row, 'ep_watch_count'));
          const show = this.show(id, firstOf(row, 'series_name'));
          // `followed_at` (µs) is often blank; the row's own `created_at` is when the show was added.
          if (boolOf(row.is_followed)) this.follow(show, false, whenOf(firstOf(row, 'followed_at', 'created_at')));
          if (boolOf(row.is_for_later) && !this.archived.has(id)) this.toWatchlist(show);
        }
      }
    }
  }

  private readV1() {
    let rewatches = 0;
    const watched = new Set<string>();
    for (const row of this.each('v1')) {
      const entity = firstOf(row, 'entity_type');
      const type = firstOf(row, 'type');
      const watchDate = firstOf(row, 'watch_date') ?? /^watch-date-(\d+)$/.exec(firstOf(row, 'watch_date_range_key') ?? '')?.[1];
      if (entity === 'episode' && type === 'watch') {
        this.addEpisode(
          this.show(tvdbOf(firstOf(row, 'series_id')), firstOf(row, 'series_name')),
          numberOf(firstOf(row, 'season_number')),
          numberOf(firstOf(row, 'episode_number')),
          tvdbOf(firstOf(row, 'episode_id')),
          this.watchWhen(watchDate, firstOf(row, 'created_at')),
        );
      } else if (entity === 'movie') {
        const film = this.film(row);
        if (type === 'rewatch') rewatches += 1;
        if (type !== 'watch' && type !== 'towatch') continue;
        if (!film) {
          this.notices.count('{n} film row{s} had no title and {were} skipped');
          continue;
        }
        const identity = film.uuid ?? `title:${nameKey(film.ref.title!)}`;
        if (type === 'watch') {
          watched.add(identity);
          this.watches.movie(identity, film.ref, this.watchWhen(watchDate, firstOf(row, 'created_at')));
        } else {
          this.watchlist.add(`movie:${identity}`, { kind: 'watchlist', title: film.ref, ...withWhen(whenOf(firstOf(row, 'created_at'))) });
        }
      }
    }
    // A film with both a `watch` and a `towatch` row is watched, not still to watch.
    for (const identity of watched) this.watchlist.delete(`movie:${identity}`);
    this.notices.count('{n} film rewatch record{s} without a reliable time {were} not made into extra watches', rewatches);
  }

  /** `seen_episode*.csv`, `watched_on_episode.csv`: a show name, episode numbers and `episode_id` (TVDB). */
  private readEpisodeLogs() {
    for (const row of this.each('episodeLog')) {
      this.addEpisode(
        this.show(tvdbOf(firstOf(row, 'tv_show_id')), firstOf(row, 'tv_show_name')),
        numberOf(firstOf(row, 'episode_season_number', 'season_number')),
        numberOf(firstOf(row, 'episode_number')),
        tvdbOf(firstOf(row, 'episode_id')),
        this.watchWhen(firstOf(row, 'created_at'), firstOf(row, 'updated_at')),
      );
    }
    let counted = 0;
    for (const row of this.each('rewatchCounts')) if ((numberOf(firstOf(row, 'cpt')) ?? 0) > 0) counted += 1;
    this.notices.count('{n} TV Time rewatch count{s} without times {were} not made into extra watches', counted);
  }

  private follow(show: TitleRef, favorite: boolean, when: When) {
    const id = show.ids.tvdb;
    if (id && !favorite && this.archived.has(id)) this.archivedSkipped.add(id);
    else this.follows.add(show, favorite, when);
  }

  private toWatchlist(title: TitleRef, when: When = null) {
    this.watchlist.add(titleKey(title), { kind: 'watchlist', title, ...withWhen(when) });
  }

  private readFollowedShows() {
    for (const row of this.each('followed')) {
      const id = tvdbOf(firstOf(row, 'tv_show_id'));
      if (!id || boolOf(row.active) === false) continue;
      this.follow(this.show(id, firstOf(row, 'tv_show_name')), false, whenOf(firstOf(row, 'created_at')));
    }
  }

  private readShowData() {
    for (const row of this.each('showData')) {
      const id = tvdbOf(firstOf(row, 'tv_show_id'));
      if (!id) continue;
      const favorite = boolOf(row.is_favorited) ?? false;
      if (favorite || boolOf(row.is_followed)) this.follow(this.show(id, firstOf(row, 'tv_show_name')), favorite, null);
      this.count(id, firstOf(row, 'nb_episodes_seen'));
    }
  }

  private readSpecialStatus() {
    for (const row of this.each('specialStatus')) {
      const id = tvdbOf(firstOf(row, 'tv_show_id'));
      if (!id) continue;
      const show = this.show(id, firstOf(row, 'tv_show_name'));
      const when = whenOf(firstOf(row, 'created_at'));
      const status = firstOf(row, 'status');
      if (status === 'favorite') this.follow(show, true, when);
      else if (status === 'for_later') this.toWatchlist(show, when);
    }
  }

  private rate(key: string, record: ImportRecord) {
    this.ratings.add(key, record);
  }

  /** `tv_show_rate.csv`: 0-5 with decimals, doubled; 0 is no rating. */
  private readShowRatings() {
    for (const row of this.each('showRate')) {
      const id = tvdbOf(firstOf(row, 'tv_show_id'));
      const value = Number(firstOf(row, 'rating'));
      if (!id || !Number.isFinite(value) || value === 0) continue;
      const rating = Math.round(value * 2);
      if (value < 0 || value > 5 || rating < 1) {
        this.notices.count('{n} show rating{s} outside 0-5 {were} skipped');
        continue;
      }
      const when = whenOf(firstOf(row, 'updated_at', 'created_at'));
      this.rate(`show:${id}`, { kind: 'rating', title: this.show(id, firstOf(row, 'tv_show_name')), rating, ...withWhen(when) });
    }
  }

  /**
   * Star votes: the rating is the last segment of `vote_key`. `episode_id`
   * 0 is a film vote, joined to the v1 film by TV Time's uuid.
   */
  private readVotes() {
    let unknown = 0;
    let unmatched = 0;
    for (const row of this.each('votes')) {
      const voteKey = firstOf(row, 'vote_key');
      if (!voteKey) continue;
      const rating = VOTE_SCORE[voteKey.split('-').at(-1) ?? ''];
      if (!rating) {
        unknown += 1;
        continue;
      }
      const extra = withWhen(whenOf(firstOf(row, 'updated_at', 'created_at')));
      const episodeId = tvdbOf(firstOf(row, 'episode_id'));
      if (episodeId) {
        const episode = episodeRef({ tvdb: episodeId }, numberOf(firstOf(row, 'season_number')), numberOf(firstOf(row, 'episode_number')));
        const show = this.show(undefined, firstOf(row, 'series_name'));
        this.rate(`episode:${episodeId}`, { kind: 'rating', title: show, episode, rating, ...extra });
        continue;
      }
      const uuid = firstOf(row, 'uuid') ?? voteKey.split('-').slice(0, 5).join('-');
      const name = firstOf(row, 'movie_name');
      const film = this.films.get(uuid)?.ref ?? (name ? movieRef({}, name) : undefined);
      if (!film) {
        unmatched += 1;
        continue;
      }
      this.rate(`movie:${this.films.has(uuid) ? uuid : nameKey(name!)}`, { kind: 'rating', title: film, rating, ...extra });
    }
    this.notices.count('{n} TV Time vote{s} of an unknown kind (not 1-5 stars) {were} skipped', unknown);
    this.notices.count('{n} film vote{s} could not be tied to a film and {were} skipped', unmatched);
  }

  /**
   * `lists-prod-lists.csv`: one row per list, its items a Go map dump
   * (`[map[created_at:1.707766149e+09 id:999001 type:series] map[… type:movie uuid:…]]`).
   * Series carry a TVDB id; films only TV Time's uuid, joined to the v1 films.
   */
  private readLists() {
    let unmatched = 0;
    for (const row of this.each('lists')) {
      const type = firstOf(row, 'type');
      const objects = firstOf(row, 'objects');
      if (type === 'collection' || !objects) continue;
      const list = firstOf(row, 'name') ?? firstOf(row, 's_key') ?? 'TV Time list';
      for (const [, body] of objects.matchAll(/map\[([^\]]*)\]/g)) {
        const fields = Object.fromEntries([...body!.matchAll(/(\w+):(\S*)/g)].map(([, key, value]) => [key!, value!]));
        const extra = withWhen(whenOf(fields.created_at));
        const id = tvdbOf(fields.id);
        const film = fields.uuid ? this.films.get(fields.uuid) : undefined;
        const title = fields.type === 'series' && id ? this.show(id, undefined) : fields.type === 'movie' ? film?.ref : undefined;
        if (title) this.listEntries.add(`${list}|${titleKey(title)}`, { kind: 'list_entry', list, title, ...extra });
        else unmatched += 1;
      }
    }
    this.notices.count('{n} list item{s} could not be tied to a show or film and {were} skipped', unmatched);
  }

  private count(id: number, value: string | undefined) {
    const count = numberOf(value);
    if (count !== undefined) this.counted.set(id, Math.max(count, this.counted.get(id) ?? 0));
  }

  private noteArchived() {
    const unfollowed = [...this.archivedSkipped].filter((id) => !this.follows.has(showRef({ tvdb: id })));
    this.notices.count('{n} show{s} archived in TV Time {were} not followed (their watches are imported)', unfollowed.length);
  }

  /** TV Time's counters, compared with the watches found; never used to make watches. */
  private noteCounters() {
    let shows = 0;
    let missing = 0;
    for (const [id, count] of this.counted) {
      const found = this.watches.episodesByShow.get(id)?.size ?? 0;
      if (count > found) {
        shows += 1;
        missing += count - found;
      }
    }
    if (shows > 0) {
      this.notices.count(
        `TV Time counts ${missing} more watched episode${missing === 1 ? '' : 's'} than its export lists, over {n} show{s}; only the listed watches are imported`,
        shows,
      );
    }
  }
}

export function parse(files: ImportFile[]): ParsedImport {
  const gdpr = new GdprImport(files);
  if (gdpr.empty) throw new ImportFileError('unknown_format', 'No TV Time GDPR export file was found.');
  return gdpr.run();
}
