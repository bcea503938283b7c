-- 0040: review and erasure for every kind of record, defined once: migrations 0036 (missing episodes, tactics, actions
-- under review) and 0037 (phone numbers, online identifiers) were written side by side and both needed these. The kinds
-- a supervisor reviews; the references that keep another agency's record from being deleted (an action's agency is
-- compared with the function's parameter, not with the action's own owner_agency_id column, which in SQL would win
-- over the parameter of the same name: migration 0027's version let a record targeted by another agency's action be
-- deleted from under it); and what erasing on review detaches (the actions of any agency taken against a person,
-- premises, named place or vehicle being erased, else their reference would refuse its deletion, migrations/0017 and 0027).
ALTER TABLE records_due_for_review DROP CONSTRAINT records_due_for_review_entity_kind_check,
    ADD CONSTRAINT records_due_for_review_entity_kind_check CHECK (entity_kind IN ('reports', 'persons', 'premises', 'locations',
        'vehicles', 'links', 'missing-episodes', 'disruption-actions', 'phone-numbers', 'online-identifiers'));

CREATE OR REPLACE FUNCTION references_from_other_agencies(record_table text, record_id uuid, owner_agency_id uuid) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT (CASE record_table
        WHEN 'persons' THEN
            (SELECT count(*) FROM report_persons m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.person_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l
               WHERE (l.person_id = record_id OR l.related_person_id = record_id) AND l.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM missing_episodes e WHERE e.person_id = record_id AND e.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM disruption_actions a WHERE a.person_id = record_id AND a.agency_id <> references_from_other_agencies.owner_agency_id)
        WHEN 'premises' THEN
            (SELECT count(*) FROM report_premises m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.premises_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.premises_id = record_id AND l.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM disruption_actions a WHERE a.premises_id = record_id AND a.agency_id <> references_from_other_agencies.owner_agency_id)
        WHEN 'locations' THEN
            (SELECT count(*) FROM report_locations m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.location_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.location_id = record_id AND l.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM disruption_actions a WHERE a.location_id = record_id AND a.agency_id <> references_from_other_agencies.owner_agency_id)
        WHEN 'vehicles' THEN
            (SELECT count(*) FROM report_vehicles m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.vehicle_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.vehicle_id = record_id AND l.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM disruption_actions a WHERE a.vehicle_id = record_id AND a.agency_id <> references_from_other_agencies.owner_agency_id)
        WHEN 'phone_numbers' THEN
            (SELECT count(*) FROM report_phone_numbers m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.phone_number_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.phone_number_id = record_id AND l.agency_id <> owner_agency_id)
        WHEN 'online_identifiers' THEN
            (SELECT count(*) FROM report_online_identifiers m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.online_identifier_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.online_identifier_id = record_id AND l.agency_id <> owner_agency_id)
        WHEN 'intelligence_reports' THEN
            (SELECT count(*) FROM link_reports p JOIN links l ON l.id = p.link_id
             WHERE p.report_id = record_id AND l.agency_id <> owner_agency_id)
        ELSE 0
    END)::integer
$$;

CREATE OR REPLACE FUNCTION detach_for_erasure(record_table text, record_id uuid) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    owner uuid;
    detached integer;
BEGIN
    IF app_role() <> 'supervisor' OR nullif(current_setting('hotspotintel.justification', true), '') IS NULL THEN
        RAISE EXCEPTION 'only a supervisor erasing on review, with a reason, may detach a record' USING ERRCODE = '42501';
    END IF;
    IF record_table NOT IN ('persons', 'premises', 'locations', 'vehicles', 'intelligence_reports', 'links', 'missing_episodes',
                            'disruption_actions', 'phone_numbers', 'online_identifiers') THEN
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
                 episodes AS (DELETE FROM missing_episodes WHERE person_id = record_id RETURNING 1),
                 actions AS (DELETE FROM disruption_actions WHERE person_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) + (SELECT count(*) FROM episodes)
                   + (SELECT count(*) FROM actions) INTO detached;
        WHEN 'premises' THEN
            WITH mentions AS (DELETE FROM report_premises WHERE premises_id = record_id RETURNING 1),
                 linked AS (DELETE FROM links WHERE premises_id = record_id RETURNING 1),
                 actions AS (DELETE FROM disruption_actions WHERE premises_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) + (SELECT count(*) FROM actions) INTO detached;
        WHEN 'locations' THEN
            WITH mentions AS (DELETE FROM report_locations WHERE location_id = record_id RETURNING 1),
                 linked AS (DELETE FROM links WHERE location_id = record_id RETURNING 1),
                 actions AS (DELETE FROM disruption_actions WHERE location_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) + (SELECT count(*) FROM actions) INTO detached;
        WHEN 'vehicles' THEN
            WITH mentions AS (DELETE FROM report_vehicles WHERE vehicle_id = record_id RETURNING 1),
                 linked AS (DELETE FROM links WHERE vehicle_id = record_id RETURNING 1),
                 actions AS (DELETE FROM disruption_actions WHERE vehicle_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) + (SELECT count(*) FROM actions) INTO detached;
        WHEN 'phone_numbers' THEN
            WITH mentions AS (DELETE FROM report_phone_numbers WHERE phone_number_id = record_id RETURNING 1),
                 linked AS (DELETE FROM links WHERE phone_number_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) INTO detached;
        WHEN 'online_identifiers' THEN
            WITH mentions AS (DELETE FROM report_online_identifiers WHERE online_identifier_id = record_id RETURNING 1),
                 linked AS (DELETE FROM links WHERE online_identifier_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM mentions) + (SELECT count(*) FROM linked) INTO detached;
        WHEN 'intelligence_reports' THEN
            -- An erased report loses what names persons: its persons, vehicles, phone numbers and online identifiers.
            WITH persons_mentioned AS (DELETE FROM report_persons WHERE report_id = record_id RETURNING 1),
                 vehicles_mentioned AS (DELETE FROM report_vehicles WHERE report_id = record_id RETURNING 1),
                 phones_mentioned AS (DELETE FROM report_phone_numbers WHERE report_id = record_id RETURNING 1),
                 identifiers_mentioned AS (DELETE FROM report_online_identifiers WHERE report_id = record_id RETURNING 1),
                 provenance AS (DELETE FROM link_reports WHERE report_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM persons_mentioned) + (SELECT count(*) FROM vehicles_mentioned) + (SELECT count(*) FROM phones_mentioned)
                   + (SELECT count(*) FROM identifiers_mentioned) + (SELECT count(*) FROM provenance) INTO detached;
        ELSE
            -- Links, missing episodes and disruption actions: nothing of another agency refers to them.
            detached := 0;
    END CASE;
    RETURN detached;
END
$$;

