-- Suppression asked, for each masked row, whether its 500 m cell holds enough child-linked reports the reader may see:
-- one index probe per row (migrations/0006). A city-wide map tile for a tasking member reads most of a million
-- reports, 80 % of them child-linked, and those probes took 10 of its 18 seconds. The cells that pass are the same for
-- every row of a query, so they are now found once (a hashed subplan over the per-cell counts, a few thousand rows)
-- and each masked row is looked up in them. Same rule, same answer: the count of visible child-linked reports in the
-- cell, own agency or P-coded from a sharing partner, at least masking_minimum_count().
CREATE OR REPLACE VIEW reports_for_role WITH (security_invoker = true) AS
SELECT r.id, r.agency_id, r.category,
       CASE WHEN m.masked THEN '[withheld: this report is linked to a child]' ELSE r.narrative END AS narrative,
       r.occurred_at, r.recorded_at,
       CASE WHEN m.masked THEN r.masking_cell ELSE r.location END AS location,
       CASE WHEN m.masked THEN greatest(r.location_precision_meters, 354) ELSE r.location_precision_meters END AS location_precision_meters,
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on
FROM intelligence_reports r
CROSS JOIN LATERAL (
    SELECT (SELECT app_sees_masked_locations()) AND (r.mentions_child OR r.category = 'missing_found_location') AS masked) m
WHERE NOT m.masked
   OR r.masking_cell IN (
       SELECT c.masking_cell FROM child_report_cells c
       WHERE c.agency_id = (SELECT app_agency_id())
          OR (c.handling_code = 'P' AND c.agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))
       GROUP BY c.masking_cell
       HAVING sum(c.reports) >= masking_minimum_count());
