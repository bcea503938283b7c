-- 0041: the read policy of link_ends and derived_links written out in the policy itself. As a function
-- (app_can_read_network, migrations/0022) it could not be inlined, since its body holds sub-selects: PostgreSQL called
-- it for every link end a hop read, and each call ran app_role(), app_agency_id() and app_partner_agency_ids() again,
-- about 0.1 ms a row (a hop over a hub of 1,000 link ends: 0.1 s). In the policy, each sub-select is an init plan
-- evaluated once per statement, and a row costs a few comparisons. The rule is the same: analysts and supervisors
-- (and jobs), records of their own agency or P-coded records of a sharing partner; for a derived link, both evidence
-- classes must be readable.

DROP POLICY link_ends_read ON link_ends;
CREATE POLICY link_ends_read ON link_ends FOR SELECT
    USING ((SELECT app_role()) IN ('analyst', 'supervisor', 'system')
           AND ((SELECT app_role()) = 'system'
                OR ((agency_id = (SELECT app_agency_id())
                     OR (handling_code = 'P' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[])))
                    AND (paired_agency_id = (SELECT app_agency_id())
                         OR (paired_handling_code = 'P' AND paired_agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))))));

DROP POLICY derived_links_read ON derived_links;
CREATE POLICY derived_links_read ON derived_links FOR SELECT
    USING ((SELECT app_role()) IN ('analyst', 'supervisor', 'system')
           AND ((SELECT app_role()) = 'system'
                OR ((agency_id = (SELECT app_agency_id())
                     OR (handling_code = 'P' AND agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[])))
                    AND (paired_agency_id = (SELECT app_agency_id())
                         OR (paired_handling_code = 'P' AND paired_agency_id = ANY ((SELECT app_partner_agency_ids())::uuid[]))))));

-- Nothing else reads through it: one definition of the rule, the policies above.
DROP FUNCTION app_can_read_network(uuid, text, uuid, text);
