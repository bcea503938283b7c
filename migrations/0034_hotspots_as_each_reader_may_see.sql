-- 0034: issue 18 §4. Hotspots as each reader may see them: every figure counts only the reports that reader may read
-- (each run keeps which reports each hotspot holds), masked readers get areas made of whole 500 m masking cells and no
-- hotspot holding fewer child-linked reports than the minimum, and the exact areas and all-agency figures stay with the jobs.

-- The reports a run found in each hotspot, with the weight the run gave each. Written by the jobs login only; read by
-- hotspots_seen() alone.
CREATE TABLE hotspot_members (
    run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    hotspot_id uuid NOT NULL REFERENCES hotspots (id),
    report_id uuid NOT NULL REFERENCES intelligence_reports (id) ON DELETE CASCADE,
    weight double precision NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (run_id, hotspot_id, report_id)
);
CREATE INDEX hotspot_members_report_id_idx ON hotspot_members (report_id);
CREATE INDEX hotspot_members_hotspot_id_idx ON hotspot_members (hotspot_id, run_id);
ALTER TABLE hotspot_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY hotspot_members_read ON hotspot_members FOR SELECT USING (app_role() = 'system');
CREATE POLICY hotspot_members_insert ON hotspot_members FOR INSERT WITH CHECK (app_role() = 'system');

-- The 500 m British National Grid cells an area touches, as one (multi)polygon: what a masked reader is shown instead
-- of a hotspot's outline. The cells are those of masking_cell (migration 0002: ST_SnapToGrid to 500 m, so a cell is
-- centred on a multiple of 500 m), found with ST_SquareGrid shifted by half a cell.
CREATE FUNCTION masking_cells_covering(area geometry) RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ST_Transform(ST_Multi(ST_Union(ST_Translate(g.geom, -250, -250))), 4326)
    FROM (SELECT ST_Translate(ST_Transform(area, 27700), 250, 250) AS shifted) s,
         LATERAL ST_SquareGrid(500, s.shifted) g
    WHERE ST_Intersects(g.geom, s.shifted)
$$;

