import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { Field } from '../components/form.tsx';
import { browserTimeZone, signUp } from '../lib/session.ts';
import { createAuthForm } from './auth-form.ts';

export default function SignUp() {
  const { busy, errors, submit, search } = createAuthForm({
    fields: ['email', 'username', 'password'],
    check: (form) => ({
      password: String(form.get('password')).length < 8 ? 'Passwords are at least 8 characters' : undefined,
    }),
    send: async (form, next) => {
      await signUp({ email: String(form.get('email')), username: String(form.get('username')), password: String(form.get('password')) });
      // Someone new has nothing to see yet: start them at search.
      return next === '/' ? '/search' : next;
    },
  });

  return (
    <section class="auth">
      <h1 tabIndex={-1}>Create your account</h1>
      <form onSubmit={submit} novalidate>
        <Field label="Email" name="email" type="email" autocomplete="email" required error={errors().fields.email} />
        <Field
          label="Username"
          name="username"
          autocomplete="username"
          required
          pattern="[A-Za-z0-9_]{3,30}"
          hint="3–30 letters, digits or underscores"
          error={errors().fields.username}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters"
          error={errors().fields.password}
        />
        <p class="hint">Times will be shown in {browserTimeZone().replaceAll('_', ' ')}; you can change this in Settings.</p>
        <Show when={errors().form}>
          <p class="notice error" role="alert">
            {errors().form}
          </p>
        </Show>
        <button type="submit" class="button primary wide" disabled={busy()}>
          {busy() ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p class="subtle">
        Already have an account? <A href={`/signin${search()}`}>Sign in</A>
      </p>
    </section>
  );
}
