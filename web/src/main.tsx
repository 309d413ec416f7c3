// Starts the PWA: the query cache restored from this device (so the last
// timeline shows at once, even offline), paused mutations resumed, the
// session restored from the refresh cookie.
import { render } from 'solid-js/web';
import { PersistQueryClientProvider } from '@tanstack/solid-query-persist-client';
import { App } from './app.tsx';
import { createPersister, createQueryClient, invalidateNotifications, invalidateTracked, PERSIST_MAX_AGE, shouldPersistQuery } from './lib/query-client.ts';
import { forgetDataWhenSignedOut, restoreSession } from './lib/session.ts';
import './styles.css';

const client = createQueryClient();
forgetDataWhenSignedOut(client);
void restoreSession();

// The service worker tells open pages when a push arrived or an episode was
// marked watched from a notification, so the badge and lists catch up.
navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
  if (event.data?.type === 'push-received') {
    void invalidateNotifications(client);
  }
  if (event.data?.type === 'watched') {
    // Watched from a notification also read it on the server: the badge and inbox too.
    void invalidateTracked(client);
    void invalidateNotifications(client);
  }
});

render(
  () => (
    <PersistQueryClientProvider
      client={client}
      persistOptions={{
        persister: createPersister(),
        maxAge: PERSIST_MAX_AGE,
        buster: import.meta.env.VITE_APP_VERSION ?? 'dev',
        dehydrateOptions: { shouldDehydrateQuery: shouldPersistQuery },
      }}
      onSuccess={() => client.resumePausedMutations()}
    >
      <App />
    </PersistQueryClientProvider>
  ),
  document.getElementById('root')!,
);
