import { createSignal, Show } from 'solid-js';
import { A, useLocation, useNavigate } from '@solidjs/router';
import { Field } from '../components/form.tsx';
import { browserTimeZone, signUp } from '../lib/session.ts';
import { formErrors, nextPath, type FormErrors } from './auth-form.ts';

export default function SignUp() {
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<FormErrors>({ fields: {} });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const password = String(form.get('password'));
    if (password.length < 8) {
      setErrors({ fields: { password: 'Passwords are at least 8 characters' } });
      return;
    }
    setBusy(true);
    setErrors({ fields: {} });
    try {
      await signUp({ email: String(form.get('email')), username: String(form.get('username')), password });
      navigate(nextPath(location.search) === '/' ? '/search' : nextPath(location.search), { replace: true });
    } catch (error) {
      setErrors(formErrors(error, ['email', 'username', 'password']));
    } finally {
      setBusy(false);
    }
  }

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
        Already have an account? <A href={`/signin${location.search}`}>Sign in</A>
      </p>
    </section>
  );
}
