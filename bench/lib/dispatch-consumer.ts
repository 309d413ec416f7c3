// bench:dispatch phase 1: the real path. Fires the minute cron once in
// `wrangler dev`; the cron enqueues `dispatch.due`, the queue consumer claims
// batches of 500, encrypts per device and POSTs to the push receiver, and
// re-enqueues itself while a backlog remains. The bench only watches: the
// database until nothing is pending, then the receiver's own logs, which are
// the ground truth of what was accepted and what decrypted.
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { ReceiverSubscription } from './dispatch-seed.ts';

export interface ConsumerResult {
  notifications: number;
  deliveriesExpected: number;
  /** Pending reached 0; or no progress for 20 s (see STALL_MS); or the time budget ran out. */
  outcome: 'drained' | 'stalled' | 'out of time';
  /** Cron fired → last delivery accepted by the receiver. */
  wallMs: number;
  /** Cron fired → first delivery: the queue's batch timeout and the consumer's start-up. */
  firstDeliveryMs: number;
  receiver: {
    accepted: number;
    refused: Record<string, number>;
    /** Accepted deliveries per second from the first to the last one (the consumer's own pace). */
    perSecond: number;
    /** Accepted deliveries per second from the cron to the last one. */
    perSecondEndToEnd: number;
    /** Accepted per one-second slot after the first delivery: shows stalls between batches. */
    perSecondTimeline: number[];
  };
  database: {
    statuses: Record<string, number>;
    deliveryRows: Record<string, number>;
    /** Notifications marked sent per second, cron → the last delivery row the database recorded. */
    sentPerSecond: number;
    /** Batches (distinct sent_at: each batch stamps its start) and their sizes. */
    batches: number[];
    /** Rows still holding a claim afterwards (should be 0). */
    stillClaimed: number;
  };
  exactlyOnce: {
    messages: number;
    distinctNotifications: number;
    /** The same notification twice on one device. */
    duplicates: number;
    /** Seeded notifications that reached none of their person's devices. */
    missing: number;
    /** Ids the bench never seeded. */
    unknown: number;
    /** Messages whose decrypted JSON had no id. */
    withoutId: number;
    ok: boolean;
  };
  /** Encrypted body sizes and decrypted payload sizes, bytes (min-max). */
  sizes: { encrypted: [number, number]; plaintext: [number, number] };
  /** Decrypted messages, kept for the encryption phase (same payloads, same options). */
  samples: { json: Record<string, unknown>; ttl: number; urgency: string; topic: string | null }[];
}

