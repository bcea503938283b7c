using HotspotIntel.Analysis;
using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// The finest parameters a run may have and still be published (configuration <c>Hotspots:PrivacyFloors</c>): below them
/// a hotspot could outline a handful of reports, or one house. An analyst may try finer runs as trials, which only
/// analysts, supervisors and the author see; none of them can be published, and the configured parameters that
/// scheduled runs publish with must meet them for the service to start.
/// </summary>
public sealed class HotspotPrivacyFloors
{
    /// <summary>The smallest grid cell (Gi*, local excess, KDE) and KDE bandwidth, metres.</summary>
    public double SmallestCellMeters { get; set; } = 50;

    /// <summary>The smallest DBSCAN radius (eps), metres.</summary>
    public double SmallestDbscanRadiusMeters { get; set; } = 50;

    /// <summary>The fewest reports a hotspot may hold (and DBSCAN's min points); by default the masking minimum, the suppression threshold of small counts.</summary>
    public int SmallestReportsPerHotspot { get; set; } = MaskingMinimumCount;

    /// <summary>The database's <c>masking_minimum_count()</c> (migrations/0002): the fewest child-linked reports a masked reader's cell may show.</summary>
    public const int MaskingMinimumCount = 3;

    /// <summary>Each parameter of <paramref name="parameters"/> below a floor, by its JSON name, with why.</summary>
    public IReadOnlyList<(string Parameter, string Problem)> Breaches(HotspotParameters parameters)
    {
        var breaches = new List<(string, string)>();
        if (parameters.CellSizeMeters < SmallestCellMeters)
        {
            breaches.Add(("cellSizeMeters", $"The cell size {parameters.CellSizeMeters} m is below the privacy floor of {SmallestCellMeters} m."));
        }

        if (parameters.Method == HotspotMethod.KernelDensity && parameters.BandwidthMeters < SmallestCellMeters)
        {
            breaches.Add(("bandwidthMeters", $"The KDE bandwidth {parameters.BandwidthMeters} m is below the privacy floor of {SmallestCellMeters} m."));
        }

        if (parameters.Method == HotspotMethod.Dbscan && parameters.EpsMeters < SmallestDbscanRadiusMeters)
        {
            breaches.Add(("epsMeters", $"The DBSCAN radius {parameters.EpsMeters} m is below the privacy floor of {SmallestDbscanRadiusMeters} m."));
        }

        if (parameters.Method == HotspotMethod.Dbscan && parameters.MinPoints < SmallestReportsPerHotspot)
        {
            breaches.Add(("minPoints", $"DBSCAN's {parameters.MinPoints} min points are below the privacy floor of {SmallestReportsPerHotspot} reports."));
        }

        if (parameters.MinimumReports < SmallestReportsPerHotspot)
        {
            breaches.Add(("minimumReports", $"{parameters.MinimumReports} reports per hotspot is below the privacy floor of {SmallestReportsPerHotspot}."));
        }

        return breaches;
    }
}
