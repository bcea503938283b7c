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

    /// <summary>Records a scheduled run that succeeded (and so was published) <paramref name="finishedMinutesAgo"/> minutes ago with <paramref name="hotspots"/>; returns its id.</summary>
    public static async Task<Guid> AddSucceededRunAsync(this DatabaseFixture database, int finishedMinutesAgo, params Disc[] hotspots)
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
                INSERT INTO hotspot_history (run_id, hotspot_id, area, area_square_meters, report_count, weighted_score, trend)
                VALUES ('{runId}', '{disc.Id}', {area}, {N(Math.PI * disc.RadiusMeters * disc.RadiusMeters)}, 12, {N(disc.WeightedScore)}, '{disc.Trend}');
                """);
        }

        await database.ExecuteAsync(sql.ToString());
        return runId;
    }

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
