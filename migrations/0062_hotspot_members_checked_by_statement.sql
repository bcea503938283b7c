-- A full run (an analyst's trial, or a line's first run) writes every member of every hotspot: some 566,000 report
-- rows and 47,000 found-location rows at 1M reports. Inserting the reports' took about 20 s on a quiet machine, 13 s
-- of it the three foreign keys, each checked row by row (a trigger call and an index probe per row and key, and a lock
-- on every member report); without them, 7 s (the found locations': 1.5 s against 0.5 s). The same guarantees,
-- checked once a statement, by the same trigger functions on both member tables (told by their arguments which table
-- holds the points, intelligence_reports or missing_episodes, and which column names them):
-- - an inserted member's run, hotspot and point must exist: one anti-join each over the statement's rows
--   (runs and hotspots are never deleted: no role but the owner may);
-- - a point's deletion deletes its member rows (as ON DELETE CASCADE did). Reports are erased by an update that keeps
--   what hotspots count (ReviewsApi), so for them this only guards a deletion by hand; missing episodes are deleted on
--   erasure. A foreign key locked each member point, so a deletion waited for the run writing it; here a deletion
--   first locks the member table, which waits for every run writing members and holds later ones back until it
--   commits, so no run can add a member for a point deleted under it.
-- The indexes on (hotspot_id, run_id) go too: the primary keys (run_id, hotspot_id, point) answer the same lookups (a
-- run's members of one hotspot), and the line's spans have their own indexes (migrations 0043 and 0055).
ALTER TABLE hotspot_members
    DROP CONSTRAINT hotspot_members_run_id_fkey,
    DROP CONSTRAINT hotspot_members_hotspot_id_fkey,
    DROP CONSTRAINT hotspot_members_report_id_fkey;
DROP INDEX hotspot_members_hotspot_id_idx;
ALTER TABLE hotspot_episode_members
    DROP CONSTRAINT hotspot_episode_members_run_id_fkey,
    DROP CONSTRAINT hotspot_episode_members_hotspot_id_fkey,
    DROP CONSTRAINT hotspot_episode_members_episode_id_fkey;
DROP INDEX hotspot_episode_members_hotspot_id_idx;

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

-- The linked persons and vehicles of a run's hotspots, each once per link group: grouped (a hash aggregate) rather
-- than DISTINCT, which sorted the 2.4 million mentions of a 1M city's hotspots on disk (5.9 s against 3.5 s). The same
-- rows (checked by EXCEPT on the 1M bench city). And with 256 MB of work_mem, not 64: a full run's members joined with
-- their reports (a hash of every report) and ranked (a sort of 566,000 rows) spilled to disk at 64 MB (12.0-13.6 s
-- against 16.9-17.9 s for the whole function at 1M, on a loaded machine). Otherwise as migration 0043's.
CREATE OR REPLACE FUNCTION summarise_hotspot_members(summarised_run uuid, only_hotspots uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET work_mem = '256MB' AS $$
DECLARE
    run_as_of timestamptz;
    half_life double precision;
    run_seq bigint;
BEGIN
    SELECT r.as_of, (r.parameters ->> 'halfLifeDays')::float8, mr.seq INTO run_as_of, half_life, run_seq
    FROM hotspot_runs r LEFT JOIN hotspot_member_runs mr ON mr.run_id = r.id WHERE r.id = summarised_run;
    DELETE FROM hotspot_member_groups WHERE run_id = summarised_run AND (only_hotspots IS NULL OR hotspot_id = ANY (only_hotspots));
    DELETE FROM hotspot_linked_sets WHERE run_id = summarised_run AND (only_hotspots IS NULL OR hotspot_id = ANY (only_hotspots));
    DELETE FROM hotspot_stale WHERE run_id = summarised_run AND (only_hotspots IS NULL OR hotspot_id = ANY (only_hotspots));
    DROP TABLE IF EXISTS summarised_members;
    CREATE TEMP TABLE summarised_members ON COMMIT DROP AS
    SELECT f.*, (dense_rank() OVER (PARTITION BY f.hotspot_id ORDER BY f.agency_id, f.handling_code, f.child_linked))::int - 1 AS link_group
    FROM (SELECT m.hotspot_id, m.report_id, hotspot_member_weight(m.weight, m.weighted_at, run_as_of, half_life) AS weight,
                 r.agency_id, r.handling_code, r.category, r.occurred_at,
                 (r.mentions_child OR r.category = 'missing_found_location') AS child_linked,
                 CASE WHEN r.mentions_child OR r.category = 'missing_found_location' THEN r.masking_cell END AS masking_cell
          FROM (SELECT DISTINCT u.hotspot_id FROM unnest(only_hotspots) AS u (hotspot_id)
                UNION
                SELECT h.hotspot_id FROM hotspot_history h WHERE only_hotspots IS NULL AND h.run_id = summarised_run
                UNION
                SELECT w.hotspot_id FROM hotspot_members w WHERE only_hotspots IS NULL AND w.run_id = summarised_run) h
          CROSS JOIN LATERAL hotspot_members_of(summarised_run, run_seq, h.hotspot_id) m
          JOIN intelligence_reports r ON r.id = m.report_id) f;
    ANALYZE summarised_members;
    INSERT INTO hotspot_member_groups (run_id, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category,
                                       link_group, reports, weight_sum, first_report_at, last_report_at)
    SELECT summarised_run, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category, link_group,
           count(*)::int, sum(weight), min(occurred_at), max(occurred_at)
    FROM summarised_members
    GROUP BY hotspot_id, agency_id, handling_code, child_linked, masking_cell, category, link_group;
    INSERT INTO hotspot_linked_sets (run_id, hotspot_id, kind, link_groups, entities)
    SELECT summarised_run, hotspot_id, kind, link_groups, count(*)::int
    FROM (SELECT hotspot_id, kind, entity, array_agg(link_group ORDER BY link_group) AS link_groups
          FROM (SELECT s.hotspot_id, 'person' AS kind, rp.person_id AS entity, s.link_group
                FROM summarised_members s JOIN report_persons rp ON rp.report_id = s.report_id
                GROUP BY s.hotspot_id, rp.person_id, s.link_group
                UNION ALL
                SELECT s.hotspot_id, 'vehicle', rv.vehicle_id, s.link_group
                FROM summarised_members s JOIN report_vehicles rv ON rv.report_id = s.report_id
                GROUP BY s.hotspot_id, rv.vehicle_id, s.link_group) mention
          GROUP BY hotspot_id, kind, entity) entity
    GROUP BY hotspot_id, kind, link_groups;
    DROP TABLE summarised_members;
END
$$;
