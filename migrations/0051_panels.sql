-- 0051: issue 16 §3. Panels (MACE, CMOG, perpetrator forums): a panel's list of adults of concern, premises, vehicles and
-- places, the social-care case references of the children it concerns (never a child's name), and its meetings with
-- attendees by agency, decisions and the disruption actions agreed. A list item is seen only by whoever may see its record.
CREATE TABLE panels (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    kind text NOT NULL CHECK (kind IN ('mace', 'cmog', 'perpetrator_forum')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT panels_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL))
);
CREATE INDEX panels_agency_id_idx ON panels (agency_id);

-- One entry of a panel's list: exactly one person, premises, vehicle or named place.
CREATE TABLE panel_list_items (
    id uuid PRIMARY KEY,
    panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
    entity_kind text NOT NULL CHECK (entity_kind IN ('person', 'premises', 'vehicle', 'location')),
    person_id uuid REFERENCES persons (id) ON DELETE CASCADE,
    premises_id uuid REFERENCES premises (id) ON DELETE CASCADE,
    vehicle_id uuid REFERENCES vehicles (id) ON DELETE CASCADE,
    location_id uuid REFERENCES locations (id) ON DELETE CASCADE,
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    added_at timestamptz NOT NULL,
    added_by text NOT NULL CHECK (length(added_by) BETWEEN 1 AND 200),
    CONSTRAINT panel_list_items_one_entity CHECK (num_nonnulls(person_id, premises_id, vehicle_id, location_id) = 1),
    CONSTRAINT panel_list_items_kind_matches CHECK (
        (entity_kind = 'person') = (person_id IS NOT NULL) AND (entity_kind = 'premises') = (premises_id IS NOT NULL)
        AND (entity_kind = 'vehicle') = (vehicle_id IS NOT NULL) AND (entity_kind = 'location') = (location_id IS NOT NULL)),
    CONSTRAINT panel_list_items_person_once UNIQUE (panel_id, person_id),
    CONSTRAINT panel_list_items_premises_once UNIQUE (panel_id, premises_id),
    CONSTRAINT panel_list_items_vehicle_once UNIQUE (panel_id, vehicle_id),
    CONSTRAINT panel_list_items_location_once UNIQUE (panel_id, location_id)
);
CREATE INDEX panel_list_items_person_id_idx ON panel_list_items (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX panel_list_items_premises_id_idx ON panel_list_items (premises_id) WHERE premises_id IS NOT NULL;
CREATE INDEX panel_list_items_vehicle_id_idx ON panel_list_items (vehicle_id) WHERE vehicle_id IS NOT NULL;
CREATE INDEX panel_list_items_location_id_idx ON panel_list_items (location_id) WHERE location_id IS NOT NULL;

-- A child the panel is concerned with, only as the case reference of the social-care system that holds the case: a
-- reference is letters, digits, / and -, with at least three digits, letters in runs of at most four and no spaces, so
-- a name cannot be stored as one (CaseReferences in Core says the same).
CREATE TABLE panel_case_references (
    id uuid PRIMARY KEY,
    panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
    case_reference text NOT NULL CHECK (case_reference ~ '^[A-Za-z0-9][A-Za-z0-9/-]{3,39}$' AND case_reference ~ '[0-9].*[0-9].*[0-9]'
        AND case_reference !~ '[A-Za-z]{5}'),
    holding_agency_id uuid NOT NULL REFERENCES agencies (id),
    added_at timestamptz NOT NULL,
    added_by text NOT NULL CHECK (length(added_by) BETWEEN 1 AND 200),
    CONSTRAINT panel_case_references_once UNIQUE (panel_id, holding_agency_id, case_reference)
);

CREATE TABLE panel_meetings (
    id uuid PRIMARY KEY,
    panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
    held_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX panel_meetings_panel_id_idx ON panel_meetings (panel_id, held_at DESC);

-- Attendees are professionals: their agency and role, their name only if the panel records it.
CREATE TABLE panel_meeting_attendees (
    id uuid PRIMARY KEY,
    meeting_id uuid NOT NULL REFERENCES panel_meetings (id) ON DELETE CASCADE,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    role text NOT NULL CHECK (length(role) BETWEEN 1 AND 200),
    name text CHECK (length(name) BETWEEN 1 AND 200)
);
CREATE INDEX panel_meeting_attendees_meeting_id_idx ON panel_meeting_attendees (meeting_id);

CREATE TABLE panel_decisions (
    id uuid PRIMARY KEY,
    meeting_id uuid NOT NULL REFERENCES panel_meetings (id) ON DELETE CASCADE,
    text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
    decided_at timestamptz NOT NULL
);
CREATE INDEX panel_decisions_meeting_id_idx ON panel_decisions (meeting_id);

-- The actions a meeting agreed: disruption actions (migrations/0027), recorded there and linked here.
CREATE TABLE panel_meeting_actions (
    meeting_id uuid NOT NULL REFERENCES panel_meetings (id) ON DELETE CASCADE,
    action_id uuid NOT NULL REFERENCES disruption_actions (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, action_id)
);
CREATE INDEX panel_meeting_actions_action_id_idx ON panel_meeting_actions (action_id);

-- A panel is read like every record (its agency, or a sharing partner under handling code P) and changed by its own
-- agency's operational users; what hangs from it is read with it and changed by whoever may change it.
CREATE FUNCTION app_may_change_panel(panel uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM panels p WHERE p.id = panel AND p.agency_id = (SELECT app_agency_id()))
        AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor')
$$;

ALTER TABLE panels ENABLE ROW LEVEL SECURITY;
CREATE POLICY panels_read ON panels FOR SELECT USING (
    (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system')
    AND ((SELECT app_role()) = 'system'
         OR agency_id = (SELECT app_agency_id())
         OR (handling_code = 'P' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))));
CREATE POLICY panels_insert ON panels FOR INSERT WITH CHECK (
    agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor'));
CREATE POLICY panels_update ON panels FOR UPDATE
    USING (agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor'))
    WITH CHECK (agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor'));
CREATE POLICY panels_delete ON panels FOR DELETE
    USING (agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor'));

-- A list item is seen only with its record: the record's own row-level security decides (a child, or a person of an
-- agency that shares nothing with the reader, is simply absent), so no count of hidden items can be read either. No
-- child is ever put on a list: the panel knows children only by case reference.
ALTER TABLE panel_list_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY panel_list_items_read ON panel_list_items FOR SELECT USING (
    EXISTS (SELECT 1 FROM panels p WHERE p.id = panel_id)
    AND (person_id IS NULL OR EXISTS (SELECT 1 FROM persons x WHERE x.id = person_id))
    AND (premises_id IS NULL OR EXISTS (SELECT 1 FROM premises x WHERE x.id = premises_id))
    AND (vehicle_id IS NULL OR EXISTS (SELECT 1 FROM vehicles x WHERE x.id = vehicle_id))
    AND (location_id IS NULL OR EXISTS (SELECT 1 FROM locations x WHERE x.id = location_id)));
CREATE POLICY panel_list_items_insert ON panel_list_items FOR INSERT WITH CHECK (
    app_may_change_panel(panel_id)
    AND (person_id IS NULL OR EXISTS (SELECT 1 FROM persons x WHERE x.id = person_id AND x.role <> 'child_at_risk'))
    AND (premises_id IS NULL OR EXISTS (SELECT 1 FROM premises x WHERE x.id = premises_id))
    AND (vehicle_id IS NULL OR EXISTS (SELECT 1 FROM vehicles x WHERE x.id = vehicle_id))
    AND (location_id IS NULL OR EXISTS (SELECT 1 FROM locations x WHERE x.id = location_id)));
CREATE POLICY panel_list_items_update ON panel_list_items FOR UPDATE USING (app_may_change_panel(panel_id)) WITH CHECK (app_may_change_panel(panel_id));
CREATE POLICY panel_list_items_delete ON panel_list_items FOR DELETE USING (app_may_change_panel(panel_id));

DO $$
DECLARE
    child record;
BEGIN
    FOR child IN SELECT * FROM (VALUES
        ('panel_case_references', 'EXISTS (SELECT 1 FROM panels p WHERE p.id = panel_id)', 'app_may_change_panel(panel_id)'),
        ('panel_meetings', 'EXISTS (SELECT 1 FROM panels p WHERE p.id = panel_id)', 'app_may_change_panel(panel_id)'),
        ('panel_meeting_attendees', 'EXISTS (SELECT 1 FROM panel_meetings m WHERE m.id = meeting_id)',
            'EXISTS (SELECT 1 FROM panel_meetings m WHERE m.id = meeting_id AND app_may_change_panel(m.panel_id))'),
        ('panel_decisions', 'EXISTS (SELECT 1 FROM panel_meetings m WHERE m.id = meeting_id)',
            'EXISTS (SELECT 1 FROM panel_meetings m WHERE m.id = meeting_id AND app_may_change_panel(m.panel_id))')) AS t (name, reads, changes)
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', child.name);
        EXECUTE format('CREATE POLICY %1$s_read ON %1$I FOR SELECT USING (%2$s)', child.name, child.reads);
        EXECUTE format('CREATE POLICY %1$s_insert ON %1$I FOR INSERT WITH CHECK (%2$s)', child.name, child.changes);
        EXECUTE format('CREATE POLICY %1$s_update ON %1$I FOR UPDATE USING (%2$s) WITH CHECK (%2$s)', child.name, child.changes);
        EXECUTE format('CREATE POLICY %1$s_delete ON %1$I FOR DELETE USING (%2$s)', child.name, child.changes);
    END LOOP;
END
$$;

-- An agreed action is seen with both the meeting and the action (an action against a person the reader may not see is
-- as invisible here as on the board).
ALTER TABLE panel_meeting_actions ENABLE ROW LEVEL SECURITY;
CREATE POLICY panel_meeting_actions_read ON panel_meeting_actions FOR SELECT USING (
    EXISTS (SELECT 1 FROM panel_meetings m WHERE m.id = meeting_id) AND EXISTS (SELECT 1 FROM disruption_actions a WHERE a.id = action_id));
CREATE POLICY panel_meeting_actions_insert ON panel_meeting_actions FOR INSERT WITH CHECK (
    EXISTS (SELECT 1 FROM panel_meetings m WHERE m.id = meeting_id AND app_may_change_panel(m.panel_id))
    AND EXISTS (SELECT 1 FROM disruption_actions a WHERE a.id = action_id));
CREATE POLICY panel_meeting_actions_delete ON panel_meeting_actions FOR DELETE USING (
    EXISTS (SELECT 1 FROM panel_meetings m WHERE m.id = meeting_id AND app_may_change_panel(m.panel_id)));

DO $$
DECLARE
    audited text;
BEGIN
    FOREACH audited IN ARRAY ARRAY['panels', 'panel_list_items', 'panel_case_references', 'panel_meetings', 'panel_meeting_attendees',
                                   'panel_decisions', 'panel_meeting_actions']
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
-- A deleted panel's (or list entry's, case reference's, meeting's, decision's) remembered create answer goes with it (migrations/0018).
DO $$
DECLARE
    kind record;
BEGIN
    FOR kind IN SELECT * FROM (VALUES
        ('panels', '/api/panels'), ('panel_list_items', '/api/panel-list-items'), ('panel_case_references', '/api/panel-case-references'),
        ('panel_meetings', '/api/panel-meetings'), ('panel_decisions', '/api/panel-decisions')) AS t (name, route)
    LOOP
        EXECUTE format('CREATE TRIGGER %1$s_forget_answers AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION forget_answers_of_deleted_records(%2$L)', kind.name, kind.route);
    END LOOP;
END
$$;

-- Panels are a record table for the shared delete (nothing of another agency refers to one).
CREATE OR REPLACE FUNCTION references_from_other_agencies(record_table text, record_id uuid) RETURNS integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    owner uuid;
BEGIN
    IF record_table NOT IN ('persons', 'premises', 'locations', 'vehicles', 'intelligence_reports', 'links', 'missing_episodes',
                            'disruption_actions', 'phone_numbers', 'online_identifiers', 'panels') THEN
        RAISE EXCEPTION 'not a record table: %', record_table USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT agency_id FROM %I WHERE id = $1', record_table) INTO owner USING record_id;
    IF owner IS NULL OR owner IS DISTINCT FROM app_agency_id() THEN
        RETURN NULL;
    END IF;
    RETURN references_from_other_agencies(record_table, record_id, owner);
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON panels, panel_list_items, panel_case_references, panel_meetings, panel_meeting_attendees,
    panel_decisions TO hotspotintel_app;
GRANT SELECT, INSERT, DELETE ON panel_meeting_actions TO hotspotintel_app;
