-- 0016: an audit log that answers "who consulted person X?" and that its database owner cannot rewrite unnoticed, written
-- only in a signed-in user's name. Entries name every record a read returned and the database login that wrote them;
-- background jobs log in as hotspotintel_jobs, the only login that acts as 'system'; keyed seals go in audit_seals.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hotspotintel_jobs') THEN
        CREATE ROLE hotspotintel_jobs LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

-- Jobs may do whatever the application may (this grant carries every later grant to hotspotintel_app with it), and
-- more only where this file says so. The application is not a member of the jobs role, so it can never SET ROLE to it.
GRANT hotspotintel_app TO hotspotintel_jobs;

-- The session settings are the application's to set, so a setting cannot be what makes a session the system: the
-- application asking for 'system' is nobody. Only the jobs login is the system, whatever it sets.
CREATE OR REPLACE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN session_user = 'hotspotintel_jobs' THEN 'system'
                ELSE coalesce(nullif(nullif(current_setting('hotspotintel.role', true), ''), 'system'), 'none') END
$$;

-- What a read returned, by id (the records and the persons they concern), so that a search for a person finds every
-- list that showed them; and the database login that wrote the entry, which the application cannot choose.
ALTER TABLE audit_log ADD COLUMN entity_ids uuid[], ADD COLUMN database_login text;
CREATE INDEX audit_log_entity_ids_idx ON audit_log USING gin (entity_ids);

-- Under row-level security a query's own conditions run after the policy unless their functions are LEAKPROOF, so the
-- search for entries naming a record (entity_ids && ARRAY[id]) could not use that index and read the whole log.
-- Array overlap compares elements with their type's equality, and every array in this schema (uuid[], text[]) has a
-- leakproof one, so it raises no error that depends on a row's values. As in migrations/0006: only a superuser may
-- mark it; without one, searches stay correct, only slower, and a notice says so.
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION arrayoverlap(anyarray, anyarray) LEAKPROOF;
    ELSE
        RAISE NOTICE 'Not a superuser: array overlap stays non-leakproof, so audit searches by record cannot use audit_log_entity_ids_idx.';
    END IF;
END
$$;

-- Supervisors search the log; the sealing job (system) reads it to seal it.
ALTER POLICY audit_log_read ON audit_log USING ((SELECT app_role()) IN ('supervisor', 'system'));

-- The hash of an entry. Entries from before this file (no database login) keep the hash they were given; newer ones
-- hash every field as a JSON array, where a null is written out and cannot pass for a neighbouring field's value.
DROP FUNCTION verify_audit_chain();
DROP FUNCTION append_audit(text, text, uuid, integer, text, text, jsonb);
DROP FUNCTION audit_entry_hash(bytea, bigint, timestamptz, text, uuid, text, text, text, uuid, integer, text, text, jsonb);
CREATE FUNCTION audit_entry_hash(previous_hash bytea, id bigint, occurred_at timestamptz, user_id text, agency_id uuid,
    role text, action text, entity_kind text, entity_id uuid, row_count integer, justification text, recipient text,
    details jsonb, entity_ids uuid[], database_login text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(coalesce(previous_hash, '\x'::bytea) || convert_to(CASE
        WHEN database_login IS NULL THEN concat_ws('|', id,
            to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), user_id, agency_id, role, action,
            entity_kind, entity_id, row_count, justification, recipient, details::text)
        ELSE json_build_array(id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), user_id, agency_id,
            role, action, entity_kind, entity_id, row_count, justification, recipient, details, entity_ids, database_login)::text
        END, 'UTF8'))
$$;

-- Appends one entry to the chain. Only the database's own functions call it: the audit triggers (collection,
-- alteration, erasure) and record_audit_entry (a user's consultation, disclosure or combination).
CREATE FUNCTION append_audit(action text, entity_kind text, entity_id uuid, row_count integer,
    justification text DEFAULT NULL, recipient text DEFAULT NULL, details jsonb DEFAULT NULL, entity_ids uuid[] DEFAULT NULL)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    previous bytea;
    entry_id bigint;
    at timestamptz := clock_timestamp();
    who text := coalesce(app_user_id(), session_user::text);
    login text := session_user::text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('audit_log_chain'));
    SELECT a.hash INTO previous FROM audit_log a ORDER BY a.id DESC LIMIT 1;
    entry_id := nextval('audit_log_id_seq');
    INSERT INTO audit_log (id, occurred_at, user_id, agency_id, role, action, entity_kind, entity_id, row_count,
                           justification, recipient, details, entity_ids, database_login, previous_hash, hash)
    VALUES (entry_id, at, who, app_agency_id(), app_role(), action, entity_kind, entity_id, row_count,
            justification, recipient, details, entity_ids, login, previous,
            audit_entry_hash(previous, entry_id, at, who, app_agency_id(), app_role(), action, entity_kind, entity_id,
                             row_count, justification, recipient, details, entity_ids, login));
    RETURN entry_id;
