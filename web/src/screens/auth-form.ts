// What sign-in and sign-up share: where to go afterwards, and turning an API
// error into a message per field plus one for the whole form.
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
