// "A new version is available": the service worker waits until the person
// chooses to reload, so nothing changes under them mid-task.
import { createEffect, onCleanup, Show } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
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
          <button type="button" class="button primary" onClick={() => updateServiceWorker(true)}>
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
