-- Where-used indexes keyed by version first, as sqlite/0008_version_major_indexes.sql explains:
-- an upload's rows land in one contiguous range of each index. The name index keeps the
-- bytewise ("C") order that name-prefix ranges need (0004).
DROP INDEX components_version;
DROP INDEX components_purl;
DROP INDEX components_name;
DROP INDEX components_name_c;
CREATE INDEX components_version_purl ON components(version_id, purl_type, purl_name);
CREATE INDEX components_version_name ON components(version_id, (lower(name) COLLATE "C"));
