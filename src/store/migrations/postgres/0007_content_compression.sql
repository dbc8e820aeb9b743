-- Document bytes are stored zstd-compressed (store/document_content.h); rows written before this
-- migration keep their bytes as they are ('none'). EXTERNAL storage: out-of-line like before, but
-- the server no longer tries pglz on bytes that are already compressed. Kept in step with
-- sqlite/0007_content_compression.sql.
ALTER TABLE sbom_content ADD COLUMN compression TEXT NOT NULL DEFAULT 'none';
ALTER TABLE sbom_content ALTER COLUMN content SET STORAGE EXTERNAL;
