// Every import format, in the order their detectors are asked: the most
// specific content first. The upload's file name is never consulted.
import { isCalendarDate } from '../../../lib/local-time.ts';
import { ImportFileError, normalizedName, type ImportFile, type ImportRecord, type ParsedImport, type When } from '../records.ts';
import * as imdb from './imdb.ts';
import * as letterboxd from './letterboxd.ts';
import * as showtracker from './showtracker.ts';
import * as trakt from './trakt.ts';
import * as tvtimeGdpr from './tvtime-gdpr.ts';
import * as tvtimeLiberator from './tvtime-liberator.ts';
import * as tvtimeOut from './tvtime-out.ts';

interface Format {
  detect(files: ImportFile[]): boolean;
  parse(files: ImportFile[]): ParsedImport;
}

const FORMATS: Format[] = [showtracker, tvtimeGdpr, tvtimeLiberator, tvtimeOut, trakt, letterboxd, imdb];

/**
 * Members no import ever reads, whatever the archive: TV Time's GDPR archive
 * carries tokens, password hashes, IP addresses and personal data beside the
 * history.
 */
const NEVER_READ = [
  'access_token.csv',
  'refresh_token.csv',
  'auth-prod-login.csv',
  'ip_address.csv',
  'device_token.csv',
  'user_personal_data.csv',
  'gdpr_requests.csv',
  'device_data.csv',
].map(normalizedName);

/**
 * Whether the archive member at `path` may be decompressed at all
 * (archive/zip.ts `keep`). In a TV Time GDPR archive (it has a tracking log)
 * only the media files its parser reads, an allow-list; anywhere, never the
 * members above.
 */
export function mayRead(path: string, paths: readonly string[]): boolean {
  if (NEVER_READ.some((name) => normalizedName(path).endsWith(name))) return false;
  return paths.some(tvtimeGdpr.isTrackingLog) ? tvtimeGdpr.keepMember(path) : true;
}

/** An instant Postgres takes as written (ISO 8601 in UTC), or a real calendar day. */
function readable(when: When | undefined): boolean {
  if (!when) return true;
  if ('on' in when) return isCalendarDate(when.on);
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(when.at) ? Date.parse(when.at) : NaN;
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === when.at.slice(0, 19);
}

/**
 * Every parser's times, checked once before anything is stored: a time no
 * calendar has (30 February, hour 25) becomes unknown, with a notice, instead
 * of failing the write half-way.
 */
function withReadableTimes(parsed: ParsedImport): ParsedImport {
  let unreadable = 0;
  const records = parsed.records.map((record) => {
    if (readable(record.when)) return record;
    unreadable += 1;
    return { ...record, when: null } as ImportRecord;
  });
  const notice = `${unreadable} ${unreadable === 1 ? 'entry has a date' : 'entries have dates'} no calendar has; ${unreadable === 1 ? 'it was' : 'they were'} kept without a date.`;
  return unreadable ? { ...parsed, records, notices: [...parsed.notices, notice] } : parsed;
}

/** The upload's records, by the first format whose detector recognises its content. */
export function parseUpload(files: ImportFile[]): ParsedImport {
  const format = FORMATS.find((candidate) => candidate.detect(files));
  if (!format) {
    throw new ImportFileError(
      'unknown_format',
      'This file is not an export we can read. ShowTracker imports the TV Time GDPR export, TV Time Liberator and TV Time Out exports, the Trakt data export, IMDb ratings and list CSVs, the Letterboxd export and its own export.',
    );
  }
  return withReadableTimes(format.parse(files));
}
