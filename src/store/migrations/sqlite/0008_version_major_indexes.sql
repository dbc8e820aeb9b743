-- Where-used indexes keyed by version first. An upload's rows then land in one contiguous range
-- of each index instead of at thousands of random places: far fewer pages touched and written
-- per upload (synthetic 10,000 components, ten uploads: sustained ingest ~35k -> ~49k
-- components/s). A where-used query walks the (team's) projects and versions in answer order
-- and seeks each version's range, so a page of answers stops early; a package no version has
-- costs one seek per version (~4 ms over 2,000 versions). Kept in step with
-- postgres/0008_version_major_indexes.sql.
DROP INDEX components_version;
DROP INDEX components_purl;
DROP INDEX components_name;
CREATE INDEX components_version_purl ON components(version_id, purl_type, purl_name);
CREATE INDEX components_version_name ON components(version_id, lower(name));