END
$$;
REVOKE ALL ON FUNCTION append_audit(text, text, uuid, integer, text, text, jsonb, uuid[]) FROM PUBLIC;

-- What the application may write itself: that the signed-in user consulted, disclosed or combined records, in that
-- user's name (the session's), with the records' ids and the persons they concern. Never collection, alteration or
-- erasure, which only the triggers write as the change happens; never as nobody or as the system.
CREATE FUNCTION record_audit_entry(action text, entity_kind text, record_ids uuid[], justification text,
    recipient text DEFAULT NULL, concerning uuid[] DEFAULT NULL)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    named uuid[];
BEGIN
    IF action IS NULL OR action NOT IN ('consultation', 'disclosure', 'combination') THEN
        RAISE EXCEPTION 'Only consultation, disclosure and combination are recorded this way; the database logs changes itself.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF app_user_id() IS NULL OR app_role() IN ('none', 'system') THEN
        RAISE EXCEPTION 'Only a signed-in user''s session records what that user did.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF action = 'disclosure' AND (cardinality(record_ids) IS DISTINCT FROM 1 OR nullif(btrim(recipient), '') IS NULL) THEN
        RAISE EXCEPTION 'A disclosure names the record and its recipient.' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT array_agg(DISTINCT n) INTO named FROM unnest(coalesce(record_ids, '{}') || coalesce(concerning, '{}')) AS n WHERE n IS NOT NULL;
    RETURN append_audit(action, entity_kind, CASE WHEN cardinality(record_ids) = 1 THEN record_ids[1] END,
                        coalesce(cardinality(record_ids), 0), justification, recipient, NULL, named);
END
$$;
REVOKE ALL ON FUNCTION record_audit_entry(text, text, uuid[], text, text, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_audit_entry(text, text, uuid[], text, text, uuid[]) TO hotspotintel_app;

-- Walks the chain; returns the id of the first entry whose hash or link does not match (null when intact).
CREATE FUNCTION verify_audit_chain(OUT first_broken_id bigint, OUT entries_checked bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    entry audit_log%ROWTYPE;
    previous bytea := NULL;
BEGIN
    entries_checked := 0;
    FOR entry IN SELECT * FROM audit_log ORDER BY id LOOP
        IF entry.previous_hash IS DISTINCT FROM previous
           OR entry.hash <> audit_entry_hash(entry.previous_hash, entry.id, entry.occurred_at, entry.user_id, entry.agency_id,
                entry.role, entry.action, entry.entity_kind, entry.entity_id, entry.row_count, entry.justification,
                entry.recipient, entry.details, entry.entity_ids, entry.database_login) THEN
            first_broken_id := entry.id;
            RETURN;
        END IF;
        previous := entry.hash;
        entries_checked := entries_checked + 1;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION verify_audit_chain() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION verify_audit_chain() TO hotspotintel_app;

-- Keyed seals: seal(n) = HMAC-SHA256(key, seal(n-1) || id(n) || hash(n)), made by the sealing job with a key kept
-- outside the database (Audit:SealingKey). Whoever edits entries and recomputes their public hashes cannot make the
-- seals match. No foreign key to audit_log: a seal whose entry was deleted is itself evidence of the deletion.
CREATE TABLE audit_seals (
    audit_id bigint PRIMARY KEY,
    seal bytea NOT NULL CHECK (length(seal) = 32),
    sealed_at timestamptz NOT NULL
);
ALTER TABLE audit_seals ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_seals_read ON audit_seals FOR SELECT USING ((SELECT app_role()) IN ('supervisor', 'system'));
CREATE POLICY audit_seals_insert ON audit_seals FOR INSERT WITH CHECK ((SELECT app_role()) = 'system');
GRANT SELECT ON audit_seals TO hotspotintel_app;
GRANT INSERT ON audit_seals TO hotspotintel_jobs;
