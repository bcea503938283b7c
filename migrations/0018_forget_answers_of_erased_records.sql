-- 0018: a create's remembered answer (idempotent_requests, kept so a retry replays it) is a copy of the record as it
-- was created; when the record is deleted or erased, the copy goes too, so no retry can bring erased data back.
-- The answers are found by the location they name, which the record's own route and id make.
CREATE INDEX idempotent_requests_location_idx ON idempotent_requests (location) WHERE location IS NOT NULL;

-- Every deleted record's answers; and a report's when its erasure begins (erased_on newly set).
CREATE FUNCTION forget_answers_of_deleted_records() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM idempotent_requests a USING old_rows r WHERE a.location = TG_ARGV[0] || '/' || r.id;
    RETURN NULL;
END
$$;

CREATE FUNCTION forget_answers_of_erased_reports() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM idempotent_requests a
    USING new_rows n JOIN old_rows o ON o.id = n.id
    WHERE a.location = '/api/reports/' || n.id AND n.erased_on IS NOT NULL AND o.erased_on IS NULL;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    kind record;
BEGIN
    FOR kind IN SELECT * FROM (VALUES
        ('intelligence_reports', '/api/reports'), ('persons', '/api/persons'), ('premises', '/api/premises'),
        ('locations', '/api/locations'), ('vehicles', '/api/vehicles'), ('links', '/api/links'),
        ('missing_episodes', '/api/missing-episodes')) AS t (name, route)
    LOOP
        EXECUTE format('CREATE TRIGGER %1$s_forget_answers AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION forget_answers_of_deleted_records(%2$L)', kind.name, kind.route);
    END LOOP;
END
$$;
CREATE TRIGGER intelligence_reports_forget_answers_on_erasure AFTER UPDATE ON intelligence_reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION forget_answers_of_erased_reports();
