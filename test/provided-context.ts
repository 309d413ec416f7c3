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
    /** Origin of the local push service (`http://127.0.0.1:<port>`); its control API is `${pushReceiverUrl}/__control`. */
    pushReceiverUrl: string;
    /** Origin of the mail stand-in (worker tests: their own; browser tests: the one `npm start` printed); `${mailUrl}/__mail` lists messages. */
    mailUrl: string;
    /** Origin of the `npm start` the browser tests run against (test/app-server.ts). */
    appUrl: string;
    /** Its data directory; the PWA it serves is built into `${appDataDir}/web`. */
    appDataDir: string;
  }
}
