using HotspotIntel.Analysis;
using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>An analyst's run: a method and any parameters to change from the configured ones.</summary>
public sealed record HotspotRunRequest
{
    /// <summary>excess, gistar, kde or dbscan; the configured method (excess unless configured otherwise) when absent.</summary>
    /// <example>excess</example>
    public HotspotMethod? Method { get; init; }

    /// <summary>Parameters to change; the rest keep their configured values.</summary>
    public HotspotParameterChanges? Parameters { get; init; }

    /// <summary>
    /// The date the run counts from (ISO 8601, not after now; default now): reports after it are left out and trends
    /// end there, to see the hotspots as they were on that day.
    /// </summary>
    /// <example>2026-11-30T00:00:00Z</example>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The configured <paramref name="defaults"/> with this request's method and changes.</summary>
    public HotspotParameters ApplyTo(HotspotParameters defaults)
    {
        var changes = Parameters ?? new HotspotParameterChanges();
        return defaults with
        {
            Method = Method ?? defaults.Method,
            CellSizeMeters = changes.CellSizeMeters ?? defaults.CellSizeMeters,
            NeighbourhoodRings = changes.NeighbourhoodRings ?? defaults.NeighbourhoodRings,
            ConfidencePercent = changes.ConfidencePercent ?? defaults.ConfidencePercent,
            BandwidthMeters = changes.BandwidthMeters ?? defaults.BandwidthMeters,
            DensityThresholdStandardDeviations = changes.DensityThresholdStandardDeviations ?? defaults.DensityThresholdStandardDeviations,
            EpsMeters = changes.EpsMeters ?? defaults.EpsMeters,
            MinPoints = changes.MinPoints ?? defaults.MinPoints,
            HalfLifeDays = changes.HalfLifeDays ?? defaults.HalfLifeDays,
            MinimumReports = changes.MinimumReports ?? defaults.MinimumReports,
            MinimumOverlapShare = changes.MinimumOverlapShare ?? defaults.MinimumOverlapShare,
            TrendBins = changes.TrendBins ?? defaults.TrendBins,
            TrendBinDays = changes.TrendBinDays ?? defaults.TrendBinDays,
            NearbyMeters = changes.NearbyMeters ?? defaults.NearbyMeters,
        };
    }
}

/// <summary>The <see cref="HotspotParameters"/> an analyst may change for one run; each is optional.</summary>
public sealed record HotspotParameterChanges
{
    /// <summary>Hexagon side, 10 to 2000 metres.</summary>
    /// <example>60</example>
    public double? CellSizeMeters { get; init; }

    /// <summary>Gi* neighbourhood in rings of cells, 1 to 5.</summary>
    public int? NeighbourhoodRings { get; init; }

    /// <summary>Gi* confidence after FDR correction: 90, 95 or 99.</summary>
    /// <example>95</example>
    public int? ConfidencePercent { get; init; }

    /// <summary>KDE quartic kernel radius, 10 to 5000 metres.</summary>
    public double? BandwidthMeters { get; init; }

    /// <summary>KDE hot threshold in standard deviations above the mean density, 0 to 10.</summary>
    public double? DensityThresholdStandardDeviations { get; init; }

    /// <summary>DBSCAN eps, 1 to 2000 metres.</summary>
    public double? EpsMeters { get; init; }

    /// <summary>DBSCAN min points, 2 to 100000.</summary>
    public int? MinPoints { get; init; }

    /// <summary>Report recency half-life, 1 to 3650 days.</summary>
    /// <example>90</example>
    public double? HalfLifeDays { get; init; }

    /// <summary>Fewest reports a hotspot must hold, 1 to 100000.</summary>
    public int? MinimumReports { get; init; }

    /// <summary>Overlap share for keeping an id across runs, above 0 to 1.</summary>
    public double? MinimumOverlapShare { get; init; }

    /// <summary>Trend bins, 3 to 60.</summary>
    public int? TrendBins { get; init; }

    /// <summary>Days per trend bin, 1 to 366.</summary>
    public int? TrendBinDays { get; init; }

    /// <summary>Radius for premises and places near a hotspot, 0 to 1000 metres.</summary>
    public double? NearbyMeters { get; init; }
}

/// <summary>A run as the API shows it.</summary>
public sealed record HotspotRunView(
    Guid Id,
    HotspotRunKind Kind,
    HotspotMethod Method,
    HotspotParameters Parameters,
    HotspotRunStatus Status,
    DateTimeOffset AsOf,
    IReadOnlyList<HotspotWarning> Warnings,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    DateTimeOffset? DataWatermark,
    int? ReportCount,
    int? HotspotCount,
    int? NewCount,
    int? GoneCount,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    string? Error)
{
    public static HotspotRunView Of(HotspotRun run) => new(run.Id, run.Kind, run.Method, HotspotParametersJson.Read(run.Parameters), run.Status,
        run.AsOf, HotspotWarningsJson.Read(run.Warnings), run.RequestedBy, run.RequestedAt, run.StartedAt, run.FinishedAt, run.DurationSeconds, run.DataWatermark, run.ReportCount,
        run.HotspotCount, run.NewCount, run.GoneCount, run.PublishedAt, run.PublishedBy, run.Error);
}

/// <summary>What changed between two runs, for the tasking meeting: hotspots new, grown, shrunk (by more than 10% of area) and gone.</summary>
public sealed record HotspotChanges(
    Guid RunId,
    Guid? SinceRunId,
    IReadOnlyList<HotspotChange> New,
    IReadOnlyList<HotspotChange> Grown,
    IReadOnlyList<HotspotChange> Shrunk,
    IReadOnlyList<HotspotChange> Gone,
    int Unchanged);

/// <summary>One hotspot's area and score in the earlier and the later run (null where it was not found).</summary>
public sealed record HotspotChange(Guid HotspotId, double? AreaSquareMetersBefore, double? AreaSquareMetersAfter,
    double? WeightedScoreBefore, double? WeightedScoreAfter, HotspotTrend? Trend);
