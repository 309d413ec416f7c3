// Where a reset link leads (/reset-password?token=…): choose a new password,
// then sign in with it (setting it signed out every session).
import { createSignal, Show } from 'solid-js';
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { Field } from '../components/form.tsx';
import { publicApi } from '../lib/api.ts';
import { formErrors, type FormErrors } from './auth-form.ts';

export default function ResetPassword() {
  const navigate = useNavigate();
  const [params] = useSearchParams<{ token?: string }>();
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<FormErrors>({ fields: {} });
  const token = () => (typeof params.token === 'string' ? params.token : '');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const form = new FormData(element);
    const password = String(form.get('password') ?? '');
    const repeat = String(form.get('repeat') ?? '');
    const problems = {
      password: password.length < 8 ? 'Passwords are at least 8 characters' : undefined,
      repeat: password === repeat ? undefined : "The passwords don't match",
    };
    if (problems.password || problems.repeat) {
      setErrors({ fields: problems });
      element.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    setErrors({ fields: {} });
    try {
      await publicApi.auth['password-reset'].confirm.$post({ json: { token: token(), password } });
      navigate('/signin?reset=1', { replace: true });
    } catch (error) {
      const problem = formErrors(error, ['password']);
      // The token is not a field here: a dead link is the whole form's problem.
      setErrors(problem.form ? problem : { ...problem, form: (error as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="auth">
      <h1 tabIndex={-1}>Choose a new password</h1>
      <Show
        when={token()}
        fallback={
          <p class="notice error" role="alert">
            This link has no reset token. Open the link from the e-mail again, or <A href="/forgot-password">ask for a new one</A>.
          </p>
        }
      >
        <form onSubmit={submit} novalidate aria-describedby="reset-hint reset-error">
          <p class="subtle" id="reset-hint">
            Setting a new password signs you out on every device.
          </p>
          <Field label="New password" name="password" type="password" autocomplete="new-password" required error={errors().fields.password} />
          <Field label="New password again" name="repeat" type="password" autocomplete="new-password" required error={errors().fields.repeat} />
          <Show when={errors().form}>
            <p class="notice error" role="alert" id="reset-error">
              {errors().form} <A href="/forgot-password">Ask for a new link</A>
            </p>
          </Show>
          <button type="submit" class="button primary wide" disabled={busy()}>
            {busy() ? 'Saving…' : 'Set new password'}
          </button>
        </form>
      </Show>
    </section>
  );
}
