using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Hotspots;
using static HotspotIntel.Analysis.Tests.TestReports;

namespace HotspotIntel.Analysis.Tests;

public sealed class HotspotPipelineTests
{
    private static readonly PlanarPoint ClusterCentre = new(West + 2210, South + 1630);

    [Theory]
    [InlineData(HotspotMethod.LocalExcess)]
    [InlineData(HotspotMethod.GiStar)]
    [InlineData(HotspotMethod.KernelDensity)]
    [InlineData(HotspotMethod.Dbscan)]
    public void A_tight_cluster_in_a_uniform_background_is_found_as_one_hotspot(HotspotMethod method)
    {
        var random = new Random(7);
        var cluster = Enumerable.Range(0, 40).Select(_ => Report(Near(random, ClusterCentre, 100), daysAgo: random.Next(0, 300))).ToList();
        var reports = Uniform(random, 600).Concat(cluster).ToList();

        var analysis = HotspotPipeline.Run(reports, new HotspotParameters { Method = method }, AsOf);

        var hotspot = Assert.Single(analysis.Hotspots);
        Assert.Contains(analysis.Grid.CellOf(ClusterCentre), hotspot.Area.Cells);
        var clusterIndices = Enumerable.Range(600, 40).ToList();
        // Most of the cluster: a tight outline leaves out the edge cells that the disc only partly covers.
        Assert.True(clusterIndices.Count(hotspot.Reports.Contains) > 20, $"{method} caught {clusterIndices.Count(hotspot.Reports.Contains)} of 40");
        Assert.True(hotspot.PValue <= 0.05 && hotspot.ZScore > 0, $"{method}: z {hotspot.ZScore}, p {hotspot.PValue}");
    }

    [Theory]
    [InlineData(HotspotMethod.LocalExcess)]
    [InlineData(HotspotMethod.GiStar)]
    [InlineData(HotspotMethod.KernelDensity)]
    [InlineData(HotspotMethod.Dbscan)]
    public void Uniform_noise_gives_no_hotspot_beyond_the_chance_the_confidence_level_allows(HotspotMethod method)
    {
        // At 95% a false alarm may happen by chance in about 1 run in 20: over 30 noise maps, allow twice that rate.
        var runsWithHotspots = Enumerable.Range(0, 30)
            .Count(seed => HotspotPipeline.Run(Uniform(new Random(seed), 600).ToList(), new HotspotParameters { Method = method }, AsOf).Hotspots.Count > 0);

        Assert.True(runsWithHotspots <= 3, $"{method}: {runsWithHotspots} of 30 noise maps had hotspots");
    }

    [Fact]
    public void Reports_assessed_as_suspected_false_make_no_hotspot()
    {
        var random = new Random(7);
        var falseCluster = Enumerable.Range(0, 40)
            .Select(_ => Report(Near(random, ClusterCentre, 100), daysAgo: 10) with { IntelligenceAssessment = IntelligenceAssessment.SuspectedFalse });
        var reports = Uniform(random, 600).Concat(falseCluster).ToList();

        var analysis = HotspotPipeline.Run(reports, new HotspotParameters(), AsOf);

        Assert.Empty(analysis.Hotspots);
    }

    [Fact]
    public void A_cluster_only_in_the_latest_bins_is_new_and_one_only_in_early_bins_is_historical()
    {
        var random = new Random(5);
        var recentCentre = new PlanarPoint(West + 800, South + 3000);
        var oldCentre = new PlanarPoint(West + 3200, South + 900);
        var reports = Uniform(random, 600)
            .Concat(Enumerable.Range(0, 60).Select(_ => Report(Near(random, recentCentre, 100), daysAgo: random.Next(0, 60))))
            .Concat(Enumerable.Range(0, 60).Select(_ => Report(Near(random, oldCentre, 100), daysAgo: random.Next(240, 360))))
            .ToList();

        // A long half-life, so the old cluster still stands out today and its trend is what is tested.
        var analysis = HotspotPipeline.Run(reports, new HotspotParameters { HalfLifeDays = 3650 }, AsOf);

        Assert.Equal(2, analysis.Hotspots.Count);
        Assert.Equal(HotspotTrend.New, analysis.Hotspots.Single(h => h.Area.Cells.Contains(analysis.Grid.CellOf(recentCentre))).Trend);
        Assert.Equal(HotspotTrend.Historical, analysis.Hotspots.Single(h => h.Area.Cells.Contains(analysis.Grid.CellOf(oldCentre))).Trend);
    }

