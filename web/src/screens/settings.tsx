// Settings: time zone and clock, hide spoilers, push on this device, devices, calendar
// feed, the way to import and export, and the account (settings-account.tsx).
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { A } from '@solidjs/router';
import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { QueryView } from '../components/query-view.tsx';
import { ZonePicker } from '../components/zone-picker.tsx';
import { InlineError, Skeleton } from '../components/ui.tsx';
import { useDevices, useMe, useRemoveDevice, useUpdateMe } from '../hooks/use-me.ts';
import type { User } from '../lib/api.ts';
import { clockPreference, localeUses12h, setClockPreference, type ClockPreference } from '../lib/clock.ts';
import { clockTime } from '../lib/format.ts';
import { keys } from '../lib/query-client.ts';
import { currentPushState, disablePush, enablePush, thisDeviceId } from '../lib/push.ts';
import { browserTimeZone, user } from '../lib/session.ts';
import { HIDE_SPOILERS_KEY, hideSpoilers } from '../lib/spoilers.ts';
import { canonicalZone } from '../lib/zones.ts';
import type { Device } from '../lib/types.ts';
import { AccountSettings } from './settings-account.tsx';
import { CalendarFeed } from './settings-calendar.tsx';

function TimeZoneSetting() {
  const me = useMe();
  const update = useUpdateMe();
  const current = () => me.data?.timezone ?? user()?.timezone ?? 'UTC';
  const browser = canonicalZone(browserTimeZone());
  return (
    <section class="panel" aria-labelledby="tz-heading">
      <h2 id="tz-heading">Time zone</h2>
      <p class="subtle">Air times on your timeline, in notifications and in the calendar feed use this zone.</p>
      <ZonePicker value={current()} browserZone={browser} onChange={(timezone) => update.mutate({ timezone })} />
      <Show when={browser !== canonicalZone(current())}>
        <p>
          This device is set to {browser.replaceAll('_', ' ')}.{' '}
          <button type="button" class="link-button" onClick={() => update.mutate({ timezone: browser })}>
            Use {browser.replaceAll('_', ' ')}
          </button>
        </p>
      </Show>
      <Show when={update.isSuccess}>
        <p class="notice ok" role="status">
          Saved.
        </p>
      </Show>
      <InlineError error={update.error} />
      <ClockSetting />
    </section>
  );
}

const CLOCKS: [ClockPreference, string][] = [
  ['auto', `Automatic (${clockTime('21:00', localeUses12h())})`],
  ['12h', '12-hour (9:00 PM)'],
  ['24h', '24-hour (21:00)'],
];

/** This device's clock: kept in the browser, applied at once on every screen. */
function ClockSetting() {
  return (
    <fieldset class="clock-setting">
      <legend>Clock</legend>
      <div class="segmented">
        <For each={CLOCKS}>
          {([value, label]) => (
            <label classList={{ selected: clockPreference() === value }}>
              <input type="radio" name="clock" value={value} checked={clockPreference() === value} onChange={() => setClockPreference(value)} />
              {label}
            </label>
          )}
        </For>
      </div>
      <p class="subtle">Automatic follows this browser's language settings. Saved on this device.</p>
    </fieldset>
  );
}

/** On at once on this device; offline, saved when the connection is back (the registered `hide-spoilers` mutation). */
function SpoilerSetting() {
  const change = createMutation<User, Error, boolean>(() => ({ mutationKey: HIDE_SPOILERS_KEY }));
  return (
    <section class="panel" aria-labelledby="spoilers-heading">
      <h2 id="spoilers-heading">Spoilers</h2>
      <label class="check">
        <input
          type="checkbox"
          role="switch"
          aria-describedby="spoilers-hint"
          checked={hideSpoilers()}
          onChange={(event) => change.mutate(event.currentTarget.checked)}
        />
        Hide spoilers
      </label>
      <p id="spoilers-hint" class="subtle">
        Titles, descriptions and pictures of episodes you haven't watched stay hidden until you tap Reveal, in notifications and the calendar feed too.
      </p>
      <Show when={change.isPaused}>
        <p class="subtle" role="status">
          Will save when online
        </p>
      </Show>
      <Show when={change.isSuccess}>
        <p class="notice ok" role="status">
          Saved.
        </p>
      </Show>
      <InlineError error={change.error} />
    </section>
  );
}

