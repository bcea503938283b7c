-- 0072: a derived-link pass gives back the space of its working tables as soon as it has used them, not at its end.
-- A full pass holds every piece of evidence three times before it writes a link: in derived_link_evidence, in the
-- temporary pass_evidence, and once more as the facts links are summed from (derived_link_facts); then the links twice
-- more (computed_links, changed_links) before derived_links and link_ends. At the regional size (200,000 persons,
-- 1,000,000 reports) the temporary tables reached 19.5 GB before the first link was written, and the pass ran out of
-- disk. Each temporary table is now truncated once read for the last time: in the transaction that made it, a
-- truncation gives its files back at once (a table made earlier in the transaction gets a new, empty file, the old one
-- going at commit). What the passes write is the same; only write_derived_links and derive_links change, each as in
-- migration 0048 but for the TRUNCATE statements.

CREATE OR REPLACE FUNCTION write_derived_links(everything boolean, OUT written integer, OUT removed integer)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    CREATE TEMPORARY TABLE IF NOT EXISTS computed_links (LIKE derived_links) ON COMMIT DROP;
    CREATE TEMPORARY TABLE IF NOT EXISTS changed_links (LIKE derived_links) ON COMMIT DROP;
    CREATE TEMPORARY TABLE IF NOT EXISTS gone_links (id uuid) ON COMMIT DROP;
    TRUNCATE computed_links, changed_links, gone_links;

    INSERT INTO computed_links
    SELECT derived_link_id(g.derivation, g.entity_id, g.other_id, g.agency_id, g.handling_code, g.paired_agency_id, g.paired_handling_code),
           g.derivation, g.entity_id, g.entity_kind, g.other_id, g.other_kind, g.agency_id, g.handling_code, g.paired_agency_id,
           g.paired_handling_code, g.security_marking, left(g.grading, 1), right(g.grading, 1), g.first_seen_at, g.last_seen_at, g.evidence_count
    FROM (SELECT f.derivation, f.entity_id, f.other_id, min(f.entity_kind) AS entity_kind, min(f.other_kind) AS other_kind,
                 left(f.first_class, 36)::uuid AS agency_id, right(f.first_class, 1) AS handling_code,
                 left(f.second_class, 36)::uuid AS paired_agency_id, right(f.second_class, 1) AS paired_handling_code,
                 -- A pair of reports is as strong as its weaker report; the link as its strongest pair.
                 min(f.grading) AS grading, max(f.security_marking) AS security_marking,
                 min(f.first_at) AS first_seen_at, max(f.last_at) AS last_seen_at, sum(f.weight)::integer AS evidence_count
          FROM derived_link_facts f
          GROUP BY f.derivation, f.entity_id, f.other_id, f.first_class, f.second_class) g;
    ANALYZE computed_links;
    -- The facts are summed up: their space goes now, not at the end of the transaction.
    TRUNCATE derived_link_facts;

    INSERT INTO changed_links
    SELECT c.* FROM computed_links c
    WHERE NOT EXISTS (SELECT 1 FROM derived_links d WHERE d.id = c.id
                      AND (d.entity_kind, d.other_kind, d.security_marking, d.source_evaluation, d.intelligence_assessment,
                           d.first_seen_at, d.last_seen_at, d.evidence_count)
                          IS NOT DISTINCT FROM (c.entity_kind, c.other_kind, c.security_marking, c.source_evaluation,
                                                c.intelligence_assessment, c.first_seen_at, c.last_seen_at, c.evidence_count));
    IF everything THEN
        INSERT INTO gone_links SELECT d.id FROM derived_links d WHERE NOT EXISTS (SELECT 1 FROM computed_links c WHERE c.id = d.id);
    ELSE
        -- The pairs' links through the pair index, then those still made: an anti-join in one statement would read
        -- every derived link.
        INSERT INTO gone_links SELECT d.id FROM refreshed_pairs p JOIN derived_links d ON d.entity_id = p.entity_id AND d.other_id = p.other_id;
        DELETE FROM gone_links g USING computed_links c WHERE c.id = g.id;
    END IF;
    TRUNCATE computed_links;
    ANALYZE changed_links;
    ANALYZE gone_links;

    DELETE FROM link_ends e USING gone_links g WHERE e.link_id = g.id;
    DELETE FROM link_ends e USING changed_links c WHERE e.link_id = c.id;
    DELETE FROM derived_links d USING gone_links g WHERE d.id = g.id;
    GET DIAGNOSTICS removed = ROW_COUNT;
    INSERT INTO derived_links SELECT * FROM changed_links
    ON CONFLICT (id) DO UPDATE SET entity_kind = excluded.entity_kind, other_kind = excluded.other_kind,
        security_marking = excluded.security_marking, source_evaluation = excluded.source_evaluation,
        intelligence_assessment = excluded.intelligence_assessment, first_seen_at = excluded.first_seen_at,
        last_seen_at = excluded.last_seen_at, evidence_count = excluded.evidence_count;
    GET DIAGNOSTICS written = ROW_COUNT;
    INSERT INTO link_ends
    SELECT ends.entity_id, i.id, ends.entity_kind, ends.other_id, ends.other_kind, i.derivation, i.derivation,
           i.agency_id, i.handling_code, i.paired_agency_id, i.paired_handling_code, i.security_marking, i.source_evaluation,
           i.intelligence_assessment, (i.first_seen_at AT TIME ZONE 'UTC')::date, (i.last_seen_at AT TIME ZONE 'UTC')::date,
           i.evidence_count
    FROM changed_links i
    CROSS JOIN LATERAL (VALUES (i.entity_id, i.entity_kind, i.other_id, i.other_kind),
                               (i.other_id, i.other_kind, i.entity_id, i.entity_kind)) AS ends (entity_id, entity_kind, other_id, other_kind);
