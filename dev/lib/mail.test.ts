import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMail } from './mail.ts';

const dir = mkdtempSync(join(tmpdir(), 'showtracker-mail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('where npm start sends mail', () => {
  it('runs the mail stand-in without a key, and hands the worker its address, key and sender', async () => {
    const devVars = join(dir, 'none.dev.vars');
    writeFileSync(devVars, 'MAIL_API_KEY=\n');
    const mail = await startMail(devVars, {});
    try {
      expect(mail.vars.MAIL_API_BASE).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(mail.label).toBe(`local stand-in, read it at ${mail.vars.MAIL_API_BASE}/ (JSON: ${mail.vars.MAIL_API_BASE}/__mail)`);
      const sent = await fetch(`${mail.vars.MAIL_API_BASE}/emails`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${mail.vars.MAIL_API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: mail.vars.MAIL_FROM, to: 'a@example.com', subject: 's', text: 't' }),
      });
      expect(sent.status).toBe(200);
    } finally {
      await mail.stop();
    }
  });

  it('uses the real service when MAIL_API_KEY is in .dev.vars or the shell', async () => {
    const devVars = join(dir, 'key.dev.vars');
    writeFileSync(devVars, 'MAIL_API_KEY=re_123\n');
    expect((await startMail(devVars, {})).vars).toEqual({});
    expect((await startMail(join(dir, 'missing.dev.vars'), { MAIL_API_KEY: 're_456' })).vars).toEqual({});
  });
});
