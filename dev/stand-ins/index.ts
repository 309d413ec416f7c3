// The offline stand-ins for TMDB, TheTVDB, OMDb and TVmaze (see README.md).
export { standInBases, startStandIns, type StandInBases, type StandInOptions, type StandIns } from './server.ts';
export type { SeasonSpec, ShowSpec } from './catalog/spec.ts';
export { STAND_IN_TMDB_TOKEN } from './providers/tmdb.ts';
export { STAND_IN_TVDB_KEY } from './providers/tvdb.ts';
export { STAND_IN_OMDB_KEY } from './providers/omdb.ts';
export type { Fault, FaultKind, Provider } from './faults.ts';
export type { Mutation } from './mutations.ts';
export type { LoggedRequest } from './control.ts';

import { STAND_IN_OMDB_KEY as OMDB_KEY } from './providers/omdb.ts';
import type { StandInBases } from './server.ts';
import { STAND_IN_TMDB_TOKEN as TMDB_TOKEN } from './providers/tmdb.ts';
import { STAND_IN_TVDB_KEY as TVDB_KEY } from './providers/tvdb.ts';

/** The worker's provider variables (base URLs and credentials) pointing at the stand-ins. */
export function standInProviderVars(bases: StandInBases): Record<string, string> {
  return {
    TMDB_API_BASE: bases.tmdb,
    TMDB_IMAGE_BASE: bases.tmdbImages,
    TMDB_API_TOKEN: TMDB_TOKEN,
    TVDB_API_BASE: bases.tvdb,
    TVDB_API_KEY: TVDB_KEY,
    OMDB_API_BASE: bases.omdb,
    OMDB_API_KEY: OMDB_KEY,
    TVMAZE_API_BASE: bases.tvmaze,
  };
}
