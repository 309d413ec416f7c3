import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { Field } from '../components/form.tsx';
import { signIn } from '../lib/session.ts';
import { createAuthForm } from './auth-form.ts';

export default function SignIn() {
  const { busy, errors, submit, search } = createAuthForm({
    fields: ['email', 'password'],
    check: (form) => ({
      email: String(form.get('email')).trim() ? undefined : 'Enter your email',
      password: String(form.get('password')) ? undefined : 'Enter your password',
    }),
    send: async (form, next) => {
      await signIn(String(form.get('email')), String(form.get('password')));
      return next;
    },
  });

  const resetDone = () => new URLSearchParams(search()).get('reset') === '1';

  return (
    <section class="auth">
      <h1 tabIndex={-1}>Sign in</h1>
      <Show when={resetDone()}>
        <p class="notice ok" role="status">
          Your password is changed and every device is signed out. Sign in with the new password.
        </p>
      </Show>
      <form onSubmit={submit} novalidate aria-describedby="signin-error">
        <Field label="Email" name="email" type="email" autocomplete="email" required error={errors().fields.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          error={errors().fields.password}
        />
        <p class="forgot">
          <A href="/forgot-password">Forgot password?</A>
        </p>
        <Show when={errors().form}>
          <p class="notice error" role="alert" id="signin-error">
            {errors().form}
          </p>
        </Show>
        <button type="submit" class="button primary wide" disabled={busy()}>
          {busy() ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="subtle">
        New here? <A href={`/signup${search()}`}>Create an account</A>
      </p>
    </section>
  );
}
