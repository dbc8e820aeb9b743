-- Fewer b-trees per stored row, for ingest speed (PutSbom writes every component and edge of a
-- document in one transaction). Kept in step with postgres/0006_ingest.sql.
--
-- components_ref only enforced "one bom-ref per component within a version"; PutSbom replaces all
-- of a version's rows at once, so it checks that in memory before writing (kAlreadyExists), and no
-- query looks components up by (version_id, bom_ref).
DROP INDEX components_ref;

-- Edges are only ever read per version in document order (EdgesOf). Keyed by (version_id, seq),
-- WITHOUT ROWID, the table is one b-tree instead of a rowid table plus a version index; seq is the
-- edge's position in its document. The foreign key stays.
CREATE TABLE dependency_edges_by_version (
  version_id INTEGER NOT NULL REFERENCES project_versions(id),
  seq        INTEGER NOT NULL,
  from_ref   TEXT NOT NULL,
  to_ref     TEXT NOT NULL,
  type       TEXT NOT NULL,
  PRIMARY KEY (version_id, seq)
) WITHOUT ROWID;
INSERT INTO dependency_edges_by_version (version_id, seq, from_ref, to_ref, type)
  SELECT version_id, row_number() OVER (PARTITION BY version_id ORDER BY id) - 1, from_ref, to_ref,
         type
  FROM dependency_edges;
DROP TABLE dependency_edges;
ALTER TABLE dependency_edges_by_version RENAME TO dependency_edges;
