import { z } from '@hono/zod-openapi';
import { isIanaTimeZone } from '../../lib/time.ts';

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email is too long')
  .pipe(z.email('Enter a valid email address'))
  .openapi({ example: 'ada@example.com' });

export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_]{3,30}$/, 'Usernames are 3-30 letters, digits or underscores')
  .openapi({ example: 'ada_l' });

export const TimeZoneSchema = z
  .string()
  .trim()
  .refine(isIanaTimeZone, 'Use an IANA time zone such as "Europe/London"')
  .openapi({ example: 'Europe/London' });

const HIDE_SPOILERS =
  'Hide spoilers (docs/design.md#spoilers). When true, the surfaces the server renders leave out the title and overview of ' +
  "every episode the person has not watched (no watch in their history): push messages keep the show, the episode code and " +
  "when it airs (\"S02E05 · tonight 21:00\"), the notification list shows the episode code, and the calendar feed's SUMMARY and " +
  'DESCRIPTION keep the show title and episode code. The JSON API (timeline, episodes, history) still returns the titles, ' +
  'for the PWA to hide behind tap to reveal. Default false.';

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    username: z.string(),
    timezone: z.string(),
    hide_spoilers: z.boolean().openapi({ description: HIDE_SPOILERS }),
    created_at: z.string().openapi({ format: 'date-time' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('User');

export const UpdateProfileSchema = z
  .object({
    username: UsernameSchema.optional(),
    timezone: TimeZoneSchema.optional(),
    hide_spoilers: z.boolean().optional().openapi({ description: HIDE_SPOILERS }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one of username, timezone, hide_spoilers (the e-mail address changes through POST /api/v1/me/email)')
  .openapi('UpdateProfile');

/** The password, entered again for a change that could lock the owner out or lose their data. */
export const CurrentPasswordSchema = z
  .string({ error: 'Enter your current password' })
  .min(1, 'Enter your current password')
  .max(256, 'Passwords are at most 256 characters');

export const DeleteAccountSchema = z.object({ current_password: CurrentPasswordSchema }).strict().openapi('DeleteAccount');

const base64Url = (name: string, bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${name} must be base64url`)
    .refine((value) => decodedLength(value) === bytes, `${name} must encode ${bytes} bytes`);

function decodedLength(value: string): number {
  const unpadded = value.replace(/=+$/, '');
  return Math.floor((unpadded.length * 3) / 4);
}

export const PLATFORMS = ['web', 'android', 'ios', 'macos', 'windows', 'linux'] as const;

/** PushSubscription.toJSON(), plus what the client knows about itself. */
export const RegisterDeviceSchema = z
  .object({
    endpoint: z.string().max(2048).openapi({ example: 'https://fcm.googleapis.com/fcm/send/abc…' }),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({
      p256dh: base64Url('keys.p256dh', 65).openapi({ description: 'Uncompressed P-256 public key (65 bytes)' }),
      auth: base64Url('keys.auth', 16).openapi({ description: '16-byte authentication secret' }),
    }),
    supportedContentEncodings: z.array(z.string().max(32)).max(8).optional(),
    platform: z.enum(PLATFORMS).default('web'),
  })
  .openapi('RegisterDevice');

export const DeviceSchema = z
  .object({
    id: z.uuid(),
    endpoint: z.string(),
    platform: z.string(),
    content_encodings: z.array(z.string()),
    is_active: z.boolean(),
    created_at: z.string().openapi({ format: 'date-time' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Device');
