-- 0006: keep reads fast under row-level security.
--
-- Under RLS, PostgreSQL evaluates a query's own conditions after the policies unless their operators are LEAKPROOF, so
-- a bounding-box filter (&&) or a masking-cell lookup (=) on geometry cannot use its index: every bbox query scanned
-- every row the policies admit. PostGIS's bounding-box overlap and equality only compare boxes and coordinates and
-- raise no error that depends on a row's values (all our geometries share SRID 4326), so they cannot leak a hidden row;
-- marking them LEAKPROOF lets the GiST and b-tree indexes serve RLS-protected reads. Only a superuser may mark a
-- function LEAKPROOF: where migrations run without one, reads stay correct, only slower, and a notice says so.
-- (An ALTER EXTENSION postgis UPDATE recreates these functions; re-run the two ALTERs after one.)
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION geometry_overlaps(geometry, geometry) LEAKPROOF;
        ALTER FUNCTION geometry_eq(geometry, geometry) LEAKPROOF;
    ELSE
        RAISE NOTICE 'Not a superuser: geometry operators stay non-leakproof, so RLS-protected spatial reads cannot use their indexes.';
    END IF;
END
$$;

-- Read policies evaluated once per query, not once per row: app_can_read() is a function call with a subquery for
-- every row a statement touches. The same rule, with the session's role, agency and partners computed in InitPlans
-- ((SELECT ...) runs once per statement), so each row costs a few comparisons.
CREATE OR REPLACE FUNCTION app_partner_agency_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(s.owner_agency_id), '{}') FROM sharing_agreements s
    WHERE s.partner_agency_id = app_agency_id() AND s.starts_on <= current_date AND (s.ends_on IS NULL OR s.ends_on >= current_date)
$$;

DO $$
DECLARE
    readable record;
    readable_by_role text;
BEGIN
    FOR readable IN SELECT * FROM (VALUES
        ('intelligence_reports', 'true'),
        ('premises', 'true'),
        ('locations', 'true'),
        ('vehicles', 'true'),
        ('links', '(SELECT app_role()) IN (''analyst'', ''supervisor'', ''system'')'),
        ('missing_episodes', '(SELECT app_role()) IN (''analyst'', ''supervisor'', ''system'')'),
        ('persons', '((SELECT app_role()) IN (''analyst'', ''supervisor'', ''system'')
                      OR ((SELECT app_role()) = ''tasking_member'' AND role <> ''child_at_risk'')
                      OR ((SELECT app_role()) = ''licensing_officer'' AND role = ''licence_holder''))')) AS t (name, role_rule)
    LOOP
        EXECUTE format('DROP POLICY IF EXISTS %1$s_read ON %1$I', readable.name);
        EXECUTE format('CREATE POLICY %1$s_read ON %1$I FOR SELECT USING (
            (SELECT app_role()) IN (''tasking_member'', ''analyst'', ''licensing_officer'', ''supervisor'', ''system'')
            AND %2$s
            AND ((SELECT app_role()) = ''system''
                 OR agency_id = (SELECT app_agency_id())
                 OR (handling_code = ''P'' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))))',
            readable.name, readable.role_rule);
    END LOOP;
END
$$;

-- Suppression asks one question per masked row: does this 500 m cell hold at least the minimum count of child-linked
-- reports that the reader may see? Counting them per row cost milliseconds in a busy cell (thousands of reports), so
-- triggers keep the counts per cell, agency and handling code, and the view adds up the ones the read policy admits
-- (own agency, or P-coded from a sharing partner): the same answer as counting the visible reports, in one index probe.
CREATE TABLE child_report_cells (
    masking_cell geometry(Point, 4326) NOT NULL,
    agency_id uuid NOT NULL,
    handling_code handling_code NOT NULL,
    reports integer NOT NULL CHECK (reports >= 0),
    PRIMARY KEY (masking_cell, agency_id, handling_code)
);
INSERT INTO child_report_cells (masking_cell, agency_id, handling_code, reports)
SELECT masking_cell, agency_id, handling_code, count(*) FROM intelligence_reports
WHERE mentions_child OR category = 'missing_found_location' GROUP BY masking_cell, agency_id, handling_code;
GRANT SELECT ON child_report_cells TO hotspotintel_app;

