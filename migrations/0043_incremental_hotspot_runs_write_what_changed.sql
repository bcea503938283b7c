-- Incremental runs write what changed (issue 19 §1). Until now every run wrote every member of every hotspot again
-- (at 1M reports, 566,870 rows of hotspot_members for 12 hotspots, 31 s of a 39 s incremental run) and summed them all
-- again. Now scheduled and incremental runs (the published line: one at a time, under the run lock) keep their members
-- as spans: a row is a member of every such run from the one that added it (from_seq) up to, not including, the one
-- that took it out (until_seq; open while it is still a member). A run closes the rows of members it lost, adds rows for
-- those it gained, and leaves the rest untouched; its summaries (hotspot_member_groups, hotspot_linked_sets) are those
-- of the line's previous run for each hotspot whose members did not change (their weights brought forward), those
-- summaries brought forward by the change for a hotspot whose members changed a little (advance_hotspot_summaries), and
-- made from all its members for the others. An analyst's run (a trial, maybe with other parameters or date) and every run written
-- before this migration keep rows of their own: run_id is theirs, from_seq null.
--
-- Weights: a span's row keeps its weight as of weighted_at (the date of the run that added it). Recency decay is
-- separable (a weight halves every half-life), so a later run's weight is weight x 0.5^((as_of - weighted_at) / half-life),
-- exact while the report is not dated after weighted_at (then its weight was capped at 1): the run compares every kept
-- member's weight so carried with the weight it gives it now, and a member whose weight differs (that cap, a changed
-- grading or date, other parameters) gets a new row.

-- What an incremental run reads of the reports is what changed since the previous one (ReportSnapshot.LoadChangesAsync,
-- by the latest of created_at and updated_at): found through an index rather than by reading every report.
CREATE INDEX intelligence_reports_changed_at_idx ON intelligence_reports ((greatest(created_at, updated_at)));

-- The runs of the published line in the order they wrote: seq orders the spans.
CREATE SEQUENCE hotspot_member_seq;
CREATE TABLE hotspot_member_runs (
    run_id uuid PRIMARY KEY REFERENCES hotspot_runs (id),
    seq bigint NOT NULL UNIQUE
);
ALTER TABLE hotspot_member_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY hotspot_member_runs_system ON hotspot_member_runs USING (app_role() = 'system') WITH CHECK (app_role() = 'system');
GRANT SELECT, INSERT ON hotspot_member_runs TO hotspotintel_jobs;
GRANT USAGE ON SEQUENCE hotspot_member_seq TO hotspotintel_jobs;

ALTER TABLE hotspot_members
    ADD COLUMN from_seq bigint,
    ADD COLUMN until_seq bigint,
    ADD COLUMN weighted_at timestamptz,
    ADD CONSTRAINT hotspot_members_span_check
        CHECK ((from_seq IS NULL) = (weighted_at IS NULL) AND (until_seq IS NULL OR until_seq > from_seq));
-- The open rows: what the next run of the line compares its members with; and a run's spans, hotspot by hotspot.
CREATE INDEX hotspot_members_open_idx ON hotspot_members (hotspot_id) WHERE from_seq IS NOT NULL AND until_seq IS NULL;
CREATE INDEX hotspot_members_span_idx ON hotspot_members (hotspot_id, from_seq) WHERE from_seq IS NOT NULL;
CREATE POLICY hotspot_members_close ON hotspot_members FOR UPDATE USING (app_role() = 'system') WITH CHECK (app_role() = 'system');
GRANT UPDATE (until_seq) ON hotspot_members TO hotspotintel_jobs;

-- Whether a member row (written by row_run, spanning [from_seq, until_seq) of the line) is a member of the run
-- member_run (whose seq in hotspot_member_runs is member_seq, null when it is not of the line).
CREATE FUNCTION hotspot_member_in(row_run uuid, from_seq bigint, until_seq bigint, member_run uuid, member_seq bigint)
    RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT row_run = member_run OR coalesce(from_seq <= member_seq AND (until_seq IS NULL OR member_seq < until_seq), false)
$$;

-- The member rows of one run's hotspot: its own rows, or the spans its seq falls in (each found by its own index).
CREATE FUNCTION hotspot_members_of(member_run uuid, member_seq bigint, member_hotspot uuid)
    RETURNS SETOF hotspot_members LANGUAGE sql STABLE AS $$
    SELECT m.* FROM hotspot_members m WHERE m.hotspot_id = member_hotspot AND m.run_id = member_run AND m.from_seq IS NULL
    UNION ALL
    SELECT m.* FROM hotspot_members m
    WHERE m.hotspot_id = member_hotspot AND m.from_seq <= member_seq AND (m.until_seq IS NULL OR member_seq < m.until_seq)
