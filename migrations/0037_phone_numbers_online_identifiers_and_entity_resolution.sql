-- 0037: issue 14. Phone numbers and online identifiers as records (owned, shared, reviewed and audited like vehicles),
-- named by reports, joined by links and nodes of the network; and entity resolution: duplicate persons and vehicles
-- merged (both records kept, reversible) or rejected as duplicates, each decision audited as a change of both records.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A phone number in E.164 form (+ then the country code and number, digits only): UK numbers as dialled at home
-- (07700 900123) are stored as +447700900123, so the same number is one spelling however it was typed.
CREATE TABLE phone_numbers (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    number text NOT NULL CHECK (number ~ '^\+[1-9][0-9]{6,14}$'),
    description text CHECK (length(description) <= 5000),
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT phone_numbers_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL))
);
CREATE INDEX phone_numbers_number_idx ON phone_numbers (number);
CREATE INDEX phone_numbers_agency_id_idx ON phone_numbers (agency_id);

-- An identifier a person uses online: an email address, a social media or messaging handle, a gaming id. The value is
-- stored lower case (and a handle without its leading @), the platform too, so one identifier is one spelling.
CREATE TABLE online_identifiers (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    identifier_type text NOT NULL CHECK (identifier_type IN ('email', 'social_media', 'messaging', 'gaming', 'other')),
    platform text CHECK (length(platform) BETWEEN 1 AND 50 AND platform = lower(platform)),
    value text NOT NULL CHECK (length(value) BETWEEN 1 AND 320 AND value = lower(value) AND value !~ '\s'),
    description text CHECK (length(description) <= 5000),
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT online_identifiers_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL)),
    CONSTRAINT online_identifiers_email_has_at CHECK (identifier_type <> 'email' OR value ~ '^[^@]+@[^@]+\.[^@]+$')
);
CREATE INDEX online_identifiers_value_idx ON online_identifiers (value, identifier_type);
CREATE INDEX online_identifiers_agency_id_idx ON online_identifiers (agency_id);

-- What reports name, as for persons, premises, vehicles and places.
CREATE TABLE report_phone_numbers (
    report_id uuid NOT NULL REFERENCES intelligence_reports (id) ON DELETE CASCADE,
    phone_number_id uuid NOT NULL REFERENCES phone_numbers (id) ON DELETE CASCADE,
    PRIMARY KEY (report_id, phone_number_id)
);
CREATE INDEX report_phone_numbers_phone_number_id_idx ON report_phone_numbers (phone_number_id);
CREATE TABLE report_online_identifiers (
    report_id uuid NOT NULL REFERENCES intelligence_reports (id) ON DELETE CASCADE,
    online_identifier_id uuid NOT NULL REFERENCES online_identifiers (id) ON DELETE CASCADE,
    PRIMARY KEY (report_id, online_identifier_id)
);
CREATE INDEX report_online_identifiers_online_identifier_id_idx ON report_online_identifiers (online_identifier_id);

-- Row-level security as for vehicles (migrations/0006): every operational role reads its own agency's and P-coded
-- records of sharing partners; analysts, licensing officers and supervisors write their own agency's. Audited,
-- forgotten by idempotent replays once deleted, never deleted while other agencies' records refer to them.
DO $$
DECLARE
    kind record;
    may text := 'agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) = ANY (ARRAY[''analyst'', ''licensing_officer'', ''supervisor''])';
