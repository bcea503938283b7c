-- 0075: which premises and places a hotspot holds is read as the reader sees the hotspot (hotspots_seen, in the latest
-- of its runs the reader may see), never from the hotspots table: the application's login read premises_ids and
-- location_ids of every hotspot there, so a network started from a hotspot, or the question of what connects a premises
-- to hotspots, told an analyst what a hotspot they may not see (one made only of an unshared agency's reports) holds.
-- The API no longer reads them (NetworkStore.HotspotHoldingsAsync); the database now refuses them to that login too.
REVOKE SELECT (premises_ids, location_ids) ON hotspots FROM hotspotintel_app;
