-- 0050: issue 16 §2. Named areas the partnership imports (wards and council areas, with child population figures) for
-- the board's problem profile, which is a kind of meeting pack over a set of those areas; packs join the review worklist,
-- can be deleted (maker or supervisor) and retried, and missing episodes are counted per area without naming a child.
CREATE TABLE areas (
    id uuid PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 50),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind text NOT NULL CHECK (kind IN ('ward', 'council_area')),
    parent_id uuid REFERENCES areas (id) ON DELETE SET NULL CHECK (parent_id <> id),
    geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    child_population integer CHECK (child_population >= 0),
    population_year integer CHECK (population_year BETWEEN 1900 AND 2200),
    population_source text CHECK (length(population_source) BETWEEN 1 AND 300),
    imported_at timestamptz NOT NULL,
    imported_by text NOT NULL,
    CHECK ((child_population IS NULL) = (population_year IS NULL))
);
CREATE INDEX areas_geom_idx ON areas USING gist (geom);
CREATE INDEX areas_parent_idx ON areas (parent_id);

-- Boundaries and population figures are public reference data, not personal data: every signed-in user reads them;
-- supervisors and administrators import them.
ALTER TABLE areas ENABLE ROW LEVEL SECURITY;
CREATE POLICY areas_read ON areas FOR SELECT USING (true);
CREATE POLICY areas_insert ON areas FOR INSERT WITH CHECK ((SELECT app_role()) IN ('supervisor', 'administrator'));
CREATE POLICY areas_update ON areas FOR UPDATE USING ((SELECT app_role()) IN ('supervisor', 'administrator'))
    WITH CHECK ((SELECT app_role()) IN ('supervisor', 'administrator'));
GRANT SELECT, INSERT, UPDATE ON areas TO hotspotintel_app;
CREATE TRIGGER areas_audit_insert AFTER INSERT ON areas REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();
CREATE TRIGGER areas_audit_update AFTER UPDATE ON areas REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();

-- A pack is a tasking pack (a rectangle) or a problem profile (a set of areas, whose rectangle is their extent).
ALTER TABLE meeting_packs ADD COLUMN kind text NOT NULL DEFAULT 'tasking' CHECK (kind IN ('tasking', 'problem_profile')),
    ADD COLUMN area_ids uuid[],
    ADD COLUMN review_on date,
    ADD CONSTRAINT meeting_packs_profile_areas CHECK ((kind = 'problem_profile') = (area_ids IS NOT NULL));
UPDATE meeting_packs SET review_on = (requested_at + interval '1 year')::date;
ALTER TABLE meeting_packs ALTER COLUMN review_on SET NOT NULL;

-- Supervisors read every pack of their agency (to review or delete it), the review job lists them; the maker or a
-- supervisor deletes one; a supervisor retains one with a new review date.
DROP POLICY meeting_packs_read ON meeting_packs;
CREATE POLICY meeting_packs_read ON meeting_packs FOR SELECT
    USING ((agency_id = (SELECT app_agency_id()) AND (made_by_role = (SELECT app_role()) OR (SELECT app_role()) = 'supervisor'))
           OR (SELECT app_role()) = 'system');
CREATE POLICY meeting_packs_review ON meeting_packs FOR UPDATE
    USING (agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) = 'supervisor')
    WITH CHECK (agency_id = (SELECT app_agency_id()) AND (SELECT app_role()) = 'supervisor');
CREATE POLICY meeting_packs_delete ON meeting_packs FOR DELETE
    USING (agency_id = (SELECT app_agency_id()) AND (made_by = (SELECT app_user_id()) OR (SELECT app_role()) = 'supervisor'));
GRANT DELETE ON meeting_packs TO hotspotintel_app;
CREATE TRIGGER meeting_packs_audit_insert AFTER INSERT ON meeting_packs REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();
-- Only a change of review date is logged (a retention decision): the job's progress updates are not alterations of content.
-- Per row, as PostgreSQL allows no transition table on a trigger with a column list.
CREATE FUNCTION audit_meeting_pack_review() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM append_audit('alteration', TG_TABLE_NAME, NEW.id, 1, nullif(current_setting('hotspotintel.justification', true), ''));
    RETURN NULL;
END
$$;
CREATE TRIGGER meeting_packs_audit_review AFTER UPDATE OF review_on ON meeting_packs
    FOR EACH ROW EXECUTE FUNCTION audit_meeting_pack_review();
CREATE TRIGGER meeting_packs_audit_delete AFTER DELETE ON meeting_packs REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();

ALTER TABLE records_due_for_review DROP CONSTRAINT records_due_for_review_entity_kind_check,
    ADD CONSTRAINT records_due_for_review_entity_kind_check CHECK (entity_kind IN ('reports', 'persons', 'premises', 'locations',
        'vehicles', 'links', 'missing-episodes', 'disruption-actions', 'phone-numbers', 'online-identifiers', 'meeting-packs'));

-- Missing episodes found in an area that started in a period, and the children they are of: counts only, a count from
-- 1 to masking_minimum_count() - 1 null (suppressed). SECURITY DEFINER for the same reason and under the same agency
-- rule as frequently_missing_counts() (migrations/0036): readers who may not read episodes get the counts, never an id.
CREATE FUNCTION area_missing_episode_counts(area uuid, period_from timestamptz, period_to timestamptz)
    RETURNS TABLE (episodes integer, children integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH counted AS (
        SELECT count(*)::int AS episodes, count(DISTINCT e.person_id)::int AS children
        FROM missing_episodes e JOIN areas a ON a.id = area
        WHERE app_is_operational()
          AND app_can_read(e.agency_id, e.handling_code)
          AND e.missing_from >= period_from AND e.missing_from < period_to
          AND e.found_location && a.geom AND ST_Intersects(a.geom, e.found_location)
    )
    SELECT CASE WHEN c.episodes BETWEEN 1 AND masking_minimum_count() - 1 THEN NULL ELSE c.episodes END,
           CASE WHEN c.children BETWEEN 1 AND masking_minimum_count() - 1 THEN NULL ELSE c.children END
    FROM counted c
$$;
REVOKE ALL ON FUNCTION area_missing_episode_counts(uuid, timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION area_missing_episode_counts(uuid, timestamptz, timestamptz) TO hotspotintel_app;