BEGIN
    FOR kind IN SELECT * FROM (VALUES ('phone_numbers', '/api/phone-numbers'), ('online_identifiers', '/api/online-identifiers')) AS t (name, route)
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', kind.name);
        EXECUTE format('CREATE POLICY %1$s_read ON %1$I FOR SELECT USING (
            (SELECT app_role()) IN (''tasking_member'', ''analyst'', ''licensing_officer'', ''supervisor'', ''system'')
            AND ((SELECT app_role()) = ''system''
                 OR agency_id = (SELECT app_agency_id())
                 OR (handling_code = ''P'' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))))', kind.name);
        EXECUTE format('CREATE POLICY %1$s_insert ON %1$I FOR INSERT WITH CHECK (%2$s)', kind.name, may);
        EXECUTE format('CREATE POLICY %1$s_update ON %1$I FOR UPDATE USING (%2$s) WITH CHECK (%2$s)', kind.name, may);
        EXECUTE format('CREATE POLICY %1$s_delete ON %1$I FOR DELETE USING (%2$s)', kind.name, may);
        EXECUTE format('CREATE TRIGGER %1$s_audit_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows()', kind.name);
        EXECUTE format('CREATE TRIGGER %1$s_audit_update AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows()', kind.name);
        EXECUTE format('CREATE TRIGGER %1$s_audit_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows()', kind.name);
        EXECUTE format('CREATE TRIGGER %1$s_forget_answers AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION forget_answers_of_deleted_records(%2$L)', kind.name, kind.route);
        EXECUTE format('CREATE TRIGGER %1$s_refuse_delete_referenced_by_other_agencies BEFORE DELETE ON %1$I
                        FOR EACH ROW EXECUTE FUNCTION refuse_delete_referenced_by_other_agencies()', kind.name);
    END LOOP;
END
$$;

-- Mentions: visible when the report and the record are (masked roles see no mention of a child-linked report, as in
-- migrations/0015), written by whoever may write the report; audited; their derived links follow them (0022).
DO $$
DECLARE
    joined record;
BEGIN
    FOR joined IN SELECT * FROM (VALUES
        ('report_phone_numbers', 'phone_numbers', 'phone_number_id'),
        ('report_online_identifiers', 'online_identifiers', 'online_identifier_id')) AS t (name, other_table, other_column)
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', joined.name);
        EXECUTE format('CREATE POLICY %1$s_read ON %1$I FOR SELECT USING (
                            (SELECT app_role()) = ''system''
                            OR (EXISTS (SELECT 1 FROM intelligence_reports o WHERE o.id = report_id
                                        AND NOT ((SELECT app_sees_masked_locations()) AND (o.mentions_child OR o.category = ''missing_found_location'')))
                                AND EXISTS (SELECT 1 FROM %2$I x WHERE x.id = %3$I)))',
            joined.name, joined.other_table, joined.other_column);
        EXECUTE format('CREATE POLICY %1$s_insert ON %1$I FOR INSERT WITH CHECK (
                            EXISTS (SELECT 1 FROM intelligence_reports o WHERE o.id = report_id
                                    AND app_can_write(o.agency_id, VARIADIC ARRAY[''tasking_member'', ''analyst'', ''licensing_officer'', ''supervisor'']))
                            AND EXISTS (SELECT 1 FROM %2$I x WHERE x.id = %3$I))',
            joined.name, joined.other_table, joined.other_column);
        EXECUTE format('CREATE POLICY %1$s_delete ON %1$I FOR DELETE USING (
                            EXISTS (SELECT 1 FROM intelligence_reports o WHERE o.id = report_id
                                    AND app_can_write(o.agency_id, VARIADIC ARRAY[''tasking_member'', ''analyst'', ''licensing_officer'', ''supervisor''])))',
            joined.name);
        EXECUTE format('CREATE TRIGGER %1$s_audit_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows()', joined.name);
        EXECUTE format('CREATE TRIGGER %1$s_audit_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows()', joined.name);
        EXECUTE format('CREATE TRIGGER %1$s_forget_derived_evidence_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION mentions_changed_forget_derived_evidence(%2$L)', joined.name, joined.other_column);
        EXECUTE format('CREATE TRIGGER %1$s_forget_derived_evidence_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION mentions_changed_forget_derived_evidence(%2$L)', joined.name, joined.other_column);
    END LOOP;
END
$$;

