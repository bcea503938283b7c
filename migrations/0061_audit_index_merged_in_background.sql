-- 0061: the audit log's index of the records each entry names (audit_log_entity_ids_idx, migration 0016) is merged in
-- the background, not by the request that happens to fill it (issue 14). A network answer names every entity and link
-- it returns (some 10,000-15,000 ids) in one entry; GIN puts new entries' keys in a pending list, and the insert that
-- takes that list past gin_pending_list_limit (4 MB by default: about nine network answers) merges the whole list into
-- the index there and then, which took 0.3-0.45 s of that one analyst's answer. With a larger list, autovacuum merges it
-- (every 50 entries written, whatever the table's size), and an insert does only if autovacuum falls far behind. Nothing
-- is left out: a search by record reads the pending list as well as the index, so an entry is found as soon as it is
-- committed; the search reads a longer list until it is merged. The entries and their hash chain are as before.
ALTER INDEX audit_log_entity_ids_idx SET (gin_pending_list_limit = 65536);
ALTER TABLE audit_log SET (autovacuum_vacuum_insert_threshold = 50, autovacuum_vacuum_insert_scale_factor = 0);
