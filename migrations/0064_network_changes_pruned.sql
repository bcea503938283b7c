-- The link network's change log (network_changes, migration 0047) grew by a row for every statement that changed link
-- ends or an entity the network reads, for ever. Each API instance reads the changes of transactions at or after the
-- oldest one running when it last looked (its xmin), so a change may go only once no instance still needs it, which
-- the database cannot know. Instead a prune records the transaction id below which it deleted
-- (network_changes_horizon): an instance whose xmin is below it may have missed a deleted change, and reads the whole
-- network again (NetworkIndex); every other instance reads on as before. Pruning keeps the changes of the last days
-- (PruneNetworkChangesJob, Network:ChangesKeptDays), so only an instance idle for longer reads everything again.
CREATE TABLE network_changes_horizon (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    below xid8 NOT NULL
);
INSERT INTO network_changes_horizon (below) VALUES ('0'::xid8);
ALTER TABLE network_changes_horizon ENABLE ROW LEVEL SECURITY;
CREATE POLICY network_changes_horizon_read ON network_changes_horizon FOR SELECT USING ((SELECT app_role()) = 'system');
GRANT SELECT ON network_changes_horizon TO hotspotintel_app;

-- Deletes the changes of transactions older than every change logged in the last kept interval (or, with none, older
-- than every transaction still running: their changes are all visible here), and raises the horizon to there. A
-- change of a transaction still running is not visible to the deletion and stays, whatever its id; an instance that
-- could need it looked before that transaction began, so its xmin is below the horizon and it reads everything.
CREATE FUNCTION prune_network_changes(kept interval) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    horizon xid8;
    pruned bigint;
BEGIN
    IF app_role() IS DISTINCT FROM 'system' THEN
        RAISE EXCEPTION 'Only background jobs prune the network''s change log.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    horizon := coalesce((SELECT min(xid) FROM network_changes WHERE changed_at >= now() - kept), pg_snapshot_xmin(pg_current_snapshot()));
    DELETE FROM network_changes WHERE xid < horizon;
    GET DIAGNOSTICS pruned = ROW_COUNT;
    UPDATE network_changes_horizon SET below = greatest(below, horizon);
    RETURN pruned;
END
$$;
REVOKE ALL ON FUNCTION prune_network_changes(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION prune_network_changes(interval) TO hotspotintel_app;
