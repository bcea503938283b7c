-- A meeting pack names premises (with their names), vehicles (with their registration marks) and disruption actions
-- in its tables. Erasing one of them on review must not leave it in a stored pack: the packs that name an erased
-- record are deleted with it (each deletion logged as an erasure by meeting_packs' audit trigger, in the erasing
-- supervisor's name and with their reason). The records a pack names are kept beside it when it is stored.
CREATE TABLE meeting_pack_records (
    pack_id uuid NOT NULL REFERENCES meeting_packs (id) ON DELETE CASCADE,
    record_table text NOT NULL CHECK (record_table IN ('premises', 'vehicles', 'disruption_actions')),
    record_id uuid NOT NULL,
    PRIMARY KEY (pack_id, record_table, record_id)
);
CREATE INDEX meeting_pack_records_record_idx ON meeting_pack_records (record_table, record_id);
ALTER TABLE meeting_pack_records ENABLE ROW LEVEL SECURITY;
CREATE POLICY meeting_pack_records_read ON meeting_pack_records FOR SELECT
    USING (EXISTS (SELECT 1 FROM meeting_packs p WHERE p.id = pack_id));
GRANT SELECT ON meeting_pack_records TO hotspotintel_app;

-- Stores what a pack names, as its maker finishing it, and locks each named record against deletion until the pack is
-- stored, so an erasure either waits for the pack (and then deletes it) or came first: then the pack reads a record
-- that is gone, and this returns how many, for the job to fail the pack rather than store it.
CREATE FUNCTION record_meeting_pack_names(named_pack uuid, record_tables text[], record_ids uuid[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    kind text;
    wanted integer;
    present integer;
    missing integer := 0;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM meeting_packs p WHERE p.id = named_pack AND p.made_by = app_user_id()
                   AND p.agency_id = app_agency_id() AND p.made_by_role = app_role()) THEN
        RAISE EXCEPTION 'only its maker records what a meeting pack names' USING ERRCODE = '42501';
    END IF;
    DELETE FROM meeting_pack_records WHERE pack_id = named_pack;
    INSERT INTO meeting_pack_records (pack_id, record_table, record_id)
    SELECT DISTINCT named_pack, t, i FROM unnest(record_tables, record_ids) AS n (t, i);
    FOR kind, wanted IN SELECT record_table, count(*) FROM meeting_pack_records WHERE pack_id = named_pack GROUP BY record_table LOOP
        EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %I r WHERE r.id IN (SELECT record_id FROM meeting_pack_records
                                                                              WHERE pack_id = $1 AND record_table = $2) FOR KEY SHARE) locked', kind)
            INTO present USING named_pack, kind;
        missing := missing + wanted - present;
    END LOOP;
    RETURN missing;
END
$$;
REVOKE ALL ON FUNCTION record_meeting_pack_names(uuid, text[], uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_meeting_pack_names(uuid, text[], uuid[]) TO hotspotintel_app;

CREATE FUNCTION meeting_packs_erased_with_named_records() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM meeting_packs p
    WHERE p.id IN (SELECT r.pack_id FROM meeting_pack_records r JOIN erased_rows e ON e.id = r.record_id
                   WHERE r.record_table = TG_TABLE_NAME);
    RETURN NULL;
END
$$;
CREATE TRIGGER premises_erase_meeting_packs AFTER DELETE ON premises
    REFERENCING OLD TABLE AS erased_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_packs_erased_with_named_records();
CREATE TRIGGER vehicles_erase_meeting_packs AFTER DELETE ON vehicles
    REFERENCING OLD TABLE AS erased_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_packs_erased_with_named_records();
CREATE TRIGGER disruption_actions_erase_meeting_packs AFTER DELETE ON disruption_actions
    REFERENCING OLD TABLE AS erased_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_packs_erased_with_named_records();
