-- idx_tracked_show (show_id) of the original schema (0001) already serves
-- every lookup by show; the (show_id, user_id) index of 0003 only added write
-- cost.
DROP INDEX IF EXISTS idx_tracked_show_user;
