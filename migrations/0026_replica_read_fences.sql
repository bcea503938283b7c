-- 0026: read-your-writes when reads go to a streaming replica: each user's last write position on the primary, noted
-- as a write request answers and read before a read is sent to the replica. Unlogged, so a crash loses only the fences
-- (after which a user's next read may briefly come from the replica's older copy); never replicated or read there.
CREATE UNLOGGED TABLE write_fences (
    user_id  text PRIMARY KEY,
    lsn      pg_lsn NOT NULL,
    noted_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON write_fences FROM PUBLIC;

-- The session's user (hotspotintel.user_id) has written everything up to the primary's current insert position.
CREATE FUNCTION note_write_fence() RETURNS void LANGUAGE sql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    INSERT INTO write_fences (user_id, lsn)
    SELECT user_id, pg_current_wal_insert_lsn()
    FROM (SELECT nullif(current_setting('hotspotintel.user_id', true), '') AS user_id) session
    WHERE user_id IS NOT NULL
    ON CONFLICT (user_id) DO UPDATE SET lsn = excluded.lsn, noted_at = now();
$$;

-- Where the session's user last wrote; null when they never have (any replica position will do).
CREATE FUNCTION write_fence() RETURNS pg_lsn LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT lsn FROM write_fences WHERE user_id = current_setting('hotspotintel.user_id', true);
$$;

REVOKE ALL ON FUNCTION note_write_fence(), write_fence() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION note_write_fence(), write_fence() TO hotspotintel_app;