-- Links reach the new kinds: a person uses a phone number or an online identifier; a premises has a phone number.
ALTER TABLE links
    ADD COLUMN phone_number_id uuid REFERENCES phone_numbers (id) ON DELETE CASCADE,
    ADD COLUMN online_identifier_id uuid REFERENCES online_identifiers (id) ON DELETE CASCADE,
    DROP CONSTRAINT links_kind_check,
    DROP CONSTRAINT links_link_type_check,
    DROP CONSTRAINT links_ends_match_kind,
    ADD CONSTRAINT links_kind_check CHECK (kind IN ('person_person', 'person_premises', 'person_vehicle', 'person_location',
        'premises_vehicle', 'person_phone_number', 'person_online_identifier', 'premises_phone_number')),
    ADD CONSTRAINT links_link_type_check CHECK (link_type IN ('associate', 'family', 'relationship', 'owner_or_licence_holder',
        'employee', 'resident', 'driver', 'frequents', 'operates_from', 'seen_with', 'uses')),
    ADD CONSTRAINT links_ends_match_kind CHECK (
        num_nonnulls(person_id, related_person_id, premises_id, vehicle_id, location_id, phone_number_id, online_identifier_id) = 2
        AND CASE kind
            WHEN 'person_person' THEN person_id IS NOT NULL AND related_person_id IS NOT NULL AND person_id <> related_person_id
            WHEN 'person_premises' THEN person_id IS NOT NULL AND premises_id IS NOT NULL
            WHEN 'person_vehicle' THEN person_id IS NOT NULL AND vehicle_id IS NOT NULL
            WHEN 'person_location' THEN person_id IS NOT NULL AND location_id IS NOT NULL
            WHEN 'premises_vehicle' THEN premises_id IS NOT NULL AND vehicle_id IS NOT NULL
            WHEN 'person_phone_number' THEN person_id IS NOT NULL AND phone_number_id IS NOT NULL
            WHEN 'person_online_identifier' THEN person_id IS NOT NULL AND online_identifier_id IS NOT NULL
            WHEN 'premises_phone_number' THEN premises_id IS NOT NULL AND phone_number_id IS NOT NULL
        END);
CREATE INDEX links_phone_number_id_idx ON links (phone_number_id) WHERE phone_number_id IS NOT NULL;
CREATE INDEX links_online_identifier_id_idx ON links (online_identifier_id) WHERE online_identifier_id IS NOT NULL;

CREATE OR REPLACE VIEW recorded_link_ends AS
    WITH ends AS (
        SELECT l.id, e.kind, e.entity_id
        FROM links l
        CROSS JOIN LATERAL (VALUES ('person', l.person_id), ('person', l.related_person_id), ('premises', l.premises_id),
                                   ('vehicle', l.vehicle_id), ('location', l.location_id), ('phone_number', l.phone_number_id),
                                   ('online_identifier', l.online_identifier_id)) AS e (kind, entity_id)
        WHERE e.entity_id IS NOT NULL)
    SELECT a.entity_id, l.id AS link_id, a.kind AS entity_kind, b.entity_id AS other_id, b.kind AS other_kind,
           'recorded'::text AS derivation, l.link_type, l.agency_id, l.handling_code, l.agency_id AS paired_agency_id,
           l.handling_code AS paired_handling_code, l.security_marking, l.source_evaluation, l.intelligence_assessment,
           l.starts_on, l.ends_on, NULL::integer AS evidence_count
    FROM links l
    JOIN ends a ON a.id = l.id
    JOIN ends b ON b.id = l.id AND b.entity_id <> a.entity_id;

CREATE OR REPLACE VIEW report_mentions WITH (security_invoker = true) AS
    SELECT report_id, person_id AS entity_id, 'person' AS entity_kind FROM report_persons
    UNION ALL SELECT report_id, premises_id, 'premises' FROM report_premises
    UNION ALL SELECT report_id, vehicle_id, 'vehicle' FROM report_vehicles
    UNION ALL SELECT report_id, location_id, 'location' FROM report_locations
    UNION ALL SELECT report_id, phone_number_id, 'phone_number' FROM report_phone_numbers
    UNION ALL SELECT report_id, online_identifier_id, 'online_identifier' FROM report_online_identifiers;

