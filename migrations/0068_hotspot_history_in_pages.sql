-- A hotspot's history is one entry for every run it was in, and an incremental run follows every burst of reports (two
-- minutes apart at most), so a busy partnership's hotspot gains hundreds of entries a day, each counted for the reader
-- (about 1.5 ms an entry at a million reports): GET /api/hotspots/{id} showed them all. It now shows a page of them,
-- newest run first by id (UUID v7, as every paged list), and the next page continues below the page's last run.
--
-- hotspot_history_runs lists the runs of a hotspot's history the reader may see (the rules of hotspots_seen's entries),
-- newest first, below a run or from the newest (hotspot_history_hotspot_id_idx, read backwards); hotspots_seen gains
-- the runs to show (seen_runs), so that only those are counted. An entry the reader may count nothing of, in an area
-- not shared, is still left out of what hotspots_seen returns, so a page may show fewer entries than it has runs; the
-- next page starts below its last run all the same.
CREATE FUNCTION hotspot_history_runs(seen_hotspot uuid, below_run uuid, most integer)
    RETURNS TABLE (run_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT hh.run_id
    FROM hotspot_history hh
    JOIN hotspot_runs r ON r.id = hh.run_id
    WHERE app_is_operational()
      AND hh.hotspot_id = seen_hotspot
      AND (below_run IS NULL OR hh.run_id < below_run)
      AND r.status = 'succeeded'
      AND app_may_read_hotspot_run(r.kind, r.published_at, r.requested_by)
      AND NOT (app_sees_masked_locations() AND coalesce(hh.child_report_count, 1) BETWEEN 1 AND masking_minimum_count() - 1)
    ORDER BY hh.run_id DESC
    LIMIT most
$$;
REVOKE ALL ON FUNCTION hotspot_history_runs(uuid, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hotspot_history_runs(uuid, uuid, integer) TO hotspotintel_app;

-- As migration 0065's, with the runs to show. Dropped first: calls with two arguments take the third's default.
DROP FUNCTION hotspots_seen(uuid, uuid);
CREATE FUNCTION hotspots_seen(seen_run uuid, seen_hotspot uuid, seen_runs uuid[] DEFAULT NULL)
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
    -- The masking cells shown to the reader, listed only for a masked reader (the only one checked against them) and
    -- looked up by hash, not compared with each in turn.
    shown AS MATERIALIZED (
        SELECT c AS cell FROM shown_masking_cells() c WHERE app_sees_masked_locations()
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
                   WHEN seen_runs IS NOT NULL THEN hh.run_id = ANY (seen_runs)
                   WHEN seen_hotspot IS NULL THEN hh.run_id = published_hotspot_run()
                   ELSE true END
          AND r.status = 'succeeded'
          AND app_may_read_hotspot_run(r.kind, r.published_at, r.requested_by)
          AND NOT (reader.masked AND coalesce(hh.child_report_count, 1) BETWEEN 1 AND masking_minimum_count() - 1)
    ),
    -- The summary groups of the fresh entries, each with whether the reader may count its reports (as reports_for_role
    -- shows them: a masked reader counts a child-linked report only in a cell shown to them) and its mentions (never
    -- those of a child-linked report, for a masked reader). app_can_read is asked once per agency and handling code
    -- among them (about 10 at a million reports), not once per group (1,700) or per report.
    fresh_groups AS MATERIALIZED (
        SELECT g.* FROM entries e
        JOIN hotspot_member_groups g ON g.run_id = e.run_id AND g.hotspot_id = e.hotspot_id
        WHERE NOT e.stale
    ),
    readable_codes AS MATERIALIZED (
        SELECT c.agency_id, c.handling_code, app_can_read(c.agency_id, c.handling_code) AS readable
        FROM (SELECT DISTINCT f.agency_id, f.handling_code FROM fresh_groups f) c
    ),
    groups AS (
        SELECT g.*, rc.readable, reader.masked AND g.child_linked AS mentions_hidden
        FROM fresh_groups g
        JOIN readable_codes rc ON rc.agency_id = g.agency_id AND rc.handling_code = g.handling_code
        CROSS JOIN reader
    ),
    seen_groups AS (
        SELECT g.* FROM groups g CROSS JOIN reader
        WHERE g.readable AND (NOT reader.masked OR NOT g.child_linked OR g.masking_cell IN (SELECT s.cell FROM shown s))
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
               OR rep.masking_cell IN (SELECT s.cell FROM shown s))
    ),
    -- Missing children's found locations (migration 0036), for a fresh entry summarised when its run was written: the
    -- groups the reader's agency may read, for a masked reader only those in a masking cell shown to them.
    found_seen AS (
        SELECT f.run_id, f.hotspot_id, f.locations, f.weight_sum, f.first_found_at, f.last_found_at
        FROM entries e
        JOIN hotspot_found_groups f ON f.run_id = e.run_id AND f.hotspot_id = e.hotspot_id
        CROSS JOIN reader
        WHERE NOT e.stale AND e.found_summarised
          AND app_can_read(f.agency_id, f.handling_code)
          AND (NOT reader.masked OR f.masking_cell IN (SELECT s.cell FROM shown s))
    ),
    -- Otherwise counted live, from the run's own rows or the spans it falls in (each weight brought to the run's date),
    -- by the same rules; they name nobody (no linked counts).
    episode_seen AS (
        SELECT e.run_id, e.hotspot_id, coalesce(ep.returned_at, ep.missing_from) AS occurred_at,
               hotspot_member_weight(m.weight, m.weighted_at, e.run_as_of, e.half_life_days) AS weight
        FROM entries e
        CROSS JOIN LATERAL hotspot_episode_members_of(e.run_id, e.member_seq, e.hotspot_id) m
        JOIN missing_episodes ep ON ep.id = m.episode_id
        CROSS JOIN reader
        WHERE (e.stale OR NOT e.found_summarised)
          AND ep.found_location IS NOT NULL
          AND app_can_read(ep.agency_id, ep.handling_code)
          AND (NOT reader.masked
               OR ep.masking_cell IN (SELECT s.cell FROM shown s))
    ),
    counted AS (
        SELECT s.run_id, s.hotspot_id, s.reports::bigint AS reports, s.weight_sum AS weight, s.first_report_at AS first_at, s.last_report_at AS last_at
        FROM seen_groups s
        UNION ALL
        SELECT s.run_id, s.hotspot_id, 1, s.weight, s.occurred_at, s.occurred_at FROM stale_seen s
        UNION ALL
        SELECT s.run_id, s.hotspot_id, 1, s.weight, s.occurred_at, s.occurred_at FROM episode_seen s
        UNION ALL
        SELECT s.run_id, s.hotspot_id, s.locations, s.weight_sum, s.first_found_at, s.last_found_at FROM found_seen s
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
                    SELECT s.run_id, s.hotspot_id, 'missing_found_location', 1 FROM episode_seen s
                    UNION ALL
                    SELECT s.run_id, s.hotspot_id, 'missing_found_location', s.locations FROM found_seen s) x
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
REVOKE ALL ON FUNCTION hotspots_seen(uuid, uuid, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hotspots_seen(uuid, uuid, uuid[]) TO hotspotintel_app;
