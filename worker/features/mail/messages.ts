// The text of every e-mail the app sends: pure functions of what they say,
// each as plain text and as HTML with every inserted value escaped.
import type { MailMessage } from './mailer.ts';

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

function message(to: string, subject: string, paragraphs: string[], link?: { href: string; label: string }): MailMessage {
  const text = [...paragraphs.slice(0, 1), ...(link ? [link.href] : []), ...paragraphs.slice(1), '— ShowTracker'].join('\n\n');
  const html = [
    `<p>${escapeHtml(paragraphs[0] ?? '')}</p>`,
    ...(link ? [`<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`] : []),
    ...paragraphs.slice(1).map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    '<p>— ShowTracker</p>',
  ].join('\n');
  return { to, subject, text, html };
}

export function passwordResetMail(input: { to: string; username: string; link: string; validMinutes: number }): MailMessage {
  return message(
    input.to,
    'Reset your ShowTracker password',
    [
      `Hi ${input.username}, someone (hopefully you) asked to reset the password of your ShowTracker account. Open this link to choose a new one:`,
      `The link works once, for ${input.validMinutes} minutes. Setting a new password signs you out everywhere.`,
      "If you didn't ask for this, ignore this message: your password stays as it is.",
    ],
    { href: input.link, label: 'Choose a new password' },
  );
}

export function emailChangedMail(input: { to: string; username: string; newEmail: string }): MailMessage {
  return message(input.to, 'Your ShowTracker e-mail address was changed', [
    `Hi ${input.username}, the e-mail address of your ShowTracker account was changed from ${input.to} to ${input.newEmail}. Mail about your account now goes there.`,
    "If this wasn't you, someone else has your password: reply to this message and we'll help you get your account back.",
  ]);
}
