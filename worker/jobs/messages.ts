// The typed bodies of every queue message. Producers and consumers share
// these schemas; a body that does not parse is never retried forever.
import { z } from 'zod';

export const CleanupMessage = z.object({ type: z.literal('maintenance.cleanup') });

export const SyncQueueMessage = z.discriminatedUnion('type', [CleanupMessage]);
export type SyncQueueMessage = z.infer<typeof SyncQueueMessage>;

export const QUEUES = {
  sync: 'showtracker-sync',
  dispatch: 'showtracker-dispatch',
  deadLetter: 'showtracker-dead-letter',
} as const;
