// The typed bodies of every queue message. Producers and consumers share
// these schemas; a body that does not parse is recorded, never retried forever.
import { z } from 'zod';

export const SyncShowMessage = z.object({
  type: z.literal('sync.show'),
  showId: z.uuid(),
  source: z.enum(['tracked', 'changes', 'manual']),
});

/** Job 1 (and the changes feed's fallback): choose the shows to sync, then enqueue them. */
export const PlanSyncMessage = z.object({
  type: z.literal('sync.plan'),
  /** "due": tracked, still airing, by priority then staleness; "all": every tracked show. */
  scope: z.enum(['due', 'all']),
});

/** Job 2: read TMDB's changes feed since the last successful run. */
export const ChangesMessage = z.object({ type: z.literal('sync.changes') });

export const CleanupMessage = z.object({ type: z.literal('maintenance.cleanup') });

/** An import's next step: match more of its titles, or write more of its records (features/imports). */
export const ImportStepMessage = z.object({ type: z.enum(['import.match', 'import.commit']), batchId: z.uuid() });

export const SyncQueueMessage = z.union([
  z.discriminatedUnion('type', [SyncShowMessage, PlanSyncMessage, ChangesMessage, CleanupMessage]),
  ImportStepMessage,
]);
export type SyncQueueMessage = z.infer<typeof SyncQueueMessage>;

/** Job 3, every minute: deliver what is due. */
export const DispatchQueueMessage = z.discriminatedUnion('type', [z.object({ type: z.literal('dispatch.due') })]);
export type DispatchQueueMessage = z.infer<typeof DispatchQueueMessage>;

export const QUEUES = {
  sync: 'showtracker-sync',
  dispatch: 'showtracker-dispatch',
  deadLetter: 'showtracker-dead-letter',
} as const;
