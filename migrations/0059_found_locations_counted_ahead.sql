-- Found locations counted ahead (issue 19): the published hotspot list at a million reports took 0.4-0.6 s because
-- hotspots_seen() counted every found location of every hotspot live (about 47,000 at a million reports, each read
-- with its agency's rules and its weight brought to the run's date). Now each run sums its hotspots' found locations
-- by what decides who may read them, as migration 0039 did for the member reports: by owning agency, handling code and
-- masking cell (a found location is child-linked: a masked reader counts it only in a cell shown to them). A hotspot
-- of the published line whose found locations did not change since the line's previous run takes that run's groups,
-- weights brought forward by the decay; the others are summed from their rows.
--
-- A found location changes what a summary says when its episode changes owner, handling code, place or time, or is
-- deleted: the (run, hotspot) pairs it is a member of are then stale (hotspot_stale, as for a member report), and
-- hotspots_seen() counts their found locations live, as it did for every pair until now. Runs written before this
-- migration have no groups (found_summarised false) and are counted live as before.

-- What an incremental run reads of found locations is what changed since the previous one (ReportSnapshot), as for
-- the reports (migration 0043): found through an index rather than by reading every episode (118,000 at a million
-- reports, 40-75 ms of every incremental run).
CREATE INDEX missing_episodes_found_changed_at_idx ON missing_episodes ((greatest(created_at, updated_at))) WHERE found_location IS NOT NULL;

-- The masking cell of a found location, kept as the reports keep theirs (migration 0002).
ALTER TABLE missing_episodes
    ADD COLUMN masking_cell geometry(Point, 4326) GENERATED ALWAYS AS (ST_Transform(ST_SnapToGrid(ST_Transform(found_location, 27700), 500), 4326)) STORED;

CREATE TABLE hotspot_found_groups (
    run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    hotspot_id uuid NOT NULL REFERENCES hotspots (id),
    agency_id uuid NOT NULL,
    handling_code text NOT NULL,
    masking_cell geometry(Point, 4326) NOT NULL,
    locations integer NOT NULL CHECK (locations > 0),
    weight_sum double precision NOT NULL,
    first_found_at timestamptz NOT NULL,
    last_found_at timestamptz NOT NULL
);
CREATE INDEX hotspot_found_groups_run_idx ON hotspot_found_groups (run_id, hotspot_id);
ALTER TABLE hotspot_found_groups ENABLE ROW LEVEL SECURITY;
CREATE POLICY hotspot_found_groups_system ON hotspot_found_groups USING (app_role() = 'system') WITH CHECK (app_role() = 'system');
GRANT SELECT, INSERT ON hotspot_found_groups TO hotspotintel_jobs;

-- Whether the run summed this hotspot's found locations (every run written from now on).
ALTER TABLE hotspot_history ADD COLUMN found_summarised boolean NOT NULL DEFAULT false;

-- Sums the found locations of the run's hotspots only_hotspots from their rows (the run's own, or the spans its seq
-- falls in), each weight brought to the run's date. SECURITY DEFINER: it reads every episode.
CREATE FUNCTION summarise_hotspot_found_locations(summarised_run uuid, only_hotspots uuid[]) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO hotspot_found_groups (run_id, hotspot_id, agency_id, handling_code, masking_cell, locations, weight_sum,
                                      first_found_at, last_found_at)
    SELECT summarised_run, m.hotspot_id, ep.agency_id, ep.handling_code::text, ep.masking_cell, count(*)::int,
           sum(hotspot_member_weight(m.weight, m.weighted_at, r.as_of, (r.parameters ->> 'halfLifeDays')::float8)),
           min(coalesce(ep.returned_at, ep.missing_from)), max(coalesce(ep.returned_at, ep.missing_from))
    FROM hotspot_runs r
    CROSS JOIN unnest(only_hotspots) AS h (id)
    CROSS JOIN LATERAL hotspot_episode_members_of(r.id, (SELECT mr.seq FROM hotspot_member_runs mr WHERE mr.run_id = r.id), h.id) m
    JOIN missing_episodes ep ON ep.id = m.episode_id
    WHERE r.id = summarised_run AND ep.found_location IS NOT NULL
    GROUP BY m.hotspot_id, ep.agency_id, ep.handling_code, ep.masking_cell
