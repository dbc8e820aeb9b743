-- Document bytes move to a table of their own where they are the last column. SQLite leaves a
-- trailing zeroblob() unmaterialized, so PutSbom reserves the space and streams the upload in with
-- sqlite3_blob_write; as a middle column of sbom_documents the placeholder was expanded in memory
-- (twice with RETURNING: 2× the document on top of the caller's copy). Kept in step with
-- postgres/0005_document_content.sql.
CREATE TABLE sbom_content (
  document_id INTEGER PRIMARY KEY REFERENCES sbom_documents(id),
  content     BLOB NOT NULL
);
INSERT INTO sbom_content (document_id, content) SELECT id, content FROM sbom_documents;
ALTER TABLE sbom_documents DROP COLUMN content;
