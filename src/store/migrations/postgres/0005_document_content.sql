-- Document bytes in a table of their own, as in sqlite/0005_document_content.sql (where it lets
-- SQLite stream large uploads); listing documents never touches the bytes.
CREATE TABLE sbom_content (
  document_id BIGINT PRIMARY KEY REFERENCES sbom_documents(id),
  content     BYTEA NOT NULL
);
INSERT INTO sbom_content (document_id, content) SELECT id, content FROM sbom_documents;
ALTER TABLE sbom_documents DROP COLUMN content;
