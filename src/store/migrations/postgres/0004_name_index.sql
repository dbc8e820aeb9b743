-- Name patterns with a literal prefix ("log4j*") seek a bytewise range of lower(name); the
-- database's default collation may not order bytewise, so this index pins "C". SQLite's
-- components_name index (BINARY collation) already serves the same range.
CREATE INDEX components_name_c ON components ((lower(name) COLLATE "C"));
