DROP INDEX IF EXISTS idx_episodes_show_order;
