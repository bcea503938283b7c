-- 0022: the link network analysts explore (issue 14): every link end in one table, so a hop over a frontier of entities
-- is one index scan under row-level security; links derived from reports (co-occurrence, co-location) with their
-- evidence, removed at once when their evidence goes and added by a coarse background pass; a graded recorded link.

-- A recorded link's grading (3x5x2 without the handling code, which the link carries as a record): what the link's
-- recorder judges of the intelligence it rests on. Optional, as links recorded before this file have none.
ALTER TABLE links
    ADD COLUMN source_evaluation source_evaluation,
    ADD COLUMN intelligence_assessment intelligence_assessment,
    ADD CONSTRAINT links_grading_whole CHECK ((source_evaluation IS NULL) = (intelligence_assessment IS NULL));

-- One row per end of every link, recorded (links) or derived (derived_links): read from entity_id to other_id. The
-- visibility of a row is that of the records behind it, carried here so that the read policy costs a few comparisons:
-- a recorded link's own agency and handling code (twice); a derived link's evidence class, the recording agency and
-- handling code of the report that names each end (the same report, for co-occurrence). The key covers every column
-- a hop reads, so a hop is an index-only scan once the table is vacuumed.
CREATE TABLE link_ends (
    entity_id uuid NOT NULL,
    link_id uuid NOT NULL,
    entity_kind text NOT NULL,
    other_id uuid NOT NULL,
    other_kind text NOT NULL,
    derivation text NOT NULL CHECK (derivation IN ('recorded', 'co_occurrence', 'co_location')),
    link_type text NOT NULL,
    agency_id uuid NOT NULL,
    handling_code handling_code NOT NULL,
    paired_agency_id uuid NOT NULL,
    paired_handling_code handling_code NOT NULL,
    security_marking security_marking NOT NULL,
    source_evaluation source_evaluation,
    intelligence_assessment intelligence_assessment,
    starts_on date,
    ends_on date,
    evidence_count integer,
    PRIMARY KEY (entity_id, link_id) INCLUDE (entity_kind, other_id, other_kind, derivation, link_type, agency_id,
        handling_code, paired_agency_id, paired_handling_code, security_marking, source_evaluation, intelligence_assessment,
        starts_on, ends_on, evidence_count)
);
CREATE INDEX link_ends_link_id_idx ON link_ends (link_id);

-- Readable as the link is: analysts and supervisors (and jobs), records of their own agency or P-coded records of a
-- sharing partner; for a derived link, both evidence classes must be readable. The same rule as links_read and
-- intelligence_reports_read (migrations/0006), with the session's values found once per statement.
CREATE FUNCTION app_can_read_network(agency_id uuid, handling text, paired_agency_id uuid, paired_handling text)
    RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT (SELECT app_role()) IN ('analyst', 'supervisor', 'system')
       AND ((SELECT app_role()) = 'system'
            OR ((agency_id = (SELECT app_agency_id())
                 OR (handling = 'P' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[])))
                AND (paired_agency_id = (SELECT app_agency_id())
                     OR (paired_handling = 'P' AND paired_agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[])))))
$$;

ALTER TABLE link_ends ENABLE ROW LEVEL SECURITY;
CREATE POLICY link_ends_read ON link_ends FOR SELECT
    USING (app_can_read_network(agency_id, handling_code, paired_agency_id, paired_handling_code));

-- The ends of recorded links, as link_ends holds them; kept by triggers in the statement that changes the links.
CREATE VIEW recorded_link_ends AS
    WITH ends AS (
        SELECT l.id, e.kind, e.entity_id
        FROM links l
        CROSS JOIN LATERAL (VALUES ('person', l.person_id), ('person', l.related_person_id), ('premises', l.premises_id),
                                   ('vehicle', l.vehicle_id), ('location', l.location_id)) AS e (kind, entity_id)
        WHERE e.entity_id IS NOT NULL)
    SELECT a.entity_id, l.id AS link_id, a.kind AS entity_kind, b.entity_id AS other_id, b.kind AS other_kind,
           'recorded'::text AS derivation, l.link_type, l.agency_id, l.handling_code, l.agency_id AS paired_agency_id,
           l.handling_code AS paired_handling_code, l.security_marking, l.source_evaluation, l.intelligence_assessment,
           l.starts_on, l.ends_on, NULL::integer AS evidence_count
    FROM links l
    JOIN ends a ON a.id = l.id
    JOIN ends b ON b.id = l.id AND b.entity_id <> a.entity_id;

