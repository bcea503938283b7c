using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Core.Hotspots;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Hotspots;

/// <summary>
/// A current hotspot near a place, as a premises check lists it (as the reader may see it, <see cref="SeenHotspot"/>): its trend and score in the published run and
/// how far its edge is from the place (0 when the place is inside it).
/// </summary>
/// <param name="HotspotId">The hotspot's stable id (GET /api/hotspots/{id}).</param>
/// <param name="RunId">The run these figures are from: the latest succeeded run.</param>
/// <param name="Trend">new, intensifying, persistent, diminishing, historical or sporadic; null when the run could not tell.</param>
/// <param name="WeightedScore">Sum of report weights in the hotspot.</param>
/// <param name="ReportCount">Reports in the hotspot.</param>
/// <param name="ConfidencePercent">90, 95 or 99 for a significant Gi* hotspot; null otherwise.</param>
/// <param name="DistanceMeters">From the place to the hotspot's edge, metres (EPSG:27700); 0 inside it.</param>
/// <param name="Centroid">The hotspot's centre, [longitude, latitude] (WGS84).</param>
public sealed record NearbyHotspot(Guid HotspotId, Guid RunId, HotspotTrend? Trend, double? WeightedScore, int? ReportCount,
    int? ConfidencePercent, double DistanceMeters, double[] Centroid);

public static class NearbyHotspots
{
    /// <summary>How far from a premises a hotspot counts as nearby when the request does not say: about five minutes' walk.</summary>
    public const int DefaultRadiusMeters = 500;

    /// <summary>The widest search a request may ask for.</summary>
    public const int MaxRadiusMeters = 5000;

    /// <summary>British National Grid: the metric CRS distances are measured in (docs/architecture.md, Storage and coordinates).</summary>
    public const int MetricSrid = 27700;

    /// <summary>The radius a check asked for (the default when none), or null with the reason in <paramref name="errors"/>.</summary>
    public static int? ReadRadius(int? radiusMeters, ValidationErrors errors)
    {
        var radius = radiusMeters ?? DefaultRadiusMeters;
        if (radius is >= 1 and <= MaxRadiusMeters)
        {
            return radius;
        }

        errors.Add("radiusMeters", $"Must be a whole number of metres from 1 to {MaxRadiusMeters}.");
        return null;
    }

    /// <summary>
    /// For each of <paramref name="places"/>, the published run's hotspots within <paramref name="radiusMeters"/> of it,
    /// nearest first; places with none are absent. One query for any number of places: a check asks it of one, a meeting
    /// pack of every premises it lists. Becomes <c>ST_DWithin(ST_Transform(area, 27700), place, radius)</c> over that run's rows.
    /// </summary>
    public static async Task<Dictionary<Guid, List<NearbyHotspot>>> ListAsync(HotspotIntelDbContext db, IQueryable<CheckedPlace> places, int radiusMeters,
        CancellationToken cancellationToken)
    {
        var run = await PublishedHotspotRun.IdAsync(db, cancellationToken);
        if (run is null)
        {
            return [];
        }

        var rows = await (
                from place in places
                from entry in db.HotspotsSeen(run, null)
                where EF.Functions.Transform(entry.Area, MetricSrid).IsWithinDistance(place.Place, radiusMeters)
                select new
                {
                    place.Key,
                    entry.HotspotId,
                    entry.Trend,
                    entry.WeightedScore,
                    entry.ReportCount,
                    entry.ConfidencePercent,
                    Distance = EF.Functions.Transform(entry.Area, MetricSrid).Distance(place.Place),
                    entry.Centroid,
                })
            .OrderBy(row => row.Key).ThenBy(row => row.Distance).ThenByDescending(row => row.WeightedScore ?? 0).ThenBy(row => row.HotspotId)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(row => row.Key).ToDictionary(group => group.Key, group => group.Select(row => new NearbyHotspot(row.HotspotId, run.Value,
            row.Trend, row.WeightedScore, row.ReportCount, row.ConfidencePercent, Math.Round(row.Distance, 1), [row.Centroid.X, row.Centroid.Y])).ToList());
    }
}

/// <summary>
/// A place a check looks round: the record it is of and where it is, in <see cref="NearbyHotspots.MetricSrid"/> (transform
/// it in the query that selects it: EF cannot transform a parameter).
/// </summary>
public sealed class CheckedPlace
{
    public Guid Key { get; init; }

    public required Point Place { get; init; }
}
