// Accounts in the browser: forgotten password → the mail (read from the mail
// stand-in `npm start` runs) → the link → a new password → signed in with it;
// Settings → Account: change the password, see the sessions, sign out
// everywhere; change the e-mail address (the old one gets a notice) and
// delete the account, which asks for the password. Each screen is captured at
// phone and desktop width.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signUpInUi, VIEWPORTS, type ViewportName } from './browser.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

const openContext = chromiumPerFile();

/** The newest mail to `email` whose text matches `pattern`, once it has arrived: the match. */
async function mailedTo(email: string, pattern: RegExp): Promise<string> {
  const mailUrl = inject('mailUrl');
  expect(mailUrl, 'npm start printed where its mail stand-in is').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        const { messages } = (await (await fetch(`${mailUrl}/__mail?to=${encodeURIComponent(email)}`)).json()) as {
          messages: { subject: string; text: string }[];
        };
        found = messages.map((message) => pattern.exec(message.text)?.[0]).find(Boolean);
        return found;
      },
      { timeout: 10_000 },
    )
    .toBeTruthy();
  return found!;
}

const resetLinkMailedTo = (email: string) => mailedTo(email, /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/);

async function signInInUi(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/signin');
}

async function signOutInUi(page: Page): Promise<void> {
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

async function shoot(page: Page, name: string, heading: string | RegExp) {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.locator('.skeleton').first().waitFor({ state: 'detached' }).catch(() => undefined);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than the window`).toBeLessThanOrEqual(0);
  await screenshot(page, name);
}

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('accounts on a %s', (size) => {
  it('forgot password: the mailed link sets a new password, and it signs in', async () => {
    const context = await openContext(size);
    const page = await context.newPage();
    const account = await signUpInUi(page);
    await signOutInUi(page);

    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/forgot-password');
    await shoot(page, `${size}-17-forgot-password`, 'Reset your password');
    await page.getByLabel('Email').fill(account.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').getByText('a reset link is on its way').waitFor();
    await shoot(page, `${size}-17b-forgot-password-sent`, 'Reset your password');

    const link = await resetLinkMailedTo(account.email);
    expect(new URL(link).origin).toBe(new URL(inject('appUrl')).origin);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('a new passphrase here');
    await page.getByLabel('New password again').fill('not the same one');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText("The passwords don't match").waitFor();
    await shoot(page, `${size}-17c-reset-password-errors`, 'Choose a new password');
    await page.getByLabel('New password again').fill('a new passphrase here');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL('**/signin?reset=1');
    await page.getByRole('status').getByText('Your password is changed').waitFor();
    await shoot(page, `${size}-17d-sign-in-after-reset`, 'Sign in');

    // The old password is gone, the new one works; the link is spent.
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
    await signInInUi(page, account.email, 'a new passphrase here');
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('yet another passphrase');
    await page.getByLabel('New password again').fill('yet another passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').getByText('This reset link is invalid, used or expired.').waitFor();
    await context.close();
  });

  it('settings: change the password, see the sessions, sign out everywhere', async () => {
    const context = await openContext(size);
    const page = await context.newPage();
    const account = await signUpInUi(page);
    // A second device: its own browser context, signed in to the same account.
    const otherContext = await openContext('desktop');
    const other = await otherContext.newPage();
    await signInInUi(other, account.email, account.password);

    await page.goto('/settings');
    const sessions = page.getByRole('region', { name: "Where you're signed in" });
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(2);
    await sessions.getByRole('listitem').filter({ hasText: 'this device' }).waitFor();
    await shoot(page, `${size}-18-settings-account`, 'Settings');

    const changePassword = page.getByRole('form', { name: 'Change password' });
    await changePassword.getByLabel('Current password').fill('not my password');
    await changePassword.getByLabel('New password').fill('a changed passphrase');
    await changePassword.getByRole('button', { name: 'Change password' }).click();
    await changePassword.getByText('Not your current password').waitFor();
    await shoot(page, `${size}-18b-settings-wrong-password`, 'Settings');
    await changePassword.getByLabel('Current password').fill(account.password);
    await changePassword.getByLabel('New password').fill('a changed passphrase');
    await changePassword.getByRole('button', { name: 'Change password' }).click();
    await changePassword.getByRole('status').getByText('Password changed').waitFor();
    // The other device was signed out; this one stays.
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(1);
    await other.goto('/settings');
    await other.waitForURL('**/signin?next=%2Fsettings');

    await signInInUi(other, account.email, 'a changed passphrase');
    await page.reload();
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(2);
    await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
    await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    await other.goto('/settings');
    await other.waitForURL('**/signin?next=%2Fsettings');
    await otherContext.close();
    await context.close();
  });

  it('settings: change the e-mail address, then delete the account with the password', async () => {
    const context = await openContext(size);
    const page = await context.newPage();
    const account = await signUpInUi(page);
    const newEmail = `moved-${account.email}`;

    await page.goto('/settings');
    const changeEmail = page.getByRole('form', { name: 'Change e-mail' });
    await changeEmail.getByLabel('New e-mail address').fill(newEmail);
    await changeEmail.getByLabel('Current password').fill(account.password);
    await changeEmail.getByRole('button', { name: 'Change e-mail' }).click();
    await changeEmail.getByRole('status').getByText(`E-mail changed to ${newEmail}`).waitFor();
    await page.getByText(`(${newEmail})`).waitFor();
    // The old address is told, in the mail stand-in.
    await mailedTo(account.email, new RegExp(`changed from \\S+ to ${newEmail.replaceAll('.', '\\.')}`));

    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await page.getByText('Enter your current password').waitFor();
    const deletePassword = page.locator('input[name="delete_password"]');
    await deletePassword.fill('not my password');
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await page.getByText('Not your current password').waitFor();
    await shoot(page, `${size}-18c-settings-delete-wrong-password`, 'Settings');
    await deletePassword.fill(account.password);
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    await page.goto('/signin');
    await page.getByLabel('Email').fill(newEmail);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('Email or password is incorrect.').waitFor();
    await context.close();
  });
});
