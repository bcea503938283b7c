-- 0005: the hotspot engine's results. Every analysis run is recorded (method, parameters, data watermark, counts,
-- outcome); hotspots keep a stable id across runs, with a per-run history and the splits and merges between runs.
-- Hotspots are aggregates (counts, never identities): every operational role reads them; only jobs ('system') write.

CREATE TABLE hotspot_runs (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('full', 'incremental', 'requested')),
    method text NOT NULL CHECK (method IN ('gistar', 'kde', 'dbscan')),
    parameters jsonb NOT NULL,
    status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'skipped')),
    requested_by text NOT NULL CHECK (length(requested_by) BETWEEN 1 AND 200),
    requested_at timestamptz NOT NULL,
    started_at timestamptz,
    finished_at timestamptz,
    duration_seconds double precision CHECK (duration_seconds >= 0),
    -- The data the run saw: the latest created_at/updated_at among the reports it read, and how many it read.
    data_watermark timestamptz,
    report_count integer CHECK (report_count >= 0),
    hotspot_count integer CHECK (hotspot_count >= 0),
    new_count integer CHECK (new_count >= 0),
    gone_count integer CHECK (gone_count >= 0),
    error text CHECK (length(error) <= 4000),
    CONSTRAINT hotspot_runs_finished_after_start CHECK (finished_at IS NULL OR started_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX hotspot_runs_succeeded_idx ON hotspot_runs (finished_at DESC) WHERE status = 'succeeded';
-- At most one incremental run waits at a time: the debounce. New reports while it waits ask for nothing more.
CREATE UNIQUE INDEX hotspot_runs_one_queued_incremental_idx ON hotspot_runs ((true)) WHERE kind = 'incremental' AND status = 'queued';

CREATE DOMAIN hotspot_trend AS text CHECK (VALUE IN ('new', 'intensifying', 'persistent', 'diminishing', 'historical', 'sporadic'));

-- A hotspot as the latest run that found it saw it. Rows are never deleted, so whatever refers to a hotspot (disruption
-- actions) survives re-analysis; a hotspot is current when its latest run is the latest succeeded run.
CREATE TABLE hotspots (
    id uuid PRIMARY KEY,
    first_run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    latest_run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    method text NOT NULL CHECK (method IN ('gistar', 'kde', 'dbscan')),
    area geometry(MultiPolygon, 4326) NOT NULL,
    centroid geometry(Point, 4326) NOT NULL,
    area_square_meters double precision NOT NULL CHECK (area_square_meters > 0),
    report_count integer NOT NULL CHECK (report_count >= 0),
    weighted_score double precision NOT NULL CHECK (weighted_score >= 0),
    z_score double precision,
    p_value double precision CHECK (p_value BETWEEN 0 AND 1),
    confidence_percent integer CHECK (confidence_percent IN (90, 95, 99)),
    trend hotspot_trend,
    -- [{"category": "...", "reports": n}, ...], most reported first.
    top_categories jsonb NOT NULL,
    premises_ids uuid[] NOT NULL,
    location_ids uuid[] NOT NULL,
    linked_vehicle_count integer NOT NULL CHECK (linked_vehicle_count >= 0),
    linked_person_count integer NOT NULL CHECK (linked_person_count >= 0),
    first_seen_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    first_report_at timestamptz,
    last_report_at timestamptz
);
CREATE INDEX hotspots_area_idx ON hotspots USING gist (area);
CREATE INDEX hotspots_latest_run_id_idx ON hotspots (latest_run_id);

CREATE TABLE hotspot_history (
    run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    hotspot_id uuid NOT NULL REFERENCES hotspots (id),
    area geometry(MultiPolygon, 4326) NOT NULL,
    area_square_meters double precision NOT NULL CHECK (area_square_meters > 0),
    report_count integer NOT NULL CHECK (report_count >= 0),
    weighted_score double precision NOT NULL CHECK (weighted_score >= 0),
    z_score double precision,
    p_value double precision CHECK (p_value BETWEEN 0 AND 1),
    confidence_percent integer CHECK (confidence_percent IN (90, 95, 99)),
    trend hotspot_trend,
    PRIMARY KEY (run_id, hotspot_id)
);
CREATE INDEX hotspot_history_area_idx ON hotspot_history USING gist (area);
CREATE INDEX hotspot_history_hotspot_id_idx ON hotspot_history (hotspot_id, run_id);

-- A split: one previous hotspot overlaps several of the run's; a merge: several previous ones overlap one of the run's.
CREATE TABLE hotspot_lineage (
    run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    kind text NOT NULL CHECK (kind IN ('split', 'merge')),
    from_hotspot_id uuid NOT NULL REFERENCES hotspots (id),
    to_hotspot_id uuid NOT NULL REFERENCES hotspots (id),
    PRIMARY KEY (run_id, kind, from_hotspot_id, to_hotspot_id)
);
CREATE INDEX hotspot_lineage_from_idx ON hotspot_lineage (from_hotspot_id);
CREATE INDEX hotspot_lineage_to_idx ON hotspot_lineage (to_hotspot_id);

CREATE FUNCTION app_is_operational() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT app_role() IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system') $$;

DO $$
DECLARE
    result text;
BEGIN
    FOREACH result IN ARRAY ARRAY['hotspot_runs', 'hotspots', 'hotspot_history', 'hotspot_lineage'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', result);
        EXECUTE format('CREATE POLICY %1$s_read ON %1$I FOR SELECT USING (app_is_operational())', result);
        EXECUTE format('CREATE POLICY %1$s_update ON %1$I FOR UPDATE USING (app_role() = ''system'') WITH CHECK (app_role() = ''system'')', result);
    END LOOP;
    FOREACH result IN ARRAY ARRAY['hotspots', 'hotspot_history', 'hotspot_lineage'] LOOP
        EXECUTE format('CREATE POLICY %1$s_insert ON %1$I FOR INSERT WITH CHECK (app_role() = ''system'')', result);
    END LOOP;
END
$$;

-- Analysts and supervisors ask for a run in their own name; it waits, queued, for a job to carry it out.
CREATE POLICY hotspot_runs_insert ON hotspot_runs FOR INSERT WITH CHECK (
    app_role() = 'system'
    OR (app_role() IN ('analyst', 'supervisor') AND kind = 'requested' AND status = 'queued' AND requested_by = app_user_id()));

-- The debounce behind "new reports schedule an incremental run": whoever submits a report may call it, and it returns
-- the id of a newly queued incremental run, or null when one is already waiting (the caller then schedules nothing).
-- A queued incremental run that no job picked up within an hour (its scheduling failed) no longer blocks new ones.
CREATE FUNCTION request_incremental_hotspot_run(run_id uuid, run_method text, run_parameters jsonb)
    RETURNS uuid LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    queued uuid;
BEGIN
    IF NOT app_is_operational() THEN
        RAISE EXCEPTION 'only operational roles may request a hotspot run' USING ERRCODE = '42501';
    END IF;
    UPDATE hotspot_runs SET status = 'skipped', finished_at = now(), error = 'No job picked up this queued run within an hour.'
    WHERE kind = 'incremental' AND status = 'queued' AND requested_at < now() - interval '1 hour';
    INSERT INTO hotspot_runs (id, kind, method, parameters, status, requested_by, requested_at)
    VALUES (run_id, 'incremental', run_method, run_parameters, 'queued', coalesce(app_user_id(), 'system'), now())
    ON CONFLICT DO NOTHING
    RETURNING id INTO queued;
    RETURN queued;
END
$$;

GRANT SELECT, INSERT, UPDATE ON hotspot_runs, hotspots, hotspot_history, hotspot_lineage TO hotspotintel_app;
REVOKE ALL ON FUNCTION request_incremental_hotspot_run(uuid, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION request_incremental_hotspot_run(uuid, text, jsonb) TO hotspotintel_app;