function describeDevice(device: Device): string {
  const host = (() => {
    try {
      return new URL(device.endpoint).host;
    } catch {
      return 'unknown push service';
    }
  })();
  const service = host.includes('google') ? 'Chrome / Android' : host.includes('mozilla') ? 'Firefox' : host.includes('apple') ? 'Safari / iOS' : host;
  return `${device.platform === 'web' ? 'Browser' : device.platform} · ${service}`;
}

function PushSetting() {
  const client = useQueryClient();
  const [state, { refetch }] = createResource(currentPushState);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const devices = useDevices();
  const remove = useRemoveDevice();

  async function change(enable: boolean) {
    setBusy(true);
    setError(null);
    try {
      if (enable) await enablePush();
      else await disablePush();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
      void refetch();
      void client.invalidateQueries({ queryKey: keys.devices });
    }
  }

  return (
    <section class="panel" aria-labelledby="push-heading">
      <h2 id="push-heading">Push notifications</h2>
      <Switch>
        <Match when={state.loading}>
          <Skeleton rows={1} />
        </Match>
        <Match when={state() === 'unsupported'}>
          <p>This browser can't receive push notifications. On iPhone and iPad, add ShowTracker to your Home Screen first.</p>
        </Match>
        <Match when={state() === 'denied'}>
          <p>Notifications are blocked for this site. Allow them in your browser's site settings to turn them on.</p>
        </Match>
        <Match when={state() === 'on'}>
          <p>
            <strong>On</strong> for this device.
          </p>
          <button type="button" class="button" disabled={busy()} onClick={() => void change(false)}>
            {busy() ? 'Turning off…' : 'Turn off on this device'}
          </button>
        </Match>
        <Match when={state() === 'off'}>
          <p>Get a notification on this device before episodes you track air.</p>
          <button type="button" class="button primary" disabled={busy()} onClick={() => void change(true)}>
            {busy() ? 'Turning on…' : 'Enable notifications'}
          </button>
        </Match>
      </Switch>
      <InlineError error={error()} />
      <h3>Your devices</h3>
      <QueryView
        query={devices}
        rows={1}
        empty={(data) => data.devices.length === 0}
        whenEmpty={<p class="subtle">No devices receive notifications yet.</p>}
      >
        {(data) => (
          <ul class="devices">
            <For each={data().devices}>
              {(device) => (
                <li>
                  <span>
                    {describeDevice(device)}
                    <Show when={device.id === thisDeviceId()}> · this device</Show>
                    <Show when={!device.is_active}> · inactive</Show>
                    <span class="subtle small"> · added {new Date(device.created_at).toLocaleDateString()}</span>
                  </span>
                  <button
                    type="button"
                    class="chip"
                    disabled={remove.isPending || busy()}
                    onClick={() =>
                      // This browser's own device: unsubscribe it too, or it keeps a dead subscription.
                      device.id === thisDeviceId() ? void change(false) : remove.mutate(device.id)
                    }
                  >
                    Remove
                  </button>
                </li>
              )}
            </For>
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function ImportExportLink() {
  return (
    <section class="panel" aria-labelledby="import-export-heading">
      <h2 id="import-export-heading">Import & export</h2>
      <p class="subtle">Bring your history from TV Time, Trakt, IMDb or Letterboxd, or download everything you have here.</p>
      <A class="button" href="/settings/import">
        Import or export your data
      </A>
    </section>
  );
}

export default function Settings() {
  return (
    <>
      <h1 tabIndex={-1}>Settings</h1>
      <TimeZoneSetting />
      <SpoilerSetting />
      <PushSetting />
      <CalendarFeed />
      <ImportExportLink />
      <AccountSettings />
    </>
  );
}
