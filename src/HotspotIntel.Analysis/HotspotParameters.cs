using System.Text.Json.Serialization;
using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Analysis;

/// <summary>
/// Everything a hotspot run needs to know besides the reports: the method, the hex grid, each method's settings, how
/// reports are weighted, how hotspots are kept apart from noise, matched across runs and given a trend. Lengths in
/// metres (British National Grid or another metric CRS), durations in days.
/// </summary>
/// <remarks>
/// The defaults are the ones <c>hotspot-evaluation</c> in <c>bench/</c> chose on its evaluation city (figures in the
/// README, "Choosing the hotspot method"): local excess on 50 m hexagons against an 800 m background, the same for a
/// sparse and a dense city. The other methods' settings are the earlier defaults (Gi* with the first ring as
/// neighbourhood, a 250 m KDE, DBSCAN at 50 m and 5 points).
/// </remarks>
public sealed record HotspotParameters
{
    /// <summary>How cells are classed hot.</summary>
    public HotspotMethod Method { get; init; } = HotspotMethod.LocalExcess;

    /// <summary>Side of each hexagon (PostGIS <c>ST_Hexagon</c> size), in metres.</summary>
    public double CellSizeMeters { get; init; } = 50;

    /// <summary>
    /// Radius of the quartic kernel that gives each cell its local expectation (<see cref="HotspotMethod.LocalExcess"/>'s
    /// background, and the expectation every method's hotspots and trend bins are tested against), in metres: wide
    /// enough to see the ordinary level of a town centre around a hotspot, narrow enough to follow it.
    /// </summary>
    public double BackgroundBandwidthMeters { get; init; } = 800;

    /// <summary>Gi*: cells within this many rings of a cell are its neighbourhood (1 = the six that share an edge).</summary>
    public int NeighbourhoodRings { get; init; } = 1;

    /// <summary>
    /// Confidence (90, 95 or 99): Gi* cells must reach it after false-discovery-rate correction, local-excess cells,
    /// every method's areas and each trend bin after their own corrections (<see cref="HotspotPipeline"/>).
    /// </summary>
    public int ConfidencePercent { get; init; } = 95;

    /// <summary>KDE: radius of the quartic kernel, in metres.</summary>
    public double BandwidthMeters { get; init; } = 250;

    /// <summary>KDE: a cell is hot when its density is at least this many standard deviations above the mean density.</summary>
    public double DensityThresholdStandardDeviations { get; init; } = 3;

    /// <summary>DBSCAN: neighbourhood radius, in metres (<c>ST_ClusterDBSCAN</c>'s eps).</summary>
    public double EpsMeters { get; init; } = 50;

    /// <summary>DBSCAN: points (itself included) within eps that make a point a core point (<c>ST_ClusterDBSCAN</c>'s minpoints).</summary>
    public int MinPoints { get; init; } = 5;

    /// <summary>Days after which a report counts half as much (<see cref="ReportWeighting"/>).</summary>
    public double HalfLifeDays { get; init; } = 90;

    /// <summary>Fewest reports of non-zero weight an area of hot cells must hold to be a hotspot.</summary>
    public int MinimumReports { get; init; } = 5;

    /// <summary>Overlap share at which a hotspot keeps a previous run's id (<see cref="HotspotIdentityMatcher"/>).</summary>
    public double MinimumOverlapShare { get; init; } = 0.5;

    /// <summary>Time bins of the trend series (oldest first, the last ending at the run's time).</summary>
    public int TrendBins { get; init; } = 12;

    /// <summary>Length of each trend bin, in days.</summary>
    public int TrendBinDays { get; init; } = 30;

    /// <summary>Premises and named places within this distance of a hotspot are listed with it, in metres.</summary>
    public double NearbyMeters { get; init; } = 50;

    /// <summary>The problems with these parameters, each naming the parameter (camelCase, as in JSON); none when valid.</summary>
    public IReadOnlyList<(string Parameter, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        void Check(bool ok, string parameter, string message)
        {
            if (!ok)
            {
                problems.Add((parameter, message));
            }
        }

        Check(Enum.IsDefined(Method), "method", "Must be gistar, kde, dbscan or excess.");
        Check(Between(CellSizeMeters, 10, 2000), "cellSizeMeters", "Must be from 10 to 2000 metres.");
        Check(Between(BackgroundBandwidthMeters, 100, 20_000) && BackgroundBandwidthMeters >= 4 * CellSizeMeters, "backgroundBandwidthMeters",
            "Must be from 100 to 20000 metres and at least 4 times cellSizeMeters, so a cell's expectation comes from its surroundings.");
        Check(NeighbourhoodRings is >= 1 and <= 5, "neighbourhoodRings", "Must be from 1 to 5 rings.");
        Check(ConfidencePercent is 90 or 95 or 99, "confidencePercent", "Must be 90, 95 or 99.");
        Check(Between(BandwidthMeters, 10, 5000), "bandwidthMeters", "Must be from 10 to 5000 metres.");
        Check(Between(DensityThresholdStandardDeviations, 0, 10), "densityThresholdStandardDeviations", "Must be from 0 to 10.");
        Check(Between(EpsMeters, 1, 2000), "epsMeters", "Must be from 1 to 2000 metres.");
        Check(MinPoints is >= 2 and <= 100_000, "minPoints", "Must be from 2 to 100000.");
        Check(Between(HalfLifeDays, 1, 3650), "halfLifeDays", "Must be from 1 to 3650 days.");
        Check(MinimumReports is >= 1 and <= 100_000, "minimumReports", "Must be from 1 to 100000.");
        Check(MinimumOverlapShare is > 0 and <= 1, "minimumOverlapShare", "Must be above 0 and at most 1.");
        Check(TrendBins is >= 3 and <= 60, "trendBins", "Must be from 3 to 60 bins.");
        Check(TrendBinDays is >= 1 and <= 366, "trendBinDays", "Must be from 1 to 366 days.");
        Check(Between(NearbyMeters, 0, 1000), "nearbyMeters", "Must be from 0 to 1000 metres.");
        return problems;
    }

    /// <summary>The confidence a cell must reach as a <see cref="HotspotConfidence"/> class.</summary>
    [JsonIgnore]
    public HotspotConfidence HotClass => ConfidencePercent switch
    {
        99 => HotspotConfidence.Hot99,
        95 => HotspotConfidence.Hot95,
        _ => HotspotConfidence.Hot90,
    };

    private static bool Between(double value, double min, double max) => double.IsFinite(value) && value >= min && value <= max;
}