$$;

-- A member row's weight as of a run's date: as stored for a row of the run's own, brought forward by the decay for a span.
CREATE FUNCTION hotspot_member_weight(weight double precision, weighted_at timestamptz, as_of timestamptz, half_life_days double precision)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN weighted_at IS NULL OR weighted_at = as_of THEN weight
                ELSE weight * power(0.5, extract(epoch FROM as_of - weighted_at)::float8 / 86400.0 / half_life_days) END
$$;

-- What a run holds, as rows per (run, hotspot, report) whichever way it was written: for checks and for reading by hand.
CREATE VIEW hotspot_run_members WITH (security_barrier) AS
SELECT hh.run_id, m.hotspot_id, m.report_id,
       hotspot_member_weight(m.weight, m.weighted_at, r.as_of, (r.parameters ->> 'halfLifeDays')::float8) AS weight
FROM hotspot_history hh
JOIN hotspot_runs r ON r.id = hh.run_id
LEFT JOIN hotspot_member_runs mr ON mr.run_id = hh.run_id
JOIN hotspot_members m ON m.hotspot_id = hh.hotspot_id AND hotspot_member_in(m.run_id, m.from_seq, m.until_seq, hh.run_id, mr.seq);
REVOKE ALL ON hotspot_run_members FROM PUBLIC;
GRANT SELECT ON hotspot_run_members TO hotspotintel_jobs;

