// Fault injection: rules that make matching provider requests slow, fail,
// hang or return broken JSON, for tests of the clients' resilience.
export const PROVIDERS = ['tmdb', 'tvdb', 'omdb', 'tvmaze'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const FAULT_KINDS = ['latency', 'status', 'rate_limit', 'timeout', 'malformed_json'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  id: number;
  provider: Provider;
  /** Regular expression tested against the path below the provider base plus the query ("/tv/1396?append_to_response=…"). */
  pathPattern: string | null;
  kind: FaultKind;
  delayMs: number;
  status: number;
  retryAfterSeconds: number | null;
  /** Matching requests still to affect; null = unlimited. */
  remaining: number | null;
  hits: number;
}

let nextId = 1;

/** Validates a control-API body into a fault; throws a message for a 400. */
export function parseFault(body: unknown): Fault {
  const input = (body ?? {}) as Record<string, unknown>;
  if (!PROVIDERS.includes(input.provider as Provider)) throw new Error(`provider must be one of ${PROVIDERS.join(', ')}`);
  if (!FAULT_KINDS.includes(input.kind as FaultKind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  const pattern = input.pathPattern === undefined || input.pathPattern === null ? null : String(input.pathPattern);
  if (pattern !== null) new RegExp(pattern); // throws on a bad pattern
  const number = (key: string, fallback: number | null) => {
    const value = input[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${key} must be a non-negative number`);
    return value;
  };
  const kind = input.kind as FaultKind;
  return {
    id: nextId++,
    provider: input.provider as Provider,
    pathPattern: pattern,
    kind,
    delayMs: number('delayMs', 1000)!,
    status: number('status', kind === 'rate_limit' ? 429 : 500)!,
    retryAfterSeconds: number('retryAfterSeconds', kind === 'rate_limit' ? 1 : null),
    remaining: number('times', null),
    hits: 0,
  };
}

/** The first live fault for this request, counted as used. */
export function takeFault(faults: Fault[], provider: Provider, target: string): Fault | undefined {
  const fault = faults.find(
    (f) => f.provider === provider && f.remaining !== 0 && (f.pathPattern === null || new RegExp(f.pathPattern).test(target)),
  );
  if (!fault) return undefined;
  fault.hits++;
  if (fault.remaining !== null) fault.remaining--;
  return fault;
}

/** The error body each provider sends with a given status. */
export function faultBody(provider: Provider, status: number): unknown {
  switch (provider) {
    case 'tmdb':
      if (status === 429) return { success: false, status_code: 25, status_message: 'Your request count (#) is over the allowed limit of (40).' };
      if (status === 503) return { success: false, status_code: 9, status_message: 'Service offline: This service is temporarily offline, try again later.' };
      return { success: false, status_code: 11, status_message: 'Internal error: Something went wrong, contact TMDB.' };
    case 'tvdb':
      return { status: 'failure', message: status === 429 ? 'Too Many Requests' : 'Internal Server Error', data: null };
    case 'omdb':
      return { Response: 'False', Error: status === 429 ? 'Request limit reached!' : 'Something went wrong.' };
    case 'tvmaze':
      return { name: status === 429 ? 'Too Many Requests' : 'Internal Server Error', message: '', code: 0, status };
  }
}
