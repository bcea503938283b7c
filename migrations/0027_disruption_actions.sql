-- 0027: issue 15 §1. Disruption actions: what a partner does about a hotspot, premises, vehicle, named place or person,
-- recorded by an agency under its handling code like every record and audited; an action against a person is read
-- (and written) only by whoever may read the person, and the agency that owns the action reads it too.
CREATE TABLE disruption_actions (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    tactic_code text NOT NULL CHECK (tactic_code ~ '^[a-z][a-z0-9_]{1,63}$'),
    target_kind text NOT NULL CHECK (target_kind IN ('hotspot', 'premises', 'vehicle', 'location', 'person')),
    hotspot_id uuid REFERENCES hotspots (id),
    premises_id uuid REFERENCES premises (id) ON DELETE CASCADE,
    vehicle_id uuid REFERENCES vehicles (id) ON DELETE CASCADE,
    location_id uuid REFERENCES locations (id) ON DELETE CASCADE,
    person_id uuid REFERENCES persons (id) ON DELETE CASCADE,
    owner_agency_id uuid NOT NULL REFERENCES agencies (id),
    owner_officer text CHECK (length(owner_officer) BETWEEN 1 AND 200),
    status text NOT NULL CHECK (status IN ('proposed', 'agreed', 'in_progress', 'done', 'cancelled')),
    start_on date,
    due_on date CHECK (due_on >= start_on),
    done_on date CHECK (done_on >= start_on),
    outcome text CHECK (length(outcome) <= 5000),
    notes text CHECK (length(notes) <= 5000),
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT disruption_actions_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL)),
    CONSTRAINT disruption_actions_one_target CHECK (num_nonnulls(hotspot_id, premises_id, vehicle_id, location_id, person_id) = 1),
    CONSTRAINT disruption_actions_done_has_outcome CHECK (status <> 'done' OR (outcome IS NOT NULL AND done_on IS NOT NULL))
);
CREATE INDEX disruption_actions_agency_id_idx ON disruption_actions (agency_id);
CREATE INDEX disruption_actions_owner_status_due_idx ON disruption_actions (owner_agency_id, status, due_on);
CREATE INDEX disruption_actions_hotspot_id_idx ON disruption_actions (hotspot_id) WHERE hotspot_id IS NOT NULL;
CREATE INDEX disruption_actions_premises_id_idx ON disruption_actions (premises_id) WHERE premises_id IS NOT NULL;
CREATE INDEX disruption_actions_vehicle_id_idx ON disruption_actions (vehicle_id) WHERE vehicle_id IS NOT NULL;
CREATE INDEX disruption_actions_location_id_idx ON disruption_actions (location_id) WHERE location_id IS NOT NULL;
CREATE INDEX disruption_actions_person_id_idx ON disruption_actions (person_id) WHERE person_id IS NOT NULL;

-- The person test reads persons under the caller's own row-level security: a child, or a person of an agency that
-- shares nothing with the caller, makes the action as invisible as the person.
ALTER TABLE disruption_actions ENABLE ROW LEVEL SECURITY;
CREATE POLICY disruption_actions_read ON disruption_actions FOR SELECT USING (
    (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system')
    AND ((SELECT app_role()) = 'system'
         OR agency_id = (SELECT app_agency_id())
         OR owner_agency_id = (SELECT app_agency_id())
         OR (handling_code = 'P' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[])))
    AND (person_id IS NULL OR EXISTS (SELECT 1 FROM persons p WHERE p.id = person_id)));
CREATE POLICY disruption_actions_insert ON disruption_actions FOR INSERT WITH CHECK (
    agency_id = (SELECT app_agency_id())
    AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor')
    AND (person_id IS NULL OR EXISTS (SELECT 1 FROM persons p WHERE p.id = person_id)));