interface Delivery {
  receivedAt: number;
  status: number;
  reason: string | null;
}
interface Message {
  receivedAt: number;
  ttl: number;
  urgency: string;
  topic: string | null;
  payload: string;
  json: Record<string, unknown> | null;
  bytes: number;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

async function statusCounts(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM notifications GROUP BY status');
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/**
 * No notification finished for this long while some are pending: the consumer
 * has stopped (a batch of 500 takes seconds). The likeliest cause locally is
 * wrangler dev reloading because a worker file changed during the run: the
 * reload kills the running consumer and the local queue loses its message.
 */
const STALL_MS = 20_000;

/** Fires the cron and waits until no notification is pending (or it stalls, or the budget runs out), printing progress. */
async function fireAndDrain(client: pg.Client, workerUrl: string, budgetMs: number, log: (line: string) => void) {
  const firedAt = Date.now();
  // Miniflare's handler route: wrangler dev needs no --test-scheduled for it.
  const fired = await fetch(`${workerUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}`);
  if (!fired.ok) throw new Error(`firing the cron answered ${fired.status}: ${(await fired.text()).slice(0, 300)}`);
  let lastPrint = Date.now();
  let lastPending = Infinity;
  let lastProgress = Date.now();
  for (;;) {
    const counts = await statusCounts(client);
    const pending = counts.pending ?? 0;
    if (pending === 0) return { firedAt, outcome: 'drained' as const };
    if (pending < lastPending) [lastPending, lastProgress] = [pending, Date.now()];
    if (Date.now() - lastProgress > STALL_MS) return { firedAt, outcome: 'stalled' as const };
    if (Date.now() - firedAt > budgetMs) return { firedAt, outcome: 'out of time' as const };
    if (Date.now() - lastPrint >= 5000) {
      log(`    ${Math.round((Date.now() - firedAt) / 1000)} s: ${JSON.stringify(counts)}`);
      lastPrint = Date.now();
    }
    await sleep(200);
  }
}

async function readMessages(receiverUrl: string, subscriptions: ReceiverSubscription[]): Promise<Message[][]> {
  const perDevice: Message[][] = [];
  for (let start = 0; start < subscriptions.length; start += 25) {
    const chunk = subscriptions.slice(start, start + 25);
    perDevice.push(
      ...(await Promise.all(
        chunk.map(async (s) => (await getJson<{ messages: Message[] }>(`${receiverUrl}/__control/subscriptions/${s.id}/messages`)).messages),
      )),
    );
  }
  return perDevice;
}

function checkExactlyOnce(perDevice: Message[][], expected: Set<string>, devicesPerUser: number): ConsumerResult['exactlyOnce'] {
  let duplicates = 0;
  let unknown = 0;
  let withoutId = 0;
  const seen = new Map<string, number>();
  for (const messages of perDevice) {
    const onThisDevice = new Set<string>();
    for (const message of messages) {
      const id = typeof message.json?.id === 'string' ? message.json.id : null;
      if (id === null) withoutId++;
      else if (!expected.has(id)) unknown++;
      else if (onThisDevice.has(id)) duplicates++;
      else {
        onThisDevice.add(id);
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    }
  }
  const messages = perDevice.reduce((sum, list) => sum + list.length, 0);
  const missing = [...expected].filter((id) => !seen.has(id)).length;
  const everyDevice = [...seen.values()].every((count) => count === devicesPerUser);
  return {
    messages,
    distinctNotifications: seen.size,
    duplicates,
    missing,
    unknown,
    withoutId,
    ok: duplicates === 0 && missing === 0 && unknown === 0 && withoutId === 0 && everyDevice && messages === expected.size * devicesPerUser,
  };
}

export async function runConsumer(
  client: pg.Client,
  options: {
    workerUrl: string;
    receiverUrl: string;
    subscriptions: ReceiverSubscription[];
    notificationIds: Set<string>;
    devicesPerUser: number;
    budgetMs: number;
    log: (line: string) => void;
  },
): Promise<ConsumerResult> {
  const { firedAt, outcome } = await fireAndDrain(client, options.workerUrl, options.budgetMs, options.log);

  const { deliveries } = await getJson<{ deliveries: Delivery[] }>(`${options.receiverUrl}/__control/deliveries?since=${firedAt}`);
  const accepted = deliveries.filter((d) => d.status === 201).map((d) => d.receivedAt).sort((a, b) => a - b);
  const refused: Record<string, number> = {};
  for (const d of deliveries) if (d.status !== 201) refused[`${d.status} ${d.reason ?? ''}`.trim()] = (refused[`${d.status} ${d.reason ?? ''}`.trim()] ?? 0) + 1;
  const first = accepted[0] ?? firedAt;
  const last = accepted.at(-1) ?? firedAt;
  const timeline = Array.from({ length: Math.ceil((last - first + 1) / 1000) }, () => 0);
  for (const at of accepted) timeline[Math.floor((at - first) / 1000)]!++;

  const statuses = await statusCounts(client);
  const { rows: deliveryRows } = await client.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM notification_deliveries GROUP BY status',
  );
  const { rows: [span] } = await client.query<{ last_ms: number | null; claimed: number }>(
    `SELECT (SELECT extract(epoch FROM max(created_at)) * 1000 FROM notification_deliveries)::float8 AS last_ms,
            (SELECT count(*)::int FROM notifications WHERE claim_token IS NOT NULL) AS claimed`,
  );
  const { rows: batches } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM notifications WHERE status = 'sent' GROUP BY sent_at ORDER BY sent_at",
  );
  const dbSeconds = ((span!.last_ms ?? firedAt) - firedAt) / 1000;

  const perDevice = await readMessages(options.receiverUrl, options.subscriptions);
  const all = perDevice.flat();
  const minMax = (values: number[]): [number, number] => (values.length ? [Math.min(...values), Math.max(...values)] : [0, 0]);

  return {
    notifications: options.notificationIds.size,
    deliveriesExpected: options.notificationIds.size * options.devicesPerUser,
    outcome,
    wallMs: last - firedAt,
    firstDeliveryMs: first - firedAt,
    receiver: {
      accepted: accepted.length,
      refused,
      perSecond: round(accepted.length / Math.max(0.001, (last - first) / 1000)),
      perSecondEndToEnd: round(accepted.length / Math.max(0.001, (last - firedAt) / 1000)),
      perSecondTimeline: timeline,
    },
    database: {
      statuses,
      deliveryRows: Object.fromEntries(deliveryRows.map((row) => [row.status, row.n])),
      sentPerSecond: round((statuses.sent ?? 0) / Math.max(0.001, dbSeconds)),
      batches: batches.map((row) => row.n),
      stillClaimed: span!.claimed,
    },
    exactlyOnce: checkExactlyOnce(perDevice, options.notificationIds, options.devicesPerUser),
    sizes: { encrypted: minMax(all.map((m) => m.bytes)), plaintext: minMax(all.map((m) => Buffer.byteLength(m.payload))) },
    samples: all.filter((m) => m.json !== null).map((m) => ({ json: m.json!, ttl: m.ttl, urgency: m.urgency, topic: m.topic })),
  };
}
