-- Hide spoilers (issue 12, docs/design.md#spoilers): a per-person setting.
-- When on, the surfaces the server writes (push messages, the notification
-- list, the calendar feed) leave out the title and overview of every episode
-- the person has not watched; the API still returns them for the PWA, which
-- hides them behind tap to reveal. Off for everyone to begin with.
ALTER TABLE users ADD COLUMN hide_spoilers BOOLEAN NOT NULL DEFAULT FALSE;
