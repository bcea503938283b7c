-- 0047: a change log of the link network, so that each API instance can hold the network's link ends and entities'
-- visibility in memory (NetworkIndex) and bring its copy up to date before every answer: one row per statement that
-- changed link ends or an entity's existence, agency or handling code, naming the entities to read again.

-- Each change carries its transaction's id: an instance reads the changes of every transaction at or after the oldest
-- one still running when it last looked, so a change that commits late is found without any writer waiting for
-- another. A null entity_ids means everything (a TRUNCATE). Only the system (the jobs' login, which the index reads on) reads it.
CREATE TABLE network_changes (
    id bigserial PRIMARY KEY,
    entity_ids uuid[],
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX network_changes_xid ON network_changes (xid);
ALTER TABLE network_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY network_changes_read ON network_changes FOR SELECT USING ((SELECT app_role()) = 'system');
GRANT SELECT ON network_changes TO hotspotintel_app;

CREATE FUNCTION note_network_change(changed uuid[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO network_changes (entity_ids) VALUES (changed);
END
$$;

-- TG_ARGV[0]: the column naming the entity (entity_id in link_ends, id in an entity's table). An update of an entity
-- is noted only when what the network reads of it changed (its agency or handling code); of a link end, always.
CREATE FUNCTION note_network_changes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    changed uuid[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM note_network_change(NULL);
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', TG_ARGV[0]) INTO changed;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', TG_ARGV[0]) INTO changed;
    ELSIF TG_TABLE_NAME = 'link_ends' THEN
        SELECT array_agg(DISTINCT c.entity_id) INTO changed
        FROM (SELECT entity_id FROM old_rows UNION SELECT entity_id FROM new_rows) c;
    ELSE
        EXECUTE format('SELECT array_agg(DISTINCT c.id) FROM (SELECT o.id FROM old_rows o LEFT JOIN new_rows n USING (id)
                        WHERE n.id IS NULL OR (o.agency_id, o.handling_code) IS DISTINCT FROM (n.agency_id, n.handling_code)
                        UNION SELECT n.id FROM new_rows n LEFT JOIN old_rows o USING (id) WHERE o.id IS NULL) c') INTO changed;
    END IF;
    IF changed IS NOT NULL THEN
        PERFORM note_network_change(changed);
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    noted record;
BEGIN
    FOR noted IN SELECT * FROM (VALUES ('link_ends', 'entity_id'), ('persons', 'id'), ('premises', 'id'), ('vehicles', 'id'),
                                       ('locations', 'id'), ('phone_numbers', 'id'), ('online_identifiers', 'id')) AS t (name, entity_column)
    LOOP
        EXECUTE format('CREATE TRIGGER %1$s_note_network_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION note_network_changes(%2$L)', noted.name, noted.entity_column);
        EXECUTE format('CREATE TRIGGER %1$s_note_network_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION note_network_changes(%2$L)', noted.name, noted.entity_column);
        EXECUTE format('CREATE TRIGGER %1$s_note_network_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION note_network_changes(%2$L)', noted.name, noted.entity_column);
        EXECUTE format('CREATE TRIGGER %1$s_note_network_truncate AFTER TRUNCATE ON %1$I
                        FOR EACH STATEMENT EXECUTE FUNCTION note_network_changes(%2$L)', noted.name, noted.entity_column);
    END LOOP;
END
$$;
