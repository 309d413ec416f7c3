// What test/global-setup.ts provides to the tests (vitest `inject`).
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseWsProxy: string;
    /** Root of the metadata stand-ins; the control API is `${standInsUrl}/__control`. */
    standInsUrl: string;
    /** YYYY-MM-DD (UTC) the stand-in catalog's relative air dates hang off. */
    standInsToday: string;
  }
}
