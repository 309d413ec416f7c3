// Draws the PWA's PNG icons (192, 512, maskable 512, notification badge) and
// the favicon, with no image library: each pixel is sampled 4×4 against the
// shapes below and written as an RGBA PNG. `npm run icons` rewrites
// web/public/icons; the files are committed, so builds do not need this.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { ROOT } from './lib/paths.ts';

type RGBA = [number, number, number, number];
const BACKGROUND: RGBA = [18, 20, 26, 255];
const ACCENT: RGBA = [99, 102, 241, 255];
const WHITE: RGBA = [255, 255, 255, 255];

/** Inside a rounded rectangle given in unit coordinates (0..1). */
function roundedRect(x: number, y: number, left: number, top: number, right: number, bottom: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return x >= left && x <= right && y >= top && y <= bottom && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function triangle(x: number, y: number, a: [number, number], b: [number, number], c: [number, number]): boolean {
  const side = (p: [number, number], q: [number, number]) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** The glyph: a screen with a play mark and a stand, scaled into `inset` of the canvas. */
function glyph(u: number, v: number, inset: number): RGBA | null {
  const x = (u - inset) / (1 - 2 * inset);
  const y = (v - inset) / (1 - 2 * inset);
  if (triangle(x, y, [0.43, 0.33], [0.43, 0.59], [0.64, 0.46])) return ACCENT;
  if (roundedRect(x, y, 0.12, 0.18, 0.88, 0.74, 0.08)) return WHITE;
  if (roundedRect(x, y, 0.34, 0.8, 0.66, 0.86, 0.03)) return WHITE;
  return null;
}

function draw(size: number, pixel: (u: number, v: number) => RGBA | null): Buffer {
  const rows: Buffer[] = [];
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const color = pixel((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!color) continue;
          const alpha = color[3] / 255;
          for (let channel = 0; channel < 3; channel += 1) sum[channel]! += color[channel]! * alpha;
          sum[3]! += alpha;
        }
      }
      const coverage = sum[3]! / samples ** 2;
      const offset = 1 + px * 4;
      for (let channel = 0; channel < 3; channel += 1) row[offset + channel] = sum[3] ? Math.round(sum[channel]! / sum[3]!) : 0;
      row[offset + 3] = Math.round(coverage * 255);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// "any" icons: a rounded tile; maskable: full bleed with the glyph inside the 80% safe zone.
const tile = (u: number, v: number) => glyph(u, v, 0.14) ?? (roundedRect(u, v, 0.02, 0.02, 0.98, 0.98, 0.2) ? BACKGROUND : null);
const maskable = (u: number, v: number) => glyph(u, v, 0.24) ?? BACKGROUND;
// The Android status-bar badge: white on transparent, shape only.
const badge = (u: number, v: number) => (glyph(u, v, 0.06) === null ? null : WHITE);

const out = join(ROOT, 'web', 'public', 'icons');
writeFileSync(join(out, 'icon-192.png'), draw(192, tile));
writeFileSync(join(out, 'icon-512.png'), draw(512, tile));
writeFileSync(join(out, 'maskable-512.png'), draw(512, maskable));
writeFileSync(join(out, 'apple-touch-icon.png'), draw(180, maskable));
writeFileSync(join(out, 'badge-96.png'), draw(96, badge));
console.log(`icons written to ${out}`);
