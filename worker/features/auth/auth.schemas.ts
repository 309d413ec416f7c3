import { z } from '@hono/zod-openapi';
import { CurrentPasswordSchema, EmailSchema, TimeZoneSchema, UserSchema, UsernameSchema } from '../users/users.schemas.ts';

export const PasswordSchema = z
  .string()
  .min(8, 'Passwords are at least 8 characters')
  .max(256, 'Passwords are at most 256 characters');

const TokenTransport = z
  .enum(['cookie', 'body'])
  .default('cookie')
  .openapi({
    description:
      'Where the refresh token goes: an HttpOnly cookie scoped to /api/v1/auth (browsers, the default) or the JSON body (native and server clients).',
  });

export const RegisterSchema = z
  .object({
    email: EmailSchema,
    username: UsernameSchema,
    password: PasswordSchema,
    timezone: TimeZoneSchema.optional(),
    token_transport: TokenTransport,
  })
  .openapi('Register');

export const LoginSchema = z
  .object({
    email: EmailSchema,
    password: z.string().min(1, 'Enter your password').max(256),
    token_transport: TokenTransport,
  })
  .openapi('Login');

export const RefreshSchema = z
  .object({
    refresh_token: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .openapi({ description: 'Clients using the body transport send it here; browsers send the cookie.' }),
  })
  .openapi('Refresh');

export const SessionSchema = z
  .object({
    user: UserSchema,
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().openapi({ example: 900 }),
    refresh_token: z.string().optional().openapi({ description: 'Only with token_transport "body".' }),
  })
  .openapi('Session');

export const PasswordResetRequestSchema = z.object({ email: EmailSchema }).strict().openapi('PasswordResetRequest');

export const PasswordResetConfirmSchema = z
  .object({
    token: z.string().min(1, 'The link has no token').max(256).openapi({ description: 'The `token` of the link in the e-mail.' }),
    password: PasswordSchema,
  })
  .strict()
  .openapi('PasswordResetConfirm');

export const ChangePasswordSchema = z
  .object({ current_password: CurrentPasswordSchema, new_password: PasswordSchema })
  .strict()
  .openapi('ChangePassword');

export const ChangeEmailSchema = z.object({ current_password: CurrentPasswordSchema, email: EmailSchema }).strict().openapi('ChangeEmail');

export const AccountSessionSchema = z
  .object({
    id: z.uuid().openapi({ description: 'The session (one sign-in and its refreshed tokens).' }),
    created_at: z.string().openapi({ format: 'date-time', description: 'When it signed in.' }),
    last_used_at: z.string().openapi({ format: 'date-time', description: 'Its last refresh (sign-in, if never refreshed).' }),
    user_agent: z.string().nullable(),
    label: z.string().openapi({ example: 'Firefox on Windows' }),
    current: z.boolean().openapi({ description: 'The session this access token belongs to.' }),
  })
  .openapi('AccountSession');