CREATE OR REPLACE VIEW network_entities WITH (security_invoker = true) AS
    SELECT p.id, 'person' AS kind, p.given_names || ' ' || upper(p.family_name) AS label, p.role AS detail,
           p.agency_id, p.handling_code, p.security_marking, p.date_of_birth, NULL::geometry AS point
    FROM persons p
    UNION ALL
    SELECT x.id, 'premises', x.name, x.premises_type || ', ' || x.address, x.agency_id, x.handling_code, x.security_marking, NULL, x.location
    FROM premises x
    UNION ALL
    SELECT v.id, 'vehicle', v.registration_mark, concat_ws(' ', v.colour, v.make, v.model), v.agency_id, v.handling_code,
           v.security_marking, NULL, NULL
    FROM vehicles v
    UNION ALL
    SELECT l.id, 'location', l.name, l.location_type, l.agency_id, l.handling_code, l.security_marking, NULL, ST_PointOnSurface(l.geometry)
    FROM locations l
    UNION ALL
    SELECT n.id, 'phone_number', n.number, 'phone number', n.agency_id, n.handling_code, n.security_marking, NULL, NULL
    FROM phone_numbers n
    UNION ALL
    SELECT o.id, 'online_identifier', o.value, concat_ws(', ', o.identifier_type, o.platform), o.agency_id, o.handling_code,
           o.security_marking, NULL, NULL
    FROM online_identifiers o;

-- Review and erasure of the new kinds: migration 0040, which defines them once for every kind of record. Here the
-- two-argument check learns the new tables.
CREATE OR REPLACE FUNCTION references_from_other_agencies(record_table text, record_id uuid) RETURNS integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    owner uuid;
BEGIN
    IF record_table NOT IN ('persons', 'premises', 'locations', 'vehicles', 'intelligence_reports', 'links', 'missing_episodes',
                            'disruption_actions', 'phone_numbers', 'online_identifiers') THEN
        RAISE EXCEPTION 'not a record table: %', record_table USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT agency_id FROM %I WHERE id = $1', record_table) INTO owner USING record_id;
    IF owner IS NULL OR owner IS DISTINCT FROM app_agency_id() THEN
        RETURN NULL;
    END IF;
    RETURN references_from_other_agencies(record_table, record_id, owner);
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON phone_numbers, online_identifiers TO hotspotintel_app;
GRANT SELECT, INSERT, DELETE ON report_phone_numbers, report_online_identifiers TO hotspotintel_app;

-- Entity resolution. A merge keeps both records: the merged one points at the survivor (merged_into), lists leave it
-- out, and the network reads it as the survivor; a reversal clears the pointer and nothing else, so everything is as
-- before. merged_into always equals the survivor of the record's active merge: only the merge's own triggers set it.
ALTER TABLE persons ADD COLUMN merged_into uuid REFERENCES persons (id) ON DELETE SET NULL,
    ADD CONSTRAINT persons_not_merged_into_itself CHECK (merged_into <> id);
ALTER TABLE vehicles ADD COLUMN merged_into uuid REFERENCES vehicles (id) ON DELETE SET NULL,
    ADD CONSTRAINT vehicles_not_merged_into_itself CHECK (merged_into <> id);
CREATE INDEX persons_merged_into_idx ON persons (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX vehicles_merged_into_idx ON vehicles (merged_into) WHERE merged_into IS NOT NULL;
-- Candidates by name: given and family names compared case-insensitively, and by trigram similarity.
CREATE INDEX persons_names_dob_idx ON persons (lower(family_name), lower(given_names), date_of_birth) WHERE date_of_birth IS NOT NULL;

-- Whether the session's reader may read the record (its table's row-level security decides: an invoker's function).
CREATE FUNCTION app_can_read_entity(kind text, record_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE kind
        WHEN 'person' THEN EXISTS (SELECT 1 FROM persons p WHERE p.id = record_id)
        WHEN 'vehicle' THEN EXISTS (SELECT 1 FROM vehicles v WHERE v.id = record_id)
        ELSE false
    END
$$;

CREATE TABLE entity_merges (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('person', 'vehicle')),
    survivor_id uuid NOT NULL,
    merged_id uuid NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    merged_by text NOT NULL,
    justification text NOT NULL CHECK (length(justification) BETWEEN 10 AND 1000),
    merged_at timestamptz NOT NULL,
    reversed_at timestamptz,
    reversed_by text,
    reversal_justification text CHECK (length(reversal_justification) BETWEEN 10 AND 1000),
    CONSTRAINT entity_merges_two_records CHECK (survivor_id <> merged_id),
    CONSTRAINT entity_merges_reversal_whole CHECK (num_nulls(reversed_at, reversed_by, reversal_justification) IN (0, 3))
);
-- A record is merged into one survivor at a time.
CREATE UNIQUE INDEX entity_merges_active_merged_idx ON entity_merges (merged_id) WHERE reversed_at IS NULL;
CREATE INDEX entity_merges_active_survivor_idx ON entity_merges (survivor_id) WHERE reversed_at IS NULL;

-- A pair of records an analyst judged not to be one: not proposed again.
CREATE TABLE entity_resolution_rejections (
    id uuid NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('person', 'vehicle')),
    first_id uuid NOT NULL,
    second_id uuid NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    rejected_by text NOT NULL,
    justification text NOT NULL CHECK (length(justification) BETWEEN 10 AND 1000),
    rejected_at timestamptz NOT NULL,
    PRIMARY KEY (kind, first_id, second_id),
    CONSTRAINT entity_resolution_rejections_ordered CHECK (first_id < second_id)
);

