-- Filtered city-wide tiles from counts made ahead (issue 19 §2). report_density (migrations/0010, 0033) counts reports per
-- zoom cell, agency, handling code and masking class, which serves tiles without a filter; a filter counted live
-- (about half a second per tile at a million reports). report_filter_density counts the same reports the same way,
-- also per category, source evaluation, intelligence assessment and month of occurred_at (UTC): every filter analysts
-- set on a map but a time window that cuts a month. It lies beside report_density rather than in it, so unfiltered
-- tiles keep adding up their fewer rows. Kept current by the same change stream (note_report_density_changes() appends
-- to both change tables), folded by the same job (fold_report_density_changes() folds both) and recounted with it;
-- read under the same policy.
--
-- The filtered masking rule (migrations/0015: a filtered answer shows a masked reader a cell's child-linked reports
-- only when the answer itself holds masking_minimum_count() of them that count toward suppression) is computable from
-- these rows: a tile keeps the rows its filter selects, then sums counts_for_suppression per masking cell, as the
-- unfiltered tile does over all of them.
CREATE TABLE report_filter_density (
    zoom smallint NOT NULL,
    i integer NOT NULL,
    j integer NOT NULL,
    agency_id uuid NOT NULL,
    handling_code handling_code NOT NULL,
    seen_by text NOT NULL CHECK (seen_by IN ('everyone', 'unmasked_roles', 'masked_roles')),
    masking_cell geometry(Point, 4326),
    counts_for_suppression boolean NOT NULL DEFAULT false,
    category text NOT NULL,
    source_evaluation source_evaluation NOT NULL,
    intelligence_assessment intelligence_assessment NOT NULL,
    -- The first day of the month of occurred_at, in UTC.
    month date NOT NULL,
    reports integer NOT NULL
);
CREATE UNIQUE INDEX report_filter_density_key ON report_filter_density (zoom, i, j, agency_id, handling_code, seen_by, masking_cell,
    counts_for_suppression, category, source_evaluation, intelligence_assessment, month) NULLS NOT DISTINCT;
ALTER TABLE report_filter_density ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_filter_density_read ON report_filter_density FOR SELECT USING (
    (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system')
    AND ((SELECT app_role()) = 'system'
         OR agency_id = (SELECT app_agency_id())
         OR (handling_code = 'P' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))));

CREATE TABLE report_filter_density_changes (LIKE report_filter_density);
CREATE INDEX report_filter_density_changes_cell ON report_filter_density_changes (zoom, i, j);
ALTER TABLE report_filter_density_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_filter_density_changes_read ON report_filter_density_changes FOR SELECT USING (
    (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system')
    AND ((SELECT app_role()) = 'system'
         OR agency_id = (SELECT app_agency_id())
         OR (handling_code = 'P' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))));

GRANT SELECT ON report_filter_density, report_filter_density_changes TO hotspotintel_app;

CREATE FUNCTION report_filter_density_columns() RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, category, source_evaluation, '
        || 'intelligence_assessment, month, reports'
$$;