CREATE FUNCTION keep_recorded_link_ends() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM link_ends e USING old_rows o WHERE e.link_id = o.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO link_ends SELECT r.* FROM recorded_link_ends r WHERE r.link_id IN (SELECT n.id FROM new_rows n);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER links_keep_link_ends_insert AFTER INSERT ON links
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_recorded_link_ends();
CREATE TRIGGER links_keep_link_ends_update AFTER UPDATE ON links
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_recorded_link_ends();
CREATE TRIGGER links_keep_link_ends_delete AFTER DELETE ON links
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_recorded_link_ends();
INSERT INTO link_ends SELECT * FROM recorded_link_ends;

-- What each report names, one row per mention, whatever the kind (as the reader may see the mentions): the sightings
-- derived links are made from, and what a report panel lists.
CREATE VIEW report_mentions WITH (security_invoker = true) AS
    SELECT report_id, person_id AS entity_id, 'person' AS entity_kind FROM report_persons
    UNION ALL SELECT report_id, premises_id, 'premises' FROM report_premises
    UNION ALL SELECT report_id, vehicle_id, 'vehicle' FROM report_vehicles
    UNION ALL SELECT report_id, location_id, 'location' FROM report_locations;

-- Evidence of a derived link: the entity (the smaller id of the pair) is named in report_id, the other in
-- paired_report_id. Co-occurrence: both named in one report (paired_report_id = report_id). Co-location: named in two
-- reports that happened within the configured distance and time of each other. No foreign keys: the triggers below
-- remove evidence in the statement that removes what it rests on, and refresh the links it made.
CREATE TABLE derived_link_evidence (
    entity_id uuid NOT NULL,
    other_id uuid NOT NULL,
    report_id uuid NOT NULL,
    paired_report_id uuid NOT NULL,
    entity_kind text NOT NULL,
    other_kind text NOT NULL,
    distance_meters double precision NOT NULL CHECK (distance_meters >= 0),
    minutes_apart double precision NOT NULL CHECK (minutes_apart >= 0),
    PRIMARY KEY (entity_id, other_id, report_id, paired_report_id),
    CHECK (entity_id < other_id)
);
CREATE INDEX derived_link_evidence_report_idx ON derived_link_evidence (report_id);
CREATE INDEX derived_link_evidence_paired_report_idx ON derived_link_evidence (paired_report_id);

-- A derived link per pair, kind and evidence class (see link_ends): its strongest evidence's grading (best source
-- evaluation, then assessment), the span of its evidence and how much there is. The id is made from the key, so it stays
-- the same from one pass to the next.
CREATE TABLE derived_links (
    id uuid PRIMARY KEY,
    derivation text NOT NULL CHECK (derivation IN ('co_occurrence', 'co_location')),
    entity_id uuid NOT NULL,
    entity_kind text NOT NULL,
    other_id uuid NOT NULL,
    other_kind text NOT NULL,
    agency_id uuid NOT NULL,
    handling_code handling_code NOT NULL,
    paired_agency_id uuid NOT NULL,
    paired_handling_code handling_code NOT NULL,
    security_marking security_marking NOT NULL,
    source_evaluation source_evaluation NOT NULL,
    intelligence_assessment intelligence_assessment NOT NULL,
    first_seen_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    evidence_count integer NOT NULL CHECK (evidence_count > 0)
);
CREATE INDEX derived_links_pair_idx ON derived_links (entity_id, other_id);

ALTER TABLE derived_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY derived_links_read ON derived_links FOR SELECT
    USING (app_can_read_network(agency_id, handling_code, paired_agency_id, paired_handling_code));
-- Evidence shows when the reader may read both reports (each under its own policy).
ALTER TABLE derived_link_evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY derived_link_evidence_read ON derived_link_evidence FOR SELECT
    USING ((SELECT app_role()) IN ('analyst', 'supervisor', 'system')
           AND EXISTS (SELECT 1 FROM intelligence_reports r WHERE r.id = report_id)
           AND EXISTS (SELECT 1 FROM intelligence_reports r WHERE r.id = paired_report_id));

