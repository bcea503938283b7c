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

-- How hotspots_seen() counts found locations, and how actions are reviewed and erased: migrations 0039 and 0040, which
-- define those functions once for every kind of record.