    [Fact]
    public void A_modest_steady_hotspot_in_a_busy_area_is_found_from_all_the_runs_reports_when_one_year_is_too_few()
    {
        var random = new Random(11);
        var spot = new PlanarPoint(West + 2000, South + 2000);
        List<HotspotReport> TwoYears(int background, int inSpot) =>
        [
            .. Enumerable.Range(0, background).Select(_ =>
                Report(new PlanarPoint(West + (random.NextDouble() * 4000), South + (random.NextDouble() * 4000)), random.Next(0, 720))),
            .. Enumerable.Range(0, inSpot).Select(_ => Report(Near(random, spot, 75), random.Next(0, 720))),
        ];
        var reports = TwoYears(background: 8000, inSpot: 30);
        var lastYear = reports.Where(r => r.OccurredAt > AsOf.AddDays(-360)).ToList();

        var fromTwoYears = HotspotPipeline.Run(reports, new HotspotParameters(), AsOf);
        var fromOneYear = HotspotPipeline.Run(lastYear, new HotspotParameters(), AsOf);

        // One year of the same spot is too little to stand out from the busy background; two years are enough.
        Assert.DoesNotContain(fromOneYear.Hotspots, h => h.Area.Cells.Contains(fromOneYear.Grid.CellOf(spot)));
        var found = Assert.Single(fromTwoYears.Hotspots);
        Assert.Contains(fromTwoYears.Grid.CellOf(spot), found.Area.Cells);
        Assert.True(found.Area.Cells.Count <= 7, $"The hotspot covers {found.Area.Cells.Count} cells; the spot spans about three.");
    }

    [Fact]
    public void Recent_reports_outweigh_old_ones_in_the_score()
    {
        var random = new Random(3);
        var reports = Enumerable.Range(0, 40).Select(_ => Report(Near(random, ClusterCentre, 100), daysAgo: 0)).ToList();
        var old = reports.Select(r => r with { OccurredAt = r.OccurredAt.AddDays(-90) }).ToList();

        var recent = HotspotPipeline.Run(reports, new HotspotParameters(), AsOf).Hotspots.Single();
        var earlier = HotspotPipeline.Run(old, new HotspotParameters(), AsOf).Hotspots.Single();

        // The same reports in the same cells, one 90-day half-life apart: half the weight.
        Assert.Equal(recent.Reports, earlier.Reports);
        Assert.Equal(recent.WeightedScore / 2, earlier.WeightedScore, 6);
    }

    [Fact]
    public void The_top_cells_at_a_coverage_are_the_highest_scoring_and_cover_that_share()
    {
        var random = new Random(7);
        var reports = Uniform(random, 600).Concat(Enumerable.Range(0, 40).Select(_ => Report(Near(random, ClusterCentre, 100), daysAgo: 5))).ToList();
        var analysis = HotspotPipeline.Run(reports, new HotspotParameters { Method = HotspotMethod.KernelDensity }, AsOf);

        var top = analysis.TopCells(0.01);

        Assert.Equal((int)Math.Ceiling(0.01 * analysis.StudyCells.Count), top.Count);
        Assert.Contains(analysis.Grid.CellOf(ClusterCentre), top);
    }

    [Fact]
    public void No_reports_give_no_hotspots_and_bad_parameters_are_refused_by_name()
    {
        Assert.Empty(HotspotPipeline.Run([], new HotspotParameters(), AsOf).Hotspots);

        var problem = Assert.Throws<ArgumentException>(() => HotspotPipeline.Run([], new HotspotParameters { CellSizeMeters = 0, ConfidencePercent = 80 }, AsOf));
        var narrowBackground = Assert.Throws<ArgumentException>(() =>
            HotspotPipeline.Run([], new HotspotParameters { CellSizeMeters = 300, BackgroundBandwidthMeters = 1000 }, AsOf));

        Assert.Contains("cellSizeMeters", problem.Message);
        Assert.Contains("confidencePercent", problem.Message);
        Assert.Contains("backgroundBandwidthMeters", narrowBackground.Message);
    }
}
