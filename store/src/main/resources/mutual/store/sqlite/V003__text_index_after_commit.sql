-- Words go into the full-text index after the commit that stores their event, many events per
-- transaction (TextIndex), rather than in it: FTS5 writes a new segment at every commit, and at
-- the relay's small commits that was about 40% of the writer's time per event (WriterBenchmark,
-- commits of 8: 171 and 195 us of CPU per event with it, 109 and 115 without).
-- Every event with seq <= upto has its words indexed; a search first brings the index up to date.
CREATE TABLE text_indexed (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL
);
INSERT INTO text_indexed (id, upto) SELECT 1, COALESCE(MAX(seq), 0) FROM events;

-- An event removed before its words were indexed has nothing in the index to remove.
DROP TRIGGER events_fts_delete;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events
WHEN old.seq <= (SELECT upto FROM text_indexed WHERE id = 1) BEGIN
    DELETE FROM events_fts WHERE rowid = old.seq;
END;
