-- Report density for city-wide map tiles, counted ahead. A tile at zoom 13 or below covers most of a city: counting a
-- million reports per cell took seconds per tile even for a bare ST_AsMVT, where a map must draw in two. So each
-- report is counted once into the grid cells the tiles use (64 per tile side, numbered from the north-west of the
-- world at each zoom), per agency and handling code, and a tile adds up the counts it may see. The hotspot job refreshes
-- the counts after each run; until a first refresh, and whenever a filter is set, tiles count reports live.
--
-- Readers see counts under the same rules as the reports: the read policy (own agency, or P-coded from a sharing
-- partner), and for child-linked reports the masking of reports_for_role: roles that see masked locations count them
-- at their 500 m cell centre, and only in cells shown to them (shown_masking_cells()); other roles at their place.
CREATE TABLE report_density (
    zoom smallint NOT NULL,
    i integer NOT NULL,
    j integer NOT NULL,
    agency_id uuid NOT NULL,
    handling_code handling_code NOT NULL,
    -- 'everyone' (not child-linked), 'unmasked_roles' (child-linked, at its place) or 'masked_roles' (at its cell).
    seen_by text NOT NULL CHECK (seen_by IN ('everyone', 'unmasked_roles', 'masked_roles')),
    masking_cell geometry(Point, 4326),
    reports integer NOT NULL CHECK (reports > 0)
);
CREATE INDEX report_density_cell ON report_density (zoom, i, j);
ALTER TABLE report_density ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_density_read ON report_density FOR SELECT USING (
    (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor', 'system')
    AND ((SELECT app_role()) = 'system'
         OR agency_id = (SELECT app_agency_id())
         OR (handling_code = 'P' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))));

-- When the counts were last made (one row once they exist): tiles count live until then.
CREATE TABLE report_density_refreshes (
    refreshed_at timestamptz NOT NULL,
    reports bigint NOT NULL
);
GRANT SELECT ON report_density, report_density_refreshes TO hotspotintel_app;

-- The 500 m cells whose child-linked reports the reader is shown (at the cell centre): those holding at least
-- masking_minimum_count() child-linked reports the reader may see. One definition for the view (migrations/0012) and
-- the counts. Found once per query, a few thousand rows of per-cell counts, where the view of migrations/0006 probed
-- the counts once per masked row: 10 of the 18 seconds of a city-wide tile for a tasking member.
CREATE FUNCTION shown_masking_cells() RETURNS SETOF geometry LANGUAGE sql STABLE AS $$
    SELECT c.masking_cell FROM child_report_cells c
    WHERE c.agency_id = (SELECT app_agency_id())
       OR (c.handling_code = 'P' AND c.agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))
    GROUP BY c.masking_cell
    HAVING sum(c.reports) >= masking_minimum_count()
$$;

-- Recounts every report (seconds for a million: one pass at zoom 13, each lower zoom summed from it, as its
-- cells hold exactly four of the next zoom's). Background jobs only; the counts are replaced in one transaction, so
-- tiles read the old ones until the new ones commit.
CREATE FUNCTION refresh_report_density() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    counted bigint;
BEGIN
    IF app_role() IS DISTINCT FROM 'system' THEN
        RAISE EXCEPTION 'Only background jobs refresh the report density.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM report_density;
    INSERT INTO report_density (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, reports)
    WITH placed AS (
        SELECT r.agency_id, r.handling_code, 'everyone' AS seen_by, NULL::geometry AS masking_cell, ST_Transform(r.location, 3857) AS point
        FROM intelligence_reports r WHERE NOT (r.mentions_child OR r.category = 'missing_found_location')
        UNION ALL
        SELECT r.agency_id, r.handling_code, 'unmasked_roles', NULL, ST_Transform(r.location, 3857)
        FROM intelligence_reports r WHERE r.mentions_child OR r.category = 'missing_found_location'
        UNION ALL
        SELECT r.agency_id, r.handling_code, 'masked_roles', r.masking_cell, ST_Transform(r.masking_cell, 3857)
        FROM intelligence_reports r WHERE r.mentions_child OR r.category = 'missing_found_location'),
    -- Web Mercator spans 2 x 20037508.342789244 m; at zoom 13 a world side holds 64 x 2^13 cells.
    zoom13 AS (
        SELECT floor((ST_X(point) + 20037508.342789244) / (40075016.685578488 / (64 * 8192)))::integer AS i,
               floor((20037508.342789244 - ST_Y(point)) / (40075016.685578488 / (64 * 8192)))::integer AS j,
               agency_id, handling_code, seen_by, masking_cell, count(*)::integer AS reports
        FROM placed GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT z.zoom, zoom13.i >> (13 - z.zoom), zoom13.j >> (13 - z.zoom), agency_id, handling_code, seen_by, masking_cell, sum(reports)
    FROM zoom13, generate_series(0, 13) AS z(zoom)
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    SELECT count(*) INTO counted FROM intelligence_reports;
    DELETE FROM report_density_refreshes;
    INSERT INTO report_density_refreshes (refreshed_at, reports) VALUES (now(), counted);
    RETURN counted;
END
$$;
REVOKE ALL ON FUNCTION refresh_report_density() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_report_density() TO hotspotintel_app;
