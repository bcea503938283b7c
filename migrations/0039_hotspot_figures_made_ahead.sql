-- Hotspot figures made ahead (issue 19): each run's member reports summed by what decides who may read them, so that
-- hotspots_seen() answers a reader from a few summary rows per hotspot instead of joining every member report (and
-- every person and vehicle those reports mention) on each request: at 1M reports, 20 s for the list of 12 hotspots.
--
-- hotspot_member_groups: per run and hotspot, member reports by owning agency, handling code, whether child-linked
-- (with its masking cell) and category: how many, their summed weight and first and last times. link_group numbers a
-- hotspot's (agency, handling code, child-linked) combinations from 0.
-- hotspot_linked_sets: per run, hotspot and kind (person or vehicle), how many distinct entities are mentioned by
-- exactly the link groups listed: a reader's distinct count is the sum over the sets that share a group with what the
-- reader may read, exact without listing a single person.
-- hotspot_stale: the (run, hotspot) pairs whose summaries no longer match the live reports (a member report changed
-- who may read it, its category or time, was deleted, or the persons and vehicles it mentions changed since the run).
-- hotspots_seen() answers those from the member reports as before; every other pair from the summaries.
CREATE TABLE hotspot_member_groups (
    run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    hotspot_id uuid NOT NULL REFERENCES hotspots (id),
    agency_id uuid NOT NULL,
    handling_code text NOT NULL,
    child_linked boolean NOT NULL,
    masking_cell geometry(Point, 4326),
    category text NOT NULL,
    link_group integer NOT NULL,
    reports integer NOT NULL,
    weight_sum double precision NOT NULL,
    first_report_at timestamptz NOT NULL,
    last_report_at timestamptz NOT NULL,
    CHECK (child_linked = (masking_cell IS NOT NULL))
);
CREATE INDEX hotspot_member_groups_run_idx ON hotspot_member_groups (run_id, hotspot_id);

CREATE TABLE hotspot_linked_sets (
    run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    hotspot_id uuid NOT NULL REFERENCES hotspots (id),
    kind text NOT NULL CHECK (kind IN ('person', 'vehicle')),
    link_groups integer[] NOT NULL,
    entities integer NOT NULL
);
CREATE INDEX hotspot_linked_sets_run_idx ON hotspot_linked_sets (run_id, hotspot_id);

CREATE TABLE hotspot_stale (
    run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    hotspot_id uuid NOT NULL REFERENCES hotspots (id),
    PRIMARY KEY (run_id, hotspot_id)
);

ALTER TABLE hotspot_member_groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE hotspot_linked_sets ENABLE ROW LEVEL SECURITY;
ALTER TABLE hotspot_stale ENABLE ROW LEVEL SECURITY;
CREATE POLICY hotspot_member_groups_system ON hotspot_member_groups USING (app_role() = 'system') WITH CHECK (app_role() = 'system');
CREATE POLICY hotspot_linked_sets_system ON hotspot_linked_sets USING (app_role() = 'system') WITH CHECK (app_role() = 'system');
CREATE POLICY hotspot_stale_system ON hotspot_stale USING (app_role() = 'system') WITH CHECK (app_role() = 'system');
GRANT SELECT, INSERT, DELETE ON hotspot_member_groups, hotspot_linked_sets, hotspot_stale TO hotspotintel_jobs;

