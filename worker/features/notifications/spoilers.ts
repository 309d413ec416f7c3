// Hide spoilers for notifications (docs/design.md#spoilers): which
// notifications are about an episode whose title their person must not see,
// decided when a message is built or the list is read, never stored. A
// notification keeps the episode's title in its row and payload, so turning
// the setting on covers those already pending or unread, and turning it off
// (or watching the episode) shows the title again.
import { sql } from 'drizzle-orm';
import { uuidArray } from '../../db/arrays.ts';
import type { Executor } from '../../db/client.ts';

const UUID = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;
const WHOLE = `'^[0-9]{1,9}$'`;

/**
 * Of these notifications, the ids of those about an episode (show and both
 * numbers in the payload) whose person hides spoilers and has no watch of that
 * episode. One statement for any number of people; the payload is checked
 * before any cast, so a malformed one cannot fail the batch.
 */
export async function spoilerIds(db: Executor, notificationIds: string[]): Promise<Set<string>> {
  if (notificationIds.length === 0) return new Set();
  const result = await db.execute<{ id: string }>(sql`
    SELECT n.id
    FROM notifications n
    JOIN users u ON u.id = n.user_id AND u.hide_spoilers
    CROSS JOIN LATERAL (
      SELECT n.payload->>'show_id' AS show_id, n.payload->>'season_number' AS season, n.payload->>'episode_number' AS episode
    ) p
    WHERE n.id = ANY(${uuidArray(notificationIds)})
      AND p.show_id ~ ${sql.raw(UUID)} AND p.season ~ ${sql.raw(WHOLE)} AND p.episode ~ ${sql.raw(WHOLE)}
      AND NOT EXISTS (
        SELECT 1 FROM watches w
        WHERE w.user_id = n.user_id AND w.show_id = CASE WHEN p.show_id ~ ${sql.raw(UUID)} THEN p.show_id::uuid END
          AND w.season_number = CASE WHEN p.season ~ ${sql.raw(WHOLE)} THEN p.season::int END
          AND w.episode_number = CASE WHEN p.episode ~ ${sql.raw(WHOLE)} THEN p.episode::int END)`);
  return new Set(result.rows.map((row) => row.id));
}
