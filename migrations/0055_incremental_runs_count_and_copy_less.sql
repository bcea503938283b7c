-- Incremental hotspot runs that neither count every report nor copy every found location (issue 19 §1).
--
-- An incremental hotspot run tells whether reports were deleted (which makes it read them all again) from how many
-- there are, and now takes that number from the counts city-wide tiles add up (report_density and its changes,
-- migrations/0033, 0053: every report once at zoom 0 where every reader but a masked one sees it) rather than from a
-- count(*) over every report, 0.8 s at a million (issue 19 §1). The counts follow every INSERT, UPDATE and DELETE of
-- reports through statement-level triggers; a TRUNCATE fired none, and left the counts (and city-wide tiles) showing
-- reports that were gone. Now a TRUNCATE of the reports empties every count table and its changes: no report is left.
CREATE FUNCTION clear_report_density() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT name FROM report_density_tables ORDER BY name LOOP
        EXECUTE format('DELETE FROM %I', t || '_changes');
        EXECUTE format('DELETE FROM %I', t);
    END LOOP;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION clear_report_density() FROM PUBLIC;
CREATE TRIGGER intelligence_reports_density_truncated AFTER TRUNCATE ON intelligence_reports
    FOR EACH STATEMENT EXECUTE FUNCTION clear_report_density();

-- The found locations of the published line's runs are spans too, as its member reports are (migration 0043): a run
-- closes the rows of found locations its hotspots lost (until_seq), adds rows for those they gained or whose weight
-- differs from the carried one, and leaves the rest as they are. Until now every run wrote every found location in its
-- hotspots again (about 47,000 rows at a million reports, 1.0 s of a 3.7 s incremental run), each row checked against
-- three foreign keys. An analyst's run (a trial) and every run written before this migration keep rows of their own.
ALTER TABLE hotspot_episode_members
    ADD COLUMN from_seq bigint,
    ADD COLUMN until_seq bigint,
    ADD COLUMN weighted_at timestamptz,
    ADD CONSTRAINT hotspot_episode_members_span_check
        CHECK ((from_seq IS NULL) = (weighted_at IS NULL) AND (until_seq IS NULL OR until_seq > from_seq));
CREATE INDEX hotspot_episode_members_open_idx ON hotspot_episode_members (hotspot_id) WHERE from_seq IS NOT NULL AND until_seq IS NULL;
CREATE INDEX hotspot_episode_members_span_idx ON hotspot_episode_members (hotspot_id, from_seq) WHERE from_seq IS NOT NULL;
CREATE POLICY hotspot_episode_members_close ON hotspot_episode_members FOR UPDATE USING (app_role() = 'system') WITH CHECK (app_role() = 'system');
GRANT UPDATE (until_seq) ON hotspot_episode_members TO hotspotintel_jobs;

-- The found-location rows of one run's hotspot: its own rows, or the spans its seq falls in (as hotspot_members_of).
CREATE FUNCTION hotspot_episode_members_of(member_run uuid, member_seq bigint, member_hotspot uuid)
    RETURNS SETOF hotspot_episode_members LANGUAGE sql STABLE AS $$
    SELECT m.* FROM hotspot_episode_members m WHERE m.hotspot_id = member_hotspot AND m.run_id = member_run AND m.from_seq IS NULL
    UNION ALL
    SELECT m.* FROM hotspot_episode_members m
    WHERE m.hotspot_id = member_hotspot AND m.from_seq <= member_seq AND (m.until_seq IS NULL OR member_seq < m.until_seq)
$$;

-- What a run holds of found locations, as rows per (run, hotspot, episode) whichever way it was written (as
-- hotspot_run_members): for checks and for reading by hand.
CREATE VIEW hotspot_run_episode_members WITH (security_barrier) AS
SELECT hh.run_id, m.hotspot_id, m.episode_id,
       hotspot_member_weight(m.weight, m.weighted_at, r.as_of, (r.parameters ->> 'halfLifeDays')::float8) AS weight
FROM hotspot_history hh
JOIN hotspot_runs r ON r.id = hh.run_id
LEFT JOIN hotspot_member_runs mr ON mr.run_id = hh.run_id
JOIN hotspot_episode_members m ON m.hotspot_id = hh.hotspot_id AND hotspot_member_in(m.run_id, m.from_seq, m.until_seq, hh.run_id, mr.seq);
REVOKE ALL ON hotspot_run_episode_members FROM PUBLIC;
GRANT SELECT ON hotspot_run_episode_members TO hotspotintel_jobs;

