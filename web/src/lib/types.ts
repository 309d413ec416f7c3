// Names for the API's shapes the app reads, each taken from the route that
// answers with it (the worker's route definitions, through api.ts's client),
// so they cannot drift from what the server sends.
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { api, publicApi } from './api.ts';

export type ShowDetail = InferResponseType<(typeof publicApi.shows)[':id']['$get']>;
export type SeasonDetail = InferResponseType<(typeof publicApi.shows)[':id']['seasons'][':num']['$get']>;
export type SearchResult = InferResponseType<typeof publicApi.shows.search.$get>;
export type ShowList = InferResponseType<typeof publicApi.shows.trending.$get>;
export type ShowSummary = ShowList['results'][number];
export type MediaType = ShowSummary['media_type'];
export type Episode = SeasonDetail['episodes'][number];

export type TrackingList = InferResponseType<typeof api.tracking.$get>;
export type TrackedShow = TrackingList['results'][number];
/** A tracked show as POST /tracking answers: with whether it left the watchlist. */
export type TrackResult = InferResponseType<typeof api.tracking.$post>;
export type TrackRequest = InferRequestType<typeof api.tracking.$post>['json'];
export type TrackingPatch = InferRequestType<(typeof api.tracking)[':show_id']['$patch']>['json'];

export type Watchlist = InferResponseType<typeof api.watchlist.$get>;
export type WatchlistItem = Watchlist['results'][number];
/** What adding needs: the show itself (the list shows it at once), and an optional note. */
export type WatchlistAdd = { show: ShowSummary; note?: string };

export type Timeline = InferResponseType<typeof api.timeline.today.$get>;
export type TimelineEvent = Timeline['events'][number];

export type Inbox = InferResponseType<typeof api.notifications.$get>;
export type Notification = Inbox['notifications'][number];
export type UnreadCount = InferResponseType<(typeof api.notifications)['unread-count']['$get']>;
export type ReadAll = InferResponseType<(typeof api.notifications)['read-all']['$post']>;

export type Device = InferResponseType<typeof api.me.devices.$post>;
export type FeedUrl = InferResponseType<(typeof api.calendar)['feed-url']['$get']>;

// The event types are the worker's own list (it imports nothing), so the filters cannot drift.
export { allEventTypes as EVENT_TYPES, type TimelineEventType as EventType } from '../../../worker/lib/event-types.ts';

export type WatchState = InferResponseType<(typeof api.history.shows)[':show_id']['$get']>;
export type WatchedEpisode = WatchState['episodes'][number];
export type HistoryPage = InferResponseType<typeof api.history.$get>;
export type HistoryEntry = HistoryPage['watches'][number];
/** What marking a season, "up to here" or a whole show answers: what was marked and skipped. */
export type MarkResult = InferResponseType<(typeof api.history.shows)[':show_id']['up-to']['$post']>;
export type Watch = InferResponseType<(typeof api.history.episodes)[':episode_id']['$post']>;
export type UnmarkResult = InferResponseType<(typeof api.history.episodes)[':episode_id']['$delete']>;
export type WatchResult = Watch | MarkResult | UnmarkResult | HistoryEntry;
export type WatchEdit = InferRequestType<(typeof api.history.watches)[':watch_id']['$patch']>['json'];
export type UpNext = InferResponseType<(typeof api)['up-next']['$get']>;
export type UpNextItem = UpNext['shows'][number];
export type MarkNextResult = InferResponseType<(typeof api)['up-next'][':show_id']['watched']['$post']>;
/**
 * Home's one tap, registered in query-client.ts under `up-next-watched`: `episode` is what the
 * item offered (the button's label); `offline` says it was tapped without a connection.
 */
export type UpNextMark = { show_id: string; episode: EpisodeRef; at: string; offline?: boolean };
/** An episode as marking needs it: its id and numbers. */
export type EpisodeRef = { id: string; season_number: number; episode_number: number };
/**
 * One change to the history from the show page, registered in query-client.ts
 * under `watch` so it waits offline and survives a reload. `at` is when the
 * person did it: a change sent later than that (queued offline) records it.
 * `episodes` are what the page marks at once, before the server answers.
 */
export type WatchMark =
  | { kind: 'episode'; show_id: string; episode: EpisodeRef; rewatch?: boolean; at: string }
  | { kind: 'unmark'; show_id: string; episode: EpisodeRef; at: string }
  | { kind: 'season'; show_id: string; season_number: number; episodes: EpisodeRef[]; at: string }
  | { kind: 'up-to'; show_id: string; episode: EpisodeRef; episodes: EpisodeRef[]; at: string }
  | { kind: 'movie'; show_id: string; rewatch?: boolean; at: string }
  /** Removes the movie's latest watch (found when sent); answers the removed watch, for Undo. */
  | { kind: 'unmark-movie'; show_id: string; at: string };
