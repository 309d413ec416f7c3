// The private calendar feed: its address with copy and rotate, and links that
// subscribe Google Calendar and Apple Calendar (webcal://) to it.
import { createSignal, Show } from 'solid-js';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { QueryView } from '../components/query-view.tsx';
import { ConfirmButton, InlineError } from '../components/ui.tsx';
import { api, json, withSignal } from '../lib/api.ts';
import { keys } from '../lib/query-client.ts';
import type { FeedUrl } from '../lib/types.ts';

export function CalendarFeed() {
  const client = useQueryClient();
  const feed = createQuery(() => ({
    queryKey: keys.calendar,
    queryFn: ({ signal }) => json(api.calendar['feed-url'].$get(undefined, withSignal(signal))),
    staleTime: Infinity,
  }));
  const [copied, setCopied] = createSignal(false);
  const rotate = createMutation(() => ({
    mutationFn: () => json(api.calendar['feed-url'].rotate.$post()),
    onSuccess: (next: FeedUrl) => client.setQueryData(keys.calendar, next),
  }));

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard permission: select the text so the person can copy it.
      const input = document.getElementById('feed-url') as HTMLInputElement | null;
      input?.select();
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2500);
  }

  return (
    <section class="panel" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar feed</h2>
      <p class="subtle">
        Subscribe in Google Calendar, Apple Calendar or Outlook to see your timeline there, with reminders. The address is
        private: anyone who has it can see your calendar.
      </p>
      <QueryView query={feed} rows={1}>
        {(data) => (
          <>
            <label for="feed-url">Your feed address</label>
            <div class="feed-url">
              <input id="feed-url" type="text" readOnly value={data().url} onFocus={(event) => event.currentTarget.select()} />
              <button type="button" class="button" onClick={() => void copy(data().url)}>
                {copied() ? 'Copied' : 'Copy'}
              </button>
            </div>
            <p class="visually-hidden" aria-live="polite">
              {copied() ? 'Feed address copied' : ''}
            </p>
            <div class="actions">
              <a class="button" href={data().google_url} target="_blank" rel="noopener noreferrer">
                Add to Google Calendar
              </a>
              <a class="button" href={data().webcal_url}>
                Add to Apple Calendar
              </a>
            </div>
            <ConfirmButton
              label="Make a new address…"
              question="The current address stops working; calendars subscribed to it must be given the new one."
              confirmLabel="Make a new address"
              busyLabel="Making a new address…"
              busy={rotate.isPending}
              onConfirm={() => rotate.mutateAsync()}
            />
            <InlineError error={rotate.error} />
            <Show when={data().rotated_at}>
              <p class="subtle small">Address last changed {new Date(data().rotated_at!).toLocaleString()}.</p>
            </Show>
          </>
        )}
      </QueryView>
    </section>
  );
}
