-- The intelligence behind a disruption action or that it produced (issue 15 §1, "linked intelligence").
-- A link is seen when both the action and the report are (a role that sees child-linked locations masked sees no link
-- to a child-linked report, as for mentions in migrations/0037), and written by whoever may write the action, to a
-- report they may see in the same way. Audited; a deleted action or report takes its links with it.
CREATE TABLE disruption_action_reports (
    action_id uuid NOT NULL REFERENCES disruption_actions (id) ON DELETE CASCADE,
    report_id uuid NOT NULL REFERENCES intelligence_reports (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, report_id)
);
CREATE INDEX disruption_action_reports_report_id_idx ON disruption_action_reports (report_id);

ALTER TABLE disruption_action_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY disruption_action_reports_read ON disruption_action_reports FOR SELECT USING (
    (SELECT app_role()) = 'system'
    OR (EXISTS (SELECT 1 FROM disruption_actions a WHERE a.id = action_id)
        AND EXISTS (SELECT 1 FROM intelligence_reports o WHERE o.id = report_id
                    AND NOT ((SELECT app_sees_masked_locations()) AND (o.mentions_child OR o.category = 'missing_found_location')))));
CREATE POLICY disruption_action_reports_insert ON disruption_action_reports FOR INSERT WITH CHECK (
    EXISTS (SELECT 1 FROM disruption_actions a WHERE a.id = action_id AND a.agency_id = (SELECT app_agency_id())
            AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor'))
    AND EXISTS (SELECT 1 FROM intelligence_reports o WHERE o.id = report_id
                AND NOT ((SELECT app_sees_masked_locations()) AND (o.mentions_child OR o.category = 'missing_found_location'))));
CREATE POLICY disruption_action_reports_delete ON disruption_action_reports FOR DELETE USING (
    EXISTS (SELECT 1 FROM disruption_actions a WHERE a.id = action_id AND a.agency_id = (SELECT app_agency_id())
            AND (SELECT app_role()) IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor')));

CREATE TRIGGER disruption_action_reports_audit_insert AFTER INSERT ON disruption_action_reports REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();
CREATE TRIGGER disruption_action_reports_audit_delete AFTER DELETE ON disruption_action_reports REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_changed_rows();

GRANT SELECT, INSERT, DELETE ON disruption_action_reports TO hotspotintel_app;
