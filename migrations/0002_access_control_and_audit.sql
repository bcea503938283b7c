-- 0002: who sees what, enforced in PostgreSQL. Row-level security on every table of personal or intelligence data,
-- driven by the session settings hotspotintel.user_id / agency_id / role that the API sets on each connection for the
-- request's user; the application logs in as hotspotintel_app, which cannot bypass RLS. Sharing agreements between
-- agencies; masking of child-linked report locations; an append-only, hash-chained audit log (DPA 2018 s62).

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hotspotintel_app') THEN
        CREATE ROLE hotspotintel_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

-- The request's identity. Unset settings mean "nobody": every policy below then admits nothing.
CREATE FUNCTION app_user_id() RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('hotspotintel.user_id', true), '') $$;
CREATE FUNCTION app_agency_id() RETURNS uuid LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('hotspotintel.agency_id', true), '')::uuid $$;
CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT coalesce(nullif(current_setting('hotspotintel.role', true), ''), 'none') $$;

CREATE TABLE sharing_agreements (
    id uuid PRIMARY KEY,
    owner_agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    partner_agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
    starts_on date NOT NULL,
    ends_on date,
    created_at timestamptz NOT NULL,
    CONSTRAINT sharing_agreements_between_two_agencies CHECK (owner_agency_id <> partner_agency_id),
    CONSTRAINT sharing_agreements_time_range_ordered CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX sharing_agreements_partner_idx ON sharing_agreements (partner_agency_id, owner_agency_id);

-- A record is readable by its own agency; by a partner agency under a current sharing agreement only when its handling
-- code is P (a C code's conditions are met by a recorded disclosure, not by standing access); and by background jobs.
CREATE FUNCTION app_can_read(owner_agency_id uuid, handling text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT app_role() = 'system'
        OR owner_agency_id = app_agency_id()
        OR (handling = 'P' AND EXISTS (
            SELECT 1 FROM sharing_agreements s
            WHERE s.owner_agency_id = app_can_read.owner_agency_id
              AND s.partner_agency_id = app_agency_id()
              AND s.starts_on <= current_date
              AND (s.ends_on IS NULL OR s.ends_on >= current_date)))
$$;

-- Writes: only to the writer's own agency's records, and only by the roles that record that kind of data.
CREATE FUNCTION app_can_write(owner_agency_id uuid, VARIADIC roles text[]) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT owner_agency_id = app_agency_id() AND app_role() = ANY (roles)
$$;

-- Masking support: a report is child-linked when it mentions a child at risk or records where a missing child was found.
-- Once child-linked, always masked: removing the mention (or erasing the child) must not expose where the child was.
-- masking_cell is the centre of the 500 m British National Grid cell the report lies in: what roles that must not see
-- where a child was are shown instead of the point.
ALTER TABLE intelligence_reports
    ADD COLUMN mentions_child boolean NOT NULL DEFAULT false,
    ADD COLUMN masking_cell geometry(Point, 4326) NOT NULL
        GENERATED ALWAYS AS (ST_Transform(ST_SnapToGrid(ST_Transform(location, 27700), 500), 4326)) STORED;
CREATE INDEX intelligence_reports_masking_cell_idx ON intelligence_reports USING gist (masking_cell);
CREATE INDEX intelligence_reports_child_cell_idx ON intelligence_reports USING btree (masking_cell)
    WHERE mentions_child OR category = 'missing_found_location';

CREATE FUNCTION refresh_mentions_child() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE intelligence_reports r
    SET mentions_child = true
    WHERE r.id IN (SELECT c.report_id FROM changed_rows c JOIN persons p ON p.id = c.person_id WHERE p.role = 'child_at_risk')
      AND NOT r.mentions_child;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_persons_inserted_refresh_mentions_child AFTER INSERT ON report_persons
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_mentions_child();

CREATE FUNCTION refresh_mentions_child_after_role_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE intelligence_reports r
    SET mentions_child = true
    WHERE r.id IN (SELECT rp.report_id FROM report_persons rp WHERE rp.person_id = NEW.id) AND NOT r.mentions_child;
    RETURN NULL;
END
$$;
CREATE TRIGGER persons_role_changed_refresh_mentions_child AFTER UPDATE OF role ON persons
    FOR EACH ROW WHEN (NEW.role = 'child_at_risk' AND OLD.role IS DISTINCT FROM NEW.role)
    EXECUTE FUNCTION refresh_mentions_child_after_role_change();

-- Roles that see child-linked reports only aggregated (DESIGN.md §1), and the smallest count of such reports in a cell
-- that may be shown at all: below it the cell is suppressed, as in small-number suppression of published statistics.
CREATE FUNCTION app_sees_masked_locations() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT app_role() IN ('tasking_member', 'licensing_officer') $$;
CREATE FUNCTION masking_minimum_count() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 3 $$;

-- What every read of reports goes through: RLS applies (security_invoker), and masked roles get the cell centre, a
-- precision no finer than the cell, no narrative, and nothing at all from cells with fewer than the minimum count.
-- Not a security_barrier view: that would stop spatial filters reaching the GiST indexes, and the application role
-- cannot create the leaky functions a barrier guards against (PostgreSQL 15 revokes CREATE on public).
CREATE VIEW reports_for_role WITH (security_invoker = true) AS
SELECT r.id, r.agency_id, r.category,
       CASE WHEN m.masked THEN '[withheld: this report is linked to a child]' ELSE r.narrative END AS narrative,
       r.occurred_at, r.recorded_at,
       CASE WHEN m.masked THEN r.masking_cell ELSE r.location END AS location,
       CASE WHEN m.masked THEN greatest(r.location_precision_meters, 354) ELSE r.location_precision_meters END AS location_precision_meters,
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell
FROM intelligence_reports r
CROSS JOIN LATERAL (
    SELECT app_sees_masked_locations() AND (r.mentions_child OR r.category = 'missing_found_location') AS masked) m
WHERE NOT m.masked
   OR (SELECT count(*) FROM intelligence_reports c
       WHERE c.masking_cell = r.masking_cell AND (c.mentions_child OR c.category = 'missing_found_location'))
      >= masking_minimum_count();

-- Row-level security. USING decides what a statement sees; WITH CHECK what it may write. Policies are per command
-- (never FOR ALL, which would also widen SELECT).
ALTER TABLE intelligence_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY intelligence_reports_read ON intelligence_reports FOR SELECT
    USING (app_role() IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system')
           AND app_can_read(agency_id, handling_code));

-- Children are visible to analysts and supervisors only; tasking members see adults; licensing officers see licence holders.
ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
CREATE POLICY persons_read ON persons FOR SELECT
    USING (app_can_read(agency_id, handling_code) AND (
        app_role() IN ('analyst', 'supervisor', 'system')
        OR (app_role() = 'tasking_member' AND role <> 'child_at_risk')
        OR (app_role() = 'licensing_officer' AND role = 'licence_holder')));

-- Premises, named places and vehicles: every operational role reads them.
ALTER TABLE premises ENABLE ROW LEVEL SECURITY;
CREATE POLICY premises_read ON premises FOR SELECT
    USING (app_role() IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system') AND app_can_read(agency_id, handling_code));
ALTER TABLE locations ENABLE ROW LEVEL SECURITY;
CREATE POLICY locations_read ON locations FOR SELECT
    USING (app_role() IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system') AND app_can_read(agency_id, handling_code));
ALTER TABLE vehicles ENABLE ROW LEVEL SECURITY;
CREATE POLICY vehicles_read ON vehicles FOR SELECT
    USING (app_role() IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system') AND app_can_read(agency_id, handling_code));

-- Links and missing episodes are person-level intelligence: analysts and supervisors only.
ALTER TABLE links ENABLE ROW LEVEL SECURITY;
CREATE POLICY links_read ON links FOR SELECT
    USING (app_role() IN ('analyst', 'supervisor', 'system') AND app_can_read(agency_id, handling_code));
ALTER TABLE missing_episodes ENABLE ROW LEVEL SECURITY;
CREATE POLICY missing_episodes_read ON missing_episodes FOR SELECT
    USING (app_role() IN ('analyst', 'supervisor', 'system') AND app_can_read(agency_id, handling_code));

-- Who records what: anyone operational may submit a report (partners all report what they see); only analysts and
-- supervisors correct or delete one, or record persons, links and missing episodes; licensing officers also record
-- premises, places and vehicles. Always into, and only within, their own agency.
DO $$
DECLARE
    owned record;
BEGIN
    FOR owned IN SELECT * FROM (VALUES
        ('intelligence_reports', ARRAY['tasking_member', 'analyst', 'licensing_officer', 'supervisor'], ARRAY['analyst', 'supervisor']),
        ('persons', ARRAY['analyst', 'supervisor'], ARRAY['analyst', 'supervisor']),
        ('premises', ARRAY['analyst', 'licensing_officer', 'supervisor'], ARRAY['analyst', 'licensing_officer', 'supervisor']),
        ('locations', ARRAY['analyst', 'licensing_officer', 'supervisor'], ARRAY['analyst', 'licensing_officer', 'supervisor']),
        ('vehicles', ARRAY['analyst', 'licensing_officer', 'supervisor'], ARRAY['analyst', 'licensing_officer', 'supervisor']),
        ('links', ARRAY['analyst', 'supervisor'], ARRAY['analyst', 'supervisor']),
        ('missing_episodes', ARRAY['analyst', 'supervisor'], ARRAY['analyst', 'supervisor'])) AS t (name, creators, editors)
    LOOP
        EXECUTE format('CREATE POLICY %1$s_insert ON %1$I FOR INSERT WITH CHECK (app_can_write(agency_id, VARIADIC %2$L::text[]))',
            owned.name, owned.creators);
        EXECUTE format('CREATE POLICY %1$s_update ON %1$I FOR UPDATE USING (app_can_write(agency_id, VARIADIC %2$L::text[]))
                        WITH CHECK (app_can_write(agency_id, VARIADIC %2$L::text[]))', owned.name, owned.editors);
        EXECUTE format('CREATE POLICY %1$s_delete ON %1$I FOR DELETE USING (app_can_write(agency_id, VARIADIC %2$L::text[]))',
            owned.name, owned.editors);
    END LOOP;
END
$$;

-- A mention or provenance row is visible when both records it joins are (the subqueries are themselves under RLS),
-- and is written by whoever may write the report or link it belongs to, naming only records the writer can see.
DO $$
DECLARE
    joined record;
BEGIN
    FOR joined IN SELECT * FROM (VALUES
        ('report_persons', 'intelligence_reports', 'report_id', 'persons', 'person_id', ARRAY['tasking_member', 'analyst', 'licensing_officer', 'supervisor']),
        ('report_premises', 'intelligence_reports', 'report_id', 'premises', 'premises_id', ARRAY['tasking_member', 'analyst', 'licensing_officer', 'supervisor']),
        ('report_vehicles', 'intelligence_reports', 'report_id', 'vehicles', 'vehicle_id', ARRAY['tasking_member', 'analyst', 'licensing_officer', 'supervisor']),
        ('report_locations', 'intelligence_reports', 'report_id', 'locations', 'location_id', ARRAY['tasking_member', 'analyst', 'licensing_officer', 'supervisor']),
        ('link_reports', 'links', 'link_id', 'intelligence_reports', 'report_id', ARRAY['analyst', 'supervisor'])) AS t (name, owner_table, owner_column, other_table, other_column, writers)
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', joined.name);
        EXECUTE format('CREATE POLICY %1$s_read ON %1$I FOR SELECT USING (
                            EXISTS (SELECT 1 FROM %2$I o WHERE o.id = %3$I) AND EXISTS (SELECT 1 FROM %4$I x WHERE x.id = %5$I))',
            joined.name, joined.owner_table, joined.owner_column, joined.other_table, joined.other_column);
        EXECUTE format('CREATE POLICY %1$s_insert ON %1$I FOR INSERT WITH CHECK (
                            EXISTS (SELECT 1 FROM %2$I o WHERE o.id = %3$I AND app_can_write(o.agency_id, VARIADIC %6$L::text[]))
                            AND EXISTS (SELECT 1 FROM %4$I x WHERE x.id = %5$I))',
            joined.name, joined.owner_table, joined.owner_column, joined.other_table, joined.other_column, joined.writers);
        EXECUTE format('CREATE POLICY %1$s_delete ON %1$I FOR DELETE USING (
                            EXISTS (SELECT 1 FROM %2$I o WHERE o.id = %3$I AND app_can_write(o.agency_id, VARIADIC %4$L::text[])))',
            joined.name, joined.owner_table, joined.owner_column, joined.writers);
    END LOOP;
END
$$;

ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY imports_read ON imports FOR SELECT USING (agency_id = app_agency_id() OR app_role() = 'system');
CREATE POLICY imports_insert ON imports FOR INSERT
    WITH CHECK (app_can_write(agency_id, 'tasking_member', 'analyst', 'licensing_officer', 'supervisor'));

ALTER TABLE idempotent_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY idempotent_requests_read ON idempotent_requests FOR SELECT USING (user_id = app_user_id());
CREATE POLICY idempotent_requests_insert ON idempotent_requests FOR INSERT WITH CHECK (user_id = app_user_id());

-- Agencies and sharing agreements name organisations, not people: every signed-in role reads them; administrators change them.
DO $$
DECLARE
    administered text;
BEGIN
    FOREACH administered IN ARRAY ARRAY['agencies', 'sharing_agreements'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', administered);
        EXECUTE format('CREATE POLICY %1$s_read ON %1$I FOR SELECT USING (app_role() <> ''none'')', administered);
        EXECUTE format('CREATE POLICY %1$s_insert ON %1$I FOR INSERT WITH CHECK (app_role() = ''administrator'')', administered);
        EXECUTE format('CREATE POLICY %1$s_update ON %1$I FOR UPDATE USING (app_role() = ''administrator'') WITH CHECK (app_role() = ''administrator'')', administered);
        EXECUTE format('CREATE POLICY %1$s_delete ON %1$I FOR DELETE USING (app_role() = ''administrator'')', administered);
    END LOOP;
END
$$;

-- The audit log (DPA 2018 s62): one append-only table. Rows are added only through append_audit, which chains each
-- entry's SHA-256 to the previous one under a transaction-scoped lock, so any edit or deletion breaks the chain.
CREATE SEQUENCE audit_log_id_seq;
CREATE TABLE audit_log (
    id bigint PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    user_id text NOT NULL,
    agency_id uuid,
    role text NOT NULL,
    action text NOT NULL CHECK (action IN ('collection', 'alteration', 'consultation', 'disclosure', 'combination', 'erasure')),
    entity_kind text NOT NULL,
    entity_id uuid,
    row_count integer NOT NULL CHECK (row_count >= 0),
    justification text,
    recipient text,
    details jsonb,
    previous_hash bytea,
    hash bytea NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_id) WHERE entity_id IS NOT NULL;
CREATE INDEX audit_log_user_idx ON audit_log (user_id, occurred_at);
CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at);

CREATE FUNCTION audit_entry_hash(previous_hash bytea, id bigint, occurred_at timestamptz, user_id text, agency_id uuid,
    role text, action text, entity_kind text, entity_id uuid, row_count integer, justification text, recipient text,
    details jsonb) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(coalesce(previous_hash, '\x'::bytea) || convert_to(concat_ws('|', id,
        to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), user_id, agency_id, role, action,
        entity_kind, entity_id, row_count, justification, recipient, details::text), 'UTF8'))
$$;

CREATE FUNCTION append_audit(action text, entity_kind text, entity_id uuid, row_count integer,
    justification text DEFAULT NULL, recipient text DEFAULT NULL, details jsonb DEFAULT NULL)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    previous bytea;
    entry_id bigint;
    at timestamptz := clock_timestamp();
    who text := coalesce(app_user_id(), session_user::text);
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('audit_log_chain'));
    SELECT a.hash INTO previous FROM audit_log a ORDER BY a.id DESC LIMIT 1;
    entry_id := nextval('audit_log_id_seq');
    INSERT INTO audit_log (id, occurred_at, user_id, agency_id, role, action, entity_kind, entity_id, row_count,
                           justification, recipient, details, previous_hash, hash)
    VALUES (entry_id, at, who, app_agency_id(), app_role(), action, entity_kind, entity_id, row_count,
            justification, recipient, details, previous,
            audit_entry_hash(previous, entry_id, at, who, app_agency_id(), app_role(), action, entity_kind, entity_id,
                             row_count, justification, recipient, details));
    RETURN entry_id;
END
$$;

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
                entry.recipient, entry.details) THEN
            first_broken_id := entry.id;
            RETURN;
        END IF;
        previous := entry.hash;
        entries_checked := entries_checked + 1;
    END LOOP;
END
$$;

-- Collection, alteration and erasure are logged by the database itself, in the statement's own transaction, so no
-- code path (API, import COPY, bulk delete) can change personal data unlogged. One entry per statement: an import of a
-- million rows is one act of collection. Erasure entries keep only the kind and id, never the erased data.
CREATE FUNCTION audit_changed_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed integer;
    single_id uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT count(*), CASE WHEN count(*) = 1 THEN (array_agg(coalesce(to_jsonb(o) ->> 'id', to_jsonb(o) ->> 'report_id', to_jsonb(o) ->> 'link_id')))[1]::uuid END
        INTO changed, single_id FROM old_rows o;
    ELSE
        SELECT count(*), CASE WHEN count(*) = 1 THEN (array_agg(coalesce(to_jsonb(n) ->> 'id', to_jsonb(n) ->> 'report_id', to_jsonb(n) ->> 'link_id')))[1]::uuid END
        INTO changed, single_id FROM new_rows n;
    END IF;
    IF changed > 0 THEN
        PERFORM append_audit(CASE TG_OP WHEN 'INSERT' THEN 'collection' WHEN 'UPDATE' THEN 'alteration' ELSE 'erasure' END,
                             TG_TABLE_NAME, single_id, changed);
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    audited text;
BEGIN
    FOREACH audited IN ARRAY ARRAY['intelligence_reports', 'persons', 'premises', 'locations', 'vehicles', 'links',
        'missing_episodes', 'report_persons', 'report_premises', 'report_vehicles', 'report_locations', 'link_reports',
        'imports', 'sharing_agreements', 'agencies']
    LOOP
        EXECUTE format('CREATE TRIGGER %1$s_audit_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows()', audited);
        EXECUTE format('CREATE TRIGGER %1$s_audit_update AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows()', audited);
        EXECUTE format('CREATE TRIGGER %1$s_audit_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows()', audited);
    END LOOP;
END
$$;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (app_role() = 'supervisor');

-- The application role: ordinary data access under RLS; the audit log only readable (by supervisors, per the policy)
-- and appendable through append_audit; it can never update, delete or truncate audit rows.
GRANT USAGE ON SCHEMA public TO hotspotintel_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON agencies, sharing_agreements, imports, intelligence_reports, persons, premises,
    locations, vehicles, report_persons, report_premises, report_vehicles, report_locations, links, link_reports,
    missing_episodes, idempotent_requests TO hotspotintel_app;
GRANT SELECT ON reports_for_role, spatial_ref_sys TO hotspotintel_app;
GRANT SELECT ON audit_log TO hotspotintel_app;
REVOKE ALL ON FUNCTION append_audit(text, text, uuid, integer, text, text, jsonb), verify_audit_chain() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION append_audit(text, text, uuid, integer, text, text, jsonb), verify_audit_chain() TO hotspotintel_app;
