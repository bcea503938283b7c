-- 0004: an import's idempotency key belongs to the user who sent it, as idempotent_requests' keys do: one user's key
-- can neither replay nor block another user's import. Imports are written by their own user only (the import is
-- inserted once, complete, after its rows were checked, so it needs no update policy).
-- No code wrote imports before this migration; any row there is attributed to nobody ('') rather than guessed.
ALTER TABLE imports ADD COLUMN user_id text NOT NULL DEFAULT '';
ALTER TABLE imports ALTER COLUMN user_id DROP DEFAULT;
ALTER TABLE imports DROP CONSTRAINT imports_idempotency_key_key;
ALTER TABLE imports ADD CONSTRAINT imports_user_id_idempotency_key_key UNIQUE (user_id, idempotency_key);

DROP POLICY imports_insert ON imports;
CREATE POLICY imports_insert ON imports FOR INSERT
    WITH CHECK (user_id = app_user_id() AND app_can_write(agency_id, 'tasking_member', 'analyst', 'licensing_officer', 'supervisor'));

-- An import streams its rows with COPY into a temporary table and inserts them from there in one statement: COPY FROM
-- is refused on tables under row-level security, INSERT … SELECT is checked by the insert policies and audited once.
-- PostgreSQL grants TEMPORARY to PUBLIC by default; this keeps imports working where that default was revoked.
DO $$
BEGIN
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO hotspotintel_app', current_database());
END
$$;
