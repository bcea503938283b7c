-- Folding report count changes in batches. A COPY of a million reports leaves about 700,000 change rows in
-- report_density_changes alone and more in the other count tables (migration 0053), and folding them in one
-- transaction outlasted the job's 10-minute timeout: rolled back, the next minute's job began again from nothing, and
-- never finished, while it held a job worker (the benchmark's only one, which then never ran an incremental hotspot
-- run). Now a call folds at most max_changes rows of each changes table, and the job calls again, each call its own
-- transaction, until a call folds fewer: every call keeps what it folded. Tiles add the counts and the changes not
-- folded yet, so they are the same at every step. With max_changes null, a call folds everything, as before.
CREATE FUNCTION fold_report_density_changes(max_changes integer) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    t record;
    key text;
    taken text;
    moved bigint;
    folded bigint := 0;
BEGIN
    IF app_role() IS DISTINCT FROM 'system' THEN
        RAISE EXCEPTION 'Only background jobs fold the report density.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF max_changes IS NOT NULL AND max_changes < 1 THEN
        RAISE EXCEPTION 'A fold takes at least one change, not %.', max_changes USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('fold_report_density_changes'));
    FOR t IN SELECT name, dimensions FROM report_density_tables ORDER BY name LOOP
        key := concat_ws(', ', 'zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression',
            NULLIF(array_to_string(t.dimensions, ', '), ''));
        -- A batch: the first max_changes rows as stored, taken by their row addresses (a TID scan).
        taken := CASE WHEN max_changes IS NULL THEN ''
                      ELSE format(' WHERE ctid = ANY (ARRAY(SELECT ctid FROM %I LIMIT %s))', t.name || '_changes', max_changes) END;
        EXECUTE format('
            WITH moved AS (DELETE FROM %1$I%6$s RETURNING *),
            summed AS (
                SELECT z.zoom, moved.i >> (13 - z.zoom) AS i, moved.j >> (13 - z.zoom) AS j, %3$s, sum(reports)::integer AS reports
                FROM moved, generate_series(0, 13) AS z(zoom) GROUP BY %4$s),
            applied AS (
                INSERT INTO %2$I AS d (%5$s, reports)
                SELECT %5$s, reports FROM summed WHERE reports <> 0 ORDER BY zoom, i, j
                ON CONFLICT (%5$s) DO UPDATE SET reports = d.reports + excluded.reports)
            SELECT count(*) FROM moved',
            t.name || '_changes', t.name, substr(key, length('zoom, i, j, ') + 1),
            (SELECT string_agg(n::text, ', ') FROM generate_series(1, 8 + cardinality(t.dimensions)) n), key, taken) INTO moved;
        EXECUTE format('DELETE FROM %I WHERE reports = 0', t.name);
        folded := folded + moved;
    END LOOP;
    RETURN folded;
END
$$;
REVOKE ALL ON FUNCTION fold_report_density_changes(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fold_report_density_changes(integer) TO hotspotintel_app;

CREATE OR REPLACE FUNCTION fold_report_density_changes() RETURNS bigint LANGUAGE sql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT fold_report_density_changes(NULL)
$$;
