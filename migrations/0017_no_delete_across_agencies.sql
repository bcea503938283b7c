-- 0017: foreign-key cascades bypass row-level security, so deleting a record used to delete other agencies' mentions,
-- links, provenance and missing episodes. Now a delete is refused while other agencies' records refer to the record;
-- only erasure on review (a supervisor of the owning agency, with a reason) detaches them, explicitly and audited.

-- How many rows of agencies other than owner_agency_id refer to the record (any row, visible to the caller or not).
CREATE FUNCTION references_from_other_agencies(record_table text, record_id uuid, owner_agency_id uuid) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT (CASE record_table
        WHEN 'persons' THEN
            (SELECT count(*) FROM report_persons m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.person_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l
               WHERE (l.person_id = record_id OR l.related_person_id = record_id) AND l.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM missing_episodes e WHERE e.person_id = record_id AND e.agency_id <> owner_agency_id)
        WHEN 'premises' THEN
            (SELECT count(*) FROM report_premises m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.premises_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.premises_id = record_id AND l.agency_id <> owner_agency_id)
        WHEN 'locations' THEN
            (SELECT count(*) FROM report_locations m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.location_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.location_id = record_id AND l.agency_id <> owner_agency_id)
        WHEN 'vehicles' THEN
            (SELECT count(*) FROM report_vehicles m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.vehicle_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.vehicle_id = record_id AND l.agency_id <> owner_agency_id)
        WHEN 'intelligence_reports' THEN
            (SELECT count(*) FROM link_reports p JOIN links l ON l.id = p.link_id
             WHERE p.report_id = record_id AND l.agency_id <> owner_agency_id)
        ELSE 0
    END)::integer
$$;
REVOKE ALL ON FUNCTION references_from_other_agencies(text, uuid, uuid) FROM PUBLIC;

-- What the API asks before a delete: the count for one of the caller's own agency's records, null for any other
-- record, so that nobody learns anything about records they do not own.
CREATE FUNCTION references_from_other_agencies(record_table text, record_id uuid) RETURNS integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    owner uuid;
BEGIN
    IF record_table NOT IN ('persons', 'premises', 'locations', 'vehicles', 'intelligence_reports', 'links', 'missing_episodes') THEN
        RAISE EXCEPTION 'not a record table: %', record_table USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT agency_id FROM %I WHERE id = $1', record_table) INTO owner USING record_id;
    IF owner IS NULL OR owner IS DISTINCT FROM app_agency_id() THEN
        RETURN NULL;
    END IF;
    RETURN references_from_other_agencies(record_table, record_id, owner);
END
$$;

-- Every path (the API, a hand-written statement, a cascade from another table) meets the same refusal.
CREATE FUNCTION refuse_delete_referenced_by_other_agencies() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    referencing integer := references_from_other_agencies(TG_TABLE_NAME, OLD.id, OLD.agency_id);
BEGIN
    IF referencing > 0 THEN
        RAISE EXCEPTION '% record(s) of other agencies refer to %.% %', referencing, TG_TABLE_SCHEMA, TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_TABLE_NAME || '_referenced_by_other_agencies',
                  TABLE = TG_TABLE_NAME, HINT = 'Erase it on review instead: erasure detaches the other agencies'' references.';
    END IF;
    RETURN OLD;
END
$$;

DO $$
DECLARE
    referred text;
BEGIN
    FOREACH referred IN ARRAY ARRAY['persons', 'premises', 'locations', 'vehicles', 'intelligence_reports'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_refuse_delete_referenced_by_other_agencies BEFORE DELETE ON %1$I
                        FOR EACH ROW EXECUTE FUNCTION refuse_delete_referenced_by_other_agencies()', referred);
    END LOOP;
END
$$;

-- Erasure on review: removes every row, of any agency, that ties the record to others (what an erased report loses:
-- its persons, vehicles and link provenance; what any other record must lose before it can be deleted). Only a
-- supervisor of the owning agency, having given the decision's reason, may; the audit triggers log each statement as
-- erasure with that reason. Returns the number of rows removed, or null when the record is not the caller's.
CREATE FUNCTION detach_for_erasure(record_table text, record_id uuid) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    owner uuid;
    detached integer;
BEGIN
    IF app_role() <> 'supervisor' OR nullif(current_setting('hotspotintel.justification', true), '') IS NULL THEN
        RAISE EXCEPTION 'only a supervisor erasing on review, with a reason, may detach a record' USING ERRCODE = '42501';
    END IF;
    IF record_table NOT IN ('persons', 'premises', 'locations', 'vehicles', 'intelligence_reports', 'links', 'missing_episodes') THEN
        RAISE EXCEPTION 'not a record table: %', record_table USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT agency_id FROM %I WHERE id = $1', record_table) INTO owner USING record_id;
    IF owner IS NULL OR owner IS DISTINCT FROM app_agency_id() THEN
        RETURN NULL;
    END IF;
    -- One statement per kind: the audit triggers write one erasure entry per table it empties of the record.
    CASE record_table
        WHEN 'persons' THEN
            WITH mentions AS (DELETE FROM report_persons WHERE person_id = record_id RETURNING 1),
                 linked AS (DELETE FROM links WHERE record_id IN (person_id, related_person_id) RETURNING 1),
                 episodes AS (DELETE FROM missing_episodes WHERE person_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) + (SELECT count(*) FROM episodes) INTO detached;
        WHEN 'premises' THEN
            WITH mentions AS (DELETE FROM report_premises WHERE premises_id = record_id RETURNING 1),
                 linked AS (DELETE FROM links WHERE premises_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) INTO detached;
        WHEN 'locations' THEN
            WITH mentions AS (DELETE FROM report_locations WHERE location_id = record_id RETURNING 1),
                 linked AS (DELETE FROM links WHERE location_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) INTO detached;
        WHEN 'vehicles' THEN
            WITH mentions AS (DELETE FROM report_vehicles WHERE vehicle_id = record_id RETURNING 1),
                 linked AS (DELETE FROM links WHERE vehicle_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) INTO detached;
        WHEN 'intelligence_reports' THEN
            WITH persons_mentioned AS (DELETE FROM report_persons WHERE report_id = record_id RETURNING 1),
                 vehicles_mentioned AS (DELETE FROM report_vehicles WHERE report_id = record_id RETURNING 1),
                 provenance AS (DELETE FROM link_reports WHERE report_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM persons_mentioned) + (SELECT count(*) FROM vehicles_mentioned) + (SELECT count(*) FROM provenance) INTO detached;
        ELSE
            -- Links and missing episodes: nothing of another agency refers to them.
            detached := 0;
    END CASE;
    RETURN detached;
END
$$;

REVOKE ALL ON FUNCTION references_from_other_agencies(text, uuid), detach_for_erasure(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION references_from_other_agencies(text, uuid), detach_for_erasure(text, uuid) TO hotspotintel_app;
