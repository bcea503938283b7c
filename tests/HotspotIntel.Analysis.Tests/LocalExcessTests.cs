using HotspotIntel.Core.Hotspots;
using static HotspotIntel.Analysis.Tests.TestReports;

namespace HotspotIntel.Analysis.Tests;

/// <summary>The default method's areas are tight and tested against a local expectation, not the study area's mean.</summary>
public sealed class LocalExcessTests
{
    private static readonly PlanarPoint SquareCentre = new(West + 2000, South + 2000);

    [Fact]
    public void A_tight_cluster_gives_an_area_within_one_cell_of_its_points()
    {
        var parameters = new HotspotParameters();
        var grid = new HexGrid(parameters.CellSizeMeters);
        var random = new Random(11);
        // 30 reports within 25 m of a cell centre near the Bull Ring: all in that one cell.
        var centre = grid.Centre(grid.CellOf(new PlanarPoint(West + 2210, South + 1630)));
        var cluster = Enumerable.Range(0, 30).Select(_ => Report(Near(random, centre, 25), random.Next(0, 300))).ToList();
        var reports = Uniform(random, 600, 4000).Concat(cluster).ToList();

        var hotspot = Assert.Single(HotspotPipeline.Run(reports, parameters, AsOf).Hotspots);

        // No halo: a cell whose centre is farther than one cell size (the circumradius) from every point of the
        // cluster is a neighbour that is hot only because the cluster is near it.
        Assert.All(hotspot.Area.Cells, cell => Assert.True(
            cluster.Min(report => report.Point.DistanceTo(grid.Centre(cell))) <= grid.CellSizeMeters,
            $"cell {cell} is {cluster.Min(report => report.Point.DistanceTo(grid.Centre(cell))):F0} m from the nearest point of the cluster"));
        Assert.True(Enumerable.Range(600, 30).All(hotspot.Reports.Contains), "every report of the cluster is in the hotspot");
    }

    [Fact]
    public void A_uniformly_busy_centre_with_no_excess_gives_no_hotspot()
    {
        // A town centre 1 km across where reports are five times as dense as around it, evenly: busy, but nowhere in
        // it more than the centre itself would explain. Over 30 cities, allow the chance the confidence level allows.
        var citiesWithHotspots = Enumerable.Range(0, 30).Count(seed =>
        {
            var random = new Random(seed);
            var reports = Uniform(random, 600, 4000).Concat(Disc(random, 470, SquareCentre, 1000)).ToList();
            return HotspotPipeline.Run(reports, new HotspotParameters(), AsOf).Hotspots.Count > 0;
        });

        Assert.True(citiesWithHotspots <= 3, $"{citiesWithHotspots} of 30 busy centres had hotspots");
    }

    [Fact]
    public void A_hotspot_inside_a_busy_centre_is_found_against_the_centre_not_against_the_city()
    {
        var random = new Random(5);
        var takeaway = new PlanarPoint(SquareCentre.X + 300, SquareCentre.Y - 200);
        var reports = Uniform(random, 600, 4000)
            .Concat(Disc(random, 470, SquareCentre, 1000))
            .Concat(Enumerable.Range(0, 25).Select(_ => Report(Near(random, takeaway, 30), random.Next(0, 300))))
            .ToList();

        var analysis = HotspotPipeline.Run(reports, new HotspotParameters(), AsOf);

        var hotspot = Assert.Single(analysis.Hotspots);
        Assert.Contains(analysis.Grid.CellOf(takeaway), hotspot.Area.Cells);
        Assert.True(hotspot.Area.Cells.Count <= 3, $"{hotspot.Area.Cells.Count} cells");
    }

    [Theory]
    [InlineData(2019)]
    [InlineData(2031)]
    public void Trends_of_a_series_that_stopped_two_months_before_the_run_date_are_historical_whatever_today_is(int year)
    {
        // Today lies between the two dates, so a run that looked at the clock would see the 2019 series as years old and
        // the 2031 one as not yet begun.
        var asOf = new DateTimeOffset(year, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(9);
        var park = new PlanarPoint(West + 1200, South + 2900);
        var reports = Uniform(random, 900, 4000, asOf)
            .Concat(Enumerable.Range(0, 80).Select(_ => Report(Near(random, park, 40), random.Next(60, 330), asOf)))
            .ToList();

        var analysis = HotspotPipeline.Run(reports, new HotspotParameters(), asOf);

        var hotspot = Assert.Single(analysis.Hotspots);
        Assert.Contains(analysis.Grid.CellOf(park), hotspot.Area.Cells);
        Assert.Equal(HotspotTrend.Historical, hotspot.Trend);
        Assert.Empty(analysis.Warnings);
        Assert.Equal(asOf, analysis.AsOf);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(400)]
    public void Data_that_end_before_the_run_date_give_a_warning_and_no_trends(int daysBeforeRunDate)
    {
        var random = new Random(9);
        var end = AsOf.AddDays(-daysBeforeRunDate);
        var park = new PlanarPoint(West + 1200, South + 2900);
        var reports = Uniform(random, 900, 4000, end)
            .Concat(Enumerable.Range(0, 80).Select(_ => Report(Near(random, park, 40), random.Next(0, 200), end)))
            .ToList();

        var atTheEnd = HotspotPipeline.Run(reports, new HotspotParameters { HalfLifeDays = 3650 }, end);
        var later = HotspotPipeline.Run(reports, new HotspotParameters { HalfLifeDays = 3650 }, AsOf);

        Assert.Empty(atTheEnd.Warnings);
        Assert.NotNull(Assert.Single(atTheEnd.Hotspots).Trend);
        var warning = Assert.Single(later.Warnings);
        Assert.Equal(HotspotWarningKind.TrendDataMissing, warning.Kind);
        Assert.Contains("latest", warning.Message);
        Assert.NotEmpty(later.Hotspots);
        Assert.All(later.Hotspots, hotspot => Assert.Null(hotspot.Trend));
    }

    [Fact]
    public void Reports_dated_after_the_run_date_are_left_out_with_a_warning()
    {
        var random = new Random(4);
        var station = new PlanarPoint(West + 2600, South + 900);
        var reports = Uniform(random, 600, 4000)
            .Concat(Enumerable.Range(0, 30).Select(_ => Report(Near(random, station, 30), -random.Next(1, 60))))
            .ToList();

        var analysis = HotspotPipeline.Run(reports, new HotspotParameters(), AsOf);

        Assert.Empty(analysis.Hotspots);
        var warning = Assert.Single(analysis.Warnings);
        Assert.Equal(HotspotWarningKind.ReportsAfterAsOf, warning.Kind);
        Assert.StartsWith("30 report(s)", warning.Message);
    }

    /// <summary>Reports spread evenly over a disc and over the year before the run.</summary>
    private static IEnumerable<HotspotReport> Disc(Random random, int count, PlanarPoint centre, double radiusMeters) =>
        Enumerable.Range(0, count).Select(_ => Report(Near(random, centre, radiusMeters), random.Next(0, 360)));
}