-- Builds one run's summaries from its members as the reports are now, and marks none of its hotspots stale. The run
-- writer calls it once the members are in; SECURITY DEFINER so that it reads every member report and mention.
CREATE FUNCTION summarise_hotspot_members(summarised_run uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET work_mem = '64MB' AS $$
BEGIN
    DELETE FROM hotspot_member_groups WHERE run_id = summarised_run;
    DELETE FROM hotspot_linked_sets WHERE run_id = summarised_run;
    DELETE FROM hotspot_stale WHERE run_id = summarised_run;
    -- Each member with what decides who may read it, and its link group: the (agency, handling code, child-linked)
    -- combinations of its hotspot numbered in order from 0, the same numbering the groups below get.
    DROP TABLE IF EXISTS summarised_members;
    CREATE TEMP TABLE summarised_members ON COMMIT DROP AS
    SELECT f.*, (dense_rank() OVER (PARTITION BY f.hotspot_id ORDER BY f.agency_id, f.handling_code, f.child_linked))::int - 1 AS link_group
    FROM (SELECT m.hotspot_id, m.report_id, m.weight, r.agency_id, r.handling_code, r.category, r.occurred_at,
                 (r.mentions_child OR r.category = 'missing_found_location') AS child_linked,
                 CASE WHEN r.mentions_child OR r.category = 'missing_found_location' THEN r.masking_cell END AS masking_cell
          FROM hotspot_members m JOIN intelligence_reports r ON r.id = m.report_id
          WHERE m.run_id = summarised_run) f;
    ANALYZE summarised_members;
    INSERT INTO hotspot_member_groups (run_id, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category,
                                       link_group, reports, weight_sum, first_report_at, last_report_at)
    SELECT summarised_run, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category, link_group,
           count(*)::int, sum(weight), min(occurred_at), max(occurred_at)
    FROM summarised_members
    GROUP BY hotspot_id, agency_id, handling_code, child_linked, masking_cell, category, link_group;
    INSERT INTO hotspot_linked_sets (run_id, hotspot_id, kind, link_groups, entities)
    SELECT summarised_run, hotspot_id, kind, link_groups, count(*)::int
    FROM (SELECT hotspot_id, kind, entity, array_agg(link_group ORDER BY link_group) AS link_groups
          FROM (SELECT DISTINCT s.hotspot_id, 'person' AS kind, rp.person_id AS entity, s.link_group
                FROM summarised_members s JOIN report_persons rp ON rp.report_id = s.report_id
                UNION ALL
                SELECT DISTINCT s.hotspot_id, 'vehicle', rv.vehicle_id, s.link_group
                FROM summarised_members s JOIN report_vehicles rv ON rv.report_id = s.report_id) mention
          GROUP BY hotspot_id, kind, entity) entity
    GROUP BY hotspot_id, kind, link_groups;
    DROP TABLE summarised_members;
END
$$;
REVOKE ALL ON FUNCTION summarise_hotspot_members(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION summarise_hotspot_members(uuid) TO hotspotintel_jobs;

-- Marking stale: whatever changes what a summary says about a member report. SECURITY DEFINER: whoever changes a
-- report may not read the hotspot tables.
CREATE FUNCTION hotspot_stale_after_report_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO hotspot_stale (run_id, hotspot_id)
    SELECT DISTINCT m.run_id, m.hotspot_id
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN hotspot_members m ON m.report_id = n.id
    WHERE (n.agency_id, n.handling_code, n.mentions_child, n.category, n.occurred_at)
              IS DISTINCT FROM (o.agency_id, o.handling_code, o.mentions_child, o.category, o.occurred_at)
       OR NOT ST_Equals(n.masking_cell, o.masking_cell)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER intelligence_reports_hotspots_stale AFTER UPDATE ON intelligence_reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_report_update();

-- A member gone (its report deleted: the members cascade).
CREATE FUNCTION hotspot_stale_after_member_delete() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO hotspot_stale (run_id, hotspot_id)
    SELECT DISTINCT o.run_id, o.hotspot_id FROM old_rows o
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER hotspot_members_hotspots_stale AFTER DELETE ON hotspot_members
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_member_delete();

-- A member report's mentions changed: the distinct persons or vehicles a hotspot's readers count.
CREATE FUNCTION hotspot_stale_after_mentions_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO hotspot_stale (run_id, hotspot_id)
    SELECT DISTINCT m.run_id, m.hotspot_id FROM changed_rows c JOIN hotspot_members m ON m.report_id = c.report_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_persons_hotspots_stale_insert AFTER INSERT ON report_persons
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_mentions_change();
CREATE TRIGGER report_persons_hotspots_stale_delete AFTER DELETE ON report_persons
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_mentions_change();
CREATE TRIGGER report_persons_hotspots_stale_update AFTER UPDATE ON report_persons
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_mentions_change();
CREATE TRIGGER report_vehicles_hotspots_stale_insert AFTER INSERT ON report_vehicles
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_mentions_change();
CREATE TRIGGER report_vehicles_hotspots_stale_delete AFTER DELETE ON report_vehicles
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_mentions_change();
CREATE TRIGGER report_vehicles_hotspots_stale_update AFTER UPDATE ON report_vehicles
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_mentions_change();

-- A hotspot as the session's reader may see it (migration 0034 gives the rules, unchanged): the figures of a (run,
-- hotspot) pair come from its summaries unless it is stale, and then from its member reports as before.
CREATE OR REPLACE FUNCTION hotspots_seen(seen_run uuid, seen_hotspot uuid)
    RETURNS TABLE (hotspot_id uuid, run_id uuid, method text, area geometry, centroid geometry, area_square_meters double precision,
                   report_count integer, weighted_score double precision, z_score double precision, p_value double precision,
                   confidence_percent integer, trend text, top_categories text, linked_vehicle_count integer,
                   linked_person_count integer, first_seen_at timestamptz, last_seen_at timestamptz, first_report_at timestamptz,
                   last_report_at timestamptz, premises_ids uuid[], location_ids uuid[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH reader AS (
        SELECT app_is_operational() AS operational, app_sees_masked_locations() AS masked,
               (SELECT s.hotspot_areas_shared FROM partnership_settings s) AS areas_shared,
               ARRAY(SELECT shown_masking_cells()) AS shown_cells
    ),
    entries AS (
        SELECT hh.*, r.method, EXISTS (SELECT 1 FROM hotspot_stale st WHERE st.run_id = hh.run_id AND st.hotspot_id = hh.hotspot_id) AS stale
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
    -- Each summary group of a fresh entry with whether the reader may count its reports (as reports_for_role shows
    -- them: a masked reader counts a child-linked report only in a cell shown to them) and its mentions (never those
    -- of a child-linked report, for a masked reader). app_can_read is asked once per group, not once per report.
    groups AS (
        SELECT g.*, app_can_read(g.agency_id, g.handling_code) AS readable, reader.masked AND g.child_linked AS mentions_hidden
        FROM entries e
        JOIN hotspot_member_groups g ON g.run_id = e.run_id AND g.hotspot_id = e.hotspot_id
        CROSS JOIN reader
        WHERE NOT e.stale
    ),
    seen_groups AS (
        SELECT g.* FROM groups g CROSS JOIN reader
        WHERE g.readable AND (NOT reader.masked OR NOT g.child_linked OR g.masking_cell = ANY (reader.shown_cells))
    ),
    countable_links AS (
        SELECT g.run_id, g.hotspot_id, array_agg(DISTINCT g.link_group) AS link_groups
        FROM groups g WHERE g.readable AND NOT g.mentions_hidden GROUP BY g.run_id, g.hotspot_id
    ),
    -- Stale entries: from the member reports as they are now, as before summaries existed.
    stale_seen AS (
        SELECT m.run_id, m.hotspot_id, rep.id AS report_id, rep.category, rep.occurred_at, m.weight,
               (reader.masked AND (rep.mentions_child OR rep.category = 'missing_found_location')) AS masked
        FROM entries e
        JOIN hotspot_members m ON m.run_id = e.run_id AND m.hotspot_id = e.hotspot_id
        JOIN intelligence_reports rep ON rep.id = m.report_id
        CROSS JOIN reader
        WHERE e.stale
          AND app_can_read(rep.agency_id, rep.handling_code)
          AND (NOT reader.masked OR NOT (rep.mentions_child OR rep.category = 'missing_found_location')
               OR rep.masking_cell = ANY (reader.shown_cells))
    ),
    -- Missing children's found locations (migration 0036): few, so always counted live; an episode the reader's agency
    -- may read, for a masked reader only in a masking cell shown to them; they name nobody (no linked counts).
    episode_seen AS (
        SELECT m.run_id, m.hotspot_id, coalesce(ep.returned_at, ep.missing_from) AS occurred_at, m.weight
        FROM entries e
        JOIN hotspot_episode_members m ON m.run_id = e.run_id AND m.hotspot_id = e.hotspot_id
        JOIN missing_episodes ep ON ep.id = m.episode_id
        CROSS JOIN reader
        WHERE ep.found_location IS NOT NULL
          AND app_can_read(ep.agency_id, ep.handling_code)
          AND (NOT reader.masked
               OR ST_Transform(ST_SnapToGrid(ST_Transform(ep.found_location, 27700), 500), 4326) = ANY (reader.shown_cells))
    ),
    counted AS (
        SELECT s.run_id, s.hotspot_id, s.reports::bigint AS reports, s.weight_sum AS weight, s.first_report_at AS first_at, s.last_report_at AS last_at
        FROM seen_groups s
        UNION ALL
        SELECT s.run_id, s.hotspot_id, 1, s.weight, s.occurred_at, s.occurred_at FROM stale_seen s
        UNION ALL
        SELECT s.run_id, s.hotspot_id, 1, s.weight, s.occurred_at, s.occurred_at FROM episode_seen s
    ),
    linked AS (
        SELECT c.run_id, c.hotspot_id,
               (SELECT sum(l.entities) FROM hotspot_linked_sets l
                WHERE l.run_id = c.run_id AND l.hotspot_id = c.hotspot_id AND l.kind = 'vehicle' AND l.link_groups && c.link_groups)::int AS vehicles,
               (SELECT sum(l.entities) FROM hotspot_linked_sets l
                WHERE l.run_id = c.run_id AND l.hotspot_id = c.hotspot_id AND l.kind = 'person' AND l.link_groups && c.link_groups)::int AS persons
        FROM countable_links c
        UNION ALL
        SELECT s.run_id, s.hotspot_id,
               (SELECT count(DISTINCT rv.vehicle_id) FROM report_vehicles rv
                WHERE rv.report_id = ANY (array_agg(s.report_id) FILTER (WHERE NOT s.masked)))::int,
               (SELECT count(DISTINCT rp.person_id) FROM report_persons rp
                WHERE rp.report_id = ANY (array_agg(s.report_id) FILTER (WHERE NOT s.masked)))::int
        FROM stale_seen s GROUP BY s.run_id, s.hotspot_id
    ),
    figures AS (
        SELECT c.run_id, c.hotspot_id, sum(c.reports)::int AS report_count, sum(c.weight) AS weighted_score,
               min(c.first_at) AS first_report_at, max(c.last_at) AS last_report_at,
               coalesce((SELECT l.vehicles FROM linked l WHERE l.run_id = c.run_id AND l.hotspot_id = c.hotspot_id), 0) AS linked_vehicle_count,
               coalesce((SELECT l.persons FROM linked l WHERE l.run_id = c.run_id AND l.hotspot_id = c.hotspot_id), 0) AS linked_person_count
        FROM counted c GROUP BY c.run_id, c.hotspot_id
    ),
    categories AS (
        SELECT c.run_id, c.hotspot_id,
               jsonb_agg(jsonb_build_object('category', c.category, 'reports', c.reports) ORDER BY c.reports DESC, c.category)::text AS top_categories
        FROM (SELECT x.run_id, x.hotspot_id, x.category, sum(x.reports)::int AS reports,
                     row_number() OVER (PARTITION BY x.run_id, x.hotspot_id ORDER BY sum(x.reports) DESC, x.category) AS place
              FROM (SELECT s.run_id, s.hotspot_id, s.category, s.reports FROM seen_groups s
                    UNION ALL
                    SELECT s.run_id, s.hotspot_id, s.category, 1 FROM stale_seen s
                    UNION ALL
                    SELECT s.run_id, s.hotspot_id, 'missing_found_location', 1 FROM episode_seen s) x
              GROUP BY x.run_id, x.hotspot_id, x.category) c
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

-- The runs written before this migration: their summaries, from their members as the reports are now.
SELECT summarise_hotspot_members(r.id) FROM hotspot_runs r WHERE EXISTS (SELECT 1 FROM hotspot_members m WHERE m.run_id = r.id);
