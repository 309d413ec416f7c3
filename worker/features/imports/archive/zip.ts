// Uploads that may be ZIP archives (TV Time's GDPR export, Trakt's and
// Letterboxd's exports are), and the ZIP of the CSV export.
//
// Reading parses the central directory here rather than with fflate's unzip:
// the checks need what unzip does not give (the encryption flag, the CRC,
// the member count before anything is read), and unzipSync trusts a member's
// declared size and keeps inflating past it. Inflating is fflate's streaming
// Inflate, fed 8 KiB at a time: even deflate's densest output (1032:1) makes
// that at most 8 MiB, so a member lying about its size is stopped that close
// to it. The runtime's DecompressionStream inflates each written chunk whole,
// with no backpressure, so it could not stop a bomb early. Writing is
// fflate's zipSync. Layout: the ZIP specification (PKWARE APPNOTE 6.3),
// sections 4.3.7 (local header), 4.3.12 (central directory), 4.3.14-4.3.16
// (ZIP64 and end records), 4.5.3 (ZIP64 extra field).

import { Inflate, zipSync } from 'fflate';
import { type ImportFile, ImportFileError } from '../records.ts';

const MiB = 1024 * 1024;

/** The largest upload read at all, archive or not. */
export const MAX_UPLOAD_BYTES = 32 * MiB;
/** The most entries an archive may list, directories and skipped members included. */
export const MAX_ARCHIVE_MEMBERS = 2_000;
/** The most the members read may inflate to, together: a Worker has 128 MB of memory, and a member briefly takes twice its size. */
export const MAX_UNCOMPRESSED_BYTES = 96 * MiB;
/** A member inflating to more than this many times its packed size is a zip bomb… */
export const MAX_COMPRESSION_RATIO = 200;
/** …once it inflates to more than this (small files of one repeated byte are innocent). */
export const RATIO_CHECKED_ABOVE_BYTES = 1 * MiB;

export interface ReadUploadOptions {
  /** The uploaded file's name, given to an upload that is not an archive (else `upload`). */
  name?: string;
  /**
   * Which archive members to read, by their path in the archive (and every
   * member's path, to tell what kind of archive it is); the others are never
   * inflated nor checked (TV Time's archive holds access tokens and IP
   * addresses). Not asked for an upload that is not an archive.
   */
  keep?: (path: string, paths: readonly string[]) => boolean;
}

/**
 * The files of an upload: an archive's members (path and inflated bytes, in
 * archive order; directories and macOS's `__MACOSX/`, `.DS_Store` and `._*`
 * left out), or the upload itself when it is not a ZIP, told by its bytes.
 */
