// Settings → Account: who is signed in, sign out, change the password and
// the e-mail address, the sessions with "sign out everywhere", and deleting
// the account. Every change that could lock the owner out asks for the
// current password again.
import { createSignal, For, Show } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { Field } from '../components/form.tsx';
import { QueryView } from '../components/query-view.tsx';
import { ConfirmButton, InlineError } from '../components/ui.tsx';
import { useChangeEmail, useChangePassword, useSessions, useSignOutEverywhere, useSignOutSession } from '../hooks/use-account.ts';
import { api, setSession } from '../lib/api.ts';
import { endLocalSubscription } from '../lib/push.ts';
import { signOut, user } from '../lib/session.ts';
import { formErrors, type FormErrors } from './auth-form.ts';

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/** Submits a form's fields to `send`; errors land beside their fields, the form is cleared on success. */
function createPasswordForm(fields: string[], check: (form: FormData) => Record<string, string | undefined>, send: (form: FormData) => Promise<unknown>) {
  const [errors, setErrors] = createSignal<FormErrors>({ fields: {} });
  const [done, setDone] = createSignal(false);
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const form = new FormData(element);
    setDone(false);
    const problems = check(form);
    if (Object.values(problems).some(Boolean)) {
      setErrors({ fields: problems });
      element.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setErrors({ fields: {} });
    try {
      await send(form);
      element.reset();
      setDone(true);
    } catch (error) {
      setErrors(formErrors(error, fields));
      element.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
    }
  }
  return { errors, done, submit };
}

