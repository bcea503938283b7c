-- 0013: a name EF Core can call for PostGIS's bounding-box overlap (&&), which it has no translation for: list filters
-- pair it with ST_Intersects so that, under row-level security, the leakproof && (0006) is their GiST index condition.
-- That holds only while PostgreSQL inlines it to the bare operator: one SQL expression, no SET, no SECURITY DEFINER.
CREATE FUNCTION bbox_overlaps(geometry, geometry) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 && $2';
