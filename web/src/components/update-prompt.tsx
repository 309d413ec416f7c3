// "A new version is available": the service worker waits until the person
// chooses to reload, so nothing changes under them mid-task.
import { createEffect, onCleanup, Show } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    immediate: true,
    // An app left open for days still hears of new deployments.
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
    },
  });
  // Reload once the new service worker has taken over. workbox-window only
  // reports that for a worker it found itself, not for one found by a later
  // update check, so listen for the takeover directly.
  const reload = () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    void updateServiceWorker(true);
  };
  // "Works offline" is news, not a question: it goes away by itself.
  createEffect(() => {
    if (!offlineReady()) return;
    const timer = setTimeout(() => setOfflineReady(false), 6000);
    onCleanup(() => clearTimeout(timer));
  });
  return (
    <Show when={needRefresh() || offlineReady()}>
      <div class="toast" role="status" aria-live="polite">
        <Show when={needRefresh()} fallback={<span>ShowTracker works offline now.</span>}>
          <span>A new version of ShowTracker is available.</span>
          <button type="button" class="button primary" onClick={reload}>
            Reload
          </button>
        </Show>
        <button
          type="button"
          class="button"
          onClick={() => {
            setNeedRefresh(false);
            setOfflineReady(false);
          }}
        >
          {needRefresh() ? 'Later' : 'OK'}
        </button>
      </div>
    </Show>
  );
}
