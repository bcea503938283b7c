-- Filtered city-wide tiles at a million reports (issue 19 §2): counts per cell and month for each filter dimension on its
-- own (month, category, grading, risk indicator) beside the full combination (0046), so a one-dimension filter adds up a
-- small table; one change query, one fold and one recount over every count table, listed in report_density_tables.
--
-- Every count table has report_density's key (zoom cell, agency, handling code, masking class), which is what its read
-- policy and the masking rule need, and then its dimensions. A tile picks the smallest table holding its filter's
-- dimensions (Tiles/TileQueries.cs); an agency or handling code filter alone adds up report_density itself. The tables
-- by one dimension index it before the cell, so a tile reads only the rows its filter keeps.
CREATE TABLE report_density_tables (
    name text PRIMARY KEY,
    -- Besides report_density's key, in this order.
    dimensions text[] NOT NULL CHECK (dimensions <@ ARRAY['category', 'source_evaluation', 'intelligence_assessment', 'indicator_code', 'month'])
);
INSERT INTO report_density_tables (name, dimensions) VALUES
    ('report_density', '{}'),
    ('report_filter_density', '{category, source_evaluation, intelligence_assessment, month}'),
    ('report_month_density', '{month}'),
    ('report_category_density', '{category, month}'),
    ('report_grading_density', '{source_evaluation, intelligence_assessment, month}'),
    -- A report counts once under each indicator it records: exact for a filter by one indicator (a filter by several
    -- would count twice a report that records two of them, so it counts live).
    ('report_indicator_density', '{indicator_code, month}');

CREATE TABLE report_month_density (LIKE report_density INCLUDING DEFAULTS INCLUDING CONSTRAINTS, month date NOT NULL);
CREATE UNIQUE INDEX report_month_density_key ON report_month_density (zoom, i, j, month, agency_id, handling_code, seen_by, masking_cell,
    counts_for_suppression) NULLS NOT DISTINCT;
CREATE TABLE report_category_density (LIKE report_density INCLUDING DEFAULTS INCLUDING CONSTRAINTS, category text NOT NULL,
    month date NOT NULL);
CREATE UNIQUE INDEX report_category_density_key ON report_category_density (zoom, category, i, j, month, agency_id, handling_code, seen_by,
    masking_cell, counts_for_suppression) NULLS NOT DISTINCT;
CREATE TABLE report_grading_density (LIKE report_density INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    source_evaluation source_evaluation NOT NULL, intelligence_assessment intelligence_assessment NOT NULL, month date NOT NULL);
CREATE UNIQUE INDEX report_grading_density_key ON report_grading_density (zoom, source_evaluation, intelligence_assessment, i, j, month,
    agency_id, handling_code, seen_by, masking_cell, counts_for_suppression) NULLS NOT DISTINCT;
CREATE TABLE report_indicator_density (LIKE report_density INCLUDING DEFAULTS INCLUDING CONSTRAINTS, indicator_code text NOT NULL,
    month date NOT NULL);
CREATE UNIQUE INDEX report_indicator_density_key ON report_indicator_density (zoom, indicator_code, i, j, month, agency_id, handling_code,
    seen_by, masking_cell, counts_for_suppression) NULLS NOT DISTINCT;

-- Each new table's changes (zoom 13 rows, as report_density_changes), and for both the read policy of report_density.
DO $$
DECLARE
    counts text;
    t text;
BEGIN
    FOREACH counts IN ARRAY ARRAY['report_month_density', 'report_category_density', 'report_grading_density', 'report_indicator_density'] LOOP
        EXECUTE format('CREATE TABLE %I (LIKE %I)', counts || '_changes', counts);
        EXECUTE format('CREATE INDEX %I ON %I (zoom, i, j)', counts || '_changes_cell', counts || '_changes');
        FOREACH t IN ARRAY ARRAY[counts, counts || '_changes'] LOOP
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
            EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (
                (SELECT app_role()) IN (''tasking_member'', ''analyst'', ''licensing_officer'', ''supervisor'', ''system'')
                AND ((SELECT app_role()) = ''system''
                     OR agency_id = (SELECT app_agency_id())
                     OR (handling_code = ''P'' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))))', t || '_read', t);
            EXECUTE format('GRANT SELECT ON %I TO hotspotintel_app', t);
        END LOOP;
    END LOOP;
