DO $$
DECLARE
  person_table text;
BEGIN
  FOREACH person_table IN ARRAY ARRAY['user_tracked_shows', 'watches', 'watchlist_items', 'catch_up_plans', 'notifications', 'user_devices']
  LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %1$s_state_insert ON %1$I', person_table);
    EXECUTE format('DROP TRIGGER IF EXISTS %1$s_state_update ON %1$I', person_table);
    EXECUTE format('DROP TRIGGER IF EXISTS %1$s_state_delete ON %1$I', person_table);
  END LOOP;
END $$;
DROP TRIGGER IF EXISTS users_state_version ON users;
DROP FUNCTION IF EXISTS bump_people_state_version();
DROP FUNCTION IF EXISTS bump_own_state_version();
ALTER TABLE users DROP COLUMN IF EXISTS state_version;
