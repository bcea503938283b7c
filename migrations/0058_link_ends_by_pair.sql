-- 0058: link_ends by pair, for the network's check of what it returns (issue 14). An API instance walks its own copy of
-- the network, then asks the database, under the reader's row-level security, for every link end its answer shows.
-- Probed by (entity_id, link_id), that is one probe per evidence class of each link (a 500-entity network: some 25,000);
-- by the pair of entities it joins, one probe returns every link and class between the two (some 10,000 probes for
-- the same network, each a few adjacent entries). The index holds what the read policy of link_ends (migration 0041)
-- and the check read, so the probes are index-only once the table is vacuumed.
CREATE INDEX link_ends_pair_idx ON link_ends (entity_id, other_id)
    INCLUDE (link_id, agency_id, handling_code, paired_agency_id, paired_handling_code, security_marking);
