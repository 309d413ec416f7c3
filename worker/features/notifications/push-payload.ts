// The JSON a web push carries to the PWA's service worker
// (web/src/lib/push-message.ts turns it into the notification shown), written
// by the dispatcher and the internal test push. One shape for both ends: the
// service worker imports this type, and reads every field as possibly absent,
// since a push is untrusted input.
export type PushPayload = {
  /** The notification's id; absent for a test push, which is no notification. */
  id?: string;
  title: string;
  body: string;
  show_id?: string | null;
  event_type?: string | null;
  season_number?: number | null;
  episode_number?: number | null;
  /** A same-origin page to open. */
  url: string | null;
  icon: string | null;
  image?: string | null;
  /** One notification per tag on the lock screen: a newer one replaces it. */
  tag: string | null;
  /** Allows "Mark watched" on this one notification for 14 days (typ action+jwt). */
  actions_token?: string;
};