-- Builds the summaries of one run's hotspots (all, or only_hotspots) from their members as the reports are now, and
-- marks none of them stale. As migration 0039's, over the run's own rows or the spans it falls in.
CREATE FUNCTION summarise_hotspot_members(summarised_run uuid, only_hotspots uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET work_mem = '64MB' AS $$
DECLARE
    run_as_of timestamptz;
    half_life double precision;
    run_seq bigint;
BEGIN
    SELECT r.as_of, (r.parameters ->> 'halfLifeDays')::float8, mr.seq INTO run_as_of, half_life, run_seq
    FROM hotspot_runs r LEFT JOIN hotspot_member_runs mr ON mr.run_id = r.id WHERE r.id = summarised_run;
    DELETE FROM hotspot_member_groups WHERE run_id = summarised_run AND (only_hotspots IS NULL OR hotspot_id = ANY (only_hotspots));
    DELETE FROM hotspot_linked_sets WHERE run_id = summarised_run AND (only_hotspots IS NULL OR hotspot_id = ANY (only_hotspots));
    DELETE FROM hotspot_stale WHERE run_id = summarised_run AND (only_hotspots IS NULL OR hotspot_id = ANY (only_hotspots));
    DROP TABLE IF EXISTS summarised_members;
    CREATE TEMP TABLE summarised_members ON COMMIT DROP AS
    SELECT f.*, (dense_rank() OVER (PARTITION BY f.hotspot_id ORDER BY f.agency_id, f.handling_code, f.child_linked))::int - 1 AS link_group
    FROM (SELECT m.hotspot_id, m.report_id, hotspot_member_weight(m.weight, m.weighted_at, run_as_of, half_life) AS weight,
                 r.agency_id, r.handling_code, r.category, r.occurred_at,
                 (r.mentions_child OR r.category = 'missing_found_location') AS child_linked,
                 CASE WHEN r.mentions_child OR r.category = 'missing_found_location' THEN r.masking_cell END AS masking_cell
          FROM (SELECT DISTINCT u.hotspot_id FROM unnest(only_hotspots) AS u (hotspot_id)
                UNION
                SELECT h.hotspot_id FROM hotspot_history h WHERE only_hotspots IS NULL AND h.run_id = summarised_run
                UNION
                SELECT w.hotspot_id FROM hotspot_members w WHERE only_hotspots IS NULL AND w.run_id = summarised_run) h
          CROSS JOIN LATERAL hotspot_members_of(summarised_run, run_seq, h.hotspot_id) m
          JOIN intelligence_reports r ON r.id = m.report_id) f;
    ANALYZE summarised_members;
    INSERT INTO hotspot_member_groups (run_id, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category,
                                       link_group, reports, weight_sum, first_report_at, last_report_at)
    SELECT summarised_run, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category, link_group,
           count(*)::int, sum(weight), min(occurred_at), max(occurred_at)
    FROM summarised_members
    GROUP BY hotspot_id, agency_id, handling_code, child_linked, masking_cell, category, link_group;
    INSERT INTO hotspot_linked_sets (run_id, hotspot_id, kind, link_groups, entities)
    SELECT summarised_run, hotspot_id, kind, link_groups, count(*)::int
    FROM (SELECT hotspot_id, kind, entity, array_agg(link_group ORDER BY link_group) AS link_groups
          FROM (SELECT DISTINCT s.hotspot_id, 'person' AS kind, rp.person_id AS entity, s.link_group
                FROM summarised_members s JOIN report_persons rp ON rp.report_id = s.report_id
                UNION ALL
                SELECT DISTINCT s.hotspot_id, 'vehicle', rv.vehicle_id, s.link_group
                FROM summarised_members s JOIN report_vehicles rv ON rv.report_id = s.report_id) mention
          GROUP BY hotspot_id, kind, entity) entity
    GROUP BY hotspot_id, kind, link_groups;
    DROP TABLE summarised_members;
END
$$;
REVOKE ALL ON FUNCTION summarise_hotspot_members(uuid, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION summarise_hotspot_members(uuid, uuid[]) TO hotspotintel_jobs;

CREATE OR REPLACE FUNCTION summarise_hotspot_members(summarised_run uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM summarise_hotspot_members(summarised_run, NULL);
END
$$;

-- Brings the summaries of hotspots whose members changed a little forward from the line's previous run instead of
-- making them again from every member: the previous run's groups (weights decayed by decay) plus the members added
-- less those taken out (each given as hotspot, report, weight as of the new run, +1 or -1), a group's first and last
-- times counted again from its members only where a member taken out was at one of them; and the linked sets
-- changed only for the persons and vehicles those members mention, each counted again among the hotspot's members
-- before and after. Link groups keep their numbers; a new combination takes the next. The caller passes only hotspots
-- whose summaries at the previous run are fresh (not in hotspot_stale): their reports and mentions are as summarised.
CREATE FUNCTION advance_hotspot_summaries(new_run uuid, previous_run uuid, decay double precision,
    delta_hotspots uuid[], delta_reports uuid[], delta_weights double precision[], delta_signs integer[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET work_mem = '64MB' AS $$
DECLARE
    new_seq bigint := (SELECT mr.seq FROM hotspot_member_runs mr WHERE mr.run_id = new_run);
    previous_seq bigint := (SELECT mr.seq FROM hotspot_member_runs mr WHERE mr.run_id = previous_run);
BEGIN
    DROP TABLE IF EXISTS advance_delta, advance_links, advance_sets;
    CREATE TEMP TABLE advance_delta ON COMMIT DROP AS
    SELECT d.hotspot_id, d.report_id, d.weight, d.sign, r.agency_id, r.handling_code, r.category, r.occurred_at,
           (r.mentions_child OR r.category = 'missing_found_location') AS child_linked,
           CASE WHEN r.mentions_child OR r.category = 'missing_found_location' THEN r.masking_cell END AS masking_cell
    FROM unnest(delta_hotspots, delta_reports, delta_weights, delta_signs) AS d (hotspot_id, report_id, weight, sign)
    JOIN intelligence_reports r ON r.id = d.report_id;

    -- Link groups: the previous run's numbers, then each new combination numbered after the hotspot's last.
    CREATE TEMP TABLE advance_links ON COMMIT DROP AS
    SELECT DISTINCT g.hotspot_id, g.agency_id, g.handling_code, g.child_linked, g.link_group
    FROM hotspot_member_groups g
    WHERE g.run_id = previous_run AND g.hotspot_id IN (SELECT d.hotspot_id FROM advance_delta d);
    INSERT INTO advance_links (hotspot_id, agency_id, handling_code, child_linked, link_group)
    SELECT n.hotspot_id, n.agency_id, n.handling_code, n.child_linked,
           coalesce((SELECT max(l.link_group) FROM advance_links l WHERE l.hotspot_id = n.hotspot_id), -1)
           + (row_number() OVER (PARTITION BY n.hotspot_id ORDER BY n.agency_id, n.handling_code, n.child_linked))::int
    FROM (SELECT DISTINCT d.hotspot_id, d.agency_id, d.handling_code, d.child_linked FROM advance_delta d
          WHERE d.sign > 0
            AND NOT EXISTS (SELECT 1 FROM advance_links l WHERE l.hotspot_id = d.hotspot_id AND l.agency_id = d.agency_id
                                                          AND l.handling_code = d.handling_code AND l.child_linked = d.child_linked)) n;

    INSERT INTO hotspot_member_groups (run_id, hotspot_id, agency_id, handling_code, child_linked, masking_cell, category,
                                       link_group, reports, weight_sum, first_report_at, last_report_at)
    SELECT new_run, x.hotspot_id, x.agency_id, x.handling_code, x.child_linked, x.masking_cell, x.category, l.link_group,
           sum(x.reports)::int, sum(x.weight_sum), min(x.first_at), max(x.last_at)
    FROM (SELECT g.hotspot_id, g.agency_id, g.handling_code, g.child_linked, g.masking_cell, g.category, g.reports,
                 g.weight_sum * decay AS weight_sum, g.first_report_at AS first_at, g.last_report_at AS last_at
          FROM hotspot_member_groups g
          WHERE g.run_id = previous_run AND g.hotspot_id IN (SELECT d.hotspot_id FROM advance_delta d)
          UNION ALL
          SELECT d.hotspot_id, d.agency_id, d.handling_code, d.child_linked, d.masking_cell, d.category, d.sign, d.sign * d.weight,
                 CASE WHEN d.sign > 0 THEN d.occurred_at END, CASE WHEN d.sign > 0 THEN d.occurred_at END
          FROM advance_delta d) x
    JOIN advance_links l ON l.hotspot_id = x.hotspot_id AND l.agency_id = x.agency_id AND l.handling_code = x.handling_code
                        AND l.child_linked = x.child_linked
    GROUP BY x.hotspot_id, x.agency_id, x.handling_code, x.child_linked, x.masking_cell, x.category, l.link_group
    HAVING sum(x.reports) > 0;

    -- A group that lost a member at its first or last time: those times from its members now.
    UPDATE hotspot_member_groups g
    SET first_report_at = f.first_at, last_report_at = f.last_at
    FROM (SELECT a.hotspot_id, a.agency_id, a.handling_code, a.child_linked, a.masking_cell, a.category,
                 min(r.occurred_at) AS first_at, max(r.occurred_at) AS last_at
          FROM (SELECT DISTINCT d.hotspot_id, d.agency_id, d.handling_code, d.child_linked, d.masking_cell, d.category
                FROM advance_delta d
                JOIN hotspot_member_groups p ON p.run_id = previous_run AND p.hotspot_id = d.hotspot_id AND p.agency_id = d.agency_id
                     AND p.handling_code = d.handling_code AND p.child_linked = d.child_linked AND p.category = d.category
                     AND p.masking_cell IS NOT DISTINCT FROM d.masking_cell
                WHERE d.sign < 0 AND (d.occurred_at <= p.first_report_at OR d.occurred_at >= p.last_report_at)) a
          JOIN hotspot_members m ON m.hotspot_id = a.hotspot_id AND hotspot_member_in(m.run_id, m.from_seq, m.until_seq, new_run, new_seq)
          JOIN intelligence_reports r ON r.id = m.report_id AND r.agency_id = a.agency_id AND r.handling_code = a.handling_code
               AND r.category = a.category AND (r.mentions_child OR r.category = 'missing_found_location') = a.child_linked
               AND (CASE WHEN a.child_linked THEN r.masking_cell END) IS NOT DISTINCT FROM a.masking_cell
          GROUP BY a.hotspot_id, a.agency_id, a.handling_code, a.child_linked, a.masking_cell, a.category) f
    WHERE g.run_id = new_run AND g.hotspot_id = f.hotspot_id AND g.agency_id = f.agency_id AND g.handling_code = f.handling_code
      AND g.child_linked = f.child_linked AND g.category = f.category AND g.masking_cell IS NOT DISTINCT FROM f.masking_cell;

    -- Each person and vehicle the added or removed members mention: its link groups among the hotspot's members at the
    -- previous run and now. A linked set's count moves from the one to the other.
    CREATE TEMP TABLE advance_sets ON COMMIT DROP AS
    SELECT t.hotspot_id, t.kind, s.was, s.now
    FROM (SELECT DISTINCT d.hotspot_id, 'person'::text AS kind, rp.person_id AS entity FROM advance_delta d JOIN report_persons rp ON rp.report_id = d.report_id
          UNION
          SELECT DISTINCT d.hotspot_id, 'vehicle'::text, rv.vehicle_id FROM advance_delta d JOIN report_vehicles rv ON rv.report_id = d.report_id) t
    CROSS JOIN LATERAL (
        SELECT array_agg(DISTINCT l.link_group ORDER BY l.link_group)
                   FILTER (WHERE hotspot_member_in(m.run_id, m.from_seq, m.until_seq, previous_run, previous_seq)) AS was,
               array_agg(DISTINCT l.link_group ORDER BY l.link_group)
                   FILTER (WHERE hotspot_member_in(m.run_id, m.from_seq, m.until_seq, new_run, new_seq)) AS now
        FROM (SELECT rp.report_id FROM report_persons rp WHERE t.kind = 'person' AND rp.person_id = t.entity
              UNION ALL
              SELECT rv.report_id FROM report_vehicles rv WHERE t.kind = 'vehicle' AND rv.vehicle_id = t.entity) mention
        JOIN hotspot_members m ON m.report_id = mention.report_id AND m.hotspot_id = t.hotspot_id
        JOIN intelligence_reports r ON r.id = m.report_id
        JOIN advance_links l ON l.hotspot_id = t.hotspot_id AND l.agency_id = r.agency_id AND l.handling_code = r.handling_code
                            AND l.child_linked = (r.mentions_child OR r.category = 'missing_found_location')) s;
    INSERT INTO hotspot_linked_sets (run_id, hotspot_id, kind, link_groups, entities)
    SELECT new_run, x.hotspot_id, x.kind, x.link_groups, sum(x.entities)::int
    FROM (SELECT l.hotspot_id, l.kind, l.link_groups, l.entities FROM hotspot_linked_sets l
          WHERE l.run_id = previous_run AND l.hotspot_id IN (SELECT d.hotspot_id FROM advance_delta d)
          UNION ALL
          SELECT s.hotspot_id, s.kind, s.was, -1 FROM advance_sets s WHERE s.was IS NOT NULL
          UNION ALL
          SELECT s.hotspot_id, s.kind, s.now, 1 FROM advance_sets s WHERE s.now IS NOT NULL) x
    GROUP BY x.hotspot_id, x.kind, x.link_groups
    HAVING sum(x.entities) > 0;
    DROP TABLE advance_delta, advance_links, advance_sets;
END
$$;
REVOKE ALL ON FUNCTION advance_hotspot_summaries(uuid, uuid, double precision, uuid[], uuid[], double precision[], integer[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION advance_hotspot_summaries(uuid, uuid, double precision, uuid[], uuid[], double precision[], integer[]) TO hotspotintel_jobs;

-- Marking stale (migration 0039), now for every run whose members include a changed row: the run that wrote it, or
-- every run of the line its span covers.
CREATE OR REPLACE FUNCTION hotspot_stale_after_report_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO hotspot_stale (run_id, hotspot_id)
    SELECT DISTINCT hh.run_id, hh.hotspot_id
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN hotspot_members m ON m.report_id = n.id
    JOIN hotspot_history hh ON hh.hotspot_id = m.hotspot_id
    LEFT JOIN hotspot_member_runs mr ON mr.run_id = hh.run_id
    WHERE ((n.agency_id, n.handling_code, n.mentions_child, n.category, n.occurred_at)
               IS DISTINCT FROM (o.agency_id, o.handling_code, o.mentions_child, o.category, o.occurred_at)
           OR NOT ST_Equals(n.masking_cell, o.masking_cell))
      AND hotspot_member_in(m.run_id, m.from_seq, m.until_seq, hh.run_id, mr.seq)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION hotspot_stale_after_member_delete() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO hotspot_stale (run_id, hotspot_id)
    SELECT DISTINCT hh.run_id, hh.hotspot_id
    FROM old_rows o
    JOIN hotspot_history hh ON hh.hotspot_id = o.hotspot_id
    LEFT JOIN hotspot_member_runs mr ON mr.run_id = hh.run_id
    WHERE hotspot_member_in(o.run_id, o.from_seq, o.until_seq, hh.run_id, mr.seq)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION hotspot_stale_after_mentions_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO hotspot_stale (run_id, hotspot_id)
    SELECT DISTINCT hh.run_id, hh.hotspot_id
    FROM changed_rows c
    JOIN hotspot_members m ON m.report_id = c.report_id
    JOIN hotspot_history hh ON hh.hotspot_id = m.hotspot_id
    LEFT JOIN hotspot_member_runs mr ON mr.run_id = hh.run_id
    WHERE hotspot_member_in(m.run_id, m.from_seq, m.until_seq, hh.run_id, mr.seq)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- A hotspot as the session's reader may see it (migrations 0034 and 0039, unchanged but for where a stale entry's
-- members are found).
CREATE OR REPLACE FUNCTION hotspots_seen(seen_run uuid, seen_hotspot uuid)
    RETURNS TABLE (hotspot_id uuid, run_id uuid, method text, area geometry, centroid geometry, area_square_meters double precision,
                   report_count integer, weighted_score double precision, z_score double precision, p_value double precision,
                   confidence_percent integer, trend text, top_categories text, linked_vehicle_count integer,
                   linked_person_count integer, first_seen_at timestamptz, last_seen_at timestamptz, first_report_at timestamptz,
                   last_report_at timestamptz, premises_ids uuid[], location_ids uuid[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH reader AS (
        SELECT app_is_operational() AS operational, app_sees_masked_locations() AS masked,
               (SELECT s.hotspot_areas_shared FROM partnership_settings s) AS areas_shared,
               ARRAY(SELECT shown_masking_cells()) AS shown_cells
    ),
    entries AS (
        SELECT hh.*, r.method, EXISTS (SELECT 1 FROM hotspot_stale st WHERE st.run_id = hh.run_id AND st.hotspot_id = hh.hotspot_id) AS stale,
               r.as_of AS run_as_of, (r.parameters ->> 'halfLifeDays')::float8 AS half_life_days,
               (SELECT mr.seq FROM hotspot_member_runs mr WHERE mr.run_id = hh.run_id) AS member_seq
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
    -- Each summary group of a fresh entry with whether the reader may count its reports (as reports_for_role shows
    -- them: a masked reader counts a child-linked report only in a cell shown to them) and its mentions (never those
    -- of a child-linked report, for a masked reader). app_can_read is asked once per group, not once per report.
    groups AS (
        SELECT g.*, app_can_read(g.agency_id, g.handling_code) AS readable, reader.masked AND g.child_linked AS mentions_hidden
        FROM entries e
        JOIN hotspot_member_groups g ON g.run_id = e.run_id AND g.hotspot_id = e.hotspot_id
        CROSS JOIN reader
        WHERE NOT e.stale
    ),
    seen_groups AS (
        SELECT g.* FROM groups g CROSS JOIN reader
        WHERE g.readable AND (NOT reader.masked OR NOT g.child_linked OR g.masking_cell = ANY (reader.shown_cells))
    ),
    countable_links AS (
        SELECT g.run_id, g.hotspot_id, array_agg(DISTINCT g.link_group) AS link_groups
        FROM groups g WHERE g.readable AND NOT g.mentions_hidden GROUP BY g.run_id, g.hotspot_id
    ),
    -- Stale entries: from the member reports as they are now (the run's own rows or the spans it falls in, each weight
    -- brought to the run's date).
    stale_seen AS (
        SELECT e.run_id, e.hotspot_id, rep.id AS report_id, rep.category, rep.occurred_at,
               hotspot_member_weight(m.weight, m.weighted_at, e.run_as_of, e.half_life_days) AS weight,
               (reader.masked AND (rep.mentions_child OR rep.category = 'missing_found_location')) AS masked
        FROM entries e
        CROSS JOIN LATERAL hotspot_members_of(e.run_id, e.member_seq, e.hotspot_id) m
        JOIN intelligence_reports rep ON rep.id = m.report_id
        CROSS JOIN reader
        WHERE e.stale
          AND app_can_read(rep.agency_id, rep.handling_code)
          AND (NOT reader.masked OR NOT (rep.mentions_child OR rep.category = 'missing_found_location')
               OR rep.masking_cell = ANY (reader.shown_cells))
    ),
    -- Missing children's found locations (migration 0036): few, so always counted live; an episode the reader's agency
    -- may read, for a masked reader only in a masking cell shown to them; they name nobody (no linked counts).
    episode_seen AS (
        SELECT m.run_id, m.hotspot_id, coalesce(ep.returned_at, ep.missing_from) AS occurred_at, m.weight
        FROM entries e
        JOIN hotspot_episode_members m ON m.run_id = e.run_id AND m.hotspot_id = e.hotspot_id
        JOIN missing_episodes ep ON ep.id = m.episode_id
        CROSS JOIN reader
        WHERE ep.found_location IS NOT NULL
          AND app_can_read(ep.agency_id, ep.handling_code)
          AND (NOT reader.masked
               OR ST_Transform(ST_SnapToGrid(ST_Transform(ep.found_location, 27700), 500), 4326) = ANY (reader.shown_cells))
    ),
    counted AS (
        SELECT s.run_id, s.hotspot_id, s.reports::bigint AS reports, s.weight_sum AS weight, s.first_report_at AS first_at, s.last_report_at AS last_at
        FROM seen_groups s
        UNION ALL
        SELECT s.run_id, s.hotspot_id, 1, s.weight, s.occurred_at, s.occurred_at FROM stale_seen s
        UNION ALL
        SELECT s.run_id, s.hotspot_id, 1, s.weight, s.occurred_at, s.occurred_at FROM episode_seen s
    ),
    linked AS (
        SELECT c.run_id, c.hotspot_id,
               (SELECT sum(l.entities) FROM hotspot_linked_sets l
                WHERE l.run_id = c.run_id AND l.hotspot_id = c.hotspot_id AND l.kind = 'vehicle' AND l.link_groups && c.link_groups)::int AS vehicles,
               (SELECT sum(l.entities) FROM hotspot_linked_sets l
                WHERE l.run_id = c.run_id AND l.hotspot_id = c.hotspot_id AND l.kind = 'person' AND l.link_groups && c.link_groups)::int AS persons
        FROM countable_links c
        UNION ALL
        SELECT s.run_id, s.hotspot_id,
               (SELECT count(DISTINCT rv.vehicle_id) FROM report_vehicles rv
                WHERE rv.report_id = ANY (array_agg(s.report_id) FILTER (WHERE NOT s.masked)))::int,
               (SELECT count(DISTINCT rp.person_id) FROM report_persons rp
                WHERE rp.report_id = ANY (array_agg(s.report_id) FILTER (WHERE NOT s.masked)))::int
        FROM stale_seen s GROUP BY s.run_id, s.hotspot_id
    ),
    figures AS (
        SELECT c.run_id, c.hotspot_id, sum(c.reports)::int AS report_count, sum(c.weight) AS weighted_score,
               min(c.first_at) AS first_report_at, max(c.last_at) AS last_report_at,
               coalesce((SELECT l.vehicles FROM linked l WHERE l.run_id = c.run_id AND l.hotspot_id = c.hotspot_id), 0) AS linked_vehicle_count,
               coalesce((SELECT l.persons FROM linked l WHERE l.run_id = c.run_id AND l.hotspot_id = c.hotspot_id), 0) AS linked_person_count
        FROM counted c GROUP BY c.run_id, c.hotspot_id
    ),
    categories AS (
        SELECT c.run_id, c.hotspot_id,
               jsonb_agg(jsonb_build_object('category', c.category, 'reports', c.reports) ORDER BY c.reports DESC, c.category)::text AS top_categories
        FROM (SELECT x.run_id, x.hotspot_id, x.category, sum(x.reports)::int AS reports,
                     row_number() OVER (PARTITION BY x.run_id, x.hotspot_id ORDER BY sum(x.reports) DESC, x.category) AS place
              FROM (SELECT s.run_id, s.hotspot_id, s.category, s.reports FROM seen_groups s
                    UNION ALL
                    SELECT s.run_id, s.hotspot_id, s.category, 1 FROM stale_seen s
                    UNION ALL
                    SELECT s.run_id, s.hotspot_id, 'missing_found_location', 1 FROM episode_seen s) x
              GROUP BY x.run_id, x.hotspot_id, x.category) c
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


-- What differs between two runs' hotspots: ids, areas and figures (hotspot_history), members and their weights, found
-- locations, and the summaries readers are answered from (groups by what they hold, linked sets by the groups they
-- span, not by their numbers). No rows when an incremental run and a full run over the same reports as of the same date
-- agree; numbers are compared to 1e-9 of their size (sums in another order). The incremental runs' test and the
-- hotspot-speed benchmark ask it.
CREATE FUNCTION hotspot_near(a double precision, b double precision) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (a IS NULL AND b IS NULL) OR abs(a - b) <= 1e-9 * greatest(abs(a), abs(b), 1e-300)
$$;

CREATE FUNCTION hotspot_run_differences(run_a uuid, run_b uuid) RETURNS TABLE (what text, hotspot_id uuid, detail text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH ha AS (SELECT * FROM hotspot_history h WHERE h.run_id = run_a),
         hb AS (SELECT * FROM hotspot_history h WHERE h.run_id = run_b),
         ma AS (SELECT * FROM hotspot_run_members m WHERE m.run_id = run_a),
         mb AS (SELECT * FROM hotspot_run_members m WHERE m.run_id = run_b),
         ea AS (SELECT * FROM hotspot_episode_members m WHERE m.run_id = run_a),
         eb AS (SELECT * FROM hotspot_episode_members m WHERE m.run_id = run_b),
         ga AS (SELECT * FROM hotspot_member_groups g WHERE g.run_id = run_a),
         gb AS (SELECT * FROM hotspot_member_groups g WHERE g.run_id = run_b),
         -- Each linked set as the (agency, handling code, child-linked) combinations it spans.
         la AS (SELECT l.hotspot_id, l.kind, c.combos, sum(l.entities) AS entities
                FROM hotspot_linked_sets l
                CROSS JOIN LATERAL (SELECT array_agg(DISTINCT x.combo ORDER BY x.combo) AS combos
                                    FROM (SELECT g.agency_id::text || '/' || g.handling_code || '/' || g.child_linked AS combo
                                          FROM ga g WHERE g.hotspot_id = l.hotspot_id AND g.link_group = ANY (l.link_groups)) x) c
                WHERE l.run_id = run_a GROUP BY l.hotspot_id, l.kind, c.combos),
         lb AS (SELECT l.hotspot_id, l.kind, c.combos, sum(l.entities) AS entities
                FROM hotspot_linked_sets l
                CROSS JOIN LATERAL (SELECT array_agg(DISTINCT x.combo ORDER BY x.combo) AS combos
                                    FROM (SELECT g.agency_id::text || '/' || g.handling_code || '/' || g.child_linked AS combo
                                          FROM gb g WHERE g.hotspot_id = l.hotspot_id AND g.link_group = ANY (l.link_groups)) x) c
                WHERE l.run_id = run_b GROUP BY l.hotspot_id, l.kind, c.combos)
    SELECT 'hotspot', coalesce(ha.hotspot_id, hb.hotspot_id),
           CASE WHEN hb.hotspot_id IS NULL THEN 'only in the first run' WHEN ha.hotspot_id IS NULL THEN 'only in the second run'
                ELSE 'area or figures differ' END
    FROM ha FULL JOIN hb ON hb.hotspot_id = ha.hotspot_id
    WHERE ha.hotspot_id IS NULL OR hb.hotspot_id IS NULL
       OR (ha.report_count, ha.confidence_percent, ha.trend, ha.child_report_count, ha.premises_ids, ha.location_ids)
          IS DISTINCT FROM (hb.report_count, hb.confidence_percent, hb.trend, hb.child_report_count, hb.premises_ids, hb.location_ids)
       OR NOT (hotspot_near(ha.weighted_score, hb.weighted_score) AND hotspot_near(ha.z_score, hb.z_score)
               AND hotspot_near(ha.p_value, hb.p_value) AND hotspot_near(ha.area_square_meters, hb.area_square_meters)
               AND ST_Equals(ha.area, hb.area) AND ST_Equals(ha.masked_area, hb.masked_area))
    UNION ALL
    SELECT 'member', coalesce(ma.hotspot_id, mb.hotspot_id),
           coalesce(ma.report_id, mb.report_id)::text || CASE WHEN mb.report_id IS NULL THEN ' only in the first run'
                                                            WHEN ma.report_id IS NULL THEN ' only in the second run' ELSE ' weighs differently' END
    FROM ma FULL JOIN mb ON mb.hotspot_id = ma.hotspot_id AND mb.report_id = ma.report_id
    WHERE ma.report_id IS NULL OR mb.report_id IS NULL OR NOT hotspot_near(ma.weight, mb.weight)
    UNION ALL
    SELECT 'found location', coalesce(ea.hotspot_id, eb.hotspot_id), coalesce(ea.episode_id, eb.episode_id)::text
    FROM ea FULL JOIN eb ON eb.hotspot_id = ea.hotspot_id AND eb.episode_id = ea.episode_id
    WHERE ea.episode_id IS NULL OR eb.episode_id IS NULL OR NOT hotspot_near(ea.weight, eb.weight)
    UNION ALL
    SELECT 'summary group', coalesce(ga.hotspot_id, gb.hotspot_id),
           concat_ws(' ', coalesce(ga.agency_id, gb.agency_id), coalesce(ga.handling_code, gb.handling_code),
                     coalesce(ga.category, gb.category), coalesce(ga.reports, 0), coalesce(gb.reports, 0))
    FROM ga FULL JOIN gb ON gb.hotspot_id = ga.hotspot_id AND gb.agency_id = ga.agency_id AND gb.handling_code = ga.handling_code
                        AND gb.child_linked = ga.child_linked AND gb.masking_cell IS NOT DISTINCT FROM ga.masking_cell
                        AND gb.category = ga.category
    WHERE ga.hotspot_id IS NULL OR gb.hotspot_id IS NULL
       OR (ga.reports, ga.first_report_at, ga.last_report_at) IS DISTINCT FROM (gb.reports, gb.first_report_at, gb.last_report_at)
       OR NOT hotspot_near(ga.weight_sum, gb.weight_sum)
    UNION ALL
    SELECT 'linked set', coalesce(la.hotspot_id, lb.hotspot_id),
           concat_ws(' ', coalesce(la.kind, lb.kind), coalesce(la.combos, lb.combos)::text, coalesce(la.entities, 0), coalesce(lb.entities, 0))
    FROM la FULL JOIN lb ON lb.hotspot_id = la.hotspot_id AND lb.kind = la.kind AND lb.combos = la.combos
    WHERE la.entities IS DISTINCT FROM lb.entities
$$;
REVOKE ALL ON FUNCTION hotspot_run_differences(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hotspot_run_differences(uuid, uuid) TO hotspotintel_jobs;