-- Per run, what a masked reader is shown, how many child-linked reports each hotspot holds, and the premises and named
-- places near it as that run found them (they were kept only for a hotspot's latest run).
ALTER TABLE hotspot_history
    ADD COLUMN masked_area geometry(MultiPolygon, 4326),
    ADD COLUMN child_report_count integer CHECK (child_report_count >= 0),
    ADD COLUMN premises_ids uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN location_ids uuid[] NOT NULL DEFAULT '{}';
UPDATE hotspot_history SET masked_area = masking_cells_covering(area);
UPDATE hotspot_history hh SET premises_ids = h.premises_ids, location_ids = h.location_ids
FROM hotspots h WHERE h.id = hh.hotspot_id AND h.latest_run_id = hh.run_id;
ALTER TABLE hotspot_history ALTER COLUMN masked_area SET NOT NULL;

-- The published hotspot run (issue 18 §3): the latest published, the newest id first when two were published at the
-- same moment; null before any. The one definition, which the API's SQL and EF Core read too (PublishedHotspotRun).
CREATE FUNCTION published_hotspot_run() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT run.id FROM hotspot_runs run WHERE run.published_at IS NOT NULL ORDER BY run.published_at DESC, run.id DESC LIMIT 1
$$;

-- The partnership's own settings, one row, changed by the schema owner (README: Hotspots). hotspot_areas_shared: every
-- member agency sees every published hotspot's area and trend, with no counts where it may read none of its reports.
CREATE TABLE partnership_settings (
    single_row boolean PRIMARY KEY DEFAULT true CHECK (single_row),
    hotspot_areas_shared boolean NOT NULL DEFAULT false
);
INSERT INTO partnership_settings DEFAULT VALUES;
GRANT SELECT ON partnership_settings TO hotspotintel_app;

-- A hotspot as the session's reader may see it, for one run (seen_run; both null: the published run), or every run of
-- seen_hotspot the reader may read. Counts, weighted score, categories, times and linked persons and vehicles come from the member
-- reports the reader may read, as reports_for_role shows them (a masked reader counts a child-linked report only in a
-- cell shown to them, and no mentions of it). A hotspot none of whose reports the reader may read is left out, unless
-- the partnership shares hotspot areas with every member agency (partnership_settings): then its area and trend only. A masked
-- reader sees the masking cells the area touches, and no hotspot holding fewer child-linked reports than the minimum.
-- SECURITY DEFINER because the readers may not read the hotspot tables' exact areas and all-agency figures themselves;
-- every rule of the read policies is applied here explicitly, from the session.
CREATE FUNCTION hotspots_seen(seen_run uuid, seen_hotspot uuid)
    RETURNS TABLE (hotspot_id uuid, run_id uuid, method text, area geometry, centroid geometry, area_square_meters double precision,
                   report_count integer, weighted_score double precision, z_score double precision, p_value double precision,
                   confidence_percent integer, trend text, top_categories text, linked_vehicle_count integer,
                   linked_person_count integer, first_seen_at timestamptz, last_seen_at timestamptz, first_report_at timestamptz,
                   last_report_at timestamptz, premises_ids uuid[], location_ids uuid[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH reader AS (
        SELECT app_is_operational() AS operational, app_sees_masked_locations() AS masked,
               (SELECT s.hotspot_areas_shared FROM partnership_settings s) AS areas_shared
    ),
    entries AS (
        SELECT hh.*, r.method
        FROM hotspot_history hh
        JOIN hotspot_runs r ON r.id = hh.run_id
        CROSS JOIN reader
        WHERE reader.operational
          AND (seen_hotspot IS NULL OR hh.hotspot_id = seen_hotspot)
          AND CASE WHEN seen_run IS NOT NULL THEN hh.run_id = seen_run
                   WHEN seen_hotspot IS NULL THEN hh.run_id = published_hotspot_run()
                   ELSE true END
          AND r.status = 'succeeded'
          AND app_may_read_hotspot_run(r.kind, r.published_at, r.requested_by)
          AND NOT (reader.masked AND coalesce(hh.child_report_count, 1) BETWEEN 1 AND masking_minimum_count() - 1)
    ),
    seen AS (
        SELECT m.run_id, m.hotspot_id, rep.id AS report_id, rep.category, rep.occurred_at, m.weight,
               (reader.masked AND (rep.mentions_child OR rep.category = 'missing_found_location')) AS masked
        FROM entries e
        JOIN hotspot_members m ON m.run_id = e.run_id AND m.hotspot_id = e.hotspot_id
        JOIN intelligence_reports rep ON rep.id = m.report_id
        CROSS JOIN reader
        WHERE app_can_read(rep.agency_id, rep.handling_code)
          AND (NOT reader.masked OR NOT (rep.mentions_child OR rep.category = 'missing_found_location')
               OR (rep.masking_cell IN (SELECT shown_masking_cells())) IS TRUE)
    ),
    figures AS (
        SELECT s.run_id, s.hotspot_id, count(*)::int AS report_count, sum(s.weight) AS weighted_score,
               min(s.occurred_at) AS first_report_at, max(s.occurred_at) AS last_report_at,
               (SELECT count(DISTINCT rv.vehicle_id) FROM report_vehicles rv
                WHERE rv.report_id = ANY (array_agg(s.report_id) FILTER (WHERE NOT s.masked)))::int AS linked_vehicle_count,
               (SELECT count(DISTINCT rp.person_id) FROM report_persons rp
                WHERE rp.report_id = ANY (array_agg(s.report_id) FILTER (WHERE NOT s.masked)))::int AS linked_person_count
        FROM seen s GROUP BY s.run_id, s.hotspot_id
    ),
    categories AS (
        SELECT c.run_id, c.hotspot_id,
               jsonb_agg(jsonb_build_object('category', c.category, 'reports', c.reports) ORDER BY c.reports DESC, c.category)::text AS top_categories
        FROM (SELECT s.run_id, s.hotspot_id, s.category, count(*)::int AS reports,
                     row_number() OVER (PARTITION BY s.run_id, s.hotspot_id ORDER BY count(*) DESC, s.category) AS place
              FROM seen s GROUP BY s.run_id, s.hotspot_id, s.category) c
        WHERE c.place <= 3
        GROUP BY c.run_id, c.hotspot_id
    )
    SELECT e.hotspot_id, e.run_id, e.method,
           CASE WHEN reader.masked THEN e.masked_area ELSE e.area END,
           ST_Transform(ST_Centroid(ST_Transform(CASE WHEN reader.masked THEN e.masked_area ELSE e.area END, 27700)), 4326),
           CASE WHEN reader.masked THEN ST_Area(ST_Transform(e.masked_area, 27700)) ELSE e.area_square_meters END,
           f.report_count, f.weighted_score,
           CASE WHEN f.report_count IS NOT NULL THEN e.z_score END,
           CASE WHEN f.report_count IS NOT NULL THEN e.p_value END,
           CASE WHEN f.report_count IS NOT NULL THEN e.confidence_percent END,
           e.trend::text,
           CASE WHEN f.report_count IS NOT NULL THEN coalesce(c.top_categories, '[]') END,
           f.linked_vehicle_count, f.linked_person_count, h.first_seen_at, h.last_seen_at, f.first_report_at, f.last_report_at,
           CASE WHEN f.report_count IS NOT NULL THEN e.premises_ids ELSE '{}' END,
           CASE WHEN f.report_count IS NOT NULL THEN e.location_ids ELSE '{}' END
    FROM entries e
    CROSS JOIN reader
    JOIN hotspots h ON h.id = e.hotspot_id
    LEFT JOIN figures f ON f.run_id = e.run_id AND f.hotspot_id = e.hotspot_id
    LEFT JOIN categories c ON c.run_id = e.run_id AND c.hotspot_id = e.hotspot_id
    WHERE f.report_count IS NOT NULL OR reader.areas_shared
$$;
REVOKE ALL ON FUNCTION hotspots_seen(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hotspots_seen(uuid, uuid) TO hotspotintel_app;

-- The application reads hotspots through hotspots_seen() only: of the tables themselves, it may read which hotspots a
-- run found, their trend and, for the link network, the premises and places they hold (filtered there by row-level
-- security). The jobs (which write them and match identities) read everything.
REVOKE SELECT ON hotspots, hotspot_history FROM hotspotintel_app;
GRANT SELECT (id, first_run_id, latest_run_id, method, premises_ids, location_ids, first_seen_at, last_seen_at) ON hotspots TO hotspotintel_app;
GRANT SELECT (run_id, hotspot_id, trend) ON hotspot_history TO hotspotintel_app;
GRANT SELECT ON hotspots, hotspot_history, hotspot_members TO hotspotintel_jobs;
GRANT INSERT ON hotspot_members TO hotspotintel_jobs;
