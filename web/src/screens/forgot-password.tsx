// "Forgot password?": asks for a reset link by e-mail. The answer is the
// same whether or not the address has an account, and so is this screen.
import { createSignal, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { Field } from '../components/form.tsx';
import { publicApi } from '../lib/api.ts';
import { formErrors, type FormErrors } from './auth-form.ts';

export default function ForgotPassword() {
  const [busy, setBusy] = createSignal(false);
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  const [errors, setErrors] = createSignal<FormErrors>({ fields: {} });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const email = String(new FormData(element).get('email') ?? '').trim();
    if (!email) {
      setErrors({ fields: { email: 'Enter your email' } });
      element.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    setBusy(true);
    setErrors({ fields: {} });
    try {
      await publicApi.auth['password-reset'].$post({ json: { email } });
      setSentTo(email);
    } catch (error) {
      setErrors(formErrors(error, ['email']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="auth">
      <h1 tabIndex={-1}>Reset your password</h1>
      <Show
        when={sentTo()}
        fallback={
          <form onSubmit={submit} novalidate aria-describedby="forgot-hint forgot-error">
            <p class="subtle" id="forgot-hint">
              Enter the email you signed up with and we'll send you a link to choose a new password.
            </p>
            <Field label="Email" name="email" type="email" autocomplete="email" required error={errors().fields.email} />
            <Show when={errors().form}>
              <p class="notice error" role="alert" id="forgot-error">
                {errors().form}
              </p>
            </Show>
            <button type="submit" class="button primary wide" disabled={busy()}>
              {busy() ? 'Sending…' : 'Send reset link'}
            </button>
          </form>
        }
      >
        <p class="notice ok" role="status">
          If an account uses {sentTo()}, a reset link is on its way. It works once, for 30 minutes.
        </p>
        <p class="subtle">No mail after a few minutes? Check your spam folder, or ask again.</p>
        <button type="button" class="link-button" onClick={() => setSentTo(null)}>
          Send another link
        </button>
      </Show>
      <p class="subtle">
        Remembered it? <A href="/signin">Sign in</A>
      </p>
    </section>
  );
}
