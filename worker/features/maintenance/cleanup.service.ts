// Job 4, daily (docs/design.md#jobs): keep data, drop what nobody needs.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

export interface CleanupCounts {
  showsDeprioritized: number;
  notificationsDeleted: number;
  syncLogsDeleted: number;
  refreshTokensDeleted: number;
  resetTokensDeleted: number;
  throttleRowsDeleted: number;
}

export async function runCleanup(db: Db): Promise<CleanupCounts> {
  const count = async (statement: ReturnType<typeof sql>) => (await db.execute(statement)).rowCount ?? 0;
  return {
    // Untracked shows not synced for 30 days stop being synced actively; their data stays.
    showsDeprioritized: await count(sql`
      UPDATE shows SET sync_priority = 0
      WHERE sync_priority <> 0 AND last_synced_at < now() - interval '30 days'
        AND NOT EXISTS (SELECT 1 FROM user_tracked_shows uts WHERE uts.show_id = shows.id)`),
    notificationsDeleted: await count(sql`
      DELETE FROM notifications WHERE status = 'read' AND created_at < now() - interval '90 days'`),
    syncLogsDeleted: await count(sql`DELETE FROM sync_log WHERE started_at < now() - interval '30 days'`),
    // A refresh token past its expiry can never be presented successfully again.
    refreshTokensDeleted: await count(sql`DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'`),
    // Used or not, a reset link past its 30 minutes is dead.
    resetTokensDeleted: await count(sql`DELETE FROM password_reset_tokens WHERE expires_at < now() - interval '1 day'`),
    throttleRowsDeleted: await count(sql`DELETE FROM auth_throttle WHERE window_start < now() - interval '1 day'`),
  };
}
