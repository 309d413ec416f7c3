// bench:dispatch phase 2: what building one Web Push message costs, with the
// worker's library (@block65/webcrypto-web-push) on the payloads the
// dispatcher actually sent (the receiver's decrypted copies, same TTL, urgency
// and topic) for the same subscriptions. Timed in Node's WebCrypto: workerd's
// is another implementation (BoringSSL underneath both, but different glue),
// and the worker cannot be asked to time itself without a route of its own.
import { buildPushPayload, encryptNotification, vapidHeaders, type PushMessage, type PushSubscription } from '@block65/webcrypto-web-push';
import type { ReceiverSubscription } from './dispatch-seed.ts';
import { summarize, type Latency } from './stats.ts';

export interface EncryptResult {
  messages: number;
  /** µs per message, one at a time: the whole buildPushPayload, and its two halves. */
  buildPushPayloadUs: Latency;
  vapidHeadersUs: Latency;
  encryptNotificationUs: Latency;
  /** Messages per second, one at a time and with as many in flight as the dispatcher keeps (WebCrypto work runs on libuv's threads). */
  sequentialPerSecond: number;
  concurrent: { inFlight: number; perSecond: number };
  /** A few of the timed messages POSTed to the receiver: they must be accepted (201), or the timing measured a broken message. */
  checkedAtReceiver: { sent: number; accepted: number };
}

type Sample = { json: Record<string, unknown>; ttl: number; urgency: string; topic: string | null };
type Vapid = { subject: string; publicKey: string; privateKey: string };

const WARM_UP = 50;
/** PARALLEL_SENDS in worker/features/notifications/dispatch.service.ts. */
const IN_FLIGHT = 16;

const toMessage = (sample: Sample): PushMessage => ({
  // Parsed from JSON by the receiver, so JSON-able by construction.
  data: sample.json as PushMessage['data'],
  options: { ttl: sample.ttl, urgency: sample.urgency as 'normal', ...(sample.topic ? { topic: sample.topic } : {}) },
});

/** The https form of the loopback endpoint, exactly as web-push.channel.ts signs it. */
const toSubscription = (s: ReceiverSubscription): PushSubscription => ({
  endpoint: s.endpoint.replace(/^http:/, 'https:'),
  expirationTime: null,
  keys: s.keys,
});

async function timeEach(count: number, work: (index: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work(i);
    samples.push((performance.now() - started) * 1000);
  }
  return samples;
}

export async function runEncrypt(options: {
  samples: Sample[];
  subscriptions: ReceiverSubscription[];
  vapid: Vapid;
  count: number;
  receiverUrl: string;
}): Promise<EncryptResult> {
  const { samples, vapid, count } = options;
  if (samples.length === 0) throw new Error('no decrypted messages to re-encrypt: the consumer phase delivered nothing');
  const subscriptions = options.subscriptions.map(toSubscription);
  const message = (i: number) => toMessage(samples[i % samples.length]!);
  const subscription = (i: number) => subscriptions[i % subscriptions.length]!;
  const plaintext = (i: number) => new TextEncoder().encode(JSON.stringify(samples[i % samples.length]!.json));

  // JIT and WebCrypto's first key imports are not what a message costs.
  await timeEach(WARM_UP, (i) => buildPushPayload(message(i), subscription(i), vapid));

  const sequentialStarted = performance.now();
  const whole = await timeEach(count, (i) => buildPushPayload(message(i), subscription(i), vapid));
  const sequentialMs = performance.now() - sequentialStarted;
  const vapidOnly = await timeEach(count, (i) => vapidHeaders(subscription(i), vapid));
  const encryptOnly = await timeEach(count, (i) => encryptNotification(subscription(i), plaintext(i)));

  const concurrentStarted = performance.now();
  for (let start = 0; start < count; start += IN_FLIGHT) {
    await Promise.all(
      Array.from({ length: Math.min(IN_FLIGHT, count - start) }, (_, k) => buildPushPayload(message(start + k), subscription(start + k), vapid)),
    );
  }
  const concurrentMs = performance.now() - concurrentStarted;

  let accepted = 0;
  const checks = Math.min(5, subscriptions.length);
  for (let i = 0; i < checks; i++) {
    const payload = await buildPushPayload(message(i), subscription(i), vapid);
    const response = await fetch(options.subscriptions[i]!.endpoint, { ...payload, signal: AbortSignal.timeout(10_000) });
    if (response.status === 201) accepted++;
  }

  const micro = (samples: number[]) => {
    const summary = summarize(samples);
    // summarize rounds to 0.1 (made for ms); µs want whole numbers.
    return Object.fromEntries(Object.entries(summary).map(([key, value]) => [key, key === 'n' ? value : Math.round(value)])) as unknown as Latency;
  };
  return {
    messages: count,
    buildPushPayloadUs: micro(whole),
    vapidHeadersUs: micro(vapidOnly),
    encryptNotificationUs: micro(encryptOnly),
    sequentialPerSecond: Math.round(count / (sequentialMs / 1000)),
    concurrent: { inFlight: IN_FLIGHT, perSecond: Math.round(count / (concurrentMs / 1000)) },
    checkedAtReceiver: { sent: checks, accepted },
  };
}