-- report_density_query() (migrations/0033) with the filter dimensions.
CREATE FUNCTION report_filter_density_query(source text, sign integer, from_zoom integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format('
    WITH placed AS (
        SELECT r.agency_id, r.handling_code, ''everyone'' AS seen_by, NULL::geometry AS masking_cell,
               false AS counts_for_suppression, r.category, r.source_evaluation, r.intelligence_assessment, r.occurred_at,
               r.location AS place
        FROM %1$I r WHERE NOT (r.mentions_child OR r.category = ''missing_found_location'')
        UNION ALL
        SELECT r.agency_id, r.handling_code, ''unmasked_roles'', NULL, false, r.category, r.source_evaluation,
               r.intelligence_assessment, r.occurred_at, r.location
        FROM %1$I r WHERE r.mentions_child OR r.category = ''missing_found_location''
        UNION ALL
        SELECT r.agency_id, r.handling_code, ''masked_roles'', r.masking_cell, NOT role_sees_masked_locations(r.recorded_by_role),
               r.category, r.source_evaluation, r.intelligence_assessment, r.occurred_at, r.masking_cell
        FROM %1$I r WHERE r.mentions_child OR r.category = ''missing_found_location''),
    zoom13 AS (
        SELECT floor((ST_X(p.point) + 20037508.342789244) / (40075016.685578488 / (64 * 8192)))::integer AS i,
               floor((20037508.342789244 - ST_Y(p.point)) / (40075016.685578488 / (64 * 8192)))::integer AS j,
               agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, category, source_evaluation,
               intelligence_assessment, date_trunc(''month'', occurred_at AT TIME ZONE ''UTC'')::date AS month,
               count(*)::integer AS reports
        FROM (SELECT placed.*, ST_Transform(place, 3857) AS point FROM placed) p
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
    SELECT z.zoom, zoom13.i >> (13 - z.zoom), zoom13.j >> (13 - z.zoom), agency_id, handling_code, seen_by, masking_cell,
           counts_for_suppression, category, source_evaluation, intelligence_assessment, month, (%2$s * sum(reports))::integer
    FROM zoom13, generate_series(%3$s, 13) AS z(zoom)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
    ORDER BY 1, 2, 3
    ', source, sign, from_zoom)
$$;

-- The reports' writes append to both change tables, through the same triggers.
CREATE OR REPLACE FUNCTION note_report_density_changes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE format('INSERT INTO report_density_changes (%s) %s', report_density_columns(), report_density_query('old_rows', -1, 13));
        EXECUTE format('INSERT INTO report_filter_density_changes (%s) %s', report_filter_density_columns(),
            report_filter_density_query('old_rows', -1, 13));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE format('INSERT INTO report_density_changes (%s) %s', report_density_columns(), report_density_query('new_rows', 1, 13));
        EXECUTE format('INSERT INTO report_filter_density_changes (%s) %s', report_filter_density_columns(),
            report_filter_density_query('new_rows', 1, 13));
    END IF;
    RETURN NULL;
END
$$;

-- Folds both change tables in one transaction; background jobs only.
CREATE OR REPLACE FUNCTION fold_report_density_changes() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    folded bigint;
    folded_filtered bigint;
BEGIN
    IF app_role() IS DISTINCT FROM 'system' THEN
        RAISE EXCEPTION 'Only background jobs fold the report density.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('fold_report_density_changes'));
    WITH moved AS (DELETE FROM report_density_changes RETURNING *),
    summed AS (
        SELECT z.zoom, i >> (13 - z.zoom) AS i, j >> (13 - z.zoom) AS j, agency_id, handling_code, seen_by, masking_cell,
               counts_for_suppression, sum(reports)::integer AS reports
        FROM moved, generate_series(0, 13) AS z(zoom) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8),
    applied AS (
        INSERT INTO report_density AS d (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, reports)
        SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, reports
        FROM summed WHERE reports <> 0 ORDER BY zoom, i, j
        ON CONFLICT (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression)
        DO UPDATE SET reports = d.reports + excluded.reports)
    SELECT count(*) INTO folded FROM moved;
    DELETE FROM report_density WHERE reports = 0;

    WITH moved AS (DELETE FROM report_filter_density_changes RETURNING *),
    summed AS (
        SELECT z.zoom, i >> (13 - z.zoom) AS i, j >> (13 - z.zoom) AS j, agency_id, handling_code, seen_by, masking_cell,
               counts_for_suppression, category, source_evaluation, intelligence_assessment, month, sum(reports)::integer AS reports
        FROM moved, generate_series(0, 13) AS z(zoom) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
    applied AS (
        INSERT INTO report_filter_density AS d (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression,
            category, source_evaluation, intelligence_assessment, month, reports)
        SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, category, source_evaluation,
               intelligence_assessment, month, reports
        FROM summed WHERE reports <> 0 ORDER BY zoom, i, j
        ON CONFLICT (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, category, source_evaluation,
            intelligence_assessment, month)
        DO UPDATE SET reports = d.reports + excluded.reports)
    SELECT count(*) INTO folded_filtered FROM moved;
    DELETE FROM report_filter_density WHERE reports = 0;
    RETURN folded + folded_filtered;
END
$$;

-- The full recount recounts both.
CREATE OR REPLACE FUNCTION recount_report_density() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    counted bigint;
BEGIN
    LOCK TABLE report_density_changes IN EXCLUSIVE MODE;
    LOCK TABLE report_filter_density_changes IN EXCLUSIVE MODE;
    DELETE FROM report_density_changes;
    DELETE FROM report_density;
    EXECUTE format('INSERT INTO report_density (%s) %s', report_density_columns(), report_density_query('intelligence_reports', 1, 0));
    DELETE FROM report_filter_density_changes;
    DELETE FROM report_filter_density;
    EXECUTE format('INSERT INTO report_filter_density (%s) %s', report_filter_density_columns(),
        report_filter_density_query('intelligence_reports', 1, 0));
    SELECT count(*) INTO counted FROM intelligence_reports;
    DELETE FROM report_density_refreshes;
    INSERT INTO report_density_refreshes (refreshed_at, reports) VALUES (now(), counted);
    RETURN counted;
END
$$;
REVOKE ALL ON FUNCTION recount_report_density() FROM PUBLIC;

SELECT recount_report_density();
