-- A run's member summaries (migration 0039: its members grouped by who may read them, and their linked persons and
-- vehicles by link group) made from members given as arrays, not read back from hotspot_members, and returned, not
-- stored. An analyst's run (a trial, which writes every member) has them made on a second connection while its own
-- inserts the member rows: at a million reports those are the two largest parts of a full run, 4 s and 8 s, each on
-- one core. It then stores what this returned. summarise_hotspot_members, which the published line and the recount of
-- a stale hotspot use, makes the same rows through it, from the members it reads.
CREATE FUNCTION hotspot_member_summaries(member_hotspots uuid[], member_reports uuid[], member_weights float8[])
    RETURNS TABLE (hotspot_id uuid, agency_id uuid, handling_code text, child_linked boolean, masking_cell geometry,
                   category text, link_group int, reports int, weight_sum float8, first_report_at timestamptz,
                   last_report_at timestamptz, kind text, link_groups int[], entities int)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET work_mem = '256MB' AS $$
#variable_conflict use_column
BEGIN
    -- Each member with what decides who may read it, and its link group: the (agency, handling code, child-linked)
    -- combinations of its hotspot numbered in order from 0.
    DROP TABLE IF EXISTS summarised_members;
    CREATE TEMP TABLE summarised_members ON COMMIT DROP AS
    SELECT f.*, (dense_rank() OVER (PARTITION BY f.hotspot_id ORDER BY f.agency_id, f.handling_code, f.child_linked))::int - 1 AS link_group
    FROM (SELECT m.hotspot_id, m.report_id, m.weight, r.agency_id, r.handling_code::text AS handling_code, r.category::text AS category,
                 r.occurred_at, (r.mentions_child OR r.category = 'missing_found_location') AS child_linked,
                 CASE WHEN r.mentions_child OR r.category = 'missing_found_location' THEN r.masking_cell END AS masking_cell
          FROM unnest(member_hotspots, member_reports, member_weights) AS m (hotspot_id, report_id, weight)
          JOIN intelligence_reports r ON r.id = m.report_id) f;
    ANALYZE summarised_members;
    -- The groups (kind null)...
    RETURN QUERY
    SELECT s.hotspot_id, s.agency_id, s.handling_code, s.child_linked, s.masking_cell, s.category, s.link_group,
           count(*)::int, sum(s.weight), min(s.occurred_at), max(s.occurred_at), NULL::text, NULL::int[], NULL::int
    FROM summarised_members s
    GROUP BY s.hotspot_id, s.agency_id, s.handling_code, s.child_linked, s.masking_cell, s.category, s.link_group;
    -- ...then each hotspot's linked persons and vehicles counted by the set of link groups each is mentioned in
    -- (grouped by hash: migration 0062).
    RETURN QUERY
    SELECT e.hotspot_id, NULL::uuid, NULL::text, NULL::boolean, NULL::geometry, NULL::text, NULL::int, NULL::int, NULL::float8,
           NULL::timestamptz, NULL::timestamptz, e.kind, e.link_groups, count(*)::int
    FROM (SELECT mention.hotspot_id, mention.kind, mention.entity, array_agg(mention.link_group ORDER BY mention.link_group) AS link_groups
          FROM (SELECT s.hotspot_id, 'person' AS kind, rp.person_id AS entity, s.link_group
                FROM summarised_members s JOIN report_persons rp ON rp.report_id = s.report_id
                GROUP BY s.hotspot_id, rp.person_id, s.link_group
                UNION ALL
                SELECT s.hotspot_id, 'vehicle', rv.vehicle_id, s.link_group
                FROM summarised_members s JOIN report_vehicles rv ON rv.report_id = s.report_id
                GROUP BY s.hotspot_id, rv.vehicle_id, s.link_group) mention
          GROUP BY mention.hotspot_id, mention.kind, mention.entity) e
    GROUP BY e.hotspot_id, e.kind, e.link_groups;
    DROP TABLE summarised_members;
END
$$;
REVOKE ALL ON FUNCTION hotspot_member_summaries(uuid[], uuid[], float8[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hotspot_member_summaries(uuid[], uuid[], float8[]) TO hotspotintel_jobs;

-- As migration 0062's, its summaries made by hotspot_member_summaries from the members as of the run (each weight
-- brought to the run's date).
CREATE OR REPLACE FUNCTION summarise_hotspot_members(summarised_run uuid, only_hotspots uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    run_as_of timestamptz;
    half_life double precision;
    run_seq bigint;
    member_hotspots uuid[];
    member_reports uuid[];
    member_weights float8[];
BEGIN
    SELECT r.as_of, (r.parameters ->> 'halfLifeDays')::float8, mr.seq INTO run_as_of, half_life, run_seq
    FROM hotspot_runs r LEFT JOIN hotspot_member_runs mr ON mr.run_id = r.id WHERE r.id = summarised_run;
    DELETE FROM hotspot_member_groups WHERE run_id = summarised_run AND (only_hotspots IS NULL OR hotspot_id = ANY (only_hotspots));
    DELETE FROM hotspot_linked_sets WHERE run_id = summarised_run AND (only_hotspots IS NULL OR hotspot_id = ANY (only_hotspots));
    DELETE FROM hotspot_stale WHERE run_id = summarised_run AND (only_hotspots IS NULL OR hotspot_id = ANY (only_hotspots));
    SELECT array_agg(m.hotspot_id), array_agg(m.report_id), array_agg(hotspot_member_weight(m.weight, m.weighted_at, run_as_of, half_life))
    INTO member_hotspots, member_reports, member_weights
    FROM (SELECT DISTINCT u.hotspot_id FROM unnest(only_hotspots) AS u (hotspot_id)
          UNION
          SELECT h.hotspot_id FROM hotspot_history h WHERE only_hotspots IS NULL AND h.run_id = summarised_run
          UNION
          SELECT w.hotspot_id FROM hotspot_members w WHERE only_hotspots IS NULL AND w.run_id = summarised_run) h
    CROSS JOIN LATERAL hotspot_members_of(summarised_run, run_seq, h.hotspot_id) m;
    DROP TABLE IF EXISTS made_summaries;
    CREATE TEMP TABLE made_summaries ON COMMIT DROP AS
    SELECT * FROM hotspot_member_summaries(coalesce(member_hotspots, '{}'), coalesce(member_reports, '{}'), coalesce(member_weights, '{}'));
    INSERT INTO hotspot_member_groups (run_id, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category,
                                       link_group, reports, weight_sum, first_report_at, last_report_at)
    SELECT summarised_run, s.hotspot_id, s.agency_id, s.handling_code, s.child_linked, s.masking_cell, s.category, s.link_group,
           s.reports, s.weight_sum, s.first_report_at, s.last_report_at
    FROM made_summaries s WHERE s.kind IS NULL;
    INSERT INTO hotspot_linked_sets (run_id, hotspot_id, kind, link_groups, entities)
    SELECT summarised_run, s.hotspot_id, s.kind, s.link_groups, s.entities FROM made_summaries s WHERE s.kind IS NOT NULL;
    DROP TABLE made_summaries;
END
$$;
