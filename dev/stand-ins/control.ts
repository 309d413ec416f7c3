// The control API under /__control: faults, the request log, mutations,
// token expiry and reset. Tests drive the stand-ins through it over HTTP.
import { type Fault, PROVIDERS, type Provider, parseFault } from './faults.ts';
import { type Reply, json } from './http.ts';
import type { ShowSpec } from './catalog/spec.ts';
import { type Catalog, buildCatalog } from './model.ts';
import { type Mutation, applyMutation } from './mutations.ts';

export interface LoggedRequest {
  id: number;
  provider: Provider;
  method: string;
  /** Path below the provider base, e.g. "/tv/95396". */
  path: string;
  query: Record<string, string>;
  /** Epoch milliseconds when the request arrived. */
  time: number;
  /** Whether an Authorization header was sent (TMDB's api_key / OMDb's apikey show in `query`). */
  authorization: boolean;
  /** Status sent, null while pending or when a timeout fault never answers. */
  status: number | null;
  fault: Fault['kind'] | null;
}

export interface State {
  today: string;
  /** Shows served next to the shipped catalog (startStandIns' `extraShows`); kept across mutations and resets. */
  extraShows: readonly ShowSpec[];
  catalog: Catalog;
  faults: Fault[];
  log: LoggedRequest[];
  tvdbTokens: Set<string>;
  mutations: Mutation[];
}

export const createState = (today: string, extraShows: readonly ShowSpec[] = []): State => ({
  today, extraShows, catalog: buildCatalog(today, extraShows), faults: [], log: [], tvdbTokens: new Set(), mutations: [],
});

const noContent = (): Reply => ({ status: 204 });
const badRequest = (message: string): Reply => json({ error: message }, 400);

function addMutations(state: State, body: unknown): Reply {
  const incoming = (Array.isArray(body) ? body : (body as { mutations?: unknown })?.mutations ?? [body]) as Mutation[];
  // Replayed on a fresh catalog so a bad batch changes nothing.
  const next = buildCatalog(state.today, state.extraShows);
  try {
    for (const mutation of [...state.mutations, ...incoming]) applyMutation(next, mutation);
  } catch (error) {
    return badRequest((error as Error).message);
  }
  state.catalog = next;
  state.mutations.push(...incoming);
  return json({ applied: incoming.length, mutations: state.mutations });
}

export function control(state: State, method: string, path: string, query: URLSearchParams, body: unknown, info: object): Reply {
  const provider = query.get('provider');
  if (provider !== null && !PROVIDERS.includes(provider as Provider)) return badRequest(`provider must be one of ${PROVIDERS.join(', ')}`);
  const forProvider = <T extends { provider: Provider }>(items: T[]) => items.filter((item) => !provider || item.provider === provider);

  switch (`${method} ${path.replace(/\/$/, '')}`) {
    case 'GET /__control':
      return json({ ...info, today: state.today });
    case 'POST /__control/faults':
      try {
        const fault = parseFault(body);
        state.faults.push(fault);
        return json(fault, 201);
      } catch (error) {
        return badRequest((error as Error).message);
      }
    case 'GET /__control/faults':
      return json({ faults: forProvider(state.faults) });
    case 'DELETE /__control/faults':
      state.faults = provider ? state.faults.filter((f) => f.provider !== provider) : [];
      return noContent();
    case 'GET /__control/requests': {
      const since = Number(query.get('since') ?? 0);
      return json({ requests: forProvider(state.log).filter((entry) => entry.time >= since) });
    }
    case 'DELETE /__control/requests':
      state.log = [];
      return noContent();
    case 'POST /__control/tvdb/expire-tokens': {
      const expired = state.tvdbTokens.size;
      state.tvdbTokens.clear();
      return json({ expired });
    }
    case 'GET /__control/mutations':
      return json({ mutations: state.mutations });
    case 'POST /__control/mutations':
      return addMutations(state, body);
    case 'POST /__control/reset':
      Object.assign(state, createState(state.today, state.extraShows));
      return noContent();
    default:
      return json({ error: `no control route ${method} ${path}` }, 404);
  }
}
