-- A person's state version (issue 13): a number Postgres bumps in the same
-- transaction as every change to what a person sees: their profile, what they
-- track, watched, keep on their watchlist, plan to catch up on, their
-- notifications and devices. The worker keys its edge cache by it and hands it
-- to the PWA (X-ShowTracker-State), so a cache entry made at version N holds
-- every change up to N, and a request that says "I have seen N" is never
-- answered from an older entry: read-your-writes by construction. Triggers,
-- not application code, so no write path can forget the bump.
ALTER TABLE users ADD COLUMN state_version BIGINT NOT NULL DEFAULT 1;

-- Any update of the person's own row (zone, spoilers, name, password...).
CREATE FUNCTION bump_own_state_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state_version = OLD.state_version THEN
    NEW.state_version := OLD.state_version + 1;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER users_state_version BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION bump_own_state_version();

-- Once per statement, for every person the statement's rows belong to. The
-- rows are locked in id order first, so two statements touching the same
-- people (fan-out and dispatch batches) queue instead of deadlocking.
CREATE FUNCTION bump_people_state_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM users WHERE id IN (SELECT user_id FROM changed_rows) ORDER BY id FOR NO KEY UPDATE;
  UPDATE users SET state_version = state_version + 1 WHERE id IN (SELECT user_id FROM changed_rows);
  RETURN NULL;
END $$;

DO $$
DECLARE
  person_table text;
BEGIN
  FOREACH person_table IN ARRAY ARRAY['user_tracked_shows', 'watches', 'watchlist_items', 'catch_up_plans', 'notifications', 'user_devices']
  LOOP
    EXECUTE format('CREATE TRIGGER %1$s_state_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION bump_people_state_version()', person_table);
    EXECUTE format('CREATE TRIGGER %1$s_state_update AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION bump_people_state_version()', person_table);
    EXECUTE format('CREATE TRIGGER %1$s_state_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION bump_people_state_version()', person_table);
  END LOOP;
END $$;
