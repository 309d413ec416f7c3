// The configuration contract (docs/architecture.md#configuration-contract) as
// the local runtime sees it: which shell variables reach the worker, and how
// to show a URL safely.

/** Variables `npm start` passes from the shell to the worker, over .dev.vars and wrangler.jsonc. */
const CONTRACT_VARS = [
  'DATABASE_QUERIES',
  'TMDB_API_BASE',
  'TMDB_IMAGE_BASE',
  'TMDB_API_TOKEN',
  'TVDB_API_BASE',
  'TVDB_API_KEY',
  'TVDB_PIN',
  'OMDB_API_BASE',
  'OMDB_API_KEY',
  'TVMAZE_API_BASE',
  'JWT_SECRET',
  'INTERNAL_API_TOKEN',
  'VAPID_PUBLIC_KEY',
  'VAPID_PRIVATE_KEY',
  'VAPID_SUBJECT',
  'PUSH_ENDPOINT_ALLOWLIST',
  'REGISTER_RATE_LIMIT',
  'LOGIN_RATE_LIMIT',
  'MAIL_API_BASE',
  'MAIL_API_KEY',
  'MAIL_FROM',
  'APP_URL',
] as const;

/** The contract variables set (non-empty) in the shell. */
export function shellOverrides(env = process.env): Record<string, string> {
  return Object.fromEntries(
    CONTRACT_VARS.flatMap((key) => (env[key] ? [[key, env[key]] as [string, string]] : [])),
  );
}

/** DATABASE_URL without its password, for banners and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** PORT as a TCP port number, default 8787. */
export function portFromEnv(env = process.env): number {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a TCP port number (1-65535), got "${env.PORT}"`);
  }
  return port;
}
