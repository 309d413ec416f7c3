// Up Next's page cursor, opaque to clients: base64url of the JSON of the last
// item's sort keys (latest watch in microseconds, title, show id), so the next
// page starts right after it whatever was marked in between.
import type { UpNextCursor, UpNextRow } from './up-next.query.ts';

/** The cursor after `row`: base64url of its sort keys. */
export function encodeCursor(row: UpNextRow): string {
  const keys: [string | null, string, string] = [row.sort_us, row.show_title, row.show_id];
  return btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(keys))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The cursor's keys, or null when it is not one this API wrote. */
export function decodeCursor(cursor: string): UpNextCursor | null {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const keys: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    if (!Array.isArray(keys) || keys.length !== 3) return null;
    const [sortUs, title, showId] = keys as unknown[];
    if (!(sortUs === null || (typeof sortUs === 'string' && /^-?\d{1,19}$/.test(sortUs)))) return null;
    if (typeof title !== 'string' || typeof showId !== 'string') return null;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(showId)) return null;
    return { sortUs, title, showId };
  } catch {
    return null;
  }
}
