-- Counts by a dimension and month read only the months a window asks for (issue 19 §2). The keys of the counts by
-- category, grading, risk indicator and by all three led with the dimension, then the cell, then the month (0057): a
-- city-wide tile with a window of two months read every month's rows for its cells and kept two months' (1,567 index
-- pages at zoom 8 for 2 months of 18 at 1M reports, 26 ms; 6 ms with the month before the cell). Now the month follows
-- the dimension, and a tile reads each month it asks for as its own range of cells (TileQueries.CountedAheadSqlFor).
-- Each re-keyed table's key is then zoom, its dimensions in report_density_tables' order (the month last), the cell, and
-- what the read policy and masking need, as every other count table's already is.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT name, dimensions FROM report_density_tables
             WHERE name IN ('report_category_density', 'report_grading_density', 'report_indicator_density', 'report_filter_density') LOOP
        EXECUTE format('DROP INDEX %I', t.name || '_key');
        EXECUTE format('CREATE UNIQUE INDEX %I ON %I (zoom, %s, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression) '
            || 'INCLUDE (reports) NULLS NOT DISTINCT', t.name || '_key', t.name, array_to_string(t.dimensions, ', '));
    END LOOP;
END
$$;

-- Whether every report, whoever may read it, occurred in [window_from, window_to) (an open end where null). A window
-- that holds every report selects nothing by time, so a tile adds up the counts without months (by grade, or
-- unfiltered): a row for each cell rather than one for each month as well. The answer only chooses which counts are
-- read, and both give the same cells; it is never returned. The first and last time, each one probe of the index on the
-- time whatever the window (an EXISTS of reports before an open end was planned as a scan of every report).
CREATE FUNCTION reports_lie_within(window_from timestamptz, window_to timestamptz) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT min(r.occurred_at) FROM intelligence_reports r) >= window_from, true)
       AND coalesce((SELECT max(r.occurred_at) FROM intelligence_reports r) < window_to, true)
$$;
REVOKE ALL ON FUNCTION reports_lie_within(timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reports_lie_within(timestamptz, timestamptz) TO hotspotintel_app;

-- The first month report_month_density counts at a zoom and the month after its last, whoever may read them, each
-- finite (a report at -infinity or infinity has a month there): the months a tile lists for a window are bounded by
-- these (TileQueries.MonthsAsked). Under the reader's row-level security each was an aggregate over every row the reader
-- may see at that zoom (about 5 ms a tile at 1M reports); here each is one probe of the index's ends. As with
-- reports_lie_within, the answer only bounds which rows are read, and is never returned.
CREATE FUNCTION counted_month_span(at_zoom integer, OUT first_month date, OUT end_month date)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT (SELECT min(m.month) FROM report_month_density m WHERE m.zoom = at_zoom AND m.month > '-infinity'),
           (SELECT (max(m.month) + interval '1 month')::date FROM report_month_density m WHERE m.zoom = at_zoom AND m.month < 'infinity')
$$;
REVOKE ALL ON FUNCTION counted_month_span(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION counted_month_span(integer) TO hotspotintel_app;