-- Analysts and supervisors who may read both records (whatever agencies own them) see, merge, reverse and reject;
-- in their own name and agency. A reversal only sets the reversal's columns, once.
ALTER TABLE entity_merges ENABLE ROW LEVEL SECURITY;
CREATE POLICY entity_merges_read ON entity_merges FOR SELECT USING (
    (SELECT app_role()) IN ('analyst', 'supervisor', 'system')
    AND ((SELECT app_role()) = 'system' OR (app_can_read_entity(kind, survivor_id) AND app_can_read_entity(kind, merged_id))));
CREATE POLICY entity_merges_insert ON entity_merges FOR INSERT WITH CHECK (
    (SELECT app_role()) IN ('analyst', 'supervisor') AND agency_id = (SELECT app_agency_id()) AND merged_by = (SELECT app_user_id())
    AND reversed_at IS NULL AND app_can_read_entity(kind, survivor_id) AND app_can_read_entity(kind, merged_id));
CREATE POLICY entity_merges_update ON entity_merges FOR UPDATE
    USING ((SELECT app_role()) IN ('analyst', 'supervisor') AND reversed_at IS NULL
           AND app_can_read_entity(kind, survivor_id) AND app_can_read_entity(kind, merged_id))
    WITH CHECK ((SELECT app_role()) IN ('analyst', 'supervisor') AND reversed_at IS NOT NULL AND reversed_by = (SELECT app_user_id()));
ALTER TABLE entity_resolution_rejections ENABLE ROW LEVEL SECURITY;
CREATE POLICY entity_resolution_rejections_read ON entity_resolution_rejections FOR SELECT USING (
    (SELECT app_role()) IN ('analyst', 'supervisor', 'system')
    AND ((SELECT app_role()) = 'system' OR (app_can_read_entity(kind, first_id) AND app_can_read_entity(kind, second_id))));
CREATE POLICY entity_resolution_rejections_insert ON entity_resolution_rejections FOR INSERT WITH CHECK (
    (SELECT app_role()) IN ('analyst', 'supervisor') AND agency_id = (SELECT app_agency_id()) AND rejected_by = (SELECT app_user_id())
    AND app_can_read_entity(kind, first_id) AND app_can_read_entity(kind, second_id));
GRANT SELECT, INSERT ON entity_merges, entity_resolution_rejections TO hotspotintel_app;
GRANT UPDATE (reversed_at, reversed_by, reversal_justification) ON entity_merges TO hotspotintel_app;

-- The rules of a merge the database holds whoever writes it: both records exist, the merged record is not itself a
-- survivor, and the survivor is not itself merged (so a merged record points straight at its survivor).
CREATE FUNCTION check_entity_merge() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT (CASE NEW.kind WHEN 'person' THEN (SELECT count(*) FROM persons WHERE id IN (NEW.survivor_id, NEW.merged_id)) = 2
                          ELSE (SELECT count(*) FROM vehicles WHERE id IN (NEW.survivor_id, NEW.merged_id)) = 2 END) THEN
        RAISE EXCEPTION 'both records of a merge must be % records', NEW.kind USING ERRCODE = '23503', CONSTRAINT = 'entity_merges_records_exist';
    END IF;
    IF EXISTS (SELECT 1 FROM entity_merges m WHERE m.reversed_at IS NULL AND (m.merged_id = NEW.survivor_id OR m.survivor_id = NEW.merged_id)) THEN
        RAISE EXCEPTION 'the survivor is itself merged, or records are merged into the merged record'
            USING ERRCODE = '23514', CONSTRAINT = 'entity_merges_one_level';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER entity_merges_check BEFORE INSERT ON entity_merges FOR EACH ROW EXECUTE FUNCTION check_entity_merge();