$$;
REVOKE ALL ON FUNCTION summarise_hotspot_found_locations(uuid, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION summarise_hotspot_found_locations(uuid, uuid[]) TO hotspotintel_jobs;

-- Marking stale: an episode that is a found location of a run's hotspot changed what its groups say of it.
CREATE FUNCTION hotspot_stale_after_episode_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO hotspot_stale (run_id, hotspot_id)
    SELECT DISTINCT hh.run_id, hh.hotspot_id
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN hotspot_episode_members m ON m.episode_id = n.id
    JOIN hotspot_history hh ON hh.hotspot_id = m.hotspot_id
    LEFT JOIN hotspot_member_runs mr ON mr.run_id = hh.run_id
    WHERE (n.agency_id, n.handling_code, n.returned_at, n.missing_from, n.found_location)
              IS DISTINCT FROM (o.agency_id, o.handling_code, o.returned_at, o.missing_from, o.found_location)
      AND hotspot_member_in(m.run_id, m.from_seq, m.until_seq, hh.run_id, mr.seq)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER missing_episodes_hotspots_stale AFTER UPDATE ON missing_episodes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_episode_update();

-- A found location gone (its episode deleted or erased: the rows cascade).
CREATE TRIGGER hotspot_episode_members_hotspots_stale AFTER DELETE ON hotspot_episode_members
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_stale_after_member_delete();

-- A hotspot as the session's reader may see it (migrations 0034, 0039, 0043 and 0055, unchanged but for the found
-- locations of a fresh, summarised entry, now read from its groups).
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
    -- Missing children's found locations (migration 0036), for a fresh entry summarised when its run was written: the
    -- groups the reader's agency may read, for a masked reader only those in a masking cell shown to them.
    found_seen AS (
        SELECT f.run_id, f.hotspot_id, f.locations, f.weight_sum, f.first_found_at, f.last_found_at
        FROM entries e
        JOIN hotspot_found_groups f ON f.run_id = e.run_id AND f.hotspot_id = e.hotspot_id
        CROSS JOIN reader
        WHERE NOT e.stale AND e.found_summarised
          AND app_can_read(f.agency_id, f.handling_code)
          AND (NOT reader.masked OR f.masking_cell = ANY (reader.shown_cells))
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
               OR ep.masking_cell = ANY (reader.shown_cells))
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

-- What differs between two runs' hotspots (migrations 0043 and 0055), their found-location groups now too.
CREATE OR REPLACE FUNCTION hotspot_run_differences(run_a uuid, run_b uuid) RETURNS TABLE (what text, hotspot_id uuid, detail text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH ha AS (SELECT * FROM hotspot_history h WHERE h.run_id = run_a),
         hb AS (SELECT * FROM hotspot_history h WHERE h.run_id = run_b),
         ma AS (SELECT * FROM hotspot_run_members m WHERE m.run_id = run_a),
         mb AS (SELECT * FROM hotspot_run_members m WHERE m.run_id = run_b),
         ea AS (SELECT * FROM hotspot_run_episode_members m WHERE m.run_id = run_a),
         eb AS (SELECT * FROM hotspot_run_episode_members m WHERE m.run_id = run_b),
         fa AS (SELECT * FROM hotspot_found_groups f WHERE f.run_id = run_a),
         fb AS (SELECT * FROM hotspot_found_groups f WHERE f.run_id = run_b),
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
    SELECT 'found-location group', coalesce(fa.hotspot_id, fb.hotspot_id),
           concat_ws(' ', coalesce(fa.agency_id, fb.agency_id), coalesce(fa.handling_code, fb.handling_code),
                     coalesce(fa.locations, 0), coalesce(fb.locations, 0))
    FROM fa FULL JOIN fb ON fb.hotspot_id = fa.hotspot_id AND fb.agency_id = fa.agency_id AND fb.handling_code = fa.handling_code
                        AND ST_Equals(fb.masking_cell, fa.masking_cell)
    WHERE fa.hotspot_id IS NULL OR fb.hotspot_id IS NULL
       OR (fa.locations, fa.first_found_at, fa.last_found_at) IS DISTINCT FROM (fb.locations, fb.first_found_at, fb.last_found_at)
       OR NOT hotspot_near(fa.weight_sum, fb.weight_sum)
    UNION ALL
    SELECT 'linked set', coalesce(la.hotspot_id, lb.hotspot_id),
           concat_ws(' ', coalesce(la.kind, lb.kind), coalesce(la.combos, lb.combos)::text, coalesce(la.entities, 0), coalesce(lb.entities, 0))
    FROM la FULL JOIN lb ON lb.hotspot_id = la.hotspot_id AND lb.kind = la.kind AND lb.combos = la.combos
    WHERE la.entities IS DISTINCT FROM lb.entities
$$;