-- 0015: small-count suppression that no reader can lift, and masked reports that point nowhere exact (issue 12). Only
-- child-linked reports recorded by roles that see exact places count toward a cell's minimum, the recorder being kept by
-- the database; a filtered answer needs the minimum itself; masked readers see no mentions of child-linked reports.

-- Who recorded each report, from the session (app_user_id(), app_role()), never from the writer: a default fills them
-- and a trigger overrides whatever an INSERT sends, and keeps the first values through every UPDATE. The trigger runs
-- only when a value differs, so a bulk import pays for two defaults per row, not for a PL/pgSQL call.
ALTER TABLE intelligence_reports
    ADD COLUMN recorded_by_user_id text,
    ADD COLUMN recorded_by_role text NOT NULL DEFAULT 'unrecorded';

-- Reports already stored: the recorder of a report posted alone, or of the import that brought it, is in the audit
-- log's collection entry (one statement, one named row); any other keeps 'unrecorded' and counts, as every report
-- did before.
UPDATE intelligence_reports r SET recorded_by_user_id = a.user_id, recorded_by_role = a.role
FROM audit_log a
WHERE a.action = 'collection' AND a.entity_kind = 'intelligence_reports' AND a.entity_id = r.id;
UPDATE intelligence_reports r SET recorded_by_user_id = a.user_id, recorded_by_role = a.role
FROM audit_log a
WHERE a.action = 'collection' AND a.entity_kind = 'imports' AND a.entity_id = r.import_id AND r.recorded_by_role = 'unrecorded';

ALTER TABLE intelligence_reports
    ALTER COLUMN recorded_by_user_id SET DEFAULT app_user_id(),
    ALTER COLUMN recorded_by_role SET DEFAULT app_role();

CREATE FUNCTION keep_report_recorder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.recorded_by_user_id := app_user_id();
        NEW.recorded_by_role := app_role();
    ELSE
        NEW.recorded_by_user_id := OLD.recorded_by_user_id;
        NEW.recorded_by_role := OLD.recorded_by_role;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER intelligence_reports_recorder_from_session BEFORE INSERT ON intelligence_reports FOR EACH ROW
    WHEN (NEW.recorded_by_user_id IS DISTINCT FROM app_user_id() OR NEW.recorded_by_role IS DISTINCT FROM app_role())
    EXECUTE FUNCTION keep_report_recorder();
CREATE TRIGGER intelligence_reports_recorder_kept BEFORE UPDATE ON intelligence_reports FOR EACH ROW
    WHEN (NEW.recorded_by_user_id IS DISTINCT FROM OLD.recorded_by_user_id OR NEW.recorded_by_role IS DISTINCT FROM OLD.recorded_by_role)
    EXECUTE FUNCTION keep_report_recorder();

