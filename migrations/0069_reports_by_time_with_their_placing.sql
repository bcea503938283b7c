-- A report tile's time window that cuts a month counts the days at its ends live, beside the counts of its whole months
-- (Tiles/TileQueries.CountedLive): the reports of those days, read by time, with what places them in a cell, who sees
-- them, and what a filter asks of them. Read from the table, a city-wide tile visited one page for nearly every report
-- (the reports of a few weeks lie all over a table written in the order they were recorded): about 0.4 s for the 35,000
-- reports of 28 days at a million, and projecting each report to Web Mercator took a third of what was left.
--
-- Each report now carries its zoom 13 count cell (64 x 8192 cells across the world, column from the west and row from
-- the north, in Web Mercator), for its place and for its masking cell's centre (where masked roles see a child-linked
-- report), worked out once when it is written: the arithmetic of report_density_counts_sql (migrations/0057), which
-- places the counts made ahead, on the same values (the masking cell's expression is masking_cell's own, as a generated
-- column may not read another). An index on the time holds those cells with the read policy's columns and every
-- filter's, so the days' reports are read from its leaf pages in time order and nothing else (an index-only scan). It
-- replaces the plain index on the time, whose every use it serves.
ALTER TABLE intelligence_reports
    ADD COLUMN zoom13_i integer GENERATED ALWAYS AS (
        floor((ST_X(ST_Transform(location, 3857)) + 20037508.342789244) / (40075016.685578488 / (64 * 8192)))::integer) STORED,
    ADD COLUMN zoom13_j integer GENERATED ALWAYS AS (
        floor((20037508.342789244 - ST_Y(ST_Transform(location, 3857))) / (40075016.685578488 / (64 * 8192)))::integer) STORED,
    ADD COLUMN masked_zoom13_i integer GENERATED ALWAYS AS (
        floor((ST_X(ST_Transform(ST_Transform(ST_SnapToGrid(ST_Transform(location, 27700), 500), 4326), 3857)) + 20037508.342789244)
              / (40075016.685578488 / (64 * 8192)))::integer) STORED,
    ADD COLUMN masked_zoom13_j integer GENERATED ALWAYS AS (
        floor((20037508.342789244 - ST_Y(ST_Transform(ST_Transform(ST_SnapToGrid(ST_Transform(location, 27700), 500), 4326), 3857)))
              / (40075016.685578488 / (64 * 8192)))::integer) STORED;

CREATE INDEX intelligence_reports_occurred_at_placed_idx ON intelligence_reports (occurred_at)
    INCLUDE (zoom13_i, zoom13_j, masked_zoom13_i, masked_zoom13_j, masking_cell, mentions_child, category, recorded_by_role,
             agency_id, handling_code, source_evaluation, intelligence_assessment, indicator_codes);
DROP INDEX intelligence_reports_occurred_at_idx;

-- As in migrations/0057, but each report in the zoom 13 cells it carries rather than projected here.
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
        SELECT r.zoom13_i AS i, r.zoom13_j AS j, r.agency_id, r.handling_code, ''everyone'' AS seen_by, NULL::geometry AS masking_cell,
               false AS counts_for_suppression, r.category, r.source_evaluation, r.intelligence_assessment, r.indicator_codes,
               r.occurred_at
        FROM %1$I r WHERE NOT (r.mentions_child OR r.category = ''missing_found_location'')
        UNION ALL
        SELECT r.zoom13_i, r.zoom13_j, r.agency_id, r.handling_code, ''unmasked_roles'', NULL, false, r.category, r.source_evaluation,
               r.intelligence_assessment, r.indicator_codes, r.occurred_at
        FROM %1$I r WHERE r.mentions_child OR r.category = ''missing_found_location''
        UNION ALL
        SELECT r.masked_zoom13_i, r.masked_zoom13_j, r.agency_id, r.handling_code, ''masked_roles'', r.masking_cell,
               NOT role_sees_masked_locations(r.recorded_by_role), r.category, r.source_evaluation, r.intelligence_assessment,
               r.indicator_codes, r.occurred_at
        FROM %1$I r WHERE r.mentions_child OR r.category = ''missing_found_location''),
    zoom13 AS MATERIALIZED (
        SELECT i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, category, source_evaluation,
               intelligence_assessment, indicator_codes, date_trunc(''month'', occurred_at AT TIME ZONE ''UTC'')::date AS month,
               count(*)::integer AS reports,
               date_trunc(''quarter'', occurred_at AT TIME ZONE ''UTC'')::date AS quarter
        FROM placed
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14)%2$s
    SELECT count(*) FROM zoom13', source, inserts);
END
$$;