-- Sets or clears merged_into and logs the decision as an alteration of both records, with its reason.
CREATE FUNCTION apply_entity_merge() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    record_table text := CASE NEW.kind WHEN 'person' THEN 'persons' ELSE 'vehicles' END;
    survivor uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.survivor_id END;
BEGIN
    EXECUTE format('UPDATE %I SET merged_into = $1 WHERE id = $2', record_table) USING survivor, NEW.merged_id;
    PERFORM append_audit('alteration', record_table, NULL, 2,
        CASE WHEN TG_OP = 'INSERT' THEN NEW.justification ELSE NEW.reversal_justification END, NULL,
        jsonb_build_object('entityResolution', CASE WHEN TG_OP = 'INSERT' THEN 'merge' ELSE 'reversal' END, 'mergeId', NEW.id,
                           'survivorId', NEW.survivor_id, 'mergedId', NEW.merged_id),
        ARRAY[NEW.survivor_id, NEW.merged_id]);
    RETURN NULL;
END
$$;
CREATE TRIGGER entity_merges_apply_insert AFTER INSERT ON entity_merges FOR EACH ROW EXECUTE FUNCTION apply_entity_merge();
CREATE TRIGGER entity_merges_apply_reversal AFTER UPDATE ON entity_merges FOR EACH ROW
    WHEN (OLD.reversed_at IS NULL AND NEW.reversed_at IS NOT NULL) EXECUTE FUNCTION apply_entity_merge();

CREATE FUNCTION audit_entity_rejection() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM append_audit('alteration', CASE NEW.kind WHEN 'person' THEN 'persons' ELSE 'vehicles' END, NULL, 2, NEW.justification, NULL,
        jsonb_build_object('entityResolution', 'rejection', 'rejectionId', NEW.id, 'firstId', NEW.first_id, 'secondId', NEW.second_id),
        ARRAY[NEW.first_id, NEW.second_id]);
    RETURN NULL;
END
$$;
CREATE TRIGGER entity_resolution_rejections_audit AFTER INSERT ON entity_resolution_rejections FOR EACH ROW EXECUTE FUNCTION audit_entity_rejection();

-- merged_into is the merge's to set: any other write of it is refused.
CREATE FUNCTION keep_merged_into() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.merged_into IS DISTINCT FROM (SELECT m.survivor_id FROM entity_merges m WHERE m.merged_id = NEW.id AND m.reversed_at IS NULL) THEN
        RAISE EXCEPTION 'merged_into is set only by a merge (POST /api/entity-resolution/merges)' USING ERRCODE = '23514',
            CONSTRAINT = TG_TABLE_NAME || '_merged_into_by_merge';
    END IF;
    RETURN NEW;
END
$$;
-- A deleted or erased record's merges and rejections go with it (the audit log keeps them); a survivor's merged records
-- are then unmerged by the foreign key.
CREATE FUNCTION forget_entity_resolution() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM entity_merges WHERE OLD.id IN (survivor_id, merged_id);
    DELETE FROM entity_resolution_rejections WHERE OLD.id IN (first_id, second_id);
    RETURN OLD;
END
$$;
DO $$
DECLARE
    merged text;
BEGIN
    FOREACH merged IN ARRAY ARRAY['persons', 'vehicles'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_merged_into_by_merge_insert BEFORE INSERT ON %1$I FOR EACH ROW
                        WHEN (NEW.merged_into IS NOT NULL) EXECUTE FUNCTION keep_merged_into()', merged);
        EXECUTE format('CREATE TRIGGER %1$s_merged_into_by_merge_update BEFORE UPDATE OF merged_into ON %1$I FOR EACH ROW
                        WHEN (NEW.merged_into IS DISTINCT FROM OLD.merged_into) EXECUTE FUNCTION keep_merged_into()', merged);
        EXECUTE format('CREATE TRIGGER %1$s_forget_entity_resolution BEFORE DELETE ON %1$I
                        FOR EACH ROW EXECUTE FUNCTION forget_entity_resolution()', merged);
    END LOOP;
END
$$;
