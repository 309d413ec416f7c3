// bench:dispatch's figures: a table for the terminal, the whole record as JSON.
import type { ConsumerResult } from './dispatch-consumer.ts';
import type { EncryptResult } from './dispatch-encrypt.ts';
import { machineLine, type BenchRun } from './results.ts';
import type { Latency } from './stats.ts';

export interface DispatchResults extends BenchRun {
  seedMs: number;
  /** The decrypted messages are only needed for the encryption phase; the JSON keeps their count. */
  consumer: Omit<ConsumerResult, 'samples'>;
  /** CPU seconds of the bench's own process during the consumer phase: receiver (decrypting every message), WebSocket bridge, and PGlite when embedded. */
  benchProcessCpuSeconds: number;
  encryption: EncryptResult;
  totalSeconds: number;
}

const us = (l: Latency) => `${l.mean} / ${l.p50} / ${l.p99} / ${l.max}`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function printDispatchResults(results: DispatchResults): void {
  const { consumer: c, encryption: e, machine: m } = results;
  const x = c.exactlyOnce;
  const lines = [
    '',
    `ShowTracker bench:dispatch — ${results.mode} (${results.database.version.split(',')[0]})`,
    machineLine(results),
    `  data:    ${results.config.users} users × ${results.config.devicesPerUser} device(s), ${c.notifications} due notifications (${c.deliveriesExpected} deliveries expected), seeded in ${s(results.seedMs)}`,
    '',
    'Through the queue consumer (wrangler dev --local → push receiver on 127.0.0.1, which decrypts every message)',
    `  backlog:                       ${c.outcome}${c.outcome === 'stalled' ? ' — no notification finished for 20 s: did wrangler reload (a worker file changed during the run)?' : ''}`,
    `  deliveries accepted (201):     ${c.receiver.accepted}${Object.keys(c.receiver.refused).length ? `, refused: ${JSON.stringify(c.receiver.refused)}` : ''}`,
    `  deliveries/s, first → last:    ${c.receiver.perSecond}`,
    `  deliveries/s, cron → last:     ${c.receiver.perSecondEndToEnd}`,
    `  notifications sent/s (DB):     ${c.database.sentPerSecond}`,
    `  cron → first delivery:         ${s(c.firstDeliveryMs)}`,
    `  cron → last delivery (wall):   ${s(c.wallMs)}`,
    `  batches (rows each):           ${c.database.batches.join(', ')} (4 per queue message, then a follow-up message)`,
    `  per second after the first:    ${c.receiver.perSecondTimeline.join(' ')}`,
    `  notifications by status:       ${JSON.stringify(c.database.statuses)}; deliveries ${JSON.stringify(c.database.deliveryRows)}; still claimed ${c.database.stillClaimed}`,
    `  exactly once:                  ${x.ok ? 'OK' : 'FAILED'} — ${x.messages} messages decrypted, ${x.distinctNotifications} distinct notification ids, ${x.duplicates} duplicates, ${x.missing} missing, ${x.unknown} unknown, ${x.withoutId} without id`,
    `  sizes:                         plaintext ${c.sizes.plaintext.join('-')} B, encrypted body ${c.sizes.encrypted.join('-')} B (padded to the 4096-octet record)`,
    `  bench process CPU meanwhile:   ${results.benchProcessCpuSeconds} s`,
    '',
    `Encryption per message in Node ${m.node} WebCrypto (not workerd), ${e.messages} messages, µs mean / p50 / p99 / max`,
    `  buildPushPayload (VAPID + RFC 8291):  ${us(e.buildPushPayloadUs)}`,
    `    vapidHeaders (import key, ES256 JWT): ${us(e.vapidHeadersUs)}`,
    `    encryptNotification (ECDH, HKDF, AES-GCM): ${us(e.encryptNotificationUs)}`,
    `  throughput: ${e.sequentialPerSecond} msg/s one at a time, ${e.concurrent.perSecond} msg/s with ${e.concurrent.inFlight} in flight`,
    `  check: ${e.checkedAtReceiver.accepted}/${e.checkedAtReceiver.sent} re-encrypted messages accepted by the receiver`,
    '',
    `Total ${results.totalSeconds} s.`,
  ];
  console.log(lines.join('\n'));
}
