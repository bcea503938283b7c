-- 0073: a derived link's two ends are read from derived_links itself, no longer written again as two rows of link_ends
-- (issue 14). Each end was a copy of its link's row under a key that held every column, about 630 bytes with its
-- indexes: at 20,000 persons 3.0 million ends (1.9 GB) for 1.5 million derived links (0.4 GB), and at the regional size
-- some 74 million ends (about 46 GB, more than the machine's disk) for 37 million links. A derived link is now written
-- once, and read by either end through two covering indexes (about 140 bytes a link each when built, 180 as written).
--
-- link_ends holds the ends of recorded links only, kept by their triggers as before. network_link_ends shows every
-- end as link_ends showed it before: a recorded end as it is; a derived link as two ends, from entity_id and from
-- other_id, each with the link's agencies, handling codes and marking (the same both ways, as the pass wrote them), its
-- derivation as its link type, and its span as UTC dates. It is a security_invoker view: a reader sees through it what
-- the read policies of link_ends and derived_links (migration 0041, the same rule) let them see, and its conditions on
-- an entity or a pair reach each table's index. The network's change log hears of derived links from derived_links.

-- A pass writes each pair once, its smaller id first: the network's check of a derived link probes that one way round.
ALTER TABLE derived_links ADD CONSTRAINT derived_links_smaller_id_first CHECK (entity_id < other_id);

-- Every end a hop or a check reads, without the heap once vacuumed: from entity_id, and from other_id.
DROP INDEX derived_links_pair_idx;
CREATE INDEX derived_links_ends_idx ON derived_links (entity_id, other_id)
    INCLUDE (id, other_kind, agency_id, handling_code, paired_agency_id, paired_handling_code, security_marking);
CREATE INDEX derived_links_other_ends_idx ON derived_links (other_id, entity_id)
    INCLUDE (id, entity_kind, agency_id, handling_code, paired_agency_id, paired_handling_code, security_marking);

DELETE FROM link_ends WHERE derivation <> 'recorded';
ALTER TABLE link_ends ADD CONSTRAINT link_ends_recorded_only CHECK (derivation = 'recorded');

CREATE VIEW network_link_ends WITH (security_invoker = true) AS
    SELECT e.entity_id, e.link_id, e.entity_kind, e.other_id, e.other_kind, e.derivation, e.link_type, e.agency_id, e.handling_code,
           e.paired_agency_id, e.paired_handling_code, e.security_marking, e.source_evaluation, e.intelligence_assessment,
           e.starts_on, e.ends_on, e.evidence_count
    FROM link_ends e
    UNION ALL
    SELECT d.entity_id, d.id, d.entity_kind, d.other_id, d.other_kind, d.derivation, d.derivation, d.agency_id, d.handling_code,
           d.paired_agency_id, d.paired_handling_code, d.security_marking, d.source_evaluation, d.intelligence_assessment,
           (d.first_seen_at AT TIME ZONE 'UTC')::date, (d.last_seen_at AT TIME ZONE 'UTC')::date, d.evidence_count
    FROM derived_links d
    UNION ALL
    SELECT d.other_id, d.id, d.other_kind, d.entity_id, d.entity_kind, d.derivation, d.derivation, d.agency_id, d.handling_code,
           d.paired_agency_id, d.paired_handling_code, d.security_marking, d.source_evaluation, d.intelligence_assessment,
           (d.first_seen_at AT TIME ZONE 'UTC')::date, (d.last_seen_at AT TIME ZONE 'UTC')::date, d.evidence_count
    FROM derived_links d;
GRANT SELECT ON network_link_ends TO hotspotintel_app;

-- A statement that changes derived links notes both ends of each (migration 0047's log, read by every API instance).
CREATE FUNCTION note_derived_link_changes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    changed uuid[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM note_network_change(NULL);
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT e.id) INTO changed FROM new_rows n CROSS JOIN LATERAL (VALUES (n.entity_id), (n.other_id)) AS e (id);
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT e.id) INTO changed FROM old_rows o CROSS JOIN LATERAL (VALUES (o.entity_id), (o.other_id)) AS e (id);
    ELSE
        SELECT array_agg(DISTINCT e.id) INTO changed
        FROM (SELECT entity_id, other_id FROM old_rows UNION ALL SELECT entity_id, other_id FROM new_rows) c
        CROSS JOIN LATERAL (VALUES (c.entity_id), (c.other_id)) AS e (id);
    END IF;
    IF changed IS NOT NULL THEN
        PERFORM note_network_change(changed);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER derived_links_note_network_insert AFTER INSERT ON derived_links REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION note_derived_link_changes();
CREATE TRIGGER derived_links_note_network_update AFTER UPDATE ON derived_links REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION note_derived_link_changes();
CREATE TRIGGER derived_links_note_network_delete AFTER DELETE ON derived_links REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION note_derived_link_changes();
CREATE TRIGGER derived_links_note_network_truncate AFTER TRUNCATE ON derived_links
    FOR EACH STATEMENT EXECUTE FUNCTION note_derived_link_changes();

-- As in migration 0072, without writing the links' ends into link_ends.
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

    DELETE FROM derived_links d USING gone_links g WHERE d.id = g.id;
    GET DIAGNOSTICS removed = ROW_COUNT;
    INSERT INTO derived_links SELECT * FROM changed_links
    ON CONFLICT (id) DO UPDATE SET entity_kind = excluded.entity_kind, other_kind = excluded.other_kind,
        security_marking = excluded.security_marking, source_evaluation = excluded.source_evaluation,
        intelligence_assessment = excluded.intelligence_assessment, first_seen_at = excluded.first_seen_at,
        last_seen_at = excluded.last_seen_at, evidence_count = excluded.evidence_count;
    GET DIAGNOSTICS written = ROW_COUNT;
END
$$;