export async function readUpload(bytes: Uint8Array, options: ReadUploadOptions = {}): Promise<ImportFile[]> {
  if (bytes.length === 0) throw new ImportFileError('empty_file', 'The file is empty.');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new ImportFileError(
      'file_too_large',
      `The file is ${megabytes(bytes.length)}; an upload can be at most ${megabytes(MAX_UPLOAD_BYTES)}.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endRecord(view);
  const zip = end !== undefined || (bytes.length >= 4 && view.getUint32(0, true) === LOCAL_HEADER);
  if (!zip) return [{ name: options.name ?? 'upload', bytes }];
  if (end === undefined) throw damaged('its table of contents at the end is missing, as when a download is cut short');

  const keep = options.keep ?? (() => true);
  const members = centralDirectory(view, end).filter((member) => !member.path.endsWith('/') && !isJunk(member.path));
  if (members.length === 0) throw new ImportFileError('empty_file', 'The archive has no files in it.');
  const paths = members.map((member) => member.path);
  const read = members.filter((member) => keep(member.path, paths));

  // Everything the central directory declares is checked before anything is
  // inflated; inflating then holds each member to its declared size.
  let declared = 0;
  for (const member of read) {
    if (member.flags & ENCRYPTED) throw passwordProtected(member.path);
    if (member.method !== STORED && member.method !== DEFLATED) {
      const method = METHOD_NAMES[member.method] ?? `method ${member.method}`;
      throw new ImportFileError(
        'malformed_archive',
        `“${member.path}” is compressed with ${method}, which we cannot read; zip the files again with ordinary (Deflate) compression.`,
      );
    }
    if (member.method === STORED && member.compressedSize !== member.size) throw damaged(`the sizes of “${member.path}” disagree`);
    if (tooDense(member.size, member.compressedSize)) throw bomb(member.path);
    declared += member.size;
    if (declared > MAX_UNCOMPRESSED_BYTES) throw tooLarge();
  }
  return read.map((member) => ({ name: member.path, bytes: contents(bytes, view, member) }));
}

/** A ZIP of text files (UTF-8, deflated), e.g. the CSV export; names may hold folders (`lists/watchlist.csv`). */
export function writeZip(files: { name: string; text: string }[]): Uint8Array {
  const encoder = new TextEncoder();
  const entries: Record<string, Uint8Array> = Object.create(null);
  for (const { name, text } of files) {
    if (Object.hasOwn(entries, name)) throw new Error(`writeZip: "${name}" given twice`);
    entries[name] = encoder.encode(text);
  }
  return zipSync(entries, { level: 6 });
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_RECORD = 0x06054b50;
const ZIP64_END_RECORD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const STORED = 0;
const DEFLATED = 8;
/** General-purpose flag bits 0 (encrypted) and 6 (strong encryption). */
const ENCRYPTED = 0x0001 | 0x0040;
const METHOD_NAMES: Record<number, string> = {
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  98: 'PPMd',
};
/** Compressed bytes inflated at a time; see the header. */
const INFLATE_SLICE = 8 * 1024;

interface Member {
  path: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

interface EndRecord {
  offset: number;
  entries: number;
  directoryOffset: number;
  directorySize: number;
}

/** The end-of-central-directory record: the last signature whose comment ends the file exactly. */
function endRecord(view: DataView): EndRecord | undefined {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at -= 1) {
    if (view.getUint32(at, true) !== END_RECORD || at + 22 + view.getUint16(at + 20, true) !== view.byteLength) continue;
    return {
      offset: at,
      entries: view.getUint16(at + 10, true),
      directorySize: view.getUint32(at + 12, true),
      directoryOffset: view.getUint32(at + 16, true),
    };
  }
  return undefined;
}

/** Every entry of the central directory, after the limits on the archive as a whole. */
function centralDirectory(view: DataView, end: EndRecord): Member[] {
  let { entries, directoryOffset, directorySize } = end;
  let directoryEnd = end.offset;
  const disks = [view.getUint16(end.offset + 4, true), view.getUint16(end.offset + 6, true)];
  let entriesHere = view.getUint16(end.offset + 8, true);
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = end.offset - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) throw damaged('its ZIP64 end record is missing');
    const record = uint64(view, locator + 8);
    if (record + 56 > locator || view.getUint32(record, true) !== ZIP64_END_RECORD) throw damaged('its ZIP64 end record is missing');
    disks.push(view.getUint32(locator + 4, true), view.getUint32(record + 16, true), view.getUint32(record + 20, true));
    entriesHere = uint64(view, record + 24);
    entries = uint64(view, record + 32);
    directorySize = uint64(view, record + 40);
    directoryOffset = uint64(view, record + 48);
    directoryEnd = record;
  }
  if (disks.some((disk) => disk !== 0) || entriesHere !== entries) {
    throw new ImportFileError('malformed_archive', 'The archive is split into several parts; zip the export again as one file.');
  }
  if (entries > MAX_ARCHIVE_MEMBERS) {
    throw new ImportFileError(
      'too_many_files',
      `The archive holds ${entries.toLocaleString('en-US')} entries; an export archive has at most ${MAX_ARCHIVE_MEMBERS.toLocaleString('en-US')}.`,
    );
  }
  if (directoryOffset + directorySize > directoryEnd) throw damaged('its table of contents points past its end');

  const names = new TextDecoder();
  const members: Member[] = [];
  let at = directoryOffset;
  const stop = directoryOffset + directorySize;
  for (let index = 0; index < entries; index += 1) {
    if (at + 46 > stop || view.getUint32(at, true) !== CENTRAL_HEADER) throw damaged('its table of contents is cut short');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const next = at + 46 + nameLength + extraLength + view.getUint16(at + 32, true);
    if (next > stop) throw damaged('its table of contents is cut short');
    // Names are decoded as UTF-8 whether or not flag bit 11 says so: macOS
    // writes UTF-8 without it, and the names imports look for are ASCII.
    const raw = names.decode(new Uint8Array(view.buffer, view.byteOffset + at + 46, nameLength));
    const member: Member = {
      path: raw.replace(/\\/g, '/').replace(/^\/+/, ''),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    readZip64Extra(view, at + 46 + nameLength, extraLength, member);
    members.push(member);
    at = next;
  }
  return members;
}

/** Replaces the 0xFFFFFFFF sizes and offset with their 8-byte values from the ZIP64 extra field, in the order APPNOTE 4.5.3 gives. */
function readZip64Extra(view: DataView, start: number, length: number, member: Member) {
  const wide = (['size', 'compressedSize', 'localOffset'] as const).filter((field) => member[field] === 0xffffffff);
  if (wide.length === 0) return;
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA && size >= wide.length * 8 && at + 4 + size <= start + length) {
      wide.forEach((field, index) => {
        member[field] = uint64(view, at + 4 + index * 8);
      });
      return;
    }
    at += 4 + size;
  }
  throw damaged(`the ZIP64 sizes of “${member.path}” are missing`);
}

/** A member's bytes: copied when stored, inflated when deflated; never more than its declared size, and matching its CRC. */
function contents(bytes: Uint8Array, view: DataView, member: Member): Uint8Array {
  const local = member.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER) throw damaged(`“${member.path}” is not where its table of contents says`);
  if (view.getUint16(local + 6, true) & ENCRYPTED) throw passwordProtected(member.path);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const end = start + member.compressedSize;
  if (end > bytes.length) throw damaged(`“${member.path}” is cut short`);

  const output = member.method === STORED ? bytes.slice(start, end) : inflate(bytes.subarray(start, end), member);
  if (output.length !== member.size) throw damaged(`“${member.path}” is shorter than its header says`);
  if (crc32(output) !== member.crc) throw damaged(`“${member.path}” fails its checksum`);
  return output;
}

function inflate(data: Uint8Array, member: Member): Uint8Array {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > member.size) {
      throw new ImportFileError('archive_too_large', `“${member.path}” unpacks to more than its header declares, as zip bombs do.`);
    }
    if (chunk.length > 0) chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_SLICE) {
      inflater.push(data.subarray(at, at + INFLATE_SLICE), at + INFLATE_SLICE >= data.length);
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw damaged(`“${member.path}” cannot be decompressed`);
  }
  if (chunks.length === 1) return chunks[0]!;
  const output = new Uint8Array(produced);
  let at = 0;
  for (const chunk of chunks) {
    output.set(chunk, at);
    at += chunk.length;
  }
  return output;
}

function tooDense(size: number, compressedSize: number) {
  return size > RATIO_CHECKED_ABOVE_BYTES && size > MAX_COMPRESSION_RATIO * compressedSize;
}

const isJunk = (path: string) => {
  const parts = path.split('/');
  const base = parts.at(-1) ?? '';
  return parts.includes('__MACOSX') || base === '.DS_Store' || base.startsWith('._');
};

function uint64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged('it declares a ZIP64 size too large to be real');
  return Number(value);
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 as ZIP uses it (ISO 3309, reflected, polynomial 0xEDB88320). */
function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i += 1) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const megabytes = (bytes: number) => `${Number((bytes / MiB).toFixed(1))} MB`;

const damaged = (why: string) =>
  new ImportFileError('malformed_archive', `The archive is damaged or incomplete: ${why}. Download the export again and upload it as it came.`);

const passwordProtected = (path: string) =>
  new ImportFileError('password_protected', `“${path}” in the archive is password-protected; re-zip it without a password.`);

const bomb = (path: string) =>
  new ImportFileError(
    'archive_too_large',
    `“${path}” unpacks to far more than its packed size (over ${MAX_COMPRESSION_RATIO} times), as no real export does.`,
  );

const tooLarge = () =>
  new ImportFileError('archive_too_large', `The archive unpacks to more than ${megabytes(MAX_UNCOMPRESSED_BYTES)}.`);
