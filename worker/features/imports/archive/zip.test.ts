import { Zip, ZipDeflate, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type ImportFile, ImportFileError } from '../records.ts';
import {
  MAX_ARCHIVE_MEMBERS,
  MAX_COMPRESSION_RATIO,
  MAX_UNCOMPRESSED_BYTES,
  MAX_UPLOAD_BYTES,
  RATIO_CHECKED_ABOVE_BYTES,
  readUpload,
  writeZip,
} from './zip.ts';

const MiB = 1024 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const texts = (files: ImportFile[]) => files.map((file) => ({ name: file.name, text: decoder.decode(file.bytes) }));

/** The code of the ImportFileError a read fails with. */
async function failure(read: Promise<unknown>): Promise<ImportFileError> {
  const error = await read.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

interface HeaderPatch {
  flags?: number;
  method?: number;
  crc?: number;
  compressedSize?: number;
  size?: number;
}

/** A copy of an archive (fflate's: no comment, no ZIP64) with fields of one member rewritten in both its local header and its central directory entry. */
function patched(zip: Uint8Array, path: string, patch: HeaderPatch): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const end = out.length - 22;
  let at = view.getUint32(end + 16, true);
  for (let index = 0; index < view.getUint16(end + 10, true); index += 1) {
    const nameLength = view.getUint16(at + 28, true);
    if (decoder.decode(out.subarray(at + 46, at + 46 + nameLength)) === path) {
      // A central entry has the local header's fields two bytes later (after "version made by").
      for (const [header, shift] of [
        [view.getUint32(at + 42, true), 0],
        [at, 2],
      ] as const) {
        if (patch.flags !== undefined) view.setUint16(header + 6 + shift, patch.flags, true);
        if (patch.method !== undefined) view.setUint16(header + 8 + shift, patch.method, true);
        if (patch.crc !== undefined) view.setUint32(header + 14 + shift, patch.crc, true);
        if (patch.compressedSize !== undefined) view.setUint32(header + 18 + shift, patch.compressedSize, true);
        if (patch.size !== undefined) view.setUint32(header + 22 + shift, patch.size, true);
      }
      return out;
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`no ${path} in the archive`);
}

/** The central directory's declared sizes of one member of an fflate archive. */
function declaredSizes(zip: Uint8Array, path: string) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let at = view.getUint32(zip.length - 22 + 16, true);
  for (;;) {
    const nameLength = view.getUint16(at + 28, true);
    if (decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)) === path) {
      return { compressedSize: view.getUint32(at + 20, true), size: view.getUint32(at + 24, true) };
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
}

/** An archive of one member of `mebibytes` MiB of zeros, deflated a MiB at a time (never all in memory). */
function zeros(path: string, mebibytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let done = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) throw error;
    chunks.push(chunk);
    done = final;
  });
  const member = new ZipDeflate(path, { level: 6 });
  zip.add(member);
  const mebibyte = new Uint8Array(MiB);
  for (let index = 0; index < mebibytes; index += 1) member.push(mebibyte, index === mebibytes - 1);
  zip.end();
  expect(done).toBe(true);
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) crypto.getRandomValues(out.subarray(at, at + 65_536));
  return out;
}

/** `zip -fz` (Info-ZIP 3.0) of export/history.csv: ZIP64 end records and a ZIP64 extra field holding the size. */
const INFO_ZIP_ZIP64 =
  'UEsDBC0AAAAIAByhh12/utTr//////////8SABQAZXhwb3J0L2hpc3RvcnkuY3N2AQAQAGYAAAAAAAAAIwAAAAAAAABzSSzK1jEyMDLRNTAEIl4uFxQBI3QBY3QBE3QBU3QBM14uAFBLAQIeAy0AAAAIAByhh12/utTrIwAAAP////8SAAwAAAAAAAEAAACkgQAAAABleHBvcnQvaGlzdG9yeS5jc3YBAAgAZgAAAAAAAABQSwYGLAAAAAAAAAAeAy0AAAAAAAAAAAABAAAAAAAAAAEAAAAAAAAATAAAAAAAAABnAAAAAAAAAFBLBgcAAAAAswAAAAAAAAABAAAAUEsFBgAAAAABAAEATAAAAP////8AAA==';

const history = 'title,watched_at\r\nDark,2024-01-02T21:00:00Z\r\n';

