// The offline stand-ins for TMDB, TheTVDB, OMDb and TVmaze (see README.md).
export { startStandIns, type StandIns } from './server.ts';
export { STAND_IN_TMDB_TOKEN } from './providers/tmdb.ts';
export { STAND_IN_TVDB_KEY } from './providers/tvdb.ts';
export { STAND_IN_OMDB_KEY } from './providers/omdb.ts';
export type { Fault, FaultKind, Provider } from './faults.ts';
export type { Mutation } from './mutations.ts';
export type { LoggedRequest } from './control.ts';
