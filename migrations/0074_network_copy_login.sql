-- 0074: each API instance reads its copy of the link network (NetworkIndex) on a login of its own, hotspotintel_network,
-- which reads only what the copy holds: every entity's id, agency and handling code, every link end (ids, kinds, codes,
-- grading, dates, evidence counts) and the network's change log. No name, date of birth, place, report or evidence,
-- and no write. Before, the copy was read on the jobs' login, the system, which reads and writes everything; so an API
-- instance had to hold the background jobs' login, or (as docker-compose.yml gave it only the application's) could
-- not read its copy at all. An answer's entities and links are still read again on the reader's own connection under
-- row-level security: what this login reads only decides where a walk may go.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hotspotintel_network') THEN
        CREATE ROLE hotspotintel_network LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

-- The columns NetworkIndex reads, and those network_link_ends (a security_invoker view) reads for it.
GRANT SELECT (id, agency_id, handling_code) ON persons, premises, vehicles, locations, phone_numbers, online_identifiers TO hotspotintel_network;
GRANT SELECT (entity_id, link_id, entity_kind, other_id, other_kind, derivation, link_type, agency_id, handling_code,
              paired_agency_id, paired_handling_code, security_marking, source_evaluation, intelligence_assessment,
              starts_on, ends_on, evidence_count) ON link_ends TO hotspotintel_network;
GRANT SELECT (id, entity_id, entity_kind, other_id, other_kind, derivation, agency_id, handling_code,
              paired_agency_id, paired_handling_code, security_marking, source_evaluation, intelligence_assessment,
              first_seen_at, last_seen_at, evidence_count) ON derived_links TO hotspotintel_network;
GRANT SELECT ON network_link_ends, network_changes, network_changes_horizon TO hotspotintel_network;

-- Every row of those, as the system sees them (the readers' policies give this login nothing: it has no role).
CREATE POLICY persons_network_copy ON persons FOR SELECT TO hotspotintel_network USING (true);
CREATE POLICY premises_network_copy ON premises FOR SELECT TO hotspotintel_network USING (true);
CREATE POLICY vehicles_network_copy ON vehicles FOR SELECT TO hotspotintel_network USING (true);
CREATE POLICY locations_network_copy ON locations FOR SELECT TO hotspotintel_network USING (true);
CREATE POLICY phone_numbers_network_copy ON phone_numbers FOR SELECT TO hotspotintel_network USING (true);
CREATE POLICY online_identifiers_network_copy ON online_identifiers FOR SELECT TO hotspotintel_network USING (true);
CREATE POLICY link_ends_network_copy ON link_ends FOR SELECT TO hotspotintel_network USING (true);
CREATE POLICY derived_links_network_copy ON derived_links FOR SELECT TO hotspotintel_network USING (true);
CREATE POLICY network_changes_network_copy ON network_changes FOR SELECT TO hotspotintel_network USING (true);
CREATE POLICY network_changes_horizon_network_copy ON network_changes_horizon FOR SELECT TO hotspotintel_network USING (true);
