// The stand-in for TMDB's image CDN (`https://image.tmdb.org/t/p/{size}{file}`):
// a generated SVG per file, its colour from the file name, titled when the
// file is a catalog title's poster, backdrop or episode still, so the PWA
// shows recognisable posters offline.
import { type Reply, json } from './http.ts';
import type { Catalog } from './model.ts';
import { imagePath } from './providers/tmdb-render.ts';
import { hash } from './time.ts';

export const TMDB_IMAGES_PREFIX = '/tmdb-images';

/** TMDB's poster and still sizes; "original" is a real poster's width. */
const WIDTHS = new Map(Object.entries({ w92: 92, w154: 154, w185: 185, w342: 342, w500: 500, w780: 780, original: 2000 }));

type Shape = 'poster' | 'landscape';
interface Known {
  title: string;
  caption?: string;
  shape: Shape;
}

const LAYOUT = {
  poster: { width: 200, height: 300, fontSize: 22, lineChars: 14, maxLines: 6 },
  landscape: { width: 320, height: 180, fontSize: 20, lineChars: 26, maxLines: 3 },
} as const;

const indexes = new WeakMap<Catalog, Map<string, Known>>();

/** File name -> what it shows, for every image path the TMDB stand-in hands out (a mutation makes a new catalog). */
function knownImages(catalog: Catalog): Map<string, Known> {
  let index = indexes.get(catalog);
  if (index) return index;
  index = new Map();
  const add = (kind: string, id: number, known: Known) => index!.set(imagePath(kind, id), known);
  for (const { spec, seasons } of catalog.shows) {
    if (spec.bare) continue;
    add('poster', spec.tmdb, { title: spec.name, shape: 'poster' });
    add('backdrop', spec.tmdb, { title: spec.name, shape: 'landscape' });
    for (const season of seasons) {
      const caption = season.number === 0 ? 'Specials' : `Season ${season.number}`;
      add('season', season.ids.tmdb, { title: spec.name, caption, shape: 'poster' });
      for (const ep of season.episodes) {
        add('still', ep.ids.tmdb, { title: spec.name, caption: `S${ep.season}E${ep.number} · ${ep.name}`, shape: 'landscape' });
      }
    }
  }
  for (const { spec } of catalog.movies) {
    add('poster', -spec.tmdb, { title: spec.title, shape: 'poster' });
    add('backdrop', -spec.tmdb, { title: spec.title, shape: 'landscape' });
  }
  indexes.set(catalog, index);
  return index;
}

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Words onto lines of at most `width` characters; what does not fit ends in "…". */
function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word.length > width ? `${word.slice(0, width - 1)}…` : word);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/** A film strip: a frame between two rows of sprocket holes, 64 units square. */
const FILM_GLYPH =
  'M6 0h52a6 6 0 0 1 6 6v52a6 6 0 0 1-6 6H6a6 6 0 0 1-6-6V6a6 6 0 0 1 6-6z' +
  'M14 6v52h36V6z' +
  [8, 22, 36, 50].map((y) => `M3 ${y}h7v7H3zM54 ${y}h7v7h-7z`).join('');

function svg(file: string, pixelWidth: number, known: Known | undefined): string {
  const layout = LAYOUT[known?.shape ?? 'poster'];
  const { width, height } = layout;
  const hue = hash(file) % 360;
  const parts = [
    `<rect width="${width}" height="${height}" fill="hsl(${hue}, 45%, 30%)"/>`,
    `<rect y="${height * 0.6}" width="${width}" height="${height * 0.4}" fill="hsl(${hue}, 45%, 20%)"/>`,
  ];
  if (known) {
    parts.unshift(`<title>${escapeXml(known.caption ? `${known.title}, ${known.caption}` : known.title)}</title>`);
    const lines = wrap(known.title, layout.lineChars, layout.maxLines);
    const lineHeight = layout.fontSize * 1.2;
    const captionSize = Math.round(layout.fontSize * 0.6);
    const caption = known.caption ? wrap(known.caption, Math.floor(layout.lineChars / 0.6), 1)[0]! : null;
    const top = (height - lines.length * lineHeight - (caption ? captionSize * 1.6 : 0)) / 2 + layout.fontSize;
    const text = lines.map((line, i) => `<tspan x="${width / 2}" y="${(top + i * lineHeight).toFixed(1)}">${escapeXml(line)}</tspan>`);
    parts.push(`<text font-family="system-ui, sans-serif" font-weight="700" font-size="${layout.fontSize}" fill="#fff" text-anchor="middle">${text.join('')}</text>`);
    if (caption) {
      const y = top + (lines.length - 1) * lineHeight + captionSize * 2;
      parts.push(`<text x="${width / 2}" y="${y.toFixed(1)}" font-family="system-ui, sans-serif" font-size="${captionSize}" fill="#fff" fill-opacity="0.8" text-anchor="middle">${escapeXml(caption)}</text>`);
    }
  } else {
    parts.push(`<path transform="translate(${width / 2 - 32} ${height / 2 - 32})" fill="#fff" fill-opacity="0.85" fill-rule="evenodd" d="${FILM_GLYPH}"/>`);
  }
  const pixelHeight = Math.round((pixelWidth * height) / width);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${pixelWidth}" height="${pixelHeight}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>\n`;
}

/** Answers `/{size}/{file}` below the prefix: the image, or 404 for an unknown size. */
export function tmdbImage(catalog: Catalog, method: string, path: string): Reply {
  if (method !== 'GET' && method !== 'HEAD') return json({ error: 'images answer GET and HEAD only' }, 405, { allow: 'GET, HEAD' });
  const match = /^\/([^/]+)\/([^/]+)$/.exec(path);
  const width = match ? WIDTHS.get(match[1]!) : undefined;
  if (!match || width === undefined) return json({ error: `no such image size; sizes are ${[...WIDTHS.keys()].join(', ')}` }, 404);
  const file = `/${match[2]!}`;
  return {
    status: 200,
    text: svg(file, width, knownImages(catalog).get(file)),
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400', 'access-control-allow-origin': '*' },
  };
}
