import { createSignal, Show } from 'solid-js';
import { A, useLocation, useNavigate } from '@solidjs/router';
import { Field } from '../components/form.tsx';
import { signIn } from '../lib/session.ts';
import { formErrors, nextPath, type FormErrors } from './auth-form.ts';

export default function SignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<FormErrors>({ fields: {} });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const missing = {
      email: String(form.get('email')).trim() ? undefined : 'Enter your email',
      password: String(form.get('password')) ? undefined : 'Enter your password',
    };
    if (missing.email || missing.password) {
      setErrors({ fields: missing });
      (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    setErrors({ fields: {} });
    try {
      await signIn(String(form.get('email')), String(form.get('password')));
      navigate(nextPath(location.search), { replace: true });
    } catch (error) {
      setErrors(formErrors(error, ['email', 'password']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="auth">
      <h1 tabIndex={-1}>Sign in</h1>
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
        New here? <A href={`/signup${location.search}`}>Create an account</A>
      </p>
    </section>
  );
}
