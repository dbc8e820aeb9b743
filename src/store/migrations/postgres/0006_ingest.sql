-- Fewer indexes per stored row, for ingest speed. Kept in step with sqlite/0006_ingest.sql.
--
-- components_ref only enforced "one bom-ref per component within a version"; PutSbom replaces all
-- of a version's rows at once, so it checks that in memory before writing (kAlreadyExists), and no
-- query looks components up by (version_id, bom_ref).
DROP INDEX components_ref;

-- Edges are only ever read per version in document order (EdgesOf): keyed by (version_id, seq),
-- seq being the edge's position in its document, one index serves that instead of two.
ALTER TABLE dependency_edges ADD COLUMN seq BIGINT;
UPDATE dependency_edges e SET seq = n.seq
  FROM (SELECT id, row_number() OVER (PARTITION BY version_id ORDER BY id) - 1 AS seq
        FROM dependency_edges) n
  WHERE e.id = n.id;
ALTER TABLE dependency_edges ALTER COLUMN seq SET NOT NULL;
ALTER TABLE dependency_edges DROP COLUMN id;
DROP INDEX dependency_edges_version;
ALTER TABLE dependency_edges ADD PRIMARY KEY (version_id, seq);
