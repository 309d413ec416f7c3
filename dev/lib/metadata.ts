// Which metadata services the local runtime uses: the real providers when a
// key is configured (shell or .dev.vars), else the offline stand-ins, whose
// bases and credentials are handed to the worker as wrangler vars.
import { standInProviderVars, startStandIns } from '../stand-ins/index.ts';
import { devVarsWithValues } from './dev-vars.ts';

const PROVIDER_KEYS = ['TMDB_API_TOKEN', 'TVDB_API_KEY', 'OMDB_API_KEY'] as const;

/** Where `npm start` runs the stand-ins (`npm run stand-ins`'s default too). */
export const STAND_INS_PORT = 8788;

/** The provider keys configured in the shell or in .dev.vars. */
export function configuredProviderKeys(devVarsPath: string, env = process.env): string[] {
  const fromFile = devVarsWithValues(devVarsPath);
  return PROVIDER_KEYS.filter((key) => Boolean(env[key]) || fromFile.has(key));
}

export interface Metadata {
  /** Wrangler vars pointing the worker at the stand-ins; empty for the real services. */
  vars: Record<string, string>;
  /** One line for the start-up banner. */
  label: string;
  stop(): Promise<void>;
}

export async function startMetadata(devVarsPath: string): Promise<Metadata> {
  const configured = configuredProviderKeys(devVarsPath);
  if (configured.length > 0) {
    const missing = PROVIDER_KEYS.filter((key) => !configured.includes(key));
    return {
      vars: {},
      label: `real services (${configured.join(', ')} set${missing.length ? `; without ${missing.join(', ')}` : ''})`,
      stop: async () => undefined,
    };
  }
  // A fixed port keeps the image URLs stored in .data/ valid from one run to
  // the next (TMDB_IMAGE_BASE is part of every stored poster URL). When it is
  // taken, any free port, loudly: the browser tests and bench:pwa run their
  // own npm start (throwaway data directory) beside a developer's.
  const standIns = await startStandIns({ port: STAND_INS_PORT }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return startStandIns().then((fallback) => {
      console.warn(
        [
          `warning: port ${STAND_INS_PORT} is taken (another npm start or npm run stand-ins?), so the metadata stand-ins run at ${fallback.url} instead.`,
          `  Stored poster and still URLs embed the stand-ins' address: those already stored (port ${STAND_INS_PORT}) will not load during this run, those synced now not after it.`,
          `  Stop whatever holds port ${STAND_INS_PORT} and restart to keep them working.`,
        ].join('\n'),
      );
      return fallback;
    });
  });
  return {
    vars: standInProviderVars(standIns.bases),
    label: `offline stand-ins at ${standIns.url} (no provider keys configured)`,
    stop: () => standIns.stop(),
  };
}