END
$$;

-- One statement that counts a set of reports (a table or a trigger's transition table, by name) into every count table
-- (named with target_suffix: '_changes' for the change tables), signed, at zooms from_zoom to 13: each report once where
-- every reader but a masked one sees it, and a child-linked one also at its masking cell's centre for masked readers,
-- as report_density_query() did (migrations/0033, 0046). The reports are placed in zoom 13 cells by every dimension once;
-- each table adds up its own. A query text, as a trigger's transition tables can be read only by name.
CREATE FUNCTION report_density_counts_sql(source text, sign integer, from_zoom integer, target_suffix text) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    t record;
    columns text;
    inserts text := '';
BEGIN
    FOR t IN SELECT name, dimensions FROM report_density_tables ORDER BY name LOOP
        columns := concat_ws(', ', 'agency_id, handling_code, seen_by, masking_cell, counts_for_suppression',
            NULLIF(array_to_string(t.dimensions, ', '), ''));
        inserts := inserts || format(',
    %1$I AS (
        INSERT INTO %2$I (zoom, i, j, %3$s, reports)
        SELECT z.zoom, s.i >> (13 - z.zoom), s.j >> (13 - z.zoom), %3$s, (%4$s * sum(s.reports))::integer
        FROM (SELECT zoom13.*%5$s) s, generate_series(%6$s, 13) AS z(zoom)
        GROUP BY %7$s
        ORDER BY 1, 2, 3)',
            'into_' || t.name, t.name || target_suffix, columns, sign,
            CASE WHEN 'indicator_code' = ANY (t.dimensions)
                THEN ', x.indicator_code FROM zoom13 CROSS JOIN LATERAL (SELECT DISTINCT c FROM unnest(zoom13.indicator_codes) c) AS x(indicator_code)'
                ELSE ' FROM zoom13' END,
            from_zoom, (SELECT string_agg(n::text, ', ') FROM generate_series(1, 8 + cardinality(t.dimensions)) n));
    END LOOP;
    RETURN format('
    WITH placed AS (
        SELECT r.agency_id, r.handling_code, ''everyone'' AS seen_by, NULL::geometry AS masking_cell,
               false AS counts_for_suppression, r.category, r.source_evaluation, r.intelligence_assessment, r.indicator_codes,
               r.occurred_at, r.location AS place
        FROM %1$I r WHERE NOT (r.mentions_child OR r.category = ''missing_found_location'')
        UNION ALL
        SELECT r.agency_id, r.handling_code, ''unmasked_roles'', NULL, false, r.category, r.source_evaluation,
               r.intelligence_assessment, r.indicator_codes, r.occurred_at, r.location
        FROM %1$I r WHERE r.mentions_child OR r.category = ''missing_found_location''
        UNION ALL
        SELECT r.agency_id, r.handling_code, ''masked_roles'', r.masking_cell, NOT role_sees_masked_locations(r.recorded_by_role),
               r.category, r.source_evaluation, r.intelligence_assessment, r.indicator_codes, r.occurred_at, r.masking_cell
        FROM %1$I r WHERE r.mentions_child OR r.category = ''missing_found_location''),
    zoom13 AS MATERIALIZED (
        SELECT floor((ST_X(p.point) + 20037508.342789244) / (40075016.685578488 / (64 * 8192)))::integer AS i,
               floor((20037508.342789244 - ST_Y(p.point)) / (40075016.685578488 / (64 * 8192)))::integer AS j,
               agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, category, source_evaluation,
               intelligence_assessment, indicator_codes, date_trunc(''month'', occurred_at AT TIME ZONE ''UTC'')::date AS month,
               count(*)::integer AS reports
        FROM (SELECT placed.*, ST_Transform(place, 3857) AS point FROM placed) p
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)%2$s
    SELECT count(*) FROM zoom13', source, inserts);
END
$$;
REVOKE ALL ON FUNCTION report_density_counts_sql(text, integer, integer, text) FROM PUBLIC;

-- The reports' writes append to every change table in one statement, through the same triggers (migrations/0033).
CREATE OR REPLACE FUNCTION note_report_density_changes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE report_density_counts_sql('old_rows', -1, 13, '_changes');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE report_density_counts_sql('new_rows', 1, 13, '_changes');
    END IF;
    RETURN NULL;
END
$$;

-- Folds every count table's changes in one transaction (tiles read the same sums before and after); background jobs only.
CREATE OR REPLACE FUNCTION fold_report_density_changes() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    t record;
    key text;
    moved bigint;
    folded bigint := 0;
BEGIN
    IF app_role() IS DISTINCT FROM 'system' THEN
        RAISE EXCEPTION 'Only background jobs fold the report density.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('fold_report_density_changes'));
    FOR t IN SELECT name, dimensions FROM report_density_tables ORDER BY name LOOP
        key := concat_ws(', ', 'zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression',
            NULLIF(array_to_string(t.dimensions, ', '), ''));
        EXECUTE format('
            WITH moved AS (DELETE FROM %1$I RETURNING *),
            summed AS (
                SELECT z.zoom, moved.i >> (13 - z.zoom) AS i, moved.j >> (13 - z.zoom) AS j, %3$s, sum(reports)::integer AS reports
                FROM moved, generate_series(0, 13) AS z(zoom) GROUP BY %4$s),
            applied AS (
                INSERT INTO %2$I AS d (%5$s, reports)
                SELECT %5$s, reports FROM summed WHERE reports <> 0 ORDER BY zoom, i, j
                ON CONFLICT (%5$s) DO UPDATE SET reports = d.reports + excluded.reports)
            SELECT count(*) FROM moved',
            t.name || '_changes', t.name, substr(key, length('zoom, i, j, ') + 1),
            (SELECT string_agg(n::text, ', ') FROM generate_series(1, 8 + cardinality(t.dimensions)) n), key) INTO moved;
        EXECUTE format('DELETE FROM %I WHERE reports = 0', t.name);
        folded := folded + moved;
    END LOOP;
    RETURN folded;
END
$$;

-- The full recount recounts every table.
CREATE OR REPLACE FUNCTION recount_report_density() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    t text;
    counted bigint;
BEGIN
    FOR t IN SELECT name FROM report_density_tables ORDER BY name LOOP
        EXECUTE format('LOCK TABLE %I IN EXCLUSIVE MODE', t || '_changes');
    END LOOP;
    FOR t IN SELECT name FROM report_density_tables ORDER BY name LOOP
        EXECUTE format('DELETE FROM %I', t || '_changes');
        EXECUTE format('DELETE FROM %I', t);
    END LOOP;
    EXECUTE report_density_counts_sql('intelligence_reports', 1, 0, '');
    SELECT count(*) INTO counted FROM intelligence_reports;
    DELETE FROM report_density_refreshes;
    INSERT INTO report_density_refreshes (refreshed_at, reports) VALUES (now(), counted);
    RETURN counted;
END
$$;
REVOKE ALL ON FUNCTION recount_report_density() FROM PUBLIC;

DROP FUNCTION report_density_query(text, integer, integer);
DROP FUNCTION report_filter_density_query(text, integer, integer);
DROP FUNCTION report_density_columns();
DROP FUNCTION report_filter_density_columns();

SELECT recount_report_density();
