// What the web tests share: a fresh account on the real API (through the
// dev proxy to `npm start`), and rendering a screen inside the app's
// providers with an in-memory router.
import type { JSX } from 'solid-js';
import { MemoryRouter, Route, createMemoryHistory } from '@solidjs/router';
import { QueryClientProvider, type QueryClient } from '@tanstack/solid-query';
import { render } from '@solidjs/testing-library';
import { json, publicApi } from '../src/lib/api.ts';
import { createPersister, PERSIST_MAX_AGE, shouldPersistQuery } from '../src/lib/query-client.ts';
import { signUp } from '../src/lib/session.ts';
import type { ShowSummary } from '../src/lib/types.ts';

let counter = 0;

/** Signs up a new person (refresh cookie set, access token in memory) and returns their credentials. */
export async function freshAccount() {
  const id = `${Date.now().toString(36)}${(counter += 1)}${Math.random().toString(36).slice(2, 6)}`;
  const account = { email: `web-${id}@example.com`, username: `web_${id}`.slice(0, 30), password: 'correct horse battery' };
  await signUp(account);
  return account;
}

/** A catalog title the metadata stand-ins know. */
export async function findShow(query: string): Promise<ShowSummary> {
  const result = await json(publicApi.shows.search.$get({ query: { q: query } }));
  const show = result.results[0];
  if (!show) throw new Error(`the stand-ins have no "${query}"`);
  return show;
}

/** `pattern` is the screen's route when it reads parameters (`/shows/:id`). */
export function renderScreen(client: QueryClient, screen: () => JSX.Element, path = '/', pattern = '*') {
  const history = createMemoryHistory();
  history.set({ value: path });
  return render(() => (
    <MemoryRouter history={history} root={(props) => <QueryClientProvider client={client}>{props.children}</QueryClientProvider>}>
      <Route path={pattern} component={screen} />
    </MemoryRouter>
  ));
}

/** Resolves once `check` stops throwing (the DOM settles asynchronously), or rethrows after `timeout`. */
export async function eventually<T>(check: () => T | Promise<T>, timeout = 10_000): Promise<T> {
  const deadline = performance.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** How the app persists its query cache, for tests that reload: saved at once (no throttle), one buster. */
export const persistOptions = (client: QueryClient) => ({
  queryClient: client,
  persister: createPersister(localStorage, 0),
  maxAge: PERSIST_MAX_AGE,
  buster: 'test',
  dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery },
});
