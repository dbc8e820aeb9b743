-- Kept in step with postgres/0004_name_index.sql, which adds a bytewise (COLLATE "C") index on
-- lower(name) for name-prefix ranges. SQLite's components_name index (BINARY collation, from
-- 0001) already orders bytewise, so there is nothing to add here; the migration exists so both
-- backends report the same schema version.
SELECT 1;
