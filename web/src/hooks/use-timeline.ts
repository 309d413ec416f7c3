// The person's timeline (docs/design.md#query-hooks): 2 minutes fresh, persisted for offline.
import { createQuery } from '@tanstack/solid-query';
import { api, json, withSignal } from '../lib/api.ts';
import { keys, MINUTE } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';
import type { EventType } from '../lib/types.ts';

export type TimelineRange = 'today' | 'week' | 'upcoming';

const typeParam = (types: readonly EventType[]) => (types.length ? [...types].sort().join(',') : undefined);

export function useTimeline(range: () => TimelineRange, types: () => readonly EventType[] = () => []) {
  return createQuery(() => ({
    queryKey: keys.timeline(range(), typeParam(types())),
    queryFn: ({ signal }) => json(api.timeline[range()].$get({ query: { type: typeParam(types()) } }, withSignal(signal))),
    staleTime: 2 * MINUTE,
    enabled: status() === 'signed-in',
  }));
}

export function useTimelineRange(from: () => string, to: () => string, types: () => readonly EventType[] = () => []) {
  return createQuery(() => ({
    queryKey: keys.timeline('range', from(), to(), typeParam(types())),
    queryFn: ({ signal }) => json(api.timeline.$get({ query: { from: from(), to: to(), type: typeParam(types()) } }, withSignal(signal))),
    staleTime: 5 * MINUTE,
    enabled: status() === 'signed-in',
  }));
}
