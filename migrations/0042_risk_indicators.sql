-- 0042: issue 16 §4. Risk indicators: the partnership's screening flags (older boyfriend or girlfriend, gifts, going
-- missing…) as a list administrators maintain, recorded on reports as a set of codes in the report's own row, so they
-- are read exactly when the report is; reports and tiles filter by them; counts per hotspot as each reader may see it.

-- The indicator list: the built-in ones (Core/Reports/BuiltInRiskIndicators), seeded here, and those administrators
-- add. Not personal data: every signed-in user reads it. An indicator is retired, never deleted, so the reports that
-- carry it keep it; a retired indicator goes on no new report. Changes are audited like records' (as tactics, 0036).
CREATE TABLE risk_indicators (
    id uuid PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
    label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 200),
    description text CHECK (length(btrim(description)) BETWEEN 1 AND 1000),
    built_in boolean NOT NULL,
    retired boolean NOT NULL DEFAULT false,
    list_position integer NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
INSERT INTO risk_indicators (id, code, label, description, built_in, list_position, created_at, updated_at)
SELECT gen_random_uuid(), i.code, i.label, i.description, true, i.position, now(), now()
FROM (VALUES
    (1, 'older_boyfriend_or_girlfriend', 'Older boyfriend or girlfriend',
        'A relationship with someone notably older, or an adult the child calls a boyfriend or girlfriend.'),
    (2, 'gifts_or_money', 'Gifts or money',
        'Gifts, money, alcohol, food, lifts or favours from adults, with no plausible reason.'),
    (3, 'going_missing', 'Going missing',
        'Missing from home, care or school, or staying out late or overnight without explanation.'),
    (4, 'substance_misuse', 'Substance misuse', 'Drinking or drug use, or being given alcohol or drugs by adults.'),
    (5, 'unexplained_money_or_phone', 'Unexplained money or phone',
        'Money, clothes, a new or second phone or phone credit the child cannot account for.'),
    (6, 'transported_by_adults', 'Transported by unknown adults',
        'Picked up or dropped off by adults in cars or taxis, or seen in them with adults not known to the family.'),
    (7, 'absent_from_school', 'Absent from school', 'Truancy, exclusion or a sudden fall in attendance.'),
    (8, 'online_contact_with_adults', 'Online contact with unknown adults',
        'Contact through social media, messaging or gaming with adults the family does not know.'),
    (9, 'exploited_peers', 'Association with exploited peers',
        'Friends or associates who are being, or have been, sexually exploited.'),
    (10, 'unexplained_injuries', 'Unexplained injuries', 'Injuries, or signs of physical or sexual assault, not accounted for.')
) AS i (position, code, label, description);

ALTER TABLE risk_indicators ENABLE ROW LEVEL SECURITY;
CREATE POLICY risk_indicators_read ON risk_indicators FOR SELECT USING ((SELECT app_role()) <> 'none');
CREATE POLICY risk_indicators_insert ON risk_indicators FOR INSERT WITH CHECK ((SELECT app_role()) = 'administrator' AND NOT built_in);
CREATE POLICY risk_indicators_update ON risk_indicators FOR UPDATE USING ((SELECT app_role()) = 'administrator')
    WITH CHECK ((SELECT app_role()) = 'administrator');
CREATE TRIGGER risk_indicators_audit_insert AFTER INSERT ON risk_indicators REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();
CREATE TRIGGER risk_indicators_audit_update AFTER UPDATE ON risk_indicators REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();
GRANT SELECT, INSERT, UPDATE ON risk_indicators TO hotspotintel_app;
GRANT SELECT ON risk_indicators TO hotspotintel_jobs;

-- A report's indicators: codes in its own row, so the report's read policy, masking, audit triggers, review and
-- erasure (which keeps them, as it keeps the category: they describe the concern, not a person) all cover them. Every
-- code is on the list: an array cannot carry a foreign key, so a trigger checks it (reports without indicators, most
-- imports, skip it). The GIN index serves a filter by indicator without a place to narrow it.
ALTER TABLE intelligence_reports ADD COLUMN indicator_codes text[] NOT NULL DEFAULT '{}';
CREATE INDEX intelligence_reports_indicator_codes_idx ON intelligence_reports USING gin (indicator_codes);

