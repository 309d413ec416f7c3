DROP TABLE IF EXISTS watchlist_items;
