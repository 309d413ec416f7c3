// Form fields with their labels, hints and errors tied together for
// assistive technology.
import { Show, splitProps, type JSX } from 'solid-js';

let counter = 0;

export function Field(
  props: { label: string; error?: string; hint?: string } & JSX.InputHTMLAttributes<HTMLInputElement>,
) {
  const [own, input] = splitProps(props, ['label', 'error', 'hint']);
  const id = input.id ?? `field-${++counter}`;
  const describedBy = () => [own.hint ? `${id}-hint` : '', own.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ invalid: Boolean(own.error) }}>
      <label for={id}>{own.label}</label>
      <input id={id} aria-invalid={own.error ? 'true' : undefined} aria-describedby={describedBy()} {...input} />
      <Show when={own.hint}>
        <p class="hint" id={`${id}-hint`}>
          {own.hint}
        </p>
      </Show>
      <Show when={own.error}>
        <p class="field-error" id={`${id}-error`}>
          {own.error}
        </p>
      </Show>
    </div>
  );
}
