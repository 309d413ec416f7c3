// The configuration object: defaults stated once, blanks as unset, numbers
// and URLs checked with messages that name the variable.
import { describe, expect, it } from 'vitest';
import { configSchema, readConfig, type Env } from './env.ts';

const secrets = { DATABASE_URL: 'postgres://localhost/db', JWT_SECRET: 'j'.repeat(32), INTERNAL_API_TOKEN: 't'.repeat(16) };
const read = (vars: Record<string, unknown>) => readConfig(vars as unknown as Env);

describe('the configuration', () => {
  it('fills every default, and treats a blank var as unset', () => {
    const config = configSchema.parse({ ...secrets, TMDB_RATE_LIMIT: '', TMDB_API_TOKEN: '', PUSH_ENDPOINT_ALLOWLIST: '' });
    expect(config).toMatchObject({
      TMDB_API_BASE: 'https://api.themoviedb.org/3',
      TMDB_IMAGE_BASE: 'https://image.tmdb.org/t/p',
      TVDB_API_BASE: 'https://api4.thetvdb.com/v4',
      OMDB_API_BASE: 'https://www.omdbapi.com',
      TVMAZE_API_BASE: 'https://api.tvmaze.com',
      TMDB_RATE_LIMIT: 40,
      TMDB_RATE_WINDOW_SECONDS: 10,
      TVMAZE_RATE_LIMIT: 20,
      TVDB_RATE_LIMIT: 50,
      OMDB_DAILY_LIMIT: 1000,
      REGISTER_RATE_LIMIT: 10,
      LOGIN_RATE_LIMIT: 20,
    });
    expect(config.TMDB_API_TOKEN).toBeUndefined();
    expect(config.PUSH_ENDPOINT_ALLOWLIST).toBeUndefined();
    expect(config.VAPID_SUBJECT).toBeUndefined();
  });

  it('reads numbers from their strings', () => {
    expect(configSchema.parse({ ...secrets, TMDB_RATE_LIMIT: '5', OMDB_DAILY_LIMIT: '200' })).toMatchObject({ TMDB_RATE_LIMIT: 5, OMDB_DAILY_LIMIT: 200 });
  });

  it('names every variable that is wrong', () => {
    const result = read({
      DATABASE_URL: '',
      JWT_SECRET: 'short',
      TMDB_RATE_LIMIT: 'forty',
      TVDB_RATE_LIMIT: '1.5',
      OMDB_DAILY_LIMIT: '0',
      TVMAZE_API_BASE: 'api.tvmaze.com',
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      'DATABASE_URL: not set',
      'JWT_SECRET: must be at least 32 characters',
      'INTERNAL_API_TOKEN: not set',
      'TVMAZE_API_BASE: must be an absolute http(s) URL',
      'TMDB_RATE_LIMIT: must be a number',
      'TVDB_RATE_LIMIT: must be a whole number',
      'OMDB_DAILY_LIMIT: must be at least 1',
    ]);
  });

  it('defaults mail to Resend without a key, and checks APP_URL is a URL', () => {
    const config = configSchema.parse({ ...secrets, MAIL_API_KEY: '', MAIL_FROM: '', APP_URL: '' });
    expect(config).toMatchObject({ MAIL_API_BASE: 'https://api.resend.com' });
    expect(config.MAIL_API_KEY).toBeUndefined();
    expect(config.APP_URL).toBeUndefined();
    const result = read({ ...secrets, APP_URL: 'showtracker.example' });
    expect(result).toEqual({ ok: false, problems: ['APP_URL: must be an absolute http(s) URL'] });
  });
});
