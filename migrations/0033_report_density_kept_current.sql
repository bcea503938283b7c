-- 0033: the report counts city-wide tiles add up are kept current by the reports' own change stream instead of a full
-- recount after each hotspot run. Each statement that inserts, updates or deletes reports appends its signed counts
-- per zoom 13 cell to report_density_changes (insert-only, and only the finest zoom, to keep writes cheap); a
-- background job folds them into report_density at every zoom. Tiles add both up (a lower zoom's cell holds whole zoom
-- 13 cells), so they are current at once.
-- Masked readers: a child-linked report is counted at its 500 m cell's centre, and only where that masking cell holds
-- the minimum of reports that count toward suppression (recorded by a role that sees exact places, migrations/0015);
-- all of one masking cell's rows fall in one tile cell at every zoom, so a tile tells that from its own rows.
ALTER TABLE report_density
    ADD COLUMN counts_for_suppression boolean NOT NULL DEFAULT false,
    DROP CONSTRAINT report_density_reports_check;
DROP INDEX report_density_cell;
CREATE UNIQUE INDEX report_density_key ON report_density (zoom, i, j, agency_id, handling_code, seen_by, masking_cell,
    counts_for_suppression) NULLS NOT DISTINCT;

CREATE TABLE report_density_changes (LIKE report_density);
CREATE INDEX report_density_changes_cell ON report_density_changes (zoom, i, j);
ALTER TABLE report_density_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_density_changes_read ON report_density_changes FOR SELECT USING (
    (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system')
    AND ((SELECT app_role()) = 'system'
         OR agency_id = (SELECT app_agency_id())
         OR (handling_code = 'P' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))));

GRANT SELECT ON report_density_changes TO hotspotintel_app;

-- The query that counts a set of reports (a table or a trigger's transition table, by name) per zoom 0-13 cell, agency
-- and handling code, signed: each report once where every reader but a masked one sees it, and a child-linked one also
-- at its masking cell's centre for masked readers. Zoom 13 cells are 64 per tile side (Web Mercator spans
-- 2 x 20037508.342789244 m); a lower zoom's cell holds exactly four of the next one's. Its columns are those of
-- report_density_columns(). A query text, as a trigger's transition tables can be read only by name (quoted with '',
-- since the migration runner reads $name$ as a variable).
CREATE FUNCTION report_density_columns() RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, reports'
$$;

CREATE FUNCTION report_density_query(source text, sign integer, from_zoom integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format('
    WITH placed AS (
        SELECT r.agency_id, r.handling_code, ''everyone'' AS seen_by, NULL::geometry AS masking_cell,
               false AS counts_for_suppression, r.location AS place
        FROM %1$I r WHERE NOT (r.mentions_child OR r.category = ''missing_found_location'')
        UNION ALL
        SELECT r.agency_id, r.handling_code, ''unmasked_roles'', NULL, false, r.location
        FROM %1$I r WHERE r.mentions_child OR r.category = ''missing_found_location''
        UNION ALL
        SELECT r.agency_id, r.handling_code, ''masked_roles'', r.masking_cell, NOT role_sees_masked_locations(r.recorded_by_role),
               r.masking_cell
        FROM %1$I r WHERE r.mentions_child OR r.category = ''missing_found_location''),
    zoom13 AS (
        SELECT floor((ST_X(p.point) + 20037508.342789244) / (40075016.685578488 / (64 * 8192)))::integer AS i,
               floor((20037508.342789244 - ST_Y(p.point)) / (40075016.685578488 / (64 * 8192)))::integer AS j,
               agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, count(*)::integer AS reports
        FROM (SELECT placed.*, ST_Transform(place, 3857) AS point FROM placed) p
        GROUP BY 1, 2, 3, 4, 5, 6, 7)
    SELECT z.zoom, zoom13.i >> (13 - z.zoom), zoom13.j >> (13 - z.zoom), agency_id, handling_code, seen_by, masking_cell,
           counts_for_suppression, (%2$s * sum(reports))::integer
    FROM zoom13, generate_series(%3$s, 13) AS z(zoom)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ', source, sign, from_zoom)
$$;

CREATE FUNCTION note_report_density_changes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE format('INSERT INTO report_density_changes (%s) %s', report_density_columns(), report_density_query('old_rows', -1, 13));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE format('INSERT INTO report_density_changes (%s) %s', report_density_columns(), report_density_query('new_rows', 1, 13));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER intelligence_reports_density_inserted AFTER INSERT ON intelligence_reports
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_report_density_changes();
CREATE TRIGGER intelligence_reports_density_updated AFTER UPDATE ON intelligence_reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_report_density_changes();
CREATE TRIGGER intelligence_reports_density_deleted AFTER DELETE ON intelligence_reports
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION note_report_density_changes();

-- Folds the changes noted so far into the counts, in one transaction (tiles read the same sums before and after);
-- one fold at a time. Background jobs only; returns how many change rows it folded.
CREATE FUNCTION fold_report_density_changes() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    folded bigint;
BEGIN
    IF app_role() IS DISTINCT FROM 'system' THEN
        RAISE EXCEPTION 'Only background jobs fold the report density.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('fold_report_density_changes'));
    WITH moved AS (DELETE FROM report_density_changes RETURNING *),
    summed AS (
        SELECT z.zoom, i >> (13 - z.zoom) AS i, j >> (13 - z.zoom) AS j, agency_id, handling_code, seen_by, masking_cell,
               counts_for_suppression, sum(reports)::integer AS reports
        FROM moved, generate_series(0, 13) AS z(zoom) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8),
    applied AS (
        INSERT INTO report_density AS d (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, reports)
        SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, reports
        FROM summed WHERE reports <> 0 ORDER BY zoom, i, j
        ON CONFLICT (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression)
        DO UPDATE SET reports = d.reports + excluded.reports)
    SELECT count(*) INTO folded FROM moved;
    DELETE FROM report_density WHERE reports = 0;
    RETURN folded;
END
$$;
REVOKE ALL ON FUNCTION fold_report_density_changes() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fold_report_density_changes() TO hotspotintel_app;

-- The full recount: for repair, and to fill the new column below.
CREATE FUNCTION recount_report_density() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    counted bigint;
BEGIN
    LOCK TABLE report_density_changes IN EXCLUSIVE MODE;
    DELETE FROM report_density_changes;
    DELETE FROM report_density;
    EXECUTE format('INSERT INTO report_density (%s) %s', report_density_columns(), report_density_query('intelligence_reports', 1, 0));
    SELECT count(*) INTO counted FROM intelligence_reports;
    DELETE FROM report_density_refreshes;
    INSERT INTO report_density_refreshes (refreshed_at, reports) VALUES (now(), counted);
    RETURN counted;
END
$$;
REVOKE ALL ON FUNCTION recount_report_density() FROM PUBLIC;

CREATE OR REPLACE FUNCTION refresh_report_density() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF app_role() IS DISTINCT FROM 'system' THEN
        RAISE EXCEPTION 'Only background jobs refresh the report density.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN recount_report_density();
END
$$;

SELECT recount_report_density();
