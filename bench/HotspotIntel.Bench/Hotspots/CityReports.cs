using HotspotIntel.Analysis;
using HotspotIntel.Bench.City;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// A synthetic city's reports as hotspot analysis sees them (British National Grid metres, as the job gets them from
/// <c>ST_Transform(location, 27700)</c>), each with the month of the reporting window it fell in, and the planted
/// hotspots' centres in the same grid. Streams the city network by network, keeping only what analysis needs.
/// </summary>
internal sealed class CityReports
{
    private CityReports(List<HotspotReport> reports, List<int> months, List<(PlannedHotspotArea Area, string Id)> planted)
    {
        Reports = reports;
        Months = months;
        Planted = planted;
    }

    public IReadOnlyList<HotspotReport> Reports { get; }

    /// <summary>Per report, its month of the window: 0 to <see cref="ReportingWindow.Months"/> - 1.</summary>
    public IReadOnlyList<int> Months { get; }

    public IReadOnlyList<(PlannedHotspotArea Area, string Id)> Planted { get; }

    public static CityReports Of(SyntheticCity city)
    {
        var reports = new List<HotspotReport>(city.Scale.Reports);
        var months = new List<int>(city.Scale.Reports);
        var monthStarts = Enumerable.Range(0, ReportingWindow.Months + 1).Select(ReportingWindow.MonthStart).ToArray();
        foreach (var network in city.Networks())
        {
            foreach (var report in network.Reports)
            {
                reports.Add(new HotspotReport(ToGrid(report.Location), report.OccurredAt, report.SourceEvaluation, report.IntelligenceAssessment));
                months.Add(Array.FindLastIndex(monthStarts, start => start <= report.OccurredAt));
            }
        }

        return new CityReports(reports, months, [.. city.Hotspots.Select(h => (new PlannedHotspotArea(ToGrid(h.Centre), h.Plan.RadiusMeters), h.Plan.Id))]);
    }

    public static PlanarPoint ToGrid(Point wgs84)
    {
        var grid = BritishNationalGrid.FromWgs84(wgs84).Coordinate;
        return new PlanarPoint(grid.X, grid.Y);
    }
}

/// <summary>A planted hotspot's disc in British National Grid metres.</summary>
internal sealed record PlannedHotspotArea(PlanarPoint Centre, double RadiusMeters)
{
    /// <summary>The cells of <paramref name="grid"/> whose centres lie in the disc (at least the centre's own cell).</summary>
    public IReadOnlyCollection<HexCell> CellsOn(HexGrid grid)
    {
        var centreCell = grid.CellOf(Centre);
        return [.. grid.CellsWithin(centreCell, RadiusMeters + grid.CellSizeMeters)
            .Where(cell => cell == centreCell || grid.Centre(cell).DistanceTo(Centre) <= RadiusMeters)];
    }
}
