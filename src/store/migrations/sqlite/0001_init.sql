-- Portfolio schema, SQLite flavour. Kept column-for-column in step with postgres/0001_init.sql so
-- both backends pass one conformance suite. Timestamps are RFC 3339 UTC text written by sbomhub
-- (not the database clock) so both backends return identical values.
CREATE TABLE teams (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'auditor', 'viewer'))
);

CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members(user_id);

-- Only a hash of each key is kept; the key itself is shown once, by the caller, at creation.
CREATE TABLE api_keys (
  id         INTEGER PRIMARY KEY,
  team_id    INTEGER NOT NULL REFERENCES teams(id),
  role       TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'auditor', 'viewer')),
  key_hash   TEXT NOT NULL UNIQUE CHECK (length(key_hash) > 0),
  created_at TEXT NOT NULL,
  revoked    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  team_id     INTEGER NOT NULL REFERENCES teams(id),
  criticality TEXT NOT NULL CHECK (criticality IN ('critical', 'high', 'medium', 'low'))
);

CREATE TABLE project_versions (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  version    TEXT NOT NULL CHECK (length(version) > 0),
  UNIQUE (project_id, version)
);

-- Every upload is kept verbatim for history; only the newest per version is `current`.
CREATE TABLE sbom_documents (
  id           INTEGER PRIMARY KEY,
  version_id   INTEGER NOT NULL REFERENCES project_versions(id),
  sha256       TEXT NOT NULL,
  family       TEXT NOT NULL,
  spec_version TEXT NOT NULL,
  encoding     TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL,
  content      BLOB NOT NULL,
  uploaded_at  TEXT NOT NULL,
  uploaded_by  TEXT NOT NULL,
  is_current   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sbom_documents_version ON sbom_documents(version_id);

-- The normalized components of the current document of each version.
CREATE TABLE components (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL REFERENCES project_versions(id),
  document_id INTEGER NOT NULL REFERENCES sbom_documents(id),
  bom_ref     TEXT NOT NULL,
  name        TEXT NOT NULL CHECK (length(name) > 0),
  grp         TEXT NOT NULL,
  version     TEXT NOT NULL,
  purl        TEXT NOT NULL,
  purl_type   TEXT NOT NULL,
  purl_name   TEXT NOT NULL,
  cpe         TEXT NOT NULL,
  supplier    TEXT NOT NULL,
  license     TEXT NOT NULL,
  hashes      TEXT NOT NULL,
  scope       TEXT NOT NULL,
  is_direct   INTEGER NOT NULL,
  is_primary  INTEGER NOT NULL
);
CREATE INDEX components_version ON components(version_id);
CREATE INDEX components_purl ON components(purl_type, purl_name);
CREATE INDEX components_name ON components(lower(name));
-- A bom-ref names one component inside a document (components without one are allowed).
CREATE UNIQUE INDEX components_ref ON components(version_id, bom_ref) WHERE bom_ref <> '';

CREATE TABLE dependency_edges (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES project_versions(id),
  from_ref   TEXT NOT NULL,
  to_ref     TEXT NOT NULL,
  type       TEXT NOT NULL
);
CREATE INDEX dependency_edges_version ON dependency_edges(version_id);

-- Append-only: the store never updates or deletes rows here.
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL,
  at     TEXT NOT NULL
);