CREATE POLICY disruption_actions_update ON disruption_actions FOR UPDATE
    USING (agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor'))
    WITH CHECK (agency_id = (SELECT app_agency_id())
                AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor')
                AND (person_id IS NULL OR EXISTS (SELECT 1 FROM persons p WHERE p.id = person_id)));
CREATE POLICY disruption_actions_delete ON disruption_actions FOR DELETE
    USING (agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor'));

CREATE TRIGGER disruption_actions_audit_insert AFTER INSERT ON disruption_actions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();
CREATE TRIGGER disruption_actions_audit_update AFTER UPDATE ON disruption_actions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();
-- A deleted action's remembered create answer goes with it (migrations/0018).
CREATE TRIGGER disruption_actions_forget_answers AFTER DELETE ON disruption_actions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forget_answers_of_deleted_records('/api/disruption-actions');
CREATE TRIGGER disruption_actions_audit_delete AFTER DELETE ON disruption_actions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();

-- The hotspots an action attached to this one follows: the hotspot itself and every hotspot it was split or merged
-- from, through the lineage of the runs the caller may read.
CREATE FUNCTION hotspot_ancestry(hotspot uuid) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
    WITH RECURSIVE ancestors (id) AS (
        SELECT hotspot
        UNION
        SELECT l.from_hotspot_id FROM hotspot_lineage l JOIN ancestors a ON l.to_hotspot_id = a.id)
    SELECT id FROM ancestors
$$;

-- A record that other agencies' actions target is not deleted by its owner (migrations/0017), and an action may be
-- deleted by its own agency (nothing refers to one).
CREATE OR REPLACE FUNCTION references_from_other_agencies(record_table text, record_id uuid, owner_agency_id uuid) RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT (CASE record_table
        WHEN 'persons' THEN
            (SELECT count(*) FROM report_persons m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.person_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l
               WHERE (l.person_id = record_id OR l.related_person_id = record_id) AND l.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM missing_episodes e WHERE e.person_id = record_id AND e.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM disruption_actions a WHERE a.person_id = record_id AND a.agency_id <> owner_agency_id)
        WHEN 'premises' THEN
            (SELECT count(*) FROM report_premises m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.premises_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.premises_id = record_id AND l.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM disruption_actions a WHERE a.premises_id = record_id AND a.agency_id <> owner_agency_id)
        WHEN 'locations' THEN
            (SELECT count(*) FROM report_locations m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.location_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.location_id = record_id AND l.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM disruption_actions a WHERE a.location_id = record_id AND a.agency_id <> owner_agency_id)
        WHEN 'vehicles' THEN
            (SELECT count(*) FROM report_vehicles m JOIN intelligence_reports r ON r.id = m.report_id
             WHERE m.vehicle_id = record_id AND r.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM links l WHERE l.vehicle_id = record_id AND l.agency_id <> owner_agency_id)
            + (SELECT count(*) FROM disruption_actions a WHERE a.vehicle_id = record_id AND a.agency_id <> owner_agency_id)
        WHEN 'intelligence_reports' THEN
            (SELECT count(*) FROM link_reports p JOIN links l ON l.id = p.link_id
             WHERE p.report_id = record_id AND l.agency_id <> owner_agency_id)
        ELSE 0
    END)::integer
$$;

CREATE OR REPLACE FUNCTION references_from_other_agencies(record_table text, record_id uuid) RETURNS integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    owner uuid;
BEGIN
    IF record_table NOT IN ('persons', 'premises', 'locations', 'vehicles', 'intelligence_reports', 'links', 'missing_episodes',
                            'disruption_actions') THEN
        RAISE EXCEPTION 'not a record table: %', record_table USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT agency_id FROM %I WHERE id = $1', record_table) INTO owner USING record_id;
    IF owner IS NULL OR owner IS DISTINCT FROM app_agency_id() THEN
        RETURN NULL;
    END IF;
    RETURN references_from_other_agencies(record_table, record_id, owner);
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON disruption_actions TO hotspotintel_app;
