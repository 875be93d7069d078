-- Events, their indexable tags, full-text search, and what deletions and vanish requests forbid.
-- Every query orders by created_at DESC, id ASC; each index ends in created_at so that a
-- selection on its leading columns comes out already ordered (see FilterSql).

CREATE TABLE events (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so usable as a cursor later
    id         BLOB    NOT NULL,                   -- 32 bytes
    pubkey     BLOB    NOT NULL,                   -- 32 bytes
    created_at INTEGER NOT NULL,
    kind       INTEGER NOT NULL,
    d_tag      TEXT,                               -- '' for replaceable, the d tag for addressable, NULL otherwise
    expiration INTEGER,                            -- NIP-40, NULL when absent
    json       BLOB    NOT NULL                    -- EventJson.writeBytes, returned byte for byte
);
CREATE UNIQUE INDEX events_id ON events (id);
CREATE INDEX events_created ON events (created_at);
CREATE INDEX events_pubkey ON events (pubkey, created_at);
CREATE INDEX events_kind ON events (kind, created_at);
CREATE INDEX events_pubkey_kind ON events (pubkey, kind, created_at);
CREATE INDEX events_address ON events (pubkey, kind, d_tag) WHERE d_tag IS NOT NULL;
CREATE INDEX events_expiration ON events (expiration) WHERE expiration IS NOT NULL;

-- Single-letter tags with a first value of at most 256 characters (FilterSql.TAG_VALUE_CAP).
-- created_at is copied so that a tag lookup comes out in time order without visiting events.
CREATE TABLE tags (
    event      INTEGER NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (event, name, value)
) WITHOUT ROWID;
CREATE INDEX tags_value ON tags (name, value, created_at);

-- NIP-50: words of the content of events whose content is not ciphertext. Contentless: the
-- text lives only in events.json; rows are deleted by rowid (= events.seq).
CREATE VIRTUAL TABLE events_fts USING fts5 (
    content,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    DELETE FROM events_fts WHERE rowid = old.seq;
END;

-- NIP-09 "e" deletions: the id may not come back from `pubkey` (or to it, for gift wraps).
CREATE TABLE deleted_ids (
    id         BLOB    NOT NULL,
    pubkey     BLOB    NOT NULL,   -- author of the deletion request
    deleted_at INTEGER NOT NULL,   -- created_at of the deletion request
    PRIMARY KEY (id, pubkey)
) WITHOUT ROWID;

-- NIP-09 "a" deletions: versions of the address up to `until` may not come back.
CREATE TABLE deleted_addresses (
    pubkey BLOB    NOT NULL,
    kind   INTEGER NOT NULL,
    d_tag  TEXT    NOT NULL,
    until  INTEGER NOT NULL,
    PRIMARY KEY (pubkey, kind, d_tag)
) WITHOUT ROWID;

-- NIP-62: nothing of `pubkey` (nor gift wraps to it) up to `until` may come back.
CREATE TABLE vanished (
    pubkey BLOB    NOT NULL PRIMARY KEY,
    until  INTEGER NOT NULL
) WITHOUT ROWID;
