// The PWA's JavaScript as the home screen loads it: `vite build` with the
// project's own config (into a throwaway folder, leaving dist/web, the deploy
// build, alone), then, from Vite's build manifest, the entry script of
// index.html plus every chunk it imports statically, transitively. Those are
// what the browser must fetch and run before the first screen; every chunk
// reached only through `import()` is lazy. Sizes are gzip level 9.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { ROOT } from '../../dev/lib/paths.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface LazyChunk extends ChunkSize {
  /** What `import()` names it by: a screen's source file, or a package. */
  source: string;
  /** Gzipped JS this import fetches beyond the initial bundle: the chunk and its own static imports. */
  extraGzip: number;
}

export interface BundleResult {
  budgetGzip: number;
  /** The entry script index.html loads, e.g. `assets/index-<hash>.js`. */
  entryScript: string;
  initial: ChunkSize[];
  initialGzip: number;
  initialCss: ChunkSize[];
  lazy: LazyChunk[];
  serviceWorker: ChunkSize;
  withinBudget: boolean;
}

function sizeOf(outDir: string, file: string): ChunkSize {
  const bytes = readFileSync(join(outDir, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The key itself and every chunk it imports statically, transitively. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]!.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

export async function measureBundle(budgetGzip: number): Promise<BundleResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'showtracker-pwa-build-'));
  try {
    await build({
      root: join(ROOT, 'web'),
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, manifest: true },
    });
    const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry && key.endsWith('index.html'));
    if (!entryKey) throw new Error('the build manifest has no index.html entry');
    const entryScript = manifest[entryKey]!.file;
    // The manifest must agree with the page the browser actually gets.
    if (!readFileSync(join(outDir, 'index.html'), 'utf8').includes(`src="/${entryScript}"`)) {
      throw new Error(`dist index.html does not load ${entryScript}`);
    }

    const initialKeys = staticClosure(manifest, entryKey);
    const initial = [...initialKeys].map((key) => sizeOf(outDir, manifest[key]!.file)).sort((a, b) => b.gzip - a.gzip);
    const initialGzip = initial.reduce((sum, chunk) => sum + chunk.gzip, 0);
    const initialCss = [...new Set([...initialKeys].flatMap((key) => manifest[key]!.css ?? []))].map((file) => sizeOf(outDir, file));

    const lazy = Object.entries(manifest)
      .filter(([key, chunk]) => chunk.isDynamicEntry && !initialKeys.has(key))
      .map(([key, chunk]): LazyChunk => {
        const extra = [...staticClosure(manifest, key)].filter((k) => !initialKeys.has(k));
        return {
          ...sizeOf(outDir, chunk.file),
          source: (chunk.src ?? key).replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1'),
          extraGzip: extra.reduce((sum, k) => sum + sizeOf(outDir, manifest[k]!.file).gzip, 0),
        };
      })
      .sort((a, b) => a.source.localeCompare(b.source));

    return {
      budgetGzip,
      entryScript,
      initial,
      initialGzip,
      initialCss,
      lazy,
      serviceWorker: sizeOf(outDir, 'sw.js'),
      withinBudget: initialGzip <= budgetGzip,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
