-- Filtered city-zoom tiles that cost about what an unfiltered one does (issue 19 §2). A grading filter without a time
-- window added up report_grading_density, one row per month for each cell and grade (2.4x the unfiltered p95 at a
-- million reports): report_grade_density counts by grading alone, as a tile with that filter reads it.
--
-- Every count table's key also holds its count (INCLUDE (reports)), so that a tile reads its rows from the index alone.
-- The tables are written in cell order but those by one dimension are read in their key's order (dimension first): a
-- grading tile fetched about one table page for each row it read (9,756 pages for 12,348 rows at zoom 8 over the 100k
-- city, against 308 from the index alone).
INSERT INTO report_density_tables (name, dimensions) VALUES ('report_grade_density', '{source_evaluation, intelligence_assessment}');

CREATE TABLE report_grade_density (LIKE report_density INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    source_evaluation source_evaluation NOT NULL, intelligence_assessment intelligence_assessment NOT NULL);
CREATE TABLE report_grade_density_changes (LIKE report_grade_density);
CREATE INDEX report_grade_density_changes_cell ON report_grade_density_changes (zoom, i, j);
DO $$
DECLARE
    t text;
BEGIN
    -- The read policy of report_density (migrations/0010, 0053).
    FOREACH t IN ARRAY ARRAY['report_grade_density', 'report_grade_density_changes'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (
            (SELECT app_role()) IN (''tasking_member'', ''analyst'', ''licensing_officer'', ''supervisor'', ''system'')
            AND ((SELECT app_role()) = ''system''
                 OR agency_id = (SELECT app_agency_id())
                 OR (handling_code = ''P'' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))))', t || '_read', t);
        EXECUTE format('GRANT SELECT ON %I TO hotspotintel_app', t);
    END LOOP;
END
$$;

-- The grades' counts are report_grading_density's summed over months: the same reports, placed and classed the same
-- way. The writes' change rows wait meanwhile, as for a recount, so that none is counted in one table and not the other.
-- Written in the key's order, so that a tile reads the new table in order before it is vacuumed.
LOCK TABLE report_grading_density_changes IN EXCLUSIVE MODE;
INSERT INTO report_grade_density (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression,
    source_evaluation, intelligence_assessment, reports)
SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, source_evaluation,
       intelligence_assessment, sum(reports)::integer
FROM report_grading_density
GROUP BY zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, source_evaluation, intelligence_assessment
HAVING sum(reports) <> 0
ORDER BY zoom, source_evaluation, intelligence_assessment, i, j;
INSERT INTO report_grade_density_changes (zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression,
    source_evaluation, intelligence_assessment, reports)
SELECT zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, source_evaluation,
       intelligence_assessment, reports
FROM report_grading_density_changes;

-- Each key again with the count, in the same column order (the fold's ON CONFLICT finds it by its columns).
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('report_density', 'zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression'),
        ('report_filter_density', 'zoom, i, j, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression, category, '
            || 'source_evaluation, intelligence_assessment, month'),
        ('report_month_density', 'zoom, i, j, month, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression'),
        ('report_category_density', 'zoom, category, i, j, month, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression'),
        ('report_grading_density', 'zoom, source_evaluation, intelligence_assessment, i, j, month, agency_id, handling_code, seen_by, '
            || 'masking_cell, counts_for_suppression'),
        ('report_indicator_density', 'zoom, indicator_code, i, j, month, agency_id, handling_code, seen_by, masking_cell, counts_for_suppression'),
        ('report_grade_density', 'zoom, source_evaluation, intelligence_assessment, i, j, agency_id, handling_code, seen_by, masking_cell, '
            || 'counts_for_suppression')) AS k(name, columns)
    LOOP
        EXECUTE format('DROP INDEX IF EXISTS %I', t.name || '_key');
        EXECUTE format('CREATE UNIQUE INDEX %I ON %I (%s) INCLUDE (reports) NULLS NOT DISTINCT', t.name || '_key', t.name, t.columns);
    END LOOP;
END
$$;

ANALYZE report_grade_density;
