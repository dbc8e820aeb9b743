-- Findings (derived by matching, one per version × component × vulnerability) and analyses (human
-- triage, CycloneDX VEX vocabulary). A finding a rescan no longer reports turns inactive and is
-- never deleted; an analysis is never changed by a machine and every change is kept in
-- analysis_history. Kept in step with postgres/0002_findings.sql.
CREATE TABLE findings (
  id               INTEGER PRIMARY KEY,
  version_id       INTEGER NOT NULL REFERENCES project_versions(id),
  component_ref    TEXT NOT NULL CHECK (length(component_ref) > 0),
  vulnerability_id TEXT NOT NULL CHECK (length(vulnerability_id) > 0),
  active           INTEGER NOT NULL,
  first_seen       TEXT NOT NULL,
  last_seen        TEXT NOT NULL,
  UNIQUE (version_id, component_ref, vulnerability_id)
);
CREATE INDEX findings_vulnerability ON findings(vulnerability_id);

-- Keyed by project (not version) so a decision survives new versions and rescans. `component` is
-- the purl without version when the component has one, else its name.
CREATE TABLE analyses (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES projects(id),
  component        TEXT NOT NULL CHECK (length(component) > 0),
  vulnerability_id TEXT NOT NULL CHECK (length(vulnerability_id) > 0),
  state            TEXT NOT NULL CHECK (state IN ('in_triage', 'exploitable', 'resolved',
                                                  'resolved_with_pedigree', 'false_positive',
                                                  'not_affected')),
  justification    TEXT NOT NULL,
  response         TEXT NOT NULL,
  detail           TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL,
  UNIQUE (project_id, component, vulnerability_id)
);

-- Append-only: one row per PutAnalysis, the state as it was set.
CREATE TABLE analysis_history (
  id            INTEGER PRIMARY KEY,
  analysis_id   INTEGER NOT NULL REFERENCES analyses(id),
  state         TEXT NOT NULL,
  justification TEXT NOT NULL,
  response      TEXT NOT NULL,
  detail        TEXT NOT NULL,
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL
);
CREATE INDEX analysis_history_analysis ON analysis_history(analysis_id);