CREATE FUNCTION count_child_report_cells() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE child_report_cells c SET reports = c.reports - o.n
        FROM (SELECT masking_cell, agency_id, handling_code, count(*) AS n FROM old_rows
              WHERE mentions_child OR category = 'missing_found_location' GROUP BY masking_cell, agency_id, handling_code) o
        WHERE c.masking_cell = o.masking_cell AND c.agency_id = o.agency_id AND c.handling_code = o.handling_code;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO child_report_cells AS c (masking_cell, agency_id, handling_code, reports)
        SELECT masking_cell, agency_id, handling_code, count(*) FROM new_rows
        WHERE mentions_child OR category = 'missing_found_location' GROUP BY masking_cell, agency_id, handling_code
        ON CONFLICT (masking_cell, agency_id, handling_code) DO UPDATE SET reports = c.reports + excluded.reports;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER intelligence_reports_count_child_cells_insert AFTER INSERT ON intelligence_reports
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_child_report_cells();
CREATE TRIGGER intelligence_reports_count_child_cells_update AFTER UPDATE ON intelligence_reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_child_report_cells();
CREATE TRIGGER intelligence_reports_count_child_cells_delete AFTER DELETE ON intelligence_reports
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_child_report_cells();

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
   OR (SELECT sum(c.reports) FROM child_report_cells c
       WHERE c.masking_cell = r.masking_cell
         AND (c.agency_id = (SELECT app_agency_id())
              OR (c.handling_code = 'P' AND c.agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))))
      >= masking_minimum_count();

-- Plans over these views and policies are costly enough to trigger JIT compilation, which spends far longer
-- compiling (hundreds of milliseconds) than the indexed reads it would speed up.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
END
$$;

-- The audit trigger named the row of a one-row statement by turning every changed row into JSON; for an import of a
-- million rows that cost more than the import itself. Count first, and look for the id only when there is one row.
CREATE OR REPLACE FUNCTION audit_changed_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed integer;
    single_id uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT count(*) INTO changed FROM old_rows;
        IF changed = 1 THEN
            SELECT coalesce(to_jsonb(o) ->> 'id', to_jsonb(o) ->> 'report_id', to_jsonb(o) ->> 'link_id')::uuid INTO single_id FROM old_rows o;
        END IF;
    ELSE
        SELECT count(*) INTO changed FROM new_rows;
        IF changed = 1 THEN
            SELECT coalesce(to_jsonb(n) ->> 'id', to_jsonb(n) ->> 'report_id', to_jsonb(n) ->> 'link_id')::uuid INTO single_id FROM new_rows n;
        END IF;
    END IF;
    IF changed > 0 THEN
        PERFORM append_audit(CASE TG_OP WHEN 'INSERT' THEN 'collection' WHEN 'UPDATE' THEN 'alteration' ELSE 'erasure' END,
                             TG_TABLE_NAME, single_id, changed, nullif(current_setting('hotspotintel.justification', true), ''));
    END IF;
    RETURN NULL;
END
$$;

-- Write policies, likewise evaluated once per statement rather than calling app_can_write() for every row written.
DO $$
DECLARE
    owned record;
    may text;
BEGIN
    FOR owned IN SELECT * FROM (VALUES
        ('intelligence_reports', ARRAY['tasking_member', 'analyst', 'licensing_officer', 'supervisor'], ARRAY['analyst', 'supervisor']),
        ('persons', ARRAY['analyst', 'supervisor'], ARRAY['analyst', 'supervisor']),
        ('premises', ARRAY['analyst', 'licensing_officer', 'supervisor'], ARRAY['analyst', 'licensing_officer', 'supervisor']),
        ('locations', ARRAY['analyst', 'licensing_officer', 'supervisor'], ARRAY['analyst', 'licensing_officer', 'supervisor']),
        ('vehicles', ARRAY['analyst', 'licensing_officer', 'supervisor'], ARRAY['analyst', 'licensing_officer', 'supervisor']),
        ('links', ARRAY['analyst', 'supervisor'], ARRAY['analyst', 'supervisor']),
        ('missing_episodes', ARRAY['analyst', 'supervisor'], ARRAY['analyst', 'supervisor'])) AS t (name, creators, editors)
    LOOP
        may := 'agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) = ANY (%L::text[])';
        EXECUTE format('DROP POLICY IF EXISTS %1$s_insert ON %1$I', owned.name);
        EXECUTE format('DROP POLICY IF EXISTS %1$s_update ON %1$I', owned.name);
        EXECUTE format('DROP POLICY IF EXISTS %1$s_delete ON %1$I', owned.name);
        EXECUTE format('CREATE POLICY %1$s_insert ON %1$I FOR INSERT WITH CHECK (%2$s)', owned.name, format(may, owned.creators));
        EXECUTE format('CREATE POLICY %1$s_update ON %1$I FOR UPDATE USING (%2$s) WITH CHECK (%2$s)', owned.name, format(may, owned.editors));
        EXECUTE format('CREATE POLICY %1$s_delete ON %1$I FOR DELETE USING (%2$s)', owned.name, format(may, owned.editors));
    END LOOP;
END
$$;