CREATE FUNCTION check_report_indicator_codes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    unknown text;
BEGIN
    SELECT c INTO unknown FROM unnest(NEW.indicator_codes) c WHERE NOT EXISTS (SELECT 1 FROM risk_indicators i WHERE i.code = c) LIMIT 1;
    IF unknown IS NOT NULL OR array_position(NEW.indicator_codes, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'report % names an indicator that is not on the list: %', NEW.id, coalesce(unknown, 'null')
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER intelligence_reports_indicator_codes_listed BEFORE INSERT OR UPDATE OF indicator_codes ON intelligence_reports
    FOR EACH ROW WHEN (cardinality(NEW.indicator_codes) > 0) EXECUTE FUNCTION check_report_indicator_codes();

-- The view every report read goes through (migrations/0012), with the indicators last; the same rows and masking.
CREATE OR REPLACE VIEW reports_for_role WITH (security_invoker = true) AS
SELECT r.id, r.agency_id, r.category, r.narrative, r.occurred_at, r.recorded_at, r.location, r.location_precision_meters,
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on, r.indicator_codes
FROM intelligence_reports r
WHERE NOT (SELECT app_sees_masked_locations())
UNION ALL
SELECT r.id, r.agency_id, r.category, r.narrative, r.occurred_at, r.recorded_at, r.location, r.location_precision_meters,
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on, r.indicator_codes
FROM intelligence_reports r
WHERE (SELECT app_sees_masked_locations()) AND NOT (r.mentions_child OR r.category = 'missing_found_location')
UNION ALL
SELECT r.id, r.agency_id, r.category, '[withheld: this report is linked to a child]', r.occurred_at, r.recorded_at,
       r.masking_cell, greatest(r.location_precision_meters, 354),
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on, r.indicator_codes
FROM intelligence_reports r
WHERE (SELECT app_sees_masked_locations()) AND (r.mentions_child OR r.category = 'missing_found_location')
  AND (r.masking_cell IN (SELECT shown_masking_cells())) IS TRUE;

-- Small-count suppression of filtered answers (migrations/0015) with the indicator filter beside the others: a masked
-- reader's answer filtered by indicators leaves out the child-linked reports of cells it keeps fewer than the minimum
-- of, as for any other filter. An indicator filter keeps a report that carries any of the codes. One SQL SELECT, not
-- STRICT, without SET, so PostgreSQL still inlines it.
DROP FUNCTION suppressed_masking_cells(geometry, timestamptz, timestamptz, text[], text[], text[], text[], uuid);
CREATE FUNCTION suppressed_masking_cells(area geometry, occurred_from timestamptz, occurred_to timestamptz, categories text[],
    source_evaluations text[], intelligence_assessments text[], handling_codes text[], recording_agency_id uuid, indicators text[])
    RETURNS TABLE (masking_cell geometry) LANGUAGE sql STABLE AS $$
    SELECT r.masking_cell FROM intelligence_reports r
    WHERE (SELECT app_sees_masked_locations())
      AND NOT (occurred_from IS NULL AND occurred_to IS NULL AND coalesce(cardinality(categories), 0) = 0
               AND coalesce(cardinality(source_evaluations), 0) = 0 AND coalesce(cardinality(intelligence_assessments), 0) = 0
               AND coalesce(cardinality(handling_codes), 0) = 0 AND recording_agency_id IS NULL
               AND coalesce(cardinality(indicators), 0) = 0)
      AND (r.mentions_child OR r.category = 'missing_found_location')
      AND (area IS NULL OR r.masking_cell && area)
      AND (occurred_from IS NULL OR r.occurred_at >= occurred_from)
      AND (occurred_to IS NULL OR r.occurred_at < occurred_to)
      AND (coalesce(cardinality(categories), 0) = 0 OR r.category = ANY (categories))
      AND (coalesce(cardinality(source_evaluations), 0) = 0 OR r.source_evaluation = ANY (source_evaluations))
      AND (coalesce(cardinality(intelligence_assessments), 0) = 0 OR r.intelligence_assessment = ANY (intelligence_assessments))
      AND (coalesce(cardinality(handling_codes), 0) = 0 OR r.handling_code = ANY (handling_codes))
      AND (recording_agency_id IS NULL OR r.agency_id = recording_agency_id)
      AND (coalesce(cardinality(indicators), 0) = 0 OR r.indicator_codes && indicators)
    GROUP BY r.masking_cell
    HAVING count(*) FILTER (WHERE NOT role_sees_masked_locations(r.recorded_by_role)) < masking_minimum_count()
$$;

-- A hotspot's member reports per indicator, as the session's reader may see the hotspot (hotspots_seen: nothing for a
-- hotspot or run they may not read, or whose reports they may count none of): only reports the reader's agency may
-- read (its own, and partners' P-coded ones under a current sharing agreement), and for a masked reader a child-linked
-- report only in a masking cell shown to them, as hotspot figures count them. For a masked reader a count from 1 to
-- masking_minimum_count() - 1 is null (suppressed). Counted live from the members: one hotspot's are few. SECURITY
-- DEFINER because only jobs read hotspot members.
CREATE FUNCTION hotspot_indicator_counts(seen_run uuid, seen_hotspot uuid)
    RETURNS TABLE (indicator_code text, reports integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH reader AS (
        SELECT app_sees_masked_locations() AS masked, ARRAY(SELECT shown_masking_cells()) AS shown_cells
    ),
    seen AS (
        SELECT h.run_id, h.hotspot_id FROM hotspots_seen(seen_run, seen_hotspot) h
        WHERE h.run_id = seen_run AND h.hotspot_id = seen_hotspot AND h.report_count IS NOT NULL
    ),
    counted AS (
        SELECT c.code, count(*)::int AS reports
        FROM seen s
        JOIN hotspot_members m ON m.run_id = s.run_id AND m.hotspot_id = s.hotspot_id
        JOIN intelligence_reports r ON r.id = m.report_id
        CROSS JOIN reader
        CROSS JOIN LATERAL unnest(r.indicator_codes) AS c (code)
        WHERE app_can_read(r.agency_id, r.handling_code)
          AND (NOT reader.masked OR NOT (r.mentions_child OR r.category = 'missing_found_location')
               OR r.masking_cell = ANY (reader.shown_cells))
        GROUP BY c.code
    )
    SELECT c.code, CASE WHEN reader.masked AND c.reports BETWEEN 1 AND masking_minimum_count() - 1 THEN NULL ELSE c.reports END
    FROM counted c CROSS JOIN reader
    ORDER BY c.code
$$;
REVOKE ALL ON FUNCTION hotspot_indicator_counts(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hotspot_indicator_counts(uuid, uuid) TO hotspotintel_app;