-- The evidence class of a pair of reports, in a fixed order, so that both orders of the same two classes make one link.
CREATE FUNCTION derived_link_id(derivation text, entity_id uuid, other_id uuid, agency_id uuid, handling_code text,
    paired_agency_id uuid, paired_handling_code text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT md5(concat_ws('|', derivation, entity_id, other_id, agency_id, handling_code, paired_agency_id, paired_handling_code))::uuid
$$;

-- Rebuilds the derived links (and their ends) of the given pairs from the evidence that remains.
CREATE FUNCTION refresh_derived_links(pair_entity_ids uuid[], pair_other_ids uuid[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    made integer;
BEGIN
    CREATE TEMPORARY TABLE IF NOT EXISTS refreshed_pairs (entity_id uuid, other_id uuid) ON COMMIT DROP;
    TRUNCATE refreshed_pairs;
    INSERT INTO refreshed_pairs SELECT DISTINCT p.entity_id, p.other_id FROM unnest(pair_entity_ids, pair_other_ids) AS p (entity_id, other_id);
    DELETE FROM link_ends e USING derived_links d, refreshed_pairs p
    WHERE d.entity_id = p.entity_id AND d.other_id = p.other_id AND e.link_id = d.id AND e.entity_id IN (d.entity_id, d.other_id);
    DELETE FROM derived_links d USING refreshed_pairs p WHERE d.entity_id = p.entity_id AND d.other_id = p.other_id;
    WITH evidence AS (
        SELECT e.entity_id, e.other_id, e.entity_kind, e.other_kind,
               CASE WHEN e.report_id = e.paired_report_id THEN 'co_occurrence' ELSE 'co_location' END AS derivation,
               -- The class pair in a fixed order (agency, then handling code).
               least(r.agency_id::text || r.handling_code, s.agency_id::text || s.handling_code) AS first_class,
               greatest(r.agency_id::text || r.handling_code, s.agency_id::text || s.handling_code) AS second_class,
               r.source_evaluation || r.intelligence_assessment AS grading_of_first,
               s.source_evaluation || s.intelligence_assessment AS grading_of_second,
               greatest(r.security_marking, s.security_marking) AS security_marking,
               least(r.occurred_at, s.occurred_at) AS first_at, greatest(r.occurred_at, s.occurred_at) AS last_at
        FROM derived_link_evidence e
        JOIN refreshed_pairs p ON p.entity_id = e.entity_id AND p.other_id = e.other_id
        JOIN intelligence_reports r ON r.id = e.report_id
        JOIN intelligence_reports s ON s.id = e.paired_report_id),
    grouped AS (
        SELECT derivation, entity_id, other_id, min(entity_kind) AS entity_kind, min(other_kind) AS other_kind,
               left(first_class, 36)::uuid AS agency_id, right(first_class, 1) AS handling_code,
               left(second_class, 36)::uuid AS paired_agency_id, right(second_class, 1) AS paired_handling_code,
               -- A pair of reports is as strong as its weaker report; the link as its strongest pair.
               min(greatest(grading_of_first, grading_of_second)) AS grading, max(security_marking) AS security_marking,
               min(first_at) AS first_seen_at, max(last_at) AS last_seen_at, count(*)::integer AS evidence_count
        FROM evidence
        GROUP BY derivation, entity_id, other_id, first_class, second_class),
    inserted AS (
        INSERT INTO derived_links (id, derivation, entity_id, entity_kind, other_id, other_kind, agency_id, handling_code,
                                   paired_agency_id, paired_handling_code, security_marking, source_evaluation,
                                   intelligence_assessment, first_seen_at, last_seen_at, evidence_count)
        SELECT derived_link_id(derivation, entity_id, other_id, agency_id, handling_code, paired_agency_id, paired_handling_code),
               derivation, entity_id, entity_kind, other_id, other_kind, agency_id, handling_code, paired_agency_id,
               paired_handling_code, security_marking, left(grading, 1), right(grading, 1), first_seen_at, last_seen_at, evidence_count
        FROM grouped
        RETURNING *)
    INSERT INTO link_ends
    SELECT ends.entity_id, i.id, ends.entity_kind, ends.other_id, ends.other_kind, i.derivation, i.derivation,
           i.agency_id, i.handling_code, i.paired_agency_id, i.paired_handling_code, i.security_marking, i.source_evaluation,
           i.intelligence_assessment, (i.first_seen_at AT TIME ZONE 'UTC')::date, (i.last_seen_at AT TIME ZONE 'UTC')::date,
           i.evidence_count
    FROM inserted i
    CROSS JOIN LATERAL (VALUES (i.entity_id, i.entity_kind, i.other_id, i.other_kind),
                               (i.other_id, i.other_kind, i.entity_id, i.entity_kind)) AS ends (entity_id, entity_kind, other_id, other_kind);
    GET DIAGNOSTICS made = ROW_COUNT;
    RETURN made / 2;
END
$$;

-- Reports whose mentions, place, time, grading or handling changed since the last pass: the pass derives their links
-- again. Removal does not wait for it (below); only new evidence does.
CREATE TABLE derived_link_pending_reports (
    report_id uuid PRIMARY KEY,
    marked_at timestamptz NOT NULL DEFAULT now()
);

-- Removes the evidence that rests on the given (report, entity) sightings, or on whole reports (entity null), refreshes
-- the links it made, and marks the reports for the next pass. In the statement that changed them, so a derived link
-- never outlives what it was derived from: a deleted or erased mention, a report whose handling code was narrowed.
CREATE FUNCTION forget_derived_evidence(report_ids uuid[], entity_ids uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    firsts uuid[];
    seconds uuid[];
BEGIN
    WITH gone AS (
        DELETE FROM derived_link_evidence e
        USING unnest(report_ids, entity_ids) AS s (report_id, entity_id)
        WHERE (e.report_id = s.report_id AND (s.entity_id IS NULL OR e.entity_id = s.entity_id))
           OR (e.paired_report_id = s.report_id AND (s.entity_id IS NULL OR e.other_id = s.entity_id))
        RETURNING e.entity_id, e.other_id)
    SELECT array_agg(entity_id), array_agg(other_id) INTO firsts, seconds FROM (SELECT DISTINCT entity_id, other_id FROM gone) g;
    IF firsts IS NOT NULL THEN
        PERFORM refresh_derived_links(firsts, seconds);
    END IF;
    INSERT INTO derived_link_pending_reports (report_id) SELECT DISTINCT unnest(report_ids) ON CONFLICT DO NOTHING;
END
$$;

CREATE FUNCTION mentions_changed_forget_derived_evidence() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    reports uuid[];
    entities uuid[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(report_id), array_agg(%I) FROM old_rows', TG_ARGV[0]) INTO reports, entities;
        IF reports IS NOT NULL THEN
            PERFORM forget_derived_evidence(reports, entities);
        END IF;
    ELSE
        INSERT INTO derived_link_pending_reports (report_id) SELECT DISTINCT report_id FROM new_rows ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION reports_changed_forget_derived_evidence() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    reports uuid[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT array_agg(id) INTO reports FROM old_rows;
    ELSE
        SELECT array_agg(n.id) INTO reports FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.location, n.occurred_at, n.agency_id, n.handling_code, n.source_evaluation, n.intelligence_assessment)
              IS DISTINCT FROM (o.location, o.occurred_at, o.agency_id, o.handling_code, o.source_evaluation, o.intelligence_assessment);
    END IF;
    IF reports IS NOT NULL THEN
        PERFORM forget_derived_evidence(reports, array_fill(NULL::uuid, ARRAY[cardinality(reports)]));
        IF TG_OP = 'DELETE' THEN
            DELETE FROM derived_link_pending_reports p WHERE p.report_id = ANY (reports);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    mention record;
BEGIN
    FOR mention IN SELECT * FROM (VALUES ('report_persons', 'person_id'), ('report_premises', 'premises_id'),
        ('report_vehicles', 'vehicle_id'), ('report_locations', 'location_id')) AS t (name, entity_column)
    LOOP
        EXECUTE format('CREATE TRIGGER %1$s_forget_derived_evidence_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION mentions_changed_forget_derived_evidence(%2$L)', mention.name, mention.entity_column);
        EXECUTE format('CREATE TRIGGER %1$s_forget_derived_evidence_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION mentions_changed_forget_derived_evidence(%2$L)', mention.name, mention.entity_column);
    END LOOP;
END
$$;
CREATE TRIGGER intelligence_reports_forget_derived_evidence_update AFTER UPDATE ON intelligence_reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_changed_forget_derived_evidence();
CREATE TRIGGER intelligence_reports_forget_derived_evidence_delete AFTER DELETE ON intelligence_reports
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_changed_forget_derived_evidence();

-- Each pass: when it ran, what it read and with which co-location distance and time. A pass with other parameters than
-- the last derives everything again.
CREATE TABLE derived_link_passes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('full', 'incremental')),
    co_location_meters double precision NOT NULL,
    co_location_minutes double precision NOT NULL,
    reports_read integer NOT NULL,
    evidence_added bigint NOT NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL
);

-- Derives the links of the pending reports (a full pass: of every report) in one transaction, under an advisory lock so
-- that two servers never pass at once (the other returns null and leaves the work to this one). Co-location pairs
-- reports whose times differ by at most co_location_minutes (the occurred_at index) and whose points are within
-- co_location_meters (a degree box first, then the distance on the sphere). Background jobs only.
CREATE FUNCTION derive_links(full_pass boolean, co_location_meters double precision, co_location_minutes double precision)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    started timestamptz := clock_timestamp();
    previous derived_link_passes%ROWTYPE;
    everything boolean := full_pass;
    read integer;
    added bigint;
    near_added bigint;
    firsts uuid[];
    seconds uuid[];
BEGIN
    IF app_role() IS DISTINCT FROM 'system' THEN
        RAISE EXCEPTION 'Only background jobs derive links.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF co_location_meters IS NULL OR co_location_meters < 0 OR co_location_meters > 5000
       OR co_location_minutes IS NULL OR co_location_minutes < 0 OR co_location_minutes > 1440 THEN
        RAISE EXCEPTION 'Co-location is within 0 to 5000 m and 0 to 1440 minutes.' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('derive_links')) THEN
        RETURN NULL;
    END IF;
    SELECT * INTO previous FROM derived_link_passes ORDER BY id DESC LIMIT 1;
    everything := everything OR previous.id IS NULL
        OR previous.co_location_meters <> derive_links.co_location_meters OR previous.co_location_minutes <> derive_links.co_location_minutes;

    CREATE TEMPORARY TABLE pass_reports (id uuid PRIMARY KEY) ON COMMIT DROP;
    IF everything THEN
        -- Deleted, not truncated: readers keep the links of the last pass until this one commits.
        DELETE FROM link_ends WHERE derivation <> 'recorded';
        DELETE FROM derived_links;
        DELETE FROM derived_link_evidence;
        DELETE FROM derived_link_pending_reports;
        INSERT INTO pass_reports SELECT id FROM intelligence_reports;
    ELSE
        WITH taken AS (DELETE FROM derived_link_pending_reports RETURNING report_id)
        INSERT INTO pass_reports SELECT t.report_id FROM taken t JOIN intelligence_reports r ON r.id = t.report_id;
        -- What these reports showed before is derived again from what they show now.
        WITH gone AS (
            DELETE FROM derived_link_evidence e USING pass_reports p
            WHERE e.report_id = p.id OR e.paired_report_id = p.id
            RETURNING e.entity_id, e.other_id)
        SELECT array_agg(entity_id), array_agg(other_id) INTO firsts, seconds FROM (SELECT DISTINCT entity_id, other_id FROM gone) g;
    END IF;
    SELECT count(*) INTO read FROM pass_reports;
    ANALYZE pass_reports;

    CREATE TEMPORARY TABLE pass_sightings ON COMMIT DROP AS
        SELECT m.report_id, m.entity_id, m.entity_kind FROM report_mentions m JOIN pass_reports p ON p.id = m.report_id;

    -- Named together in one report.
    INSERT INTO derived_link_evidence (entity_id, other_id, report_id, paired_report_id, entity_kind, other_kind, distance_meters, minutes_apart)
    SELECT a.entity_id, b.entity_id, a.report_id, a.report_id, a.entity_kind, b.entity_kind, 0, 0
    FROM pass_sightings a JOIN pass_sightings b ON b.report_id = a.report_id AND a.entity_id < b.entity_id
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;

    -- Seen near each other: each pass report against every report close to it in time, then in space.
    WITH near AS (
        SELECT r.id AS report_id, s.id AS paired_report_id,
               ST_Distance(r.location::geography, s.location::geography, false) AS distance_meters,
               abs(extract(epoch FROM s.occurred_at - r.occurred_at)) / 60 AS minutes_apart
        FROM pass_reports p
        JOIN intelligence_reports r ON r.id = p.id
        JOIN intelligence_reports s
          ON s.occurred_at BETWEEN r.occurred_at - make_interval(secs => co_location_minutes * 60)
                               AND r.occurred_at + make_interval(secs => co_location_minutes * 60)
         AND s.id <> r.id
         AND s.location && ST_Expand(r.location, co_location_meters / (111320 * greatest(cos(radians(ST_Y(r.location))), 0.01)) * 1.01,
                                     co_location_meters / 110574 * 1.01)
        WHERE ST_DWithin(r.location::geography, s.location::geography, co_location_meters, false)),
    pairs AS (
        SELECT least(a.entity_id, b.entity_id) AS entity_id, greatest(a.entity_id, b.entity_id) AS other_id,
               CASE WHEN a.entity_id < b.entity_id THEN n.report_id ELSE n.paired_report_id END AS report_id,
               CASE WHEN a.entity_id < b.entity_id THEN n.paired_report_id ELSE n.report_id END AS paired_report_id,
               CASE WHEN a.entity_id < b.entity_id THEN a.entity_kind ELSE b.entity_kind END AS entity_kind,
               CASE WHEN a.entity_id < b.entity_id THEN b.entity_kind ELSE a.entity_kind END AS other_kind,
               n.distance_meters, n.minutes_apart
        FROM near n
        JOIN report_mentions a ON a.report_id = n.report_id
        JOIN report_mentions b ON b.report_id = n.paired_report_id AND b.entity_id <> a.entity_id)
    INSERT INTO derived_link_evidence (entity_id, other_id, report_id, paired_report_id, entity_kind, other_kind, distance_meters, minutes_apart)
    SELECT entity_id, other_id, report_id, paired_report_id, entity_kind, other_kind, distance_meters, minutes_apart FROM pairs
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS near_added = ROW_COUNT;
    added := added + near_added;

    IF everything THEN
        PERFORM refresh_derived_links(array_agg(entity_id), array_agg(other_id))
        FROM (SELECT DISTINCT entity_id, other_id FROM derived_link_evidence) pairs;
    ELSE
        SELECT array_cat(firsts, array_agg(entity_id)), array_cat(seconds, array_agg(other_id)) INTO firsts, seconds
        FROM (SELECT DISTINCT e.entity_id, e.other_id FROM derived_link_evidence e JOIN pass_reports p ON p.id IN (e.report_id, e.paired_report_id)) pairs;
        IF firsts IS NOT NULL THEN
            PERFORM refresh_derived_links(firsts, seconds);
        END IF;
    END IF;

    INSERT INTO derived_link_passes (kind, co_location_meters, co_location_minutes, reports_read, evidence_added, started_at, finished_at)
    VALUES (CASE WHEN everything THEN 'full' ELSE 'incremental' END, derive_links.co_location_meters, derive_links.co_location_minutes,
            read, added, started, clock_timestamp());
    RETURN added;
END
$$;
REVOKE ALL ON FUNCTION derive_links(boolean, double precision, double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION derive_links(boolean, double precision, double precision) TO hotspotintel_jobs;
REVOKE ALL ON FUNCTION refresh_derived_links(uuid[], uuid[]), forget_derived_evidence(uuid[], uuid[]) FROM PUBLIC;

-- Every kind of entity a network shows, as the reader may see it (row-level security of each table applies): what it
-- is called, what it is, whose it is, its marking and, for premises and places, where it is (WGS84).
CREATE VIEW network_entities WITH (security_invoker = true) AS
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
    FROM locations l;

-- A disclosure may name several records: an exported chart discloses every entity and link on it, to one recipient.
CREATE OR REPLACE FUNCTION record_audit_entry(action text, entity_kind text, record_ids uuid[], justification text,
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
    IF action = 'disclosure' AND (coalesce(cardinality(record_ids), 0) = 0 OR nullif(btrim(recipient), '') IS NULL) THEN
        RAISE EXCEPTION 'A disclosure names the records disclosed and their recipient.' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT array_agg(DISTINCT n) INTO named FROM unnest(coalesce(record_ids, '{}') || coalesce(concerning, '{}')) AS n WHERE n IS NOT NULL;
    RETURN append_audit(action, entity_kind, CASE WHEN cardinality(record_ids) = 1 THEN record_ids[1] END,
                        coalesce(cardinality(record_ids), 0), justification, recipient, NULL, named);
END
$$;

GRANT SELECT ON link_ends, derived_links, derived_link_evidence, derived_link_passes, network_entities, report_mentions TO hotspotintel_app;