function ChangePassword() {
  const change = useChangePassword();
  const { errors, done, submit } = createPasswordForm(
    ['current_password', 'new_password'],
    (form) => ({
      current_password: text(form, 'current_password') ? undefined : 'Enter your current password',
      new_password: text(form, 'new_password').length < 8 ? 'Passwords are at least 8 characters' : undefined,
    }),
    (form) => change.mutateAsync({ current_password: text(form, 'current_password'), new_password: text(form, 'new_password') }),
  );
  return (
    <form onSubmit={submit} novalidate aria-labelledby="password-heading">
      <h3 id="password-heading">Change password</h3>
      <Field label="Current password" name="current_password" type="password" autocomplete="current-password" required error={errors().fields.current_password} />
      <Field
        label="New password"
        name="new_password"
        type="password"
        autocomplete="new-password"
        required
        hint="At least 8 characters. Your other devices are signed out."
        error={errors().fields.new_password}
      />
      <Show when={errors().form}>
        <p class="notice error" role="alert">
          {errors().form}
        </p>
      </Show>
      <Show when={done()}>
        <p class="notice ok" role="status">
          Password changed. Other devices are signed out.
        </p>
      </Show>
      <button type="submit" class="button" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

function ChangeEmail() {
  const change = useChangeEmail();
  const { errors, done, submit } = createPasswordForm(
    ['email', 'current_password'],
    (form) => ({
      email: text(form, 'email').trim() ? undefined : 'Enter the new address',
      current_password: text(form, 'current_password') ? undefined : 'Enter your current password',
    }),
    (form) => change.mutateAsync({ email: text(form, 'email'), current_password: text(form, 'current_password') }),
  );
  return (
    <form onSubmit={submit} novalidate aria-labelledby="email-heading">
      <h3 id="email-heading">Change e-mail</h3>
      <Field label="New e-mail address" name="email" type="email" autocomplete="email" required error={errors().fields.email} />
      <Field label="Current password" name="current_password" type="password" autocomplete="current-password" required error={errors().fields.current_password} />
      <Show when={errors().form}>
        <p class="notice error" role="alert">
          {errors().form}
        </p>
      </Show>
      <Show when={done()}>
        <p class="notice ok" role="status">
          E-mail changed to {user()?.email}. We told your old address.
        </p>
      </Show>
      <button type="submit" class="button" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change e-mail'}
      </button>
    </form>
  );
}

function DeleteAccount() {
  const navigate = useNavigate();
  const [password, setPassword] = createSignal('');
  const [errors, setErrors] = createSignal<FormErrors>({ fields: {} });
  const [busy, setBusy] = createSignal(false);

  async function deleteAccount() {
    if (!password()) {
      setErrors({ fields: { current_password: 'Enter your current password' } });
      throw new Error('no password');
    }
    setBusy(true);
    setErrors({ fields: {} });
    try {
      // Deleted first: a wrong password must leave this device's push as it was.
      await api.me.$delete({ json: { current_password: password() } });
      // The account's devices went with it; only this browser's subscription is left to end.
      await endLocalSubscription().catch(() => undefined);
      setSession(null);
      navigate('/', { replace: true });
    } catch (problem) {
      setErrors(formErrors(problem, ['current_password']));
      throw problem;
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h3>Delete account</h3>
      <p class="subtle">This deletes your account, everything you track, your watch history, your notifications and your devices. It cannot be undone.</p>
      <Field
        label="Current password"
        name="delete_password"
        type="password"
        autocomplete="current-password"
        value={password()}
        onInput={(event) => setPassword(event.currentTarget.value)}
        error={errors().fields.current_password}
      />
      <ConfirmButton
        label="Delete my account…"
        danger
        question="Delete your account for good?"
        confirmLabel="Yes, delete everything"
        busyLabel="Deleting…"
        busy={busy()}
        onConfirm={deleteAccount}
      />
      <Show when={errors().form}>
        <p class="notice error" role="alert">
          {errors().form}
        </p>
      </Show>
    </>
  );
}

function Sessions() {
  const navigate = useNavigate();
  const sessions = useSessions();
  const signOutOne = useSignOutSession();
  const everywhere = useSignOutEverywhere();
  return (
    <section class="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you're signed in</h2>
      <QueryView
        query={sessions}
        rows={2}
        empty={(data) => data.sessions.length === 0}
        whenEmpty={<p class="subtle">No sessions.</p>}
      >
        {(data) => (
          <ul class="devices sessions">
            <For each={data().sessions}>
              {(session) => (
                <li>
                  <span>
                    {session.label}
                    <Show when={session.current}> · this device</Show>
                    <span class="subtle small">
                      {' '}
                      · signed in {new Date(session.created_at).toLocaleDateString()} · last used {new Date(session.last_used_at).toLocaleString()}
                    </span>
                  </span>
                  <Show when={!session.current}>
                    <button
                      type="button"
                      class="chip"
                      aria-label={`Sign out ${session.label}`}
                      disabled={signOutOne.isPending}
                      onClick={() => signOutOne.mutate(session.id)}
                    >
                      Sign out
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </QueryView>
      <InlineError error={signOutOne.error} />
      <p class="subtle">Lost a device, or signed in somewhere you shouldn't have? Sign out everywhere, this device too.</p>
      <ConfirmButton
        label="Sign out everywhere…"
        danger
        question="Sign out on every device, this one too?"
        confirmLabel="Yes, sign out everywhere"
        busyLabel="Signing out…"
        busy={everywhere.isPending}
        onConfirm={() => everywhere.mutateAsync().then(() => navigate('/signin', { replace: true }))}
      />
      <InlineError error={everywhere.error} />
    </section>
  );
}

export function AccountSettings() {
  const navigate = useNavigate();
  return (
    <>
      <section class="panel account" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <p>
          Signed in as <strong>{user()?.username}</strong> ({user()?.email}).
        </p>
        <p>
          <A href="/history">Your watch history</A>: everything you marked watched, to change or remove.
        </p>
        <button
          type="button"
          class="button"
          onClick={() => {
            void signOut().then(() => navigate('/', { replace: true }));
          }}
        >
          Sign out
        </button>
        <ChangePassword />
        <ChangeEmail />
        <DeleteAccount />
      </section>
      <Sessions />
    </>
  );
}
