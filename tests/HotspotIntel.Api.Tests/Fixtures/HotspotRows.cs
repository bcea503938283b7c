using System.Globalization;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>
/// A succeeded hotspot run and its hotspots written straight into the tables as the schema owner, for tests of what
/// reads hotspots (premises checks, tiles) rather than of the engine that finds them.
/// </summary>
public static class HotspotRows
{
    /// <summary>One hotspot: a disc of <paramref name="RadiusMeters"/> (drawn in EPSG:27700) round a WGS84 point.</summary>
    public sealed record Disc(Guid Id, double Longitude, double Latitude, double RadiusMeters, string Trend, double WeightedScore);

    /// <summary>
    /// Records a scheduled run that succeeded (and so was published) <paramref name="finishedMinutesAgo"/> minutes ago with
    /// <paramref name="hotspots"/>, each holding 12 reports of <paramref name="agencyId"/> at its centre (readers see a
    /// hotspot only through the reports they may read); returns its id.
    /// </summary>
    public static async Task<Guid> AddSucceededRunAsync(this DatabaseFixture database, Guid agencyId, int finishedMinutesAgo, params Disc[] hotspots)
    {
        var runId = Guid.NewGuid();
        var sql = new System.Text.StringBuilder($"""
            INSERT INTO hotspot_runs (id, kind, method, parameters, status, requested_by, requested_at, started_at, finished_at, published_at, published_by)
            VALUES ('{runId}', 'full', 'gistar', '{"{}"}', 'succeeded', 'test', now() - interval '{finishedMinutesAgo + 1} minutes',
                    now() - interval '{finishedMinutesAgo + 1} minutes', now() - interval '{finishedMinutesAgo} minutes',
                    now() - interval '{finishedMinutesAgo} minutes', 'system');
            """);
        foreach (var disc in hotspots)
        {
            var point = $"ST_SetSRID(ST_MakePoint({N(disc.Longitude)}, {N(disc.Latitude)}), 4326)";
            var area = $"ST_Multi(ST_Transform(ST_Buffer(ST_Transform({point}, 27700), {N(disc.RadiusMeters)}), 4326))";
            sql.Append($"""
                INSERT INTO hotspots (id, first_run_id, latest_run_id, method, area, centroid, area_square_meters, report_count,
                                      weighted_score, trend, top_categories, premises_ids, location_ids, linked_vehicle_count,
                                      linked_person_count, first_seen_at, last_seen_at)
                VALUES ('{disc.Id}', '{runId}', '{runId}', 'gistar', {area}, {point}, {N(Math.PI * disc.RadiusMeters * disc.RadiusMeters)}, 12,
                        {N(disc.WeightedScore)}, '{disc.Trend}', '[]', '{"{}"}', '{"{}"}', 0, 0, now(), now())
                ON CONFLICT (id) DO UPDATE SET latest_run_id = excluded.latest_run_id;
                INSERT INTO hotspot_history (run_id, hotspot_id, area, area_square_meters, report_count, weighted_score, trend, masked_area, child_report_count)
                VALUES ('{runId}', '{disc.Id}', {area}, {N(Math.PI * disc.RadiusMeters * disc.RadiusMeters)}, 12, {N(disc.WeightedScore)}, '{disc.Trend}',
                        masking_cells_covering({area}), 0);
                WITH members AS (
                    INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location,
                        location_precision_meters, source_evaluation, intelligence_assessment, handling_code, security_marking,
                        lawful_basis, review_on, created_at, updated_at)
                    SELECT gen_random_uuid(), '{agencyId}', 'party_house', 'Synthetic: a report of a hotspot row', now() - interval '3 days', now(),
                           {point}, 10, '2', 'B', 'P', 'OFFICIAL', 'law_enforcement', current_date + 365, now(), now()
                    FROM generate_series(1, 12)
                    RETURNING id)
                INSERT INTO hotspot_members (run_id, hotspot_id, report_id, weight)
                SELECT '{runId}', '{disc.Id}', id, {N(disc.WeightedScore / 12)} FROM members;
                """);
        }

        sql.Append($"SELECT summarise_hotspot_members('{runId}');");
        await database.ExecuteAsync(sql.ToString());
        return runId;
    }

    /// <summary>The hotspot holds <paramref name="premises"/> in each run it was in, as a run records it (on the hotspot and in its history).</summary>
    public static Task HoldAsync(this DatabaseFixture database, Guid hotspotId, params Guid[] premises) => database.ExecuteAsync($"""
        UPDATE hotspots SET premises_ids = ARRAY['{string.Join("','", premises)}']::uuid[] WHERE id = '{hotspotId}';
        UPDATE hotspot_history SET premises_ids = ARRAY['{string.Join("','", premises)}']::uuid[] WHERE hotspot_id = '{hotspotId}';
        """);

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
