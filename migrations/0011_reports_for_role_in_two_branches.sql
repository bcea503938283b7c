-- reports_for_role gave each row the location its reader may see as one expression (the place, or the 500 m cell
-- centre for a child-linked report when the reader's role is masked), which no index can serve: a map tile found its
-- candidates through the masking cells widened by about 1 km, and in a busy city centre that was 220,000 reports for
-- one street-level tile (1.2 s). The same view as two branches, one per kind of row, lets a spatial filter reach the
-- location index in the first and the masking-cell index in the second. Same rows, same columns, same masking as
-- migrations/0006: unmasked rows as recorded; masked rows at their cell, withheld narrative, precision no finer than
-- the cell, and only from cells shown to the reader (shown_masking_cells(), migrations/0010).
CREATE OR REPLACE VIEW reports_for_role WITH (security_invoker = true) AS
SELECT r.id, r.agency_id, r.category, r.narrative, r.occurred_at, r.recorded_at, r.location, r.location_precision_meters,
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on
FROM intelligence_reports r
WHERE NOT ((SELECT app_sees_masked_locations()) AND (r.mentions_child OR r.category = 'missing_found_location'))
UNION ALL
SELECT r.id, r.agency_id, r.category, '[withheld: this report is linked to a child]', r.occurred_at, r.recorded_at,
       r.masking_cell, greatest(r.location_precision_meters, 354),
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on
FROM intelligence_reports r
WHERE (SELECT app_sees_masked_locations()) AND (r.mentions_child OR r.category = 'missing_found_location')
  AND r.masking_cell IN (SELECT shown_masking_cells());
