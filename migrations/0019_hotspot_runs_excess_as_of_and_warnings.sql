-- 0019: issue 18. Runs may use the local excess method ('excess', the analysis default); every run has the date it
-- counts from (as_of: reports after it are left out, trends end there) and keeps the warnings its analysis gave.
-- Runs before this one counted from their start, so that is their date.

ALTER TABLE hotspot_runs DROP CONSTRAINT hotspot_runs_method_check;
ALTER TABLE hotspot_runs ADD CONSTRAINT hotspot_runs_method_check CHECK (method IN ('gistar', 'kde', 'dbscan', 'excess'));
ALTER TABLE hotspots DROP CONSTRAINT hotspots_method_check;
ALTER TABLE hotspots ADD CONSTRAINT hotspots_method_check CHECK (method IN ('gistar', 'kde', 'dbscan', 'excess'));

-- Scheduled and incremental runs are dated when they start (the job sets it); the default serves the queued row.
ALTER TABLE hotspot_runs ADD COLUMN as_of timestamptz;
UPDATE hotspot_runs SET as_of = coalesce(started_at, requested_at);
ALTER TABLE hotspot_runs ALTER COLUMN as_of SET DEFAULT now(), ALTER COLUMN as_of SET NOT NULL;

-- [{"kind": "reports_after_as_of", "message": "..."}, ...] as the analysis gave them.
ALTER TABLE hotspot_runs ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(warnings) = 'array');