-- The roles that see child-linked reports only at their cell, as a rule of a role (for recorders) and of the session.
CREATE FUNCTION role_sees_masked_locations(role text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT role IN ('tasking_member', 'licensing_officer') $$;
CREATE OR REPLACE FUNCTION app_sees_masked_locations() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT role_sees_masked_locations(app_role()) $$;

-- A cell is shown to masked readers when it holds the minimum of child-linked reports they may see that were recorded
-- by a role that sees exact places: then no tasking member or licensing officer (the reader, a colleague, a partner
-- agency's) can lift a cell by reporting into it. child_report_cells, and so shown_masking_cells() and the tiles'
-- counts made ahead, count only those; recounted here.
CREATE OR REPLACE FUNCTION count_child_report_cells() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE child_report_cells c SET reports = c.reports - o.n
        FROM (SELECT masking_cell, agency_id, handling_code, count(*) AS n FROM old_rows
              WHERE (mentions_child OR category = 'missing_found_location') AND NOT role_sees_masked_locations(recorded_by_role)
              GROUP BY masking_cell, agency_id, handling_code) o
        WHERE c.masking_cell = o.masking_cell AND c.agency_id = o.agency_id AND c.handling_code = o.handling_code;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO child_report_cells AS c (masking_cell, agency_id, handling_code, reports)
        SELECT masking_cell, agency_id, handling_code, count(*) FROM new_rows
        WHERE (mentions_child OR category = 'missing_found_location') AND NOT role_sees_masked_locations(recorded_by_role)
        GROUP BY masking_cell, agency_id, handling_code
        ON CONFLICT (masking_cell, agency_id, handling_code) DO UPDATE SET reports = c.reports + excluded.reports;
    END IF;
    RETURN NULL;
END
$$;
DELETE FROM child_report_cells;
INSERT INTO child_report_cells (masking_cell, agency_id, handling_code, reports)
SELECT masking_cell, agency_id, handling_code, count(*) FROM intelligence_reports
WHERE (mentions_child OR category = 'missing_found_location') AND NOT role_sees_masked_locations(recorded_by_role)
GROUP BY masking_cell, agency_id, handling_code;

-- A filtered answer (a time window, categories, grading, handling codes or the recording agency) must not single out
-- fewer child-linked reports of a cell than the minimum: for a masked reader, the cells in area whose child-linked
-- reports the filter keeps fewer than masking_minimum_count() of that count (as above) are left out of the answer.
-- Empty for other readers and for no filter (the view's rule then stands). The filter is the one GET /api/reports and
-- the report tiles take (ReportFilter): a null or empty argument is no filter. Counted live, like a filtered tile, over
-- the child-linked reports' masking-cell index when an area is given. PostgreSQL inlines this function where a query
-- reads it in FROM, so its arguments' values fold into the plan: keep it one SQL SELECT, not STRICT, without SET.
CREATE FUNCTION suppressed_masking_cells(area geometry, occurred_from timestamptz, occurred_to timestamptz, categories text[],
    source_evaluations text[], intelligence_assessments text[], handling_codes text[], recording_agency_id uuid)
    RETURNS TABLE (masking_cell geometry) LANGUAGE sql STABLE AS $$
    SELECT r.masking_cell FROM intelligence_reports r
    WHERE (SELECT app_sees_masked_locations())
      AND NOT (occurred_from IS NULL AND occurred_to IS NULL AND coalesce(cardinality(categories), 0) = 0
               AND coalesce(cardinality(source_evaluations), 0) = 0 AND coalesce(cardinality(intelligence_assessments), 0) = 0
               AND coalesce(cardinality(handling_codes), 0) = 0 AND recording_agency_id IS NULL)
      AND (r.mentions_child OR r.category = 'missing_found_location')
      AND (area IS NULL OR r.masking_cell && area)
      AND (occurred_from IS NULL OR r.occurred_at >= occurred_from)
      AND (occurred_to IS NULL OR r.occurred_at < occurred_to)
      AND (coalesce(cardinality(categories), 0) = 0 OR r.category = ANY (categories))
      AND (coalesce(cardinality(source_evaluations), 0) = 0 OR r.source_evaluation = ANY (source_evaluations))
      AND (coalesce(cardinality(intelligence_assessments), 0) = 0 OR r.intelligence_assessment = ANY (intelligence_assessments))
      AND (coalesce(cardinality(handling_codes), 0) = 0 OR r.handling_code = ANY (handling_codes))
      AND (recording_agency_id IS NULL OR r.agency_id = recording_agency_id)
    GROUP BY r.masking_cell
    HAVING count(*) FILTER (WHERE NOT role_sees_masked_locations(r.recorded_by_role)) < masking_minimum_count()
$$;

-- A masked reader sees no mention of a child-linked report: the premises, places, vehicles and persons it names would
-- place it more exactly than its cell (a linked premises is where it happened; a vehicle's or an adult's other sightings
-- at the same time are too), so the report carries none of them, and premises and vehicle checks do not list it.
-- Otherwise the policies are those of migrations/0008.
DO $$
DECLARE
    joined record;
BEGIN
    FOR joined IN SELECT * FROM (VALUES
        ('report_persons', 'persons', 'person_id'),
        ('report_premises', 'premises', 'premises_id'),
        ('report_vehicles', 'vehicles', 'vehicle_id'),
        ('report_locations', 'locations', 'location_id')) AS t (name, other_table, other_column)
    LOOP
        EXECUTE format('ALTER POLICY %1$s_read ON %1$I USING (
                            (SELECT app_role()) = ''system''
                            OR (EXISTS (SELECT 1 FROM intelligence_reports o WHERE o.id = report_id
                                        AND NOT ((SELECT app_sees_masked_locations()) AND (o.mentions_child OR o.category = ''missing_found_location'')))
                                AND EXISTS (SELECT 1 FROM %2$I x WHERE x.id = %3$I)))',
            joined.name, joined.other_table, joined.other_column);
    END LOOP;
END
$$;
