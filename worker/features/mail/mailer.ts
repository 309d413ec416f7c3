// Transactional e-mail behind one small interface. Workers cannot speak SMTP,
// so the production implementation is Resend's HTTP API (`POST /emails`,
// `Authorization: Bearer <key>`, JSON `{ from, to, subject, text, html }`);
// locally and in tests MAIL_API_BASE points at the mail stand-in
// (dev/mail-stand-in), which speaks the same wire format.
import type { Context } from 'hono';
import type { AppEnv, Config } from '../../env.ts';
import { ApiError } from '../../lib/errors.ts';
import { describeError } from '../../lib/logger.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

const SEND_TIMEOUT_MS = 10_000;

/** The configured mailer, or undefined when MAIL_API_KEY or MAIL_FROM is unset. */
export function mailerOf(config: Pick<Config, 'MAIL_API_BASE' | 'MAIL_API_KEY' | 'MAIL_FROM'>): Mailer | undefined {
  const { MAIL_API_BASE: base, MAIL_API_KEY: key, MAIL_FROM: from } = config;
  if (!key || !from) return undefined;
  return {
    async send(message) {
      const response = await fetch(`${base.replace(/\/+$/, '')}/emails`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ from, to: [message.to], subject: message.subject, text: message.text, html: message.html }),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      // Read whole either way, so the connection is released.
      const body = await response.text();
      if (!response.ok) throw new Error(`mail provider answered ${response.status}: ${body.slice(0, 200)}`);
    },
  };
}

/** Sends mail after the answer has gone, so neither its time nor its failure shows in the response. */
export type Outbox = (message: MailMessage) => void;

/**
 * This request's outbox: messages go out in waitUntil and a failure is
 * logged. Throws 503 mail_unavailable when mail is not configured, before
 * the route changes anything.
 */
export function outboxOf(c: Context<AppEnv>): Outbox {
  const mailer = mailerOf(c.var.config);
  if (!mailer) {
    c.var.logger.error('mail is not configured: set MAIL_API_KEY and MAIL_FROM');
    throw new ApiError(503, 'mail_unavailable', 'E-mail is not set up on this server, so this cannot be done right now.');
  }
  const logger = c.var.logger;
  return (message) =>
    c.executionCtx.waitUntil(
      mailer.send(message).catch((error: unknown) => logger.error('mail not sent', { subject: message.subject, ...describeError(error) })),
    );
}

/** Where links in mail lead: APP_URL, or the origin this request came to (the PWA and the API share it). */
export const appOrigin = (c: Context<AppEnv>): string => (c.var.config.APP_URL ?? new URL(c.req.url).origin).replace(/\/+$/, '');
