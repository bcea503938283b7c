-- 0036: issue 15 §1-2. Return-home interviews on missing episodes; frequently-missing children as counts per area and
-- month that any operational role may read (never who); missing children's found locations in hotspot runs as points of
-- their own category; the tactic list maintained by administrators; disruption actions reviewed and erased like records.

-- The return-home interview a child is offered after an episode (statutory guidance on children who run away or go
-- missing from home or care): offered, done or declined, never before the child returned.
ALTER TABLE missing_episodes
    ADD COLUMN return_interview_offered_at timestamptz,
    ADD COLUMN return_interview_done_at timestamptz,
    ADD COLUMN return_interview_declined boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT missing_episodes_interview_after_return CHECK (
        returned_at IS NOT NULL
        OR (return_interview_offered_at IS NULL AND return_interview_done_at IS NULL AND NOT return_interview_declined)),
    ADD CONSTRAINT missing_episodes_interview_offered_after_return CHECK (return_interview_offered_at >= returned_at),
    ADD CONSTRAINT missing_episodes_interview_done_after_return CHECK (return_interview_done_at >= returned_at),
    ADD CONSTRAINT missing_episodes_interview_done_after_offer CHECK (return_interview_done_at >= return_interview_offered_at),
    ADD CONSTRAINT missing_episodes_interview_declined_when_offered CHECK (
        NOT return_interview_declined OR (return_interview_offered_at IS NOT NULL AND return_interview_done_at IS NULL));

-- The code of the area an episode's found location lies in: a ward of the basemap (its name; the lowest name where
-- wards overlap), or the 500 m masking cell (migrations/0002) as its centre's British National Grid easting and northing.
CREATE FUNCTION found_location_area(area_kind text, found_location geometry) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE area_kind
        WHEN 'ward' THEN (SELECT min(w.name) FROM basemap_features w
                          WHERE w.layer = 'ward' AND w.geom && found_location AND ST_Intersects(w.geom, found_location))
        WHEN 'cell' THEN (SELECT format('E%sN%s', ST_X(c.centre)::bigint, ST_Y(c.centre)::bigint)
                          FROM (SELECT ST_SnapToGrid(ST_Transform(found_location, 27700), 500) AS centre) c)
    END
$$;

