-- Background jobs (role 'system') read every row of every table, so a mention or link-report row need not look up
-- both of its ends under their own row-level security: for a hotspot run's link counts over half a million reports
-- those lookups took 35 of its 45 seconds. The role test comes first and is an InitPlan, evaluated once per query, so
-- for the system it decides alone; for everyone else the policy is what it was (migrations/0002).
DO $$
DECLARE
    joined record;
BEGIN
    FOR joined IN SELECT * FROM (VALUES
        ('report_persons', 'intelligence_reports', 'report_id', 'persons', 'person_id'),
        ('report_premises', 'intelligence_reports', 'report_id', 'premises', 'premises_id'),
        ('report_vehicles', 'intelligence_reports', 'report_id', 'vehicles', 'vehicle_id'),
        ('report_locations', 'intelligence_reports', 'report_id', 'locations', 'location_id'),
        ('link_reports', 'links', 'link_id', 'intelligence_reports', 'report_id')) AS t (name, owner_table, owner_column, other_table, other_column)
    LOOP
        EXECUTE format('ALTER POLICY %1$s_read ON %1$I USING (
                            (SELECT app_role()) = ''system''
                            OR (EXISTS (SELECT 1 FROM %2$I o WHERE o.id = %3$I) AND EXISTS (SELECT 1 FROM %4$I x WHERE x.id = %5$I)))',
            joined.name, joined.owner_table, joined.owner_column, joined.other_table, joined.other_column);
    END LOOP;
END
$$;
