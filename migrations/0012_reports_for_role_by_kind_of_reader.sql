-- reports_for_role gave each row the location its reader may see as one expression (the place, or the 500 m cell
-- centre for a child-linked report when the reader's role is masked), which no index can serve: a map tile found its
-- candidates through the masking cells widened by about 1 km, 220,000 reports for one street-level tile in a busy city
-- centre. Three branches, one per kind of row and reader, each reaching a partial index that holds only its rows:
--   * readers who see exact places: every row as recorded (the location index);
--   * masked readers, reports not linked to a child: as recorded (intelligence_reports_adult_location_idx);
--   * masked readers, child-linked reports: at their cell centre, withheld narrative, precision no finer than the cell
--     (intelligence_reports_child_masking_cell_idx, which replaces the index over every report's cell: only this
--     branch searches cells), and only from the cells shown to the reader (shown_masking_cells(), migrations/0010).
-- Only one of the first two branches runs for a reader (app_sees_masked_locations() is found once per query). The
-- shown cells are tested as (… IN (SELECT shown_masking_cells())) IS TRUE: as a plain IN the planner made a semi-join
-- of it and, when it expected few rows (a small box or time window under the read policy), ran the function again for
-- every candidate report, seconds for a tasking member's list; this way it stays a subplan, run once per query and
-- hashed. Same rows, same columns and same masking as migrations/0006.
CREATE INDEX intelligence_reports_adult_location_idx ON intelligence_reports USING gist (location)
    WHERE NOT (mentions_child OR category = 'missing_found_location');
CREATE INDEX intelligence_reports_child_masking_cell_idx ON intelligence_reports USING gist (masking_cell)
    WHERE mentions_child OR category = 'missing_found_location';
DROP INDEX intelligence_reports_masking_cell_idx;

CREATE OR REPLACE VIEW reports_for_role WITH (security_invoker = true) AS
SELECT r.id, r.agency_id, r.category, r.narrative, r.occurred_at, r.recorded_at, r.location, r.location_precision_meters,
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on
FROM intelligence_reports r
WHERE NOT (SELECT app_sees_masked_locations())
UNION ALL
SELECT r.id, r.agency_id, r.category, r.narrative, r.occurred_at, r.recorded_at, r.location, r.location_precision_meters,
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on
FROM intelligence_reports r
WHERE (SELECT app_sees_masked_locations()) AND NOT (r.mentions_child OR r.category = 'missing_found_location')
UNION ALL
SELECT r.id, r.agency_id, r.category, '[withheld: this report is linked to a child]', r.occurred_at, r.recorded_at,
       r.masking_cell, greatest(r.location_precision_meters, 354),
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on
FROM intelligence_reports r
WHERE (SELECT app_sees_masked_locations()) AND (r.mentions_child OR r.category = 'missing_found_location')
  AND (r.masking_cell IN (SELECT shown_masking_cells())) IS TRUE;
