// Notification history, newest first, with unread markers; mark one or all read.
import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { QueryView } from '../components/query-view.tsx';
import { EmptyState } from '../components/ui.tsx';
import { useInbox, useMarkAllRead, useMarkRead } from '../hooks/use-notifications.ts';
import { relativeTime } from '../lib/format.ts';
import { isUnread } from '../lib/query-client.ts';

export default function Notifications() {
  const inbox = useInbox();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  return (
    <>
      <header class="page-header">
        <h1 tabIndex={-1}>Notifications</h1>
        {/* The inbox's own count, so the button and the dots below come from one answer. */}
        <button type="button" class="button" disabled={(inbox.data?.unread ?? 0) === 0} onClick={() => markAll.mutate()}>
          Mark all read
        </button>
      </header>
      <QueryView
        query={inbox}
        rows={4}
        empty={(data) => data.notifications.length === 0}
        whenEmpty={
          <EmptyState title="No notifications yet" action={{ href: '/settings', label: 'Set up push notifications' }}>
            <p>When an episode you track is about to air, it shows up here and on your device.</p>
          </EmptyState>
        }
      >
        {(data) => (
          <ul class="inbox">
            <For each={data().notifications}>
              {(row) => (
                <li class="inbox-item" classList={{ unread: isUnread(row) }}>
                  <Show when={isUnread(row)}>
                    <span class="unread-dot" aria-hidden="true" />
                  </Show>
                  <A
                    href={row.url ?? (row.show_id ? `/shows/${row.show_id}` : '/')}
                    class="inbox-link"
                    onClick={() => isUnread(row) && markRead.mutate(row.id)}
                  >
                    <span class="inbox-title">
                      <Show when={isUnread(row)}>
                        <span class="visually-hidden">Unread: </span>
                      </Show>
                      {row.title}
                    </span>
                    <span class="inbox-body">{row.body}</span>
                    <time class="subtle small" datetime={row.sent_at ?? row.scheduled_for}>
                      {relativeTime(row.sent_at ?? row.scheduled_for)}
                    </time>
                  </A>
                  <Show when={isUnread(row)}>
                    <button type="button" class="chip" onClick={() => markRead.mutate(row.id)} aria-label={`Mark “${row.title}” read`}>
                      Mark read
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </QueryView>
    </>
  );
}