describe('reading an upload', () => {
  it('reads back what writeZip wrote, file for file, folders in paths kept', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `${index},Show ${index % 97},2024-01-${String((index % 28) + 1).padStart(2, '0')}`);
    const files = [
      { name: 'history.csv', text: history },
      { name: 'lists/watchlist.csv', text: 'title\r\n"Amélie, le film"\r\n東京物語\r\n' },
      { name: 'deep/er/empty.csv', text: '' },
      { name: 'big/tracking.csv', text: rows.join('\r\n') },
    ];
    expect(texts(await readUpload(writeZip(files)))).toEqual(files);
  });

  it('reads stored and deflated members written by other tools, ZIP64 included', async () => {
    const json = encoder.encode('{"watched":[]}');
    const archive = zipSync({ 'trakt/watched.json': json, 'trakt/ratings.csv': [encoder.encode(history), { level: 0 }] });
    expect(texts(await readUpload(archive))).toEqual([
      { name: 'trakt/watched.json', text: '{"watched":[]}' },
      { name: 'trakt/ratings.csv', text: history },
    ]);

    const zip64 = Uint8Array.from(atob(INFO_ZIP_ZIP64), (char) => char.charCodeAt(0));
    const rows = [1, 2, 3, 4, 5, 6].map((day) => `Dark,2024-01-0${day}\r\n`).join('');
    expect(texts(await readUpload(zip64))).toEqual([{ name: 'export/history.csv', text: rows }]);
  });

  it('never hands back nor inflates the members the filter leaves out', async () => {
    const archive = zipSync({
      'tvtime/tracking-prod-records.csv': encoder.encode(history),
      'tvtime/access_token.csv': encoder.encode('token\r\nsecret\r\n'),
      'tvtime/ip_address.csv': encoder.encode('ip\r\n192.0.2.1\r\n'),
    });
    // Encrypted with an unknown method: reading it at all would fail.
    const unreadable = patched(archive, 'tvtime/access_token.csv', { flags: 1, method: 99 });
    expect((await failure(readUpload(unreadable))).code).toBe('password_protected');

    const asked: string[] = [];
    const keep = (path: string) => {
      asked.push(path);
      return !/access_token|ip_address/.test(path);
    };
    const read = await readUpload(unreadable, { keep });
    expect(texts(read)).toEqual([{ name: 'tvtime/tracking-prod-records.csv', text: history }]);
    expect(asked).toEqual(['tvtime/tracking-prod-records.csv', 'tvtime/access_token.csv', 'tvtime/ip_address.csv']);
  });

  it('skips folders and macOS junk, and never asks the filter about them', async () => {
    const bytes = encoder.encode(history);
    const archive = zipSync({
      export: { 'history.csv': bytes, '.DS_Store': bytes, seasons: { 'one.csv': bytes } },
      __MACOSX: { export: { '._history.csv': bytes } },
      '.DS_Store': bytes,
    } satisfies Zippable);
    const asked: string[] = [];
    const read = await readUpload(archive, { keep: (path) => asked.push(path) > 0 });
    expect(read.map((file) => file.name)).toEqual(['export/history.csv', 'export/seasons/one.csv']);
    expect(asked).toEqual(['export/history.csv', 'export/seasons/one.csv']);
  });

  it('hands back an upload that is not a ZIP as the one file, under its name', async () => {
    const csv = encoder.encode('PK,Title\r\n1,Dark\r\n');
    expect(await readUpload(csv, { name: 'ratings.csv', keep: () => false })).toEqual([{ name: 'ratings.csv', bytes: csv }]);
    expect(await readUpload(csv)).toEqual([{ name: 'upload', bytes: csv }]);
  });

  it('refuses an empty upload, and an archive with nothing but folders and junk, as empty', async () => {
    expect((await failure(readUpload(new Uint8Array(0), { name: 'history.csv' }))).code).toBe('empty_file');
    const hollow = zipSync({ export: {}, __MACOSX: { '._export': encoder.encode('x') } });
    expect((await failure(readUpload(hollow))).code).toBe('empty_file');
    expect((await failure(readUpload(zipSync({})))).code).toBe('empty_file');
  });

  it('refuses an upload over the size limit before reading it', async () => {
    const error = await failure(readUpload(new Uint8Array(MAX_UPLOAD_BYTES + 1)));
    expect(error.code).toBe('file_too_large');
    expect(error.message).toContain('at most 32 MB');
  });

  it('refuses an archive with an encrypted member as password-protected', async () => {
    const archive = zipSync({ 'history.csv': encoder.encode(history), 'ratings.csv': encoder.encode('rating\r\n8\r\n') });
    const error = await failure(readUpload(patched(archive, 'ratings.csv', { flags: 1 })));
    expect(error.code).toBe('password_protected');
    expect(error.message).toContain('re-zip it without a password');
  });

  it.each([
    ['missing its end', (zip: Uint8Array) => zip.subarray(0, zip.length - 10)],
    ['cut in half', (zip: Uint8Array) => zip.subarray(0, zip.length >> 1)],
    ['missing its beginning', (zip: Uint8Array) => zip.subarray(30)],
  ])('refuses an archive %s as malformed', async (_, cut) => {
    const archive = writeZip([
      { name: 'history.csv', text: history.repeat(50) },
      { name: 'ratings.csv', text: 'rating\r\n8\r\n' },
    ]);
    expect((await failure(readUpload(cut(archive)))).code).toBe('malformed_archive');
  });

  it('refuses a member whose bytes fail their checksum as malformed', async () => {
    const archive = writeZip([{ name: 'history.csv', text: history }]);
    expect((await failure(readUpload(patched(archive, 'history.csv', { crc: 0xdeadbeef })))).code).toBe('malformed_archive');
  });

  it('refuses a member whose compressed bytes are garbage as malformed', async () => {
    const archive = zipSync({ 'history.csv': encoder.encode(history.repeat(200)) });
    const { compressedSize } = declaredSizes(archive, 'history.csv');
    const garbled = archive.slice();
    // The deflate stream starts after the 30-byte local header and the 11-byte name.
    garbled.fill(0xff, 41, 41 + compressedSize);
    expect((await failure(readUpload(garbled))).code).toBe('malformed_archive');
  });

  it('refuses a member compressed with an unsupported method as malformed, naming it', async () => {
    const archive = zipSync({ 'history.csv': encoder.encode(history) });
    const error = await failure(readUpload(patched(archive, 'history.csv', { method: 12 })));
    expect(error.code).toBe('malformed_archive');
    expect(error.message).toContain('bzip2');
  });

  describe('zip bombs', () => {
    // 50 MiB of zeros deflate to about 50 KB, a ratio near 1000:1.
    const bomb = zeros('history.csv', 50);

    it('refuses a member inflating past the ratio limit', async () => {
      const { compressedSize, size } = declaredSizes(bomb, 'history.csv');
      expect(size).toBeGreaterThan(MAX_COMPRESSION_RATIO * compressedSize);
      expect((await failure(readUpload(bomb))).code).toBe('archive_too_large');
    });

    it('refuses a member inflating past the size its header declares, stopping there', async () => {
      const lying = patched(bomb, 'history.csv', { size: 1_000 });
      const error = await failure(readUpload(lying));
      expect(error.code).toBe('archive_too_large');
      expect(error.message).toContain('more than its header declares');
    });

    it('reads a dense member of up to the ratio floor', async () => {
      const [file] = await readUpload(zeros('blank.csv', RATIO_CHECKED_ABOVE_BYTES / MiB));
      expect(file?.bytes.length).toBe(RATIO_CHECKED_ABOVE_BYTES);
    });

    it('refuses members declaring more than the total limit together, before inflating any', async () => {
      const size = 300 * MiB;
      expect(2 * size).toBeGreaterThan(MAX_UNCOMPRESSED_BYTES);
      // Incompressible, so that each declared size stays under the ratio limit.
      const archive = zipSync({ 'a.csv': randomBytes(1_700_000), 'b.csv': randomBytes(1_700_000) }, { level: 1 });
      const inflated = patched(patched(archive, 'a.csv', { size }), 'b.csv', { size });
      expect(size).toBeLessThan(MAX_COMPRESSION_RATIO * declaredSizes(inflated, 'b.csv').compressedSize);
      // Had a.csv been inflated first, it would have been found short of its declared size.
      expect((await failure(readUpload(inflated))).code).toBe('archive_too_large');
    });
  });

  it('refuses an archive of more than the member limit, and reads one of exactly that many', async () => {
    const members = (count: number) =>
      zipSync(Object.fromEntries(Array.from({ length: count }, (_, index) => [`lists/${index}.csv`, encoder.encode(`${index}`)])));
    expect((await failure(readUpload(members(MAX_ARCHIVE_MEMBERS + 1)))).code).toBe('too_many_files');
    expect(await readUpload(members(MAX_ARCHIVE_MEMBERS))).toHaveLength(MAX_ARCHIVE_MEMBERS);
  });
});

describe('writing a ZIP', () => {
  it('refuses the same name twice', () => {
    expect(() =>
      writeZip([
        { name: 'history.csv', text: 'a' },
        { name: 'history.csv', text: 'b' },
      ]),
    ).toThrow('twice');
  });
});
