import { A } from '@solidjs/router';

export default function NotFound() {
  return (
    <section class="empty">
      <h1 tabIndex={-1}>Page not found</h1>
      <p>There is nothing at this address.</p>
      <A href="/" class="button primary">
        Go home
      </A>
    </section>
  );
}