-- Frequently-missing children (threshold episodes starting in the window_days up to the end of a month) for each
-- calendar month (Europe/London) from first_month to last_month: in all (area_code null), and for each area in which one
-- of those episodes was found. Counts only: a child is never named, and a count from 1 to masking_minimum_count() - 1
-- is null (suppressed). SECURITY DEFINER so that roles that may not read episodes (tasking members, licensing officers)
-- get the counts; the agency rule of the episodes' read policy still holds: only episodes the caller's agency may read
-- (its own, and partners' P-coded ones under a current sharing agreement) are counted, so an agency that shares nothing
-- learns nothing from another's. Administrators (no operational role) get nothing.
CREATE FUNCTION frequently_missing_counts(area_kind text, first_month date, last_month date, episode_threshold integer, window_days integer)
    RETURNS TABLE (month date, area_code text, children integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH months AS (
        SELECT m::date AS month,
               ((m + interval '1 month') AT TIME ZONE 'Europe/London') - interval '1 microsecond' AS as_of
        FROM generate_series(date_trunc('month', first_month)::timestamp, date_trunc('month', last_month)::timestamp, interval '1 month') m
    ),
    counted AS (
        SELECT e.person_id, e.missing_from, CASE WHEN e.found_location IS NOT NULL THEN found_location_area(area_kind, e.found_location) END AS area_code
        FROM missing_episodes e
        WHERE app_is_operational()
          AND app_can_read(e.agency_id, e.handling_code)
          AND e.missing_from > (SELECT min(as_of) FROM months) - make_interval(days => window_days)
          AND e.missing_from <= (SELECT max(as_of) FROM months)
    ),
    in_window AS (
        SELECT mo.month, c.person_id, c.area_code
        FROM months mo JOIN counted c ON c.missing_from > mo.as_of - make_interval(days => window_days) AND c.missing_from <= mo.as_of
    ),
    flagged AS (
        SELECT w.month, w.person_id FROM in_window w GROUP BY w.month, w.person_id HAVING count(*) >= episode_threshold
    ),
    figures AS (
        SELECT mo.month, NULL::text AS area_code, (SELECT count(*) FROM flagged f WHERE f.month = mo.month)::int AS children
        FROM months mo
        UNION ALL
        SELECT w.month, w.area_code, count(DISTINCT w.person_id)::int
        FROM in_window w JOIN flagged f ON f.month = w.month AND f.person_id = w.person_id
        WHERE w.area_code IS NOT NULL
        GROUP BY w.month, w.area_code
    )
    SELECT f.month, f.area_code, CASE WHEN f.children BETWEEN 1 AND masking_minimum_count() - 1 THEN NULL ELSE f.children END
    FROM figures f
    ORDER BY f.month, f.area_code NULLS FIRST
$$;
REVOKE ALL ON FUNCTION frequently_missing_counts(text, date, date, integer, integer), found_location_area(text, geometry) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frequently_missing_counts(text, date, date, integer, integer) TO hotspotintel_app;

-- The found locations a run put in each hotspot, beside its reports (hotspot_members): a missing child's found location
-- is a point of category missing_found_location, child-linked like a report of that category. Jobs only; read by hotspots_seen().
CREATE TABLE hotspot_episode_members (
    run_id uuid NOT NULL REFERENCES hotspot_runs (id),
    hotspot_id uuid NOT NULL REFERENCES hotspots (id),
    episode_id uuid NOT NULL REFERENCES missing_episodes (id) ON DELETE CASCADE,
    weight double precision NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (run_id, hotspot_id, episode_id)
);
CREATE INDEX hotspot_episode_members_episode_id_idx ON hotspot_episode_members (episode_id);
CREATE INDEX hotspot_episode_members_hotspot_id_idx ON hotspot_episode_members (hotspot_id, run_id);
ALTER TABLE hotspot_episode_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY hotspot_episode_members_read ON hotspot_episode_members FOR SELECT USING (app_role() = 'system');
CREATE POLICY hotspot_episode_members_insert ON hotspot_episode_members FOR INSERT WITH CHECK (app_role() = 'system');
GRANT SELECT, INSERT ON hotspot_episode_members TO hotspotintel_jobs;

-- hotspots_seen (migrations/0034) with found locations counted as the reader may see them: an episode the reader's
-- agency may read (the agency rule of its read policy; its role rule is lifted for counts, as for child-linked reports),
-- and for a masked reader only in a masking cell shown to them (shown_masking_cells(): enough child-linked reports).
-- They name nobody: no linked persons or vehicles are counted from them.
CREATE OR REPLACE FUNCTION hotspots_seen(seen_run uuid, seen_hotspot uuid)
    RETURNS TABLE (hotspot_id uuid, run_id uuid, method text, area geometry, centroid geometry, area_square_meters double precision,
                   report_count integer, weighted_score double precision, z_score double precision, p_value double precision,
                   confidence_percent integer, trend text, top_categories text, linked_vehicle_count integer,
                   linked_person_count integer, first_seen_at timestamptz, last_seen_at timestamptz, first_report_at timestamptz,
                   last_report_at timestamptz, premises_ids uuid[], location_ids uuid[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH reader AS (
        SELECT app_is_operational() AS operational, app_sees_masked_locations() AS masked,
               (SELECT s.hotspot_areas_shared FROM partnership_settings s) AS areas_shared
    ),
    entries AS (
        SELECT hh.*, r.method
        FROM hotspot_history hh
        JOIN hotspot_runs r ON r.id = hh.run_id
        CROSS JOIN reader
        WHERE reader.operational
          AND (seen_hotspot IS NULL OR hh.hotspot_id = seen_hotspot)
          AND CASE WHEN seen_run IS NOT NULL THEN hh.run_id = seen_run
                   WHEN seen_hotspot IS NULL THEN hh.run_id = published_hotspot_run()
                   ELSE true END
          AND r.status = 'succeeded'
          AND app_may_read_hotspot_run(r.kind, r.published_at, r.requested_by)
          AND NOT (reader.masked AND coalesce(hh.child_report_count, 1) BETWEEN 1 AND masking_minimum_count() - 1)
    ),
    seen AS (
        SELECT m.run_id, m.hotspot_id, rep.id AS report_id, rep.category, rep.occurred_at, m.weight,
               (reader.masked AND (rep.mentions_child OR rep.category = 'missing_found_location')) AS masked
        FROM entries e
        JOIN hotspot_members m ON m.run_id = e.run_id AND m.hotspot_id = e.hotspot_id
        JOIN intelligence_reports rep ON rep.id = m.report_id
        CROSS JOIN reader
        WHERE app_can_read(rep.agency_id, rep.handling_code)
          AND (NOT reader.masked OR NOT (rep.mentions_child OR rep.category = 'missing_found_location')
               OR (rep.masking_cell IN (SELECT shown_masking_cells())) IS TRUE)
        UNION ALL
        SELECT m.run_id, m.hotspot_id, NULL::uuid, 'missing_found_location', coalesce(ep.returned_at, ep.missing_from), m.weight, true
        FROM entries e
        JOIN hotspot_episode_members m ON m.run_id = e.run_id AND m.hotspot_id = e.hotspot_id
        JOIN missing_episodes ep ON ep.id = m.episode_id
        CROSS JOIN reader
        WHERE ep.found_location IS NOT NULL
          AND app_can_read(ep.agency_id, ep.handling_code)
          AND (NOT reader.masked
               OR (ST_Transform(ST_SnapToGrid(ST_Transform(ep.found_location, 27700), 500), 4326) IN (SELECT shown_masking_cells())) IS TRUE)
    ),
    figures AS (
        SELECT s.run_id, s.hotspot_id, count(*)::int AS report_count, sum(s.weight) AS weighted_score,
               min(s.occurred_at) AS first_report_at, max(s.occurred_at) AS last_report_at,
               (SELECT count(DISTINCT rv.vehicle_id) FROM report_vehicles rv
                WHERE rv.report_id = ANY (array_agg(s.report_id) FILTER (WHERE NOT s.masked)))::int AS linked_vehicle_count,
               (SELECT count(DISTINCT rp.person_id) FROM report_persons rp
                WHERE rp.report_id = ANY (array_agg(s.report_id) FILTER (WHERE NOT s.masked)))::int AS linked_person_count
        FROM seen s GROUP BY s.run_id, s.hotspot_id
    ),
    categories AS (
        SELECT c.run_id, c.hotspot_id,
               jsonb_agg(jsonb_build_object('category', c.category, 'reports', c.reports) ORDER BY c.reports DESC, c.category)::text AS top_categories
        FROM (SELECT s.run_id, s.hotspot_id, s.category, count(*)::int AS reports,
                     row_number() OVER (PARTITION BY s.run_id, s.hotspot_id ORDER BY count(*) DESC, s.category) AS place
              FROM seen s GROUP BY s.run_id, s.hotspot_id, s.category) c
        WHERE c.place <= 3
        GROUP BY c.run_id, c.hotspot_id
    )
    SELECT e.hotspot_id, e.run_id, e.method,
           CASE WHEN reader.masked THEN e.masked_area ELSE e.area END,
           ST_Transform(ST_Centroid(ST_Transform(CASE WHEN reader.masked THEN e.masked_area ELSE e.area END, 27700)), 4326),
           CASE WHEN reader.masked THEN ST_Area(ST_Transform(e.masked_area, 27700)) ELSE e.area_square_meters END,
           f.report_count, f.weighted_score,
           CASE WHEN f.report_count IS NOT NULL THEN e.z_score END,
           CASE WHEN f.report_count IS NOT NULL THEN e.p_value END,
           CASE WHEN f.report_count IS NOT NULL THEN e.confidence_percent END,
           e.trend::text,
           CASE WHEN f.report_count IS NOT NULL THEN coalesce(c.top_categories, '[]') END,
           f.linked_vehicle_count, f.linked_person_count, h.first_seen_at, h.last_seen_at, f.first_report_at, f.last_report_at,
           CASE WHEN f.report_count IS NOT NULL THEN e.premises_ids ELSE '{}' END,
           CASE WHEN f.report_count IS NOT NULL THEN e.location_ids ELSE '{}' END
    FROM entries e
    CROSS JOIN reader
    JOIN hotspots h ON h.id = e.hotspot_id
    LEFT JOIN figures f ON f.run_id = e.run_id AND f.hotspot_id = e.hotspot_id
    LEFT JOIN categories c ON c.run_id = e.run_id AND c.hotspot_id = e.hotspot_id
    WHERE f.report_count IS NOT NULL OR reader.areas_shared
$$;

-- The partnership's tactics: the built-in ones (Core/Tasking/BuiltInTactics), seeded here, and those administrators
-- add. Not personal data: every signed-in user reads the list. A tactic is retired, never deleted, so the actions
-- taken under it keep their tactic; a retired tactic takes no new actions. Changes are audited like records'.
CREATE TABLE tactics (
    id uuid PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    legal_basis text CHECK (length(btrim(legal_basis)) BETWEEN 1 AND 500),
    target_kinds text[] NOT NULL CHECK (cardinality(target_kinds) > 0
        AND target_kinds <@ ARRAY['hotspot', 'premises', 'vehicle', 'location', 'person']),
    built_in boolean NOT NULL,
    retired boolean NOT NULL DEFAULT false,
    list_position integer NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
INSERT INTO tactics (id, code, name, legal_basis, target_kinds, built_in, list_position, created_at, updated_at)
SELECT gen_random_uuid(), t.code, t.name, t.legal_basis, t.target_kinds, true, t.position, now(), now()
FROM (VALUES
    (1, 'patrols', 'Patrols', NULL, ARRAY['hotspot', 'premises', 'location']),
    (2, 'child_abduction_warning_notice_under_16', 'Child Abduction Warning Notice (child under 16)', 'Child Abduction Act 1984 s2', ARRAY['person']),
    (3, 'child_abduction_warning_notice_in_care', 'Child Abduction Warning Notice (child in care)', 'Children Act 1989 s49', ARRAY['person']),
    (4, 'letter_to_person_of_concern', 'Letter to a person of concern', NULL, ARRAY['person']),
    (5, 'sexual_risk_order', 'Sexual Risk Order', 'Sexual Offences Act 2003 s122A', ARRAY['person']),
    (6, 'sexual_harm_prevention_order', 'Sexual Harm Prevention Order',
        'Sentencing Act 2020 s345 (on conviction); Sexual Offences Act 2003 s103A (on application)', ARRAY['person']),
    (7, 'hotel_information_notice', 'Hotel information notice', 'Anti-social Behaviour, Crime and Policing Act 2014 s116', ARRAY['premises']),
    (8, 'closure_notice_and_order', 'Closure notice and order',
        'Anti-social Behaviour, Crime and Policing Act 2014 s76 (notice), s80 (order)', ARRAY['premises']),
    (9, 'premises_licence_review', 'Premises licence review', 'Licensing Act 2003 s51', ARRAY['premises']),
    (10, 'taxi_licence_suspension_or_revocation', 'Taxi or private-hire licence suspension or revocation',
        'Local Government (Miscellaneous Provisions) Act 1976 s60 (vehicle), s61 (driver), s62 (operator)', ARRAY['vehicle', 'person', 'premises']),
    (11, 'awareness_visit', 'Hotel, B&B and taxi awareness visit', NULL, ARRAY['hotspot', 'premises', 'vehicle']),
    (12, 'test_purchase', 'Test purchase', NULL, ARRAY['premises', 'vehicle']),
    (13, 'community_protection_notice', 'Community Protection Notice', 'Anti-social Behaviour, Crime and Policing Act 2014 s43', ARRAY['person', 'premises']),
    (14, 'cctv', 'CCTV', NULL, ARRAY['hotspot', 'premises', 'location']),
    (15, 'detached_youth_work', 'Detached youth work', NULL, ARRAY['hotspot', 'location']),
    (16, 'return_home_interview', 'Return-home interview',
        'Statutory guidance on children who run away or go missing from home or care (Department for Education)', ARRAY['person'])
) AS t (position, code, name, legal_basis, target_kinds);

ALTER TABLE tactics ENABLE ROW LEVEL SECURITY;
CREATE POLICY tactics_read ON tactics FOR SELECT USING ((SELECT app_role()) <> 'none');
CREATE POLICY tactics_insert ON tactics FOR INSERT WITH CHECK ((SELECT app_role()) = 'administrator' AND NOT built_in);
CREATE POLICY tactics_update ON tactics FOR UPDATE USING ((SELECT app_role()) = 'administrator')
    WITH CHECK ((SELECT app_role()) = 'administrator');
CREATE TRIGGER tactics_audit_insert AFTER INSERT ON tactics REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();
CREATE TRIGGER tactics_audit_update AFTER UPDATE ON tactics REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();
GRANT SELECT, INSERT, UPDATE ON tactics TO hotspotintel_app;

-- Every action's tactic is on the list (until now only built-in codes were accepted, so every existing action's is).
ALTER TABLE disruption_actions ADD CONSTRAINT disruption_actions_tactic_code_fkey FOREIGN KEY (tactic_code) REFERENCES tactics (code);

-- Disruption actions carry a review date like every record: the worklist lists them, and erasure detaches the actions
-- of any agency taken against a person, premises, named place or vehicle being erased (else their reference would
-- refuse its deletion, migrations/0017 and 0027).
ALTER TABLE records_due_for_review DROP CONSTRAINT records_due_for_review_entity_kind_check;
ALTER TABLE records_due_for_review ADD CONSTRAINT records_due_for_review_entity_kind_check CHECK (entity_kind IN (
    'reports', 'persons', 'premises', 'locations', 'vehicles', 'links', 'missing-episodes', 'disruption-actions'));

-- Migrations/0027's count of other agencies' actions compared an action's agency with its own owner_agency_id column
-- (which, in SQL, wins over the parameter of the same name), so an action of another agency that it owns itself did not
-- count, and the record it targets could be deleted from under it. The parameter is now named in full.
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
                            'disruption_actions') THEN
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
        WHEN 'intelligence_reports' THEN
            WITH persons_mentioned AS (DELETE FROM report_persons WHERE report_id = record_id RETURNING 1),
                 vehicles_mentioned AS (DELETE FROM report_vehicles WHERE report_id = record_id RETURNING 1),
                 provenance AS (DELETE FROM link_reports WHERE report_id = record_id RETURNING 1)
            SELECT (SELECT count(*) FROM persons_mentioned) + (SELECT count(*) FROM vehicles_mentioned) + (SELECT count(*) FROM provenance) INTO detached;
        ELSE
            -- Links, missing episodes and disruption actions: nothing of another agency refers to them.
            detached := 0;
    END CASE;
    RETURN detached;
END
$$;
