-- reports_for_role, child-linked branch: the planner made IN (SELECT shown_masking_cells()) a semi-join and, when it
-- expected few rows there (a small box or time window under the read policy), re-ran the function for every candidate
-- report: seconds for a tasking member's list. As an IS TRUE test it stays a subplan, run once per query and hashed,
-- as migrations/0010 meant. Otherwise the view of migrations/0012: same rows, columns and masking.
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
