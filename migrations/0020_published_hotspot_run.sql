-- 0020: issue 18. One run is the published one that every shared view reads (the latest published_at); an analyst's
-- run is a trial, seen only by its author, analysts and supervisors, until an analyst or supervisor publishes it
-- (publish_hotspot_run, audited). Runs that succeeded before this were all shared, so they count as published.

ALTER TABLE hotspot_runs ADD COLUMN published_at timestamptz,
    ADD COLUMN published_by text CHECK (length(published_by) BETWEEN 1 AND 200),
    ADD CONSTRAINT hotspot_runs_published_succeeded CHECK (published_at IS NULL OR (status = 'succeeded' AND published_by IS NOT NULL));
UPDATE hotspot_runs SET published_at = finished_at, published_by = 'system' WHERE status = 'succeeded';
CREATE INDEX hotspot_runs_published_idx ON hotspot_runs (published_at DESC, id DESC) WHERE published_at IS NOT NULL;

-- A run's own readers: everyone operational once it is published or when it is not an analyst's; a trial only its author, analysts, supervisors.
CREATE FUNCTION app_may_read_hotspot_run(run_kind text, run_published_at timestamptz, run_requested_by text)
    RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT app_is_operational() AND (run_kind <> 'requested' OR run_published_at IS NOT NULL
        OR app_role() IN ('analyst', 'supervisor', 'system') OR run_requested_by = app_user_id())
$$;
DROP POLICY hotspot_runs_read ON hotspot_runs;
CREATE POLICY hotspot_runs_read ON hotspot_runs FOR SELECT USING (app_may_read_hotspot_run(kind, published_at, requested_by));
-- A trial's rows stay with the readers of its run (the subquery reads hotspot_runs under its own policy).
DROP POLICY hotspot_history_read ON hotspot_history;
CREATE POLICY hotspot_history_read ON hotspot_history FOR SELECT
    USING (app_is_operational() AND EXISTS (SELECT 1 FROM hotspot_runs r WHERE r.id = run_id));
DROP POLICY hotspot_lineage_read ON hotspot_lineage;
CREATE POLICY hotspot_lineage_read ON hotspot_lineage FOR SELECT
    USING (app_is_operational() AND EXISTS (SELECT 1 FROM hotspot_runs r WHERE r.id = run_id));

-- Publishes a succeeded run in the caller's name and audits it; answers 'published', 'not_found' or the run's status.
CREATE FUNCTION publish_hotspot_run(published_run uuid) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    found_status text;
BEGIN
    IF app_role() NOT IN ('analyst', 'supervisor') OR app_user_id() IS NULL THEN
        RAISE EXCEPTION 'only analysts and supervisors publish hotspot runs' USING ERRCODE = '42501';
    END IF;
    SELECT r.status INTO found_status FROM hotspot_runs r WHERE r.id = published_run FOR UPDATE;
    IF found_status IS NULL THEN
        RETURN 'not_found';
    ELSIF found_status <> 'succeeded' THEN
        RETURN found_status;
    END IF;
    UPDATE hotspot_runs SET published_at = clock_timestamp(), published_by = app_user_id() WHERE id = published_run;
    -- The identity rows a trial matched were left as the published run showed them: now they show this run.
    UPDATE hotspots h SET latest_run_id = hh.run_id, method = r.method, area = hh.area,
        centroid = ST_Transform(ST_Centroid(ST_Transform(hh.area, 27700)), 4326), area_square_meters = hh.area_square_meters,
        report_count = hh.report_count, weighted_score = hh.weighted_score, z_score = hh.z_score, p_value = hh.p_value,
        confidence_percent = hh.confidence_percent, trend = hh.trend, last_seen_at = r.started_at
    FROM hotspot_history hh JOIN hotspot_runs r ON r.id = hh.run_id
    WHERE hh.run_id = published_run AND h.id = hh.hotspot_id AND h.latest_run_id <> published_run;
    PERFORM append_audit('alteration', 'hotspot_run', published_run, 1, 'published', NULL, NULL, ARRAY[published_run]);
    RETURN 'published';
END
$$;
REVOKE ALL ON FUNCTION publish_hotspot_run(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION publish_hotspot_run(uuid) TO hotspotintel_app;
