-- What the portfolio server needs beyond the catalogue: browser sessions, the analysis job queue,
-- the match details of each finding and the vulnerability DB the portfolio was last analysed
-- against. Kept column for column in step with postgres/0003_server.sql.

-- Only the SHA-256 of the cookie token is stored; expiry slides on use.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) > 0),
  user_id    INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('analyze')),
  version_id  INTEGER NOT NULL REFERENCES project_versions(id),
  state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  error       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  started_at  TEXT NOT NULL DEFAULT '',
  finished_at TEXT NOT NULL DEFAULT '',
  worker      TEXT NOT NULL DEFAULT ''
);
-- At most one queued job per version and kind: enqueueing again finds the queued one.
CREATE UNIQUE INDEX jobs_one_queued ON jobs(version_id, kind) WHERE state = 'queued';
CREATE INDEX jobs_state ON jobs(state, id);

-- Match details as of the last scan that reported the finding. analysis_component is the key of
-- the analysis that applies (purl without version, else the component name).
ALTER TABLE findings ADD COLUMN analysis_component TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN component_name TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN component_version TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN component_purl TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN severity TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN cvss_score REAL;
ALTER TABLE findings ADD COLUMN cvss_vector TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN epss REAL;
ALTER TABLE findings ADD COLUMN epss_percentile REAL;
ALTER TABLE findings ADD COLUMN kev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN fixed_versions TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN matcher TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN needs_verification INTEGER NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
CREATE INDEX findings_version ON findings(version_id, active);

CREATE TABLE vulndb_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT NOT NULL,
  analyzed_at TEXT NOT NULL
);
