-- An incremental hotspot run tells whether reports were deleted (which makes it read them all again) from how many
-- there are, and now takes that number from the counts city-wide tiles add up (report_density and its changes,
-- migrations/0033, 0053: every report once at zoom 0 where every reader but a masked one sees it) rather than from a
-- count(*) over every report, 0.8 s at a million (issue 19 §1). The counts follow every INSERT, UPDATE and DELETE of
-- reports through statement-level triggers; a TRUNCATE fired none, and left the counts (and city-wide tiles) showing
-- reports that were gone. Now a TRUNCATE of the reports empties every count table and its changes: no report is left.
CREATE FUNCTION clear_report_density() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT name FROM report_density_tables ORDER BY name LOOP
        EXECUTE format('DELETE FROM %I', t || '_changes');
        EXECUTE format('DELETE FROM %I', t);
    END LOOP;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION clear_report_density() FROM PUBLIC;
CREATE TRIGGER intelligence_reports_density_truncated AFTER TRUNCATE ON intelligence_reports
    FOR EACH STATEMENT EXECUTE FUNCTION clear_report_density();
