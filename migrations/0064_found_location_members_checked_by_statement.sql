-- A full run's found locations (hotspot_episode_members: some 47,000 rows at 1M reports) are checked as its reports
-- are since migration 0062: once a statement, not by three foreign keys row by row (1.5 s against 0.5 s for those
-- rows). 0062's trigger functions now serve both member tables, told by their trigger's arguments which table holds
-- the points (intelligence_reports or missing_episodes) and which column names them; as there, a point's deletion
-- first locks its member table, so it waits for every run writing members and no run adds a member for a point
-- deleted under it. Missing episodes are deleted on erasure (ReviewsApi, detach_for_erasure), so this guards the
-- erasure path itself. The (hotspot_id, run_id) index goes as for hotspot_members: the primary key answers it.
ALTER TABLE hotspot_episode_members
    DROP CONSTRAINT hotspot_episode_members_run_id_fkey,
    DROP CONSTRAINT hotspot_episode_members_hotspot_id_fkey,
    DROP CONSTRAINT hotspot_episode_members_episode_id_fkey;
DROP INDEX hotspot_episode_members_hotspot_id_idx;

DROP TRIGGER hotspot_members_references ON hotspot_members;
DROP TRIGGER intelligence_reports_hold_hotspot_members ON intelligence_reports;
DROP TRIGGER intelligence_reports_delete_hotspot_members ON intelligence_reports;
DROP FUNCTION hotspot_members_check_references();
DROP FUNCTION hotspot_members_hold_for_report_deletion();
DROP FUNCTION hotspot_members_delete_with_reports();

-- On a member table: TG_ARGV[0] the points' table, TG_ARGV[1] the member table's column naming a point, TG_ARGV[2] a
-- point in words (for the error).
CREATE FUNCTION member_rows_check_references() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    missing text;
BEGIN
    SELECT format('run %s', n.run_id) INTO missing
    FROM (SELECT DISTINCT run_id FROM new_members) n WHERE NOT EXISTS (SELECT 1 FROM hotspot_runs r WHERE r.id = n.run_id) LIMIT 1;
    IF missing IS NULL THEN
        SELECT format('hotspot %s', n.hotspot_id) INTO missing
        FROM (SELECT DISTINCT hotspot_id FROM new_members) n WHERE NOT EXISTS (SELECT 1 FROM hotspots h WHERE h.id = n.hotspot_id) LIMIT 1;
    END IF;
    IF missing IS NULL THEN
        EXECUTE format('SELECT format(''%%s %%s'', %L, n.%I) FROM new_members n WHERE NOT EXISTS (SELECT 1 FROM %I p WHERE p.id = n.%I) LIMIT 1',
                       TG_ARGV[2], TG_ARGV[1], TG_ARGV[0], TG_ARGV[1])
            INTO missing;
    END IF;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'A hotspot''s member names % that does not exist.', missing USING ERRCODE = 'foreign_key_violation',
            TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER hotspot_members_references AFTER INSERT ON hotspot_members REFERENCING NEW TABLE AS new_members
    FOR EACH STATEMENT EXECUTE FUNCTION member_rows_check_references('intelligence_reports', 'report_id', 'report');
CREATE TRIGGER hotspot_episode_members_references AFTER INSERT ON hotspot_episode_members REFERENCING NEW TABLE AS new_members
    FOR EACH STATEMENT EXECUTE FUNCTION member_rows_check_references('missing_episodes', 'episode_id', 'found location');

-- On a points' table: TG_ARGV[0] the member table.
CREATE FUNCTION member_rows_hold_for_point_deletion() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', TG_ARGV[0]);
    RETURN NULL;
END
$$;
CREATE TRIGGER intelligence_reports_hold_hotspot_members BEFORE DELETE ON intelligence_reports
    FOR EACH STATEMENT EXECUTE FUNCTION member_rows_hold_for_point_deletion('hotspot_members');
CREATE TRIGGER missing_episodes_hold_hotspot_episode_members BEFORE DELETE ON missing_episodes
    FOR EACH STATEMENT EXECUTE FUNCTION member_rows_hold_for_point_deletion('hotspot_episode_members');

-- On a points' table: TG_ARGV[0] the member table, TG_ARGV[1] its column naming a point.
CREATE FUNCTION member_rows_delete_with_points() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE format('DELETE FROM %I m USING deleted_points d WHERE m.%I = d.id', TG_ARGV[0], TG_ARGV[1]);
    RETURN NULL;
END
$$;
CREATE TRIGGER intelligence_reports_delete_hotspot_members AFTER DELETE ON intelligence_reports
    REFERENCING OLD TABLE AS deleted_points FOR EACH STATEMENT EXECUTE FUNCTION member_rows_delete_with_points('hotspot_members', 'report_id');
CREATE TRIGGER missing_episodes_delete_hotspot_episode_members AFTER DELETE ON missing_episodes
    REFERENCING OLD TABLE AS deleted_points FOR EACH STATEMENT EXECUTE FUNCTION member_rows_delete_with_points('hotspot_episode_members', 'episode_id');
