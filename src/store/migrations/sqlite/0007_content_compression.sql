-- Document bytes are stored zstd-compressed (store/document_content.h): a 12 MB upload then
-- writes ~2 MB to the WAL and the database instead of 12. Rows written before this migration
-- keep their bytes as they are ('none'). Kept in step with postgres/0007_content_compression.sql.
ALTER TABLE sbom_content ADD COLUMN compression TEXT NOT NULL DEFAULT 'none';
