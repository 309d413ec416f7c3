import { z } from '@hono/zod-openapi';
import { EmailSchema, TimeZoneSchema, UserSchema, UsernameSchema } from '../users/users.schemas.ts';

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