-- A hotspot as the session's reader may see it (migrations 0034, 0039 and 0043, unchanged but for where its found
-- locations are found).
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
        SELECT hh.*, r.method, EXISTS (SELECT 1 FROM hotspot_stale st WHERE st.run_id = hh.run_id AND st.hotspot_id = hh.hotspot_id) AS stale,
               r.as_of AS run_as_of, (r.parameters ->> 'halfLifeDays')::float8 AS half_life_days,
               (SELECT mr.seq FROM hotspot_member_runs mr WHERE mr.run_id = hh.run_id) AS member_seq
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
    -- Stale entries: from the member reports as they are now (the run's own rows or the spans it falls in, each weight
    -- brought to the run's date).
    stale_seen AS (
        SELECT e.run_id, e.hotspot_id, rep.id AS report_id, rep.category, rep.occurred_at,
               hotspot_member_weight(m.weight, m.weighted_at, e.run_as_of, e.half_life_days) AS weight,
               (reader.masked AND (rep.mentions_child OR rep.category = 'missing_found_location')) AS masked
        FROM entries e
        CROSS JOIN LATERAL hotspot_members_of(e.run_id, e.member_seq, e.hotspot_id) m
        JOIN intelligence_reports rep ON rep.id = m.report_id
        CROSS JOIN reader
        WHERE e.stale
          AND app_can_read(rep.agency_id, rep.handling_code)
          AND (NOT reader.masked OR NOT (rep.mentions_child OR rep.category = 'missing_found_location')
               OR rep.masking_cell = ANY (reader.shown_cells))
    ),
    -- Missing children's found locations (migration 0036): always counted live, from the run's own rows or the spans it
    -- falls in (each weight brought to the run's date); an episode the reader's agency may read, for a masked reader only
    -- in a masking cell shown to them; they name nobody (no linked counts).
    episode_seen AS (
        SELECT e.run_id, e.hotspot_id, coalesce(ep.returned_at, ep.missing_from) AS occurred_at,
               hotspot_member_weight(m.weight, m.weighted_at, e.run_as_of, e.half_life_days) AS weight
        FROM entries e
        CROSS JOIN LATERAL hotspot_episode_members_of(e.run_id, e.member_seq, e.hotspot_id) m
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

-- What differs between two runs' hotspots (migration 0043), their found locations now whichever way they were written.
CREATE OR REPLACE FUNCTION hotspot_run_differences(run_a uuid, run_b uuid) RETURNS TABLE (what text, hotspot_id uuid, detail text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH ha AS (SELECT * FROM hotspot_history h WHERE h.run_id = run_a),
         hb AS (SELECT * FROM hotspot_history h WHERE h.run_id = run_b),
         ma AS (SELECT * FROM hotspot_run_members m WHERE m.run_id = run_a),
         mb AS (SELECT * FROM hotspot_run_members m WHERE m.run_id = run_b),
         ea AS (SELECT * FROM hotspot_run_episode_members m WHERE m.run_id = run_a),
         eb AS (SELECT * FROM hotspot_run_episode_members m WHERE m.run_id = run_b),
         ga AS (SELECT * FROM hotspot_member_groups g WHERE g.run_id = run_a),
         gb AS (SELECT * FROM hotspot_member_groups g WHERE g.run_id = run_b),
         -- Each linked set as the (agency, handling code, child-linked) combinations it spans.
         la AS (SELECT l.hotspot_id, l.kind, c.combos, sum(l.entities) AS entities
                FROM hotspot_linked_sets l
                CROSS JOIN LATERAL (SELECT array_agg(DISTINCT x.combo ORDER BY x.combo) AS combos
                                    FROM (SELECT g.agency_id::text || '/' || g.handling_code || '/' || g.child_linked AS combo
                                          FROM ga g WHERE g.hotspot_id = l.hotspot_id AND g.link_group = ANY (l.link_groups)) x) c
                WHERE l.run_id = run_a GROUP BY l.hotspot_id, l.kind, c.combos),
         lb AS (SELECT l.hotspot_id, l.kind, c.combos, sum(l.entities) AS entities
                FROM hotspot_linked_sets l
                CROSS JOIN LATERAL (SELECT array_agg(DISTINCT x.combo ORDER BY x.combo) AS combos
                                    FROM (SELECT g.agency_id::text || '/' || g.handling_code || '/' || g.child_linked AS combo
                                          FROM gb g WHERE g.hotspot_id = l.hotspot_id AND g.link_group = ANY (l.link_groups)) x) c
                WHERE l.run_id = run_b GROUP BY l.hotspot_id, l.kind, c.combos)
    SELECT 'hotspot', coalesce(ha.hotspot_id, hb.hotspot_id),
           CASE WHEN hb.hotspot_id IS NULL THEN 'only in the first run' WHEN ha.hotspot_id IS NULL THEN 'only in the second run'
                ELSE 'area or figures differ' END
    FROM ha FULL JOIN hb ON hb.hotspot_id = ha.hotspot_id
    WHERE ha.hotspot_id IS NULL OR hb.hotspot_id IS NULL
       OR (ha.report_count, ha.confidence_percent, ha.trend, ha.child_report_count, ha.premises_ids, ha.location_ids)
          IS DISTINCT FROM (hb.report_count, hb.confidence_percent, hb.trend, hb.child_report_count, hb.premises_ids, hb.location_ids)
       OR NOT (hotspot_near(ha.weighted_score, hb.weighted_score) AND hotspot_near(ha.z_score, hb.z_score)
               AND hotspot_near(ha.p_value, hb.p_value) AND hotspot_near(ha.area_square_meters, hb.area_square_meters)
               AND ST_Equals(ha.area, hb.area) AND ST_Equals(ha.masked_area, hb.masked_area))
    UNION ALL
    SELECT 'member', coalesce(ma.hotspot_id, mb.hotspot_id),
           coalesce(ma.report_id, mb.report_id)::text || CASE WHEN mb.report_id IS NULL THEN ' only in the first run'
                                                            WHEN ma.report_id IS NULL THEN ' only in the second run' ELSE ' weighs differently' END
    FROM ma FULL JOIN mb ON mb.hotspot_id = ma.hotspot_id AND mb.report_id = ma.report_id
    WHERE ma.report_id IS NULL OR mb.report_id IS NULL OR NOT hotspot_near(ma.weight, mb.weight)
    UNION ALL
    SELECT 'found location', coalesce(ea.hotspot_id, eb.hotspot_id), coalesce(ea.episode_id, eb.episode_id)::text
    FROM ea FULL JOIN eb ON eb.hotspot_id = ea.hotspot_id AND eb.episode_id = ea.episode_id
    WHERE ea.episode_id IS NULL OR eb.episode_id IS NULL OR NOT hotspot_near(ea.weight, eb.weight)
    UNION ALL
    SELECT 'summary group', coalesce(ga.hotspot_id, gb.hotspot_id),
           concat_ws(' ', coalesce(ga.agency_id, gb.agency_id), coalesce(ga.handling_code, gb.handling_code),
                     coalesce(ga.category, gb.category), coalesce(ga.reports, 0), coalesce(gb.reports, 0))
    FROM ga FULL JOIN gb ON gb.hotspot_id = ga.hotspot_id AND gb.agency_id = ga.agency_id AND gb.handling_code = ga.handling_code
                        AND gb.child_linked = ga.child_linked AND gb.masking_cell IS NOT DISTINCT FROM ga.masking_cell
                        AND gb.category = ga.category
    WHERE ga.hotspot_id IS NULL OR gb.hotspot_id IS NULL
       OR (ga.reports, ga.first_report_at, ga.last_report_at) IS DISTINCT FROM (gb.reports, gb.first_report_at, gb.last_report_at)
       OR NOT hotspot_near(ga.weight_sum, gb.weight_sum)
    UNION ALL
    SELECT 'linked set', coalesce(la.hotspot_id, lb.hotspot_id),
           concat_ws(' ', coalesce(la.kind, lb.kind), coalesce(la.combos, lb.combos)::text, coalesce(la.entities, 0), coalesce(lb.entities, 0))
    FROM la FULL JOIN lb ON lb.hotspot_id = la.hotspot_id AND lb.kind = la.kind AND lb.combos = la.combos
    WHERE la.entities IS DISTINCT FROM lb.entities
$$;

-- Bringing summaries forward is small work by construction (a small change to a few hotspots), but the planner prices
-- its recount of the persons and vehicles the changed members mention high enough to compile it with JIT: replayed on
-- the 100,000-report benchmark city, the call took 0.86 s with JIT and 0.11 s without (most of an incremental run's
-- "summaries" phase).
ALTER FUNCTION advance_hotspot_summaries(uuid, uuid, double precision, uuid[], uuid[], double precision[], integer[]) SET jit = off;
