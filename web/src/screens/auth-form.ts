// What sign-in and sign-up share: where to go afterwards, and turning an API
// error into a message per field plus one for the whole form.
import { createSignal } from 'solid-js';
import { useLocation, useNavigate } from '@solidjs/router';
import { ApiError } from '../lib/api.ts';
import { errorText } from '../components/ui.tsx';

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export interface FormErrors {
  form?: string;
  fields: Record<string, string | undefined>;
}

export function formErrors(error: unknown, fieldNames: string[]): FormErrors {
  if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
    const fields = Object.fromEntries(fieldNames.map((name) => [name, error.field(name)]));
    const unplaced = Object.keys(error.fields).some((name) => !fieldNames.includes(name));
    return { fields, form: unplaced ? error.message : undefined };
  }
  return { fields: {}, form: errorText(error) };
}

export interface AuthFormOptions {
  /** The form's fields, in order: API errors about them show beside them. */
  fields: string[];
  /** Problems found before asking the server (empty fields, a short password); undefined where fine. */
  check: (form: FormData) => Record<string, string | undefined>;
  /** Signs the person in; resolves with where to go next, given the `next` of the address. */
  send: (form: FormData, next: string) => Promise<string>;
}

/** The state and submit handler sign-in and sign-up share. */
export function createAuthForm(options: AuthFormOptions) {
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<FormErrors>({ fields: {} });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const form = new FormData(element);
    const problems = options.check(form);
    if (Object.values(problems).some(Boolean)) {
      setErrors({ fields: problems });
      element.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    setErrors({ fields: {} });
    try {
      navigate(await options.send(form, nextPath(location.search)), { replace: true });
    } catch (error) {
      setErrors(formErrors(error, options.fields));
    } finally {
      setBusy(false);
    }
  }

  return { busy, errors, submit, search: () => location.search };
}
