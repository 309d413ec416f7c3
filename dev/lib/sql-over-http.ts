// Neon's SQL-over-HTTP endpoint (`POST /sql`), as the bridge serves it
// locally: what @neondatabase/serverless's `neon()` and a Pool with
// `poolQueryViaFetch` send for a one-shot statement, so the worker's queries
// travel locally as they do to Neon: one HTTP request each, no connection
// set-up, on connections the bridge authenticated once.
//
// The wire format, as the driver writes it and Neon's proxy answers it
// (docs/architecture.md#local-runtime):
// - request headers: `Neon-Connection-String` (the URL, password included),
//   `Neon-Raw-Text-Output: true`, `Neon-Array-Mode: true|false`; for a batch
//   `Neon-Batch-Isolation-Level`, `Neon-Batch-Read-Only`,
//   `Neon-Batch-Deferrable`;
// - body `{ query, params }` or a batch `{ queries: [{ query, params }] }`
//   (run in one transaction), params as text or null;
// - answer `{ fields, rows, command, rowCount, rowAsArray }`, each value as
//   Postgres's text or null (the driver parses it by `dataTypeID`), a batch
//   `{ results: [...] }`; an error is a 400 with the server's fields
//   (`message`, `code`, `detail`, `hint`, `position`, ...).
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';

export interface SqlEndpoint {
  handle(request: IncomingMessage, response: ServerResponse): void;
  close(): Promise<void>;
}

interface Query {
  query: string;
  params?: unknown[];
  arrayMode?: boolean;
}

const ISOLATION: Record<string, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

/** Every value as Postgres's text, as Neon's raw text output sends it. */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

/** The error fields Neon's proxy copies from Postgres's ErrorResponse. */
const ERROR_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

class HttpError extends Error {
  status: number;
  code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function errorBody(error: unknown): Record<string, unknown> {
  if (error instanceof HttpError) return { message: error.message, code: error.code };
  const source = error as Record<string, unknown> & { message?: string };
  const body: Record<string, unknown> = { message: source.message ?? String(error) };
  for (const field of ERROR_FIELDS) if (source[field] !== undefined) body[field] = source[field];
  return body;
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, '54000', 'request body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function toResult(result: pg.QueryResult<unknown[]>, arrayMode: boolean) {
  const fields = result.fields.map((field) => ({
    name: field.name,
    dataTypeID: field.dataTypeID,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    format: 'text',
  }));
  const rows = arrayMode
    ? result.rows
    : result.rows.map((row) => Object.fromEntries(fields.map((field, index) => [field.name, row[index]])));
  return { fields, rows, command: result.command, rowCount: result.rowCount, rowAsArray: arrayMode };
}

export function createSqlEndpoint(options: {
  databaseUrl: string;
  /** Checks the connection string the driver sent: the bridge's user, database and password. */
  authorize(connectionString: string): boolean;
  /** PGlite's one session: each request's statements take a turn like a WebSocket's. */
  withTurn?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Holds the answer back, as the bridge's simulated distance does its WebSocket answers. */
  delay(then: () => void): void;
  onRequest(): void;
}): SqlEndpoint {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 8, idleTimeoutMillis: 60_000 });
  // An idle connection that drops is replaced by the pool on the next query.
  pool.on('error', () => undefined);
  const withTurn = options.withTurn ?? (<T>(work: () => Promise<T>) => work());

  async function run(request: IncomingMessage): Promise<unknown> {
    const connectionString = request.headers['neon-connection-string'];
    if (typeof connectionString !== 'string' || !options.authorize(connectionString)) {
      throw new HttpError(400, '28P01', 'password authentication failed (Neon-Connection-String)');
    }
    let body: { query?: unknown; params?: unknown; queries?: unknown };
    try {
      body = JSON.parse(await readBody(request, 64 * 1024 * 1024));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, '08P01', 'the request body is not JSON');
    }
    const arrayMode = request.headers['neon-array-mode'] === 'true';
    const isQuery = (value: unknown): value is Query =>
      typeof value === 'object' && value !== null && typeof (value as Query).query === 'string' &&
      ((value as Query).params === undefined || Array.isArray((value as Query).params));
    if (Array.isArray(body.queries)) {
      if (!body.queries.every(isQuery)) throw new HttpError(400, '08P01', 'each batch entry needs a query and its params');
      const queries = body.queries;
      const isolation = ISOLATION[String(request.headers['neon-batch-isolation-level'] ?? '')];
      const begin = [
        'BEGIN',
        isolation ? `ISOLATION LEVEL ${isolation}` : '',
        request.headers['neon-batch-read-only'] === 'true' ? 'READ ONLY' : '',
        request.headers['neon-batch-deferrable'] === 'true' ? 'DEFERRABLE' : '',
      ]
        .filter(Boolean)
        .join(' ');
      return withTurn(async () => {
        const client = await pool.connect();
        try {
          await client.query(begin);
          const results = [];
          for (const entry of queries) {
            const result = await client.query<unknown[]>({ text: entry.query, values: entry.params ?? [], rowMode: 'array', types: RAW_TEXT });
            results.push(toResult(result, entry.arrayMode ?? arrayMode));
          }
          await client.query('COMMIT');
          client.release();
          return { results };
        } catch (error) {
          // A failed batch rolls back; a connection that cannot is not reused.
          await client.query('ROLLBACK').then(
            () => client.release(),
            () => client.release(true),
          );
          throw error;
        }
      });
    }
    if (!isQuery(body)) throw new HttpError(400, '08P01', 'the body needs a query and its params');
    const single = body;
    const result = await withTurn(() =>
      pool.query<unknown[]>({ text: single.query, values: single.params ?? [], rowMode: 'array', types: RAW_TEXT }),
    );
    return toResult(result, arrayMode);
  }

  return {
    handle(request, response) {
      options.onRequest();
      const answer = (status: number, body: unknown) =>
        options.delay(() => {
          response.writeHead(status, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify(body));
        });
      if (request.method !== 'POST') {
        request.resume();
        return answer(405, { message: 'POST a query to /sql' });
      }
      run(request).then(
        (body) => answer(200, body),
        (error: unknown) => answer(error instanceof HttpError ? error.status : 400, errorBody(error)),
      );
    },
    close: () => pool.end(),
  };
}
