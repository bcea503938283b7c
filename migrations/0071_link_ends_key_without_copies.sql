-- link_ends' primary key held a copy of every other column (INCLUDE, migration 0022), so that the network's reads by
-- entity were index-only. Those reads are now an API instance's copy of the network (Network/NetworkIndex: the whole
-- table read once in order of the heap, then the link ends of the few entities a change names) and one link's evidence;
-- the check of what an answer shows probes link_ends_pair_idx (migration 0058), which holds what the read policy reads.
-- The copies made the key the largest part of the table: 854 MB of 2,141 MB at 20,000 persons with derived links on
-- (3.4 million link ends), more than the heap itself, written again for every derived link end a pass writes. At the
-- regional size (200,000 persons) the derived-link pass ran out of disk. The key keeps its columns and its uniqueness.
ALTER TABLE link_ends DROP CONSTRAINT link_ends_pkey, ADD PRIMARY KEY (entity_id, link_id);
