// Which push endpoints we will ever POST to: https URLs of the browsers' push
// services, or hosts an operator lists in PUSH_ENDPOINT_ALLOWLIST. Checked when
// a device registers and again at send time, so a stored URL can never turn
// the worker into a request forwarder.

const KNOWN_PUSH_SERVICES: readonly RegExp[] = [
  /^fcm\.googleapis\.com$/, // Chrome, Edge on Android, Opera (FCM)
  /^android\.googleapis\.com$/, // legacy GCM endpoints still handed out by old Chromes
  /^([a-z0-9-]+\.)*push\.services\.mozilla\.com$/, // Firefox (autopush)
  /^([a-z0-9-]+\.)*push\.apple\.com$/, // Safari (web.push.apple.com)
  /^[a-z0-9-]+\.notify\.windows\.com$/, // Edge on Windows (WNS)
];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function parseAllowlist(setting: string | undefined): Set<string> {
  return new Set(
    (setting ?? '')
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** Returns why the endpoint is refused, or undefined when it may be used. */
export function pushEndpointProblem(endpoint: string, allowlist: Set<string>): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'endpoint must be an absolute URL';
  }
  if (url.username || url.password) return 'endpoint must not carry credentials';
  const host = url.hostname.toLowerCase();
  const listed = allowlist.has(url.host.toLowerCase()) || (!url.port && allowlist.has(host));
  // Plain http only for an operator-listed loopback receiver (local development and tests).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && listed && LOOPBACK.has(host))) {
    return 'endpoint must use https';
  }
  if (listed) return undefined;
  if (url.port && url.port !== '443') return 'endpoint must use the default https port';
  if (KNOWN_PUSH_SERVICES.some((pattern) => pattern.test(host))) return undefined;
  return `endpoint host ${host} is not a known push service`;
}
