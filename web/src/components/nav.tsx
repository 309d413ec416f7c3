// The navigation: a bottom tab bar on phones, a top bar on wider screens,
// with the unread badge on Notifications.
import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { useUnreadCount } from '../hooks/use-notifications.ts';
import { status } from '../lib/session.ts';

const icons = {
  home: 'M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  search: 'M10.5 3a7.5 7.5 0 1 0 4.55 13.46l4.74 4.75 1.42-1.42-4.75-4.74A7.5 7.5 0 0 0 10.5 3zm0 2a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11z',
  shows: 'M4 5h16v11H4zM8 19h8v2H8z',
  timeline: 'M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2zm-2 8h14v10H5z',
  bell: 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5-6.7V3a2 2 0 1 0-4 0v1.3A7 7 0 0 0 5 11v5l-2 2v1h18v-1z',
  settings:
    'M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3h-4l-.3 2.9a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.6 7.6 0 0 0 1.7 1L11 21h4l.3-2.9a7.6 7.6 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z',
};

function Icon(props: { path: string }) {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <path d={props.path} fill="currentColor" />
    </svg>
  );
}

function Tab(props: { href: string; label: string; icon: string; end?: boolean; badge?: number }) {
  return (
    <A href={props.href} end={props.end} class="tab" activeClass="active">
      <span class="tab-icon">
        <Icon path={props.icon} />
        <Show when={(props.badge ?? 0) > 0}>
          <span class="badge" aria-hidden="true">
            {props.badge! > 99 ? '99+' : props.badge}
          </span>
        </Show>
      </span>
      <span class="tab-label">
        {props.label}
        <Show when={(props.badge ?? 0) > 0}>
          <span class="visually-hidden">, {props.badge} unread</span>
        </Show>
      </span>
    </A>
  );
}

export function Nav() {
  const unread = useUnreadCount();
  return (
    <nav class="nav" aria-label="Main">
      <A href="/" class="brand" end>
        <img src="/favicon.svg" alt="" width="28" height="28" />
        <span>ShowTracker</span>
      </A>
      <div class="tabs">
        <Tab href="/" label="Home" icon={icons.home} end />
        <Tab href="/search" label="Search" icon={icons.search} />
        <Show when={status() === 'signed-in'}>
          <Tab href="/my-shows" label="My shows" icon={icons.shows} />
          <Tab href="/timeline" label="Timeline" icon={icons.timeline} />
          <Tab href="/notifications" label="Alerts" icon={icons.bell} badge={unread.data?.unread ?? 0} />
          <Tab href="/settings" label="Settings" icon={icons.settings} />
        </Show>
        <Show when={status() === 'signed-out'}>
          <A href="/signin" class="tab sign-in-tab" activeClass="active">
            <span class="tab-label">Sign in</span>
          </A>
        </Show>
      </div>
    </nav>
  );
}
