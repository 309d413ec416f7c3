-- Queries of one or two characters have no trigram to search by: they are
-- answered by title prefix instead, through this index (bench/catalog found
-- them scanning the whole catalog).
CREATE INDEX idx_shows_title_prefix ON shows (lower(title) text_pattern_ops);
