import { describe, expect, it } from 'vitest';
import { MAIL_STAND_IN_URL, mailTo, unique } from '../../test-helpers.ts';
import { mailerOf } from './mailer.ts';
import { emailChangedMail, passwordResetMail } from './messages.ts';

const config = { MAIL_API_BASE: MAIL_STAND_IN_URL, MAIL_API_KEY: 'local-mail-stand-in', MAIL_FROM: 'ShowTracker <no-reply@example.com>' };

describe('the mailer', () => {
  it("sends Resend's wire format: Bearer key, JSON from, to, subject, text and html", async () => {
    const to = `mailer-${unique()}@example.com`;
    await mailerOf(config)!.send({ to, subject: 'Hello', text: 'plain', html: '<p>rich</p>' });
    expect(await mailTo(to)).toEqual([
      expect.objectContaining({ from: config.MAIL_FROM, to: [to], subject: 'Hello', text: 'plain', html: '<p>rich</p>' }),
    ]);
  });

  it('throws when the provider refuses, naming its status', async () => {
    await expect(
      mailerOf({ ...config, MAIL_API_KEY: 'wrong key' })!.send({ to: 'a@example.com', subject: 's', text: 't', html: 'h' }),
    ).rejects.toThrow(/401/);
  });

  it('is absent without a key or a sender', () => {
    expect(mailerOf({ ...config, MAIL_API_KEY: undefined })).toBeUndefined();
    expect(mailerOf({ ...config, MAIL_FROM: undefined })).toBeUndefined();
  });
});

describe('the messages', () => {
  it('put the reset link in the text and, escaped, in the html', () => {
    const link = 'https://app.example/reset-password?token=abc&x="1"';
    const mail = passwordResetMail({ to: 'a@example.com', username: 'ada', link, validMinutes: 30 });
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('30 minutes');
    expect(mail.html).toContain('href="https://app.example/reset-password?token=abc&amp;x=&quot;1&quot;"');
    expect(mail.html).not.toContain('"1"');
  });

  it('tell the old address where the account moved', () => {
    const mail = emailChangedMail({ to: 'old@example.com', username: 'ada', newEmail: 'new<b>@example.com' });
    expect(mail.to).toBe('old@example.com');
    expect(mail.text).toContain('from old@example.com to new<b>@example.com');
    expect(mail.html).toContain('new&lt;b&gt;@example.com');
  });
});
