-- As migration 0066's, but each linked person's or vehicle's link groups are gathered as a bit string (bit n set for
-- link group n) by bit_or, grouped by hash, where they were an array sorted per entity: the sort of the 660,000
-- (hotspot, entity, link group) rows of a million-report run took a second of the four the linked sets took. The bit
-- strings of one call are all as long as its most link groups, so bit_or may join any two; each set's link groups are
-- read back from its bits in order, as before.
CREATE OR REPLACE FUNCTION hotspot_member_summaries(member_hotspots uuid[], member_reports uuid[], member_weights float8[])
    RETURNS TABLE (hotspot_id uuid, agency_id uuid, handling_code text, child_linked boolean, masking_cell geometry,
                   category text, link_group int, reports int, weight_sum float8, first_report_at timestamptz,
                   last_report_at timestamptz, kind text, link_groups int[], entities int)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET work_mem = '256MB' AS $$
#variable_conflict use_column
DECLARE
    no_link_groups varbit;
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
    SELECT repeat('0', coalesce(max(s.link_group), 0) + 1)::varbit INTO no_link_groups FROM summarised_members s;
    -- The groups (kind null)...
    RETURN QUERY
    SELECT s.hotspot_id, s.agency_id, s.handling_code, s.child_linked, s.masking_cell, s.category, s.link_group,
           count(*)::int, sum(s.weight), min(s.occurred_at), max(s.occurred_at), NULL::text, NULL::int[], NULL::int
    FROM summarised_members s
    GROUP BY s.hotspot_id, s.agency_id, s.handling_code, s.child_linked, s.masking_cell, s.category, s.link_group;
    -- ...then each hotspot's linked persons and vehicles counted by the set of link groups each is mentioned in.
    RETURN QUERY
    SELECT e.hotspot_id, NULL::uuid, NULL::text, NULL::boolean, NULL::geometry, NULL::text, NULL::int, NULL::int, NULL::float8,
           NULL::timestamptz, NULL::timestamptz, e.kind,
           ARRAY(SELECT g FROM generate_series(0, length(e.bits) - 1) g WHERE get_bit(e.bits, g) = 1), e.entities
    FROM (SELECT mention.hotspot_id, mention.kind, mention.bits, count(*)::int AS entities
          FROM (SELECT s.hotspot_id, 'person' AS kind, rp.person_id AS entity, bit_or(set_bit(no_link_groups, s.link_group, 1)) AS bits
                FROM summarised_members s JOIN report_persons rp ON rp.report_id = s.report_id
                GROUP BY s.hotspot_id, rp.person_id
                UNION ALL
                SELECT s.hotspot_id, 'vehicle', rv.vehicle_id, bit_or(set_bit(no_link_groups, s.link_group, 1))
                FROM summarised_members s JOIN report_vehicles rv ON rv.report_id = s.report_id
                GROUP BY s.hotspot_id, rv.vehicle_id) mention
          GROUP BY mention.hotspot_id, mention.kind, mention.bits) e;
    DROP TABLE summarised_members;
END
$$;
