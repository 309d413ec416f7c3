// What a provider handler sees and returns. Handlers are pure functions of
// the request and the model; the server does the sockets, the log and faults.
import type { IncomingHttpHeaders } from 'node:http';
import type { Catalog } from './model.ts';

export interface ProviderRequest {
  method: string;
  /** Path below the provider's base, e.g. "/tv/95396" for TMDB. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** This provider's base URL on the stand-in server (absolute redirects need it). */
  base: string;
  catalog: Catalog;
  tvdbTokens: Set<string>;
}

export interface Reply {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with the content type in `headers` (the image CDN's SVGs). */
  text?: string;
  headers?: Record<string, string>;
}

export type Handler = (request: ProviderRequest) => Reply;

export const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ status, body, headers });

/** Routes are tried in order; the first whose pattern matches the path handles it. */
export type Route = [method: string, pattern: RegExp, handle: (request: ProviderRequest, match: RegExpExecArray) => Reply];

export function route(routes: Route[], request: ProviderRequest): Reply | undefined {
  for (const [method, pattern, handle] of routes) {
    const match = pattern.exec(request.path);
    if (match && method === request.method) return handle(request, match);
  }
  return undefined;
}

export const bearer = (request: ProviderRequest): string | undefined =>
  /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