END
$$;

CREATE OR REPLACE FUNCTION derive_links(full_pass boolean, co_location_meters double precision, co_location_minutes double precision)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET work_mem = '256MB' SET enable_nestloop = on AS $$
DECLARE
    started timestamptz := clock_timestamp();
    previous derived_link_passes%ROWTYPE;
    everything boolean := full_pass;
    window_seconds double precision := co_location_minutes * 60;
    read integer;
    added bigint;
    evidence_gone bigint;
    links record;
    cell_meters double precision;
    bucket_seconds double precision;
    sphere_radius CONSTANT double precision := 6371008.8;
    east_scale double precision;
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

    -- The reports of the pass with what their links compare: place, time, evidence class, grading, marking.
    CREATE TEMPORARY TABLE pass_reports (
        id uuid PRIMARY KEY, occurred_at timestamptz, place geography, location geometry, class text, grading text,
        security_marking text, cell_east bigint, cell_north bigint, bucket bigint) ON COMMIT DROP;
    IF everything THEN
        DELETE FROM derived_link_pending_reports;
        -- Every statement of a full pass reads or writes whole tables: hash joins, never a nested loop (which the
        -- planner would take over evidence and links tables it believes empty, scanning them once per row).
        PERFORM set_config('enable_nestloop', 'off', true);
        INSERT INTO pass_reports (id, occurred_at, place, location, class, grading, security_marking)
        SELECT r.id, r.occurred_at, r.location::geography, r.location, derived_link_class(r.agency_id, r.handling_code),
               r.source_evaluation || r.intelligence_assessment, r.security_marking
        FROM intelligence_reports r;
        -- Cells: north is latitude on the sphere (no two points are nearer than their latitudes' difference); east is
        -- longitude shrunk by the cosine of the farthest latitude of any report, so two points within the distance are
        -- never more than a cell apart either way. 1 % of margin for rounding.
        cell_meters := greatest(co_location_meters, 0.5) * 1.01;
        bucket_seconds := greatest(window_seconds, 1);
        SELECT cos(radians(least(coalesce(max(abs(ST_Y(location))), 0) + 0.5, 89.9))) INTO east_scale FROM pass_reports;
        UPDATE pass_reports SET
            cell_east = floor(radians(ST_X(location)) * sphere_radius * east_scale / cell_meters),
            cell_north = floor(radians(ST_Y(location)) * sphere_radius / cell_meters),
            bucket = floor(extract(epoch FROM occurred_at) / bucket_seconds);
    ELSE
        WITH taken AS (DELETE FROM derived_link_pending_reports RETURNING report_id)
        INSERT INTO pass_reports (id, occurred_at, place, location, class, grading, security_marking)
        SELECT r.id, r.occurred_at, r.location::geography, r.location, derived_link_class(r.agency_id, r.handling_code),
               r.source_evaluation || r.intelligence_assessment, r.security_marking
        FROM (SELECT DISTINCT report_id FROM taken) t JOIN intelligence_reports r ON r.id = t.report_id;
    END IF;
    SELECT count(*) INTO read FROM pass_reports;
    ANALYZE pass_reports;

    CREATE TEMPORARY TABLE pass_sightings ON COMMIT DROP AS
        SELECT m.report_id, m.entity_id, m.entity_kind FROM report_mentions m JOIN pass_reports p ON p.id = m.report_id;
    ANALYZE pass_sightings;

    -- Each pair of reports seen together once, the smaller id first (so its distance is measured one way only).
    CREATE TEMPORARY TABLE near_reports (report_id uuid, paired_report_id uuid, distance_meters double precision,
        minutes_apart double precision) ON COMMIT DROP;
    IF everything THEN
        INSERT INTO near_reports
        SELECT r.id, s.id, ST_Distance(r.place, s.place, false), abs(extract(epoch FROM s.occurred_at - r.occurred_at)) / 60
        FROM pass_reports r
        CROSS JOIN (VALUES (-1), (0), (1)) AS east (step)
        CROSS JOIN (VALUES (-1), (0), (1)) AS north (step)
        CROSS JOIN (VALUES (-1), (0), (1)) AS later (step)
        JOIN pass_reports s ON s.cell_east = r.cell_east + east.step AND s.cell_north = r.cell_north + north.step
                           AND s.bucket = r.bucket + later.step AND s.id > r.id
        WHERE abs(extract(epoch FROM s.occurred_at - r.occurred_at)) <= window_seconds
          AND ST_DWithin(r.place, s.place, co_location_meters, false);
    ELSE
        INSERT INTO near_reports
        SELECT c.report_id, c.paired_report_id, ST_Distance(c.place, c.paired_place, false), c.seconds_apart / 60
        FROM (SELECT least(r.id, s.id) AS report_id, greatest(r.id, s.id) AS paired_report_id,
                     CASE WHEN r.id < s.id THEN r.place ELSE s.location::geography END AS place,
                     CASE WHEN r.id < s.id THEN s.location::geography ELSE r.place END AS paired_place,
                     abs(extract(epoch FROM s.occurred_at - r.occurred_at)) AS seconds_apart
              FROM pass_reports r
              JOIN intelligence_reports s
                ON s.occurred_at BETWEEN r.occurred_at - make_interval(secs => window_seconds) AND r.occurred_at + make_interval(secs => window_seconds)
               AND s.id <> r.id
               AND s.location && ST_Expand(r.location, co_location_meters / (111320 * greatest(cos(radians(ST_Y(r.location))), 0.01)) * 1.01,
                                           co_location_meters / 110574 * 1.01)
              -- Two pass reports near each other: the pair once.
              WHERE r.id < s.id OR NOT EXISTS (SELECT 1 FROM pass_reports q WHERE q.id = s.id)) c
        WHERE c.seconds_apart <= window_seconds AND ST_DWithin(c.place, c.paired_place, co_location_meters, false);
    END IF;
    ANALYZE near_reports;

    -- The evidence of the pass's reports, with the facts its links are made from.
    CREATE TEMPORARY TABLE pass_evidence ON COMMIT DROP AS
        SELECT a.entity_id, b.entity_id AS other_id, a.report_id, a.report_id AS paired_report_id, a.entity_kind,
               b.entity_kind AS other_kind, 0::double precision AS distance_meters, 0::double precision AS minutes_apart
        FROM pass_sightings a JOIN pass_sightings b ON b.report_id = a.report_id AND a.entity_id < b.entity_id
        UNION ALL
        SELECT least(a.entity_id, b.entity_id), greatest(a.entity_id, b.entity_id),
               CASE WHEN a.entity_id < b.entity_id THEN n.report_id ELSE n.paired_report_id END,
               CASE WHEN a.entity_id < b.entity_id THEN n.paired_report_id ELSE n.report_id END,
               CASE WHEN a.entity_id < b.entity_id THEN a.entity_kind ELSE b.entity_kind END,
               CASE WHEN a.entity_id < b.entity_id THEN b.entity_kind ELSE a.entity_kind END,
               n.distance_meters, n.minutes_apart
        FROM near_reports n
        JOIN report_mentions a ON a.report_id = n.report_id
        JOIN report_mentions b ON b.report_id = n.paired_report_id AND b.entity_id <> a.entity_id;
    ANALYZE pass_evidence;

    -- What was derived from these reports before and is not now goes; what is new comes; the rest stays as it is.
    CREATE TEMPORARY TABLE changed_pairs (entity_id uuid, other_id uuid) ON COMMIT DROP;
    CREATE TEMPORARY TABLE added_evidence (LIKE derived_link_evidence) ON COMMIT DROP;
    IF everything THEN
        DELETE FROM derived_link_evidence e
        WHERE NOT EXISTS (SELECT 1 FROM pass_evidence n
                          WHERE n.entity_id = e.entity_id AND n.other_id = e.other_id AND n.report_id = e.report_id
                            AND n.paired_report_id = e.paired_report_id AND n.entity_kind = e.entity_kind AND n.other_kind = e.other_kind
                            AND n.distance_meters = e.distance_meters AND n.minutes_apart = e.minutes_apart);
        GET DIAGNOSTICS evidence_gone = ROW_COUNT;
        INSERT INTO derived_link_evidence (entity_id, other_id, report_id, paired_report_id, entity_kind, other_kind, distance_meters, minutes_apart)
        SELECT n.entity_id, n.other_id, n.report_id, n.paired_report_id, n.entity_kind, n.other_kind, n.distance_meters, n.minutes_apart
        FROM pass_evidence n
        WHERE NOT EXISTS (SELECT 1 FROM derived_link_evidence e
                          WHERE e.entity_id = n.entity_id AND e.other_id = n.other_id AND e.report_id = n.report_id
                            AND e.paired_report_id = n.paired_report_id);
        GET DIAGNOSTICS added = ROW_COUNT;
    ELSE
        WITH gone AS (
            DELETE FROM derived_link_evidence e USING pass_reports p
            WHERE (e.report_id = p.id OR e.paired_report_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM pass_evidence n
                              WHERE n.entity_id = e.entity_id AND n.other_id = e.other_id AND n.report_id = e.report_id
                                AND n.paired_report_id = e.paired_report_id AND n.entity_kind = e.entity_kind AND n.other_kind = e.other_kind
                                AND n.distance_meters = e.distance_meters AND n.minutes_apart = e.minutes_apart)
            RETURNING e.entity_id, e.other_id)
        INSERT INTO changed_pairs SELECT entity_id, other_id FROM gone;
        GET DIAGNOSTICS evidence_gone = ROW_COUNT;
        WITH inserted AS (
            INSERT INTO derived_link_evidence (entity_id, other_id, report_id, paired_report_id, entity_kind, other_kind, distance_meters, minutes_apart)
            SELECT n.entity_id, n.other_id, n.report_id, n.paired_report_id, n.entity_kind, n.other_kind, n.distance_meters, n.minutes_apart
            FROM pass_evidence n
            WHERE NOT EXISTS (SELECT 1 FROM derived_link_evidence e
                              WHERE e.entity_id = n.entity_id AND e.other_id = n.other_id AND e.report_id = n.report_id
                                AND e.paired_report_id = n.paired_report_id)
            RETURNING *)
        INSERT INTO added_evidence SELECT * FROM inserted;
        GET DIAGNOSTICS added = ROW_COUNT;
    END IF;

    CREATE TEMPORARY TABLE IF NOT EXISTS refreshed_pairs (entity_id uuid, other_id uuid) ON COMMIT DROP;
    TRUNCATE refreshed_pairs;
    PERFORM start_derived_link_facts();
    IF everything THEN
        -- Every link from every piece of evidence, whose facts the pass has at hand.
        INSERT INTO derived_link_facts
        SELECT CASE WHEN e.report_id = e.paired_report_id THEN 'co_occurrence' ELSE 'co_location' END,
               e.entity_id, e.other_id, e.entity_kind, e.other_kind, least(r.class, s.class), greatest(r.class, s.class),
               greatest(r.grading, s.grading), greatest(r.security_marking, s.security_marking),
               least(r.occurred_at, s.occurred_at), greatest(r.occurred_at, s.occurred_at), 1
        FROM pass_evidence e JOIN pass_reports r ON r.id = e.report_id JOIN pass_reports s ON s.id = e.paired_report_id;
        ANALYZE derived_link_facts;
        TRUNCATE pass_evidence, near_reports, pass_sightings, pass_reports;
        SELECT * INTO links FROM write_derived_links(true);
    ELSE
        -- A pair that lost evidence is counted again from all it has left; a pair that only gained evidence is its
        -- links as stored combined with the new evidence, without reading the evidence it had.
        INSERT INTO refreshed_pairs SELECT DISTINCT entity_id, other_id FROM changed_pairs;
        ANALYZE refreshed_pairs;
        PERFORM collect_derived_link_facts();
        CREATE TEMPORARY TABLE gained_pairs ON COMMIT DROP AS
            SELECT DISTINCT a.entity_id, a.other_id FROM added_evidence a
            WHERE NOT EXISTS (SELECT 1 FROM refreshed_pairs p WHERE p.entity_id = a.entity_id AND p.other_id = a.other_id);
        ANALYZE gained_pairs;
        INSERT INTO derived_link_facts
        SELECT CASE WHEN e.report_id = e.paired_report_id THEN 'co_occurrence' ELSE 'co_location' END,
               e.entity_id, e.other_id, e.entity_kind, e.other_kind,
               least(derived_link_class(r.agency_id, r.handling_code), derived_link_class(s.agency_id, s.handling_code)),
               greatest(derived_link_class(r.agency_id, r.handling_code), derived_link_class(s.agency_id, s.handling_code)),
               greatest(r.source_evaluation || r.intelligence_assessment, s.source_evaluation || s.intelligence_assessment),
               greatest(r.security_marking, s.security_marking), least(r.occurred_at, s.occurred_at), greatest(r.occurred_at, s.occurred_at), 1
        FROM added_evidence e
        JOIN gained_pairs g ON g.entity_id = e.entity_id AND g.other_id = e.other_id
        JOIN intelligence_reports r ON r.id = e.report_id
        JOIN intelligence_reports s ON s.id = e.paired_report_id
        UNION ALL
        SELECT d.derivation, d.entity_id, d.other_id, d.entity_kind, d.other_kind, derived_link_class(d.agency_id, d.handling_code),
               derived_link_class(d.paired_agency_id, d.paired_handling_code), d.source_evaluation || d.intelligence_assessment,
               d.security_marking, d.first_seen_at, d.last_seen_at, d.evidence_count
        FROM gained_pairs g JOIN derived_links d ON d.entity_id = g.entity_id AND d.other_id = g.other_id;
        INSERT INTO refreshed_pairs SELECT entity_id, other_id FROM gained_pairs;
        ANALYZE derived_link_facts;
        TRUNCATE pass_evidence, near_reports, pass_sightings, pass_reports;
        SELECT * INTO links FROM write_derived_links(false);
    END IF;

    INSERT INTO derived_link_passes (kind, co_location_meters, co_location_minutes, reports_read, evidence_added, started_at, finished_at,
                                     evidence_removed, links_written, links_removed)
    VALUES (CASE WHEN everything THEN 'full' ELSE 'incremental' END, derive_links.co_location_meters, derive_links.co_location_minutes,
            read, added, started, clock_timestamp(), evidence_gone, links.written, links.removed);
    RETURN added;
END
$$;
