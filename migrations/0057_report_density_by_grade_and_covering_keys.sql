-- Filtered city-zoom tiles that cost about what an unfiltered one does (issue 19 §2). A grading filter without a time
-- window added up report_grading_density, one row per month for each cell and grade (2.4x the unfiltered p95 at a
-- million reports): report_grade_density counts by grading alone, as a tile with that filter reads it. A time window
-- of twelve months added up twelve rows for each cell (1.55x): report_quarter_density counts by calendar quarter (UTC),
-- and a window adds up its whole quarters there and only the months at its ends from report_month_density, whose key
-- now leads with the month so that a tile reads just the months it asks for (Tiles/TileQueries.cs).
--
-- Every count table's key also holds its count (INCLUDE (reports)), so that a tile reads its rows from the index alone.
-- The tables are written in cell order but those by one dimension are read in their key's order (dimension first): a
-- grading tile fetched about one table page for each row it read (9,756 pages for 12,348 rows at zoom 8 over the 100k
-- city, against 308 from the index alone).
ALTER TABLE report_density_tables DROP CONSTRAINT report_density_tables_dimensions_check,
    ADD CONSTRAINT report_density_tables_dimensions_check
        CHECK (dimensions <@ ARRAY['category', 'source_evaluation', 'intelligence_assessment', 'indicator_code', 'month', 'quarter']);
INSERT INTO report_density_tables (name, dimensions) VALUES
    ('report_grade_density', '{source_evaluation, intelligence_assessment}'),
    ('report_quarter_density', '{quarter}');

-- report_density_counts_sql() of migrations/0053 with the quarter of occurred_at (UTC) beside its month.
CREATE OR REPLACE FUNCTION report_density_counts_sql(source text, sign integer, from_zoom integer, target_suffix text) RETURNS text
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
               count(*)::integer AS reports,
               date_trunc(''quarter'', occurred_at AT TIME ZONE ''UTC'')::date AS quarter
        FROM (SELECT placed.*, ST_Transform(place, 3857) AS point FROM placed) p
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14)%2$s
    SELECT count(*) FROM zoom13', source, inserts);
END
$$;

CREATE TABLE report_quarter_density (LIKE report_density INCLUDING DEFAULTS INCLUDING CONSTRAINTS, quarter date NOT NULL);
CREATE TABLE report_quarter_density_changes (LIKE report_quarter_density);
CREATE INDEX report_quarter_density_changes_cell ON report_quarter_density_changes (zoom, i, j);

CREATE TABLE report_grade_density (LIKE report_density INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    source_evaluation source_evaluation NOT NULL, intelligence_assessment intelligence_assessment NOT NULL);
CREATE TABLE report_grade_density_changes (LIKE report_grade_density);
CREATE INDEX report_grade_density_changes_cell ON report_grade_density_changes (zoom, i, j);
DO $$
DECLARE
    t text;
BEGIN
    -- The read policy of report_density (migrations/0010, 0053).
    FOREACH t IN ARRAY ARRAY['report_grade_density', 'report_grade_density_changes', 'report_quarter_density',
        'report_quarter_density_changes'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (
            (SELECT app_role()) IN (''tasking_member'', ''analyst'', ''licensing_officer'', ''supervisor'', ''system'')
            AND ((SELECT app_role()) = ''system''
                 OR agency_id = (SELECT app_agency_id())
                 OR (handling_code = ''P'' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))))', t || '_read', t);
        EXECUTE format('GRANT SELECT ON %I TO hotspotintel_app', t);
    END LOOP;
END
$$;

-- The grades' counts are report_grading_density's summed over months, the quarters' report_month_density's summed by
-- quarter: the same reports, placed and classed the same way. The writes' change rows wait meanwhile, as for a recount,
-- so that none is counted in one table and not the other. Written in the key's order, so that a tile reads the new
-- tables in order before they are vacuumed.
LOCK TABLE report_grading_density_changes, report_month_density_changes IN EXCLUSIVE MODE;
INSERT INTO report_grade_density (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression,
    source_evaluation, intelligence_assessment, reports)
SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, source_evaluation,
       intelligence_assessment, sum(reports)::integer
FROM report_grading_density
GROUP BY zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, source_evaluation, intelligence_assessment
HAVING sum(reports) <> 0
ORDER BY zoom, source_evaluation, intelligence_assessment, i, j;
INSERT INTO report_grade_density_changes (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression,
    source_evaluation, intelligence_assessment, reports)
SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, source_evaluation,
       intelligence_assessment, reports
FROM report_grading_density_changes;
INSERT INTO report_quarter_density (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, quarter, reports)
SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, date_trunc('quarter', month::timestamp)::date,
       sum(reports)::integer
FROM report_month_density
GROUP BY zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, date_trunc('quarter', month::timestamp)
HAVING sum(reports) <> 0
ORDER BY zoom, date_trunc('quarter', month::timestamp), i, j;
INSERT INTO report_quarter_density_changes (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression,
    quarter, reports)
SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, date_trunc('quarter', month::timestamp)::date, reports
FROM report_month_density_changes;

-- Each key again with the count, in the same column order but report_month_density's, which leads with the month (the
-- fold's ON CONFLICT finds a key by its columns, in any order).
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('report_density', 'zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression'),
        ('report_filter_density', 'zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, category, '
            || 'source_evaluation, intelligence_assessment, month'),
        ('report_month_density', 'zoom, month, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression'),
        ('report_category_density', 'zoom, category, i, j, month, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression'),
        ('report_grading_density', 'zoom, source_evaluation, intelligence_assessment, i, j, month, agency_id, handling_code, seen_by, '
            || 'masking_cell, counts_for_suppression'),
        ('report_indicator_density', 'zoom, indicator_code, i, j, month, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression'),
        ('report_grade_density', 'zoom, source_evaluation, intelligence_assessment, i, j, agency_id, handling_code, seen_by, masking_cell, '
            || 'counts_for_suppression'),
        ('report_quarter_density', 'zoom, quarter, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression'))
        AS k(name, columns)
    LOOP
        EXECUTE format('DROP INDEX IF EXISTS %I', t.name || '_key');
        EXECUTE format('CREATE UNIQUE INDEX %I ON %I (%s) INCLUDE (reports) NULLS NOT DISTINCT', t.name || '_key', t.name, t.columns);
    END LOOP;
END
$$;

ANALYZE report_grade_density, report_quarter_density;
