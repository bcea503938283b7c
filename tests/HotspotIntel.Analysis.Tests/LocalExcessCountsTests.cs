using HotspotIntel.Core.Grading;

namespace HotspotIntel.Analysis.Tests;

/// <summary>
/// Counts kept up to date by the reports that changed (<see cref="LocalExcessCounts.Advance"/>) must give exactly the
/// run that counts made from every report give, whatever changed: new reports, new gradings, reports moved between
/// cells or to another date, reports dated after the run until a later run, and a later date that moves reports out of
/// a window or into another trend bin.
/// </summary>
public sealed class LocalExcessCountsTests
{
    private static readonly HotspotParameters Parameters = new();

    [Fact]
    public void Counts_brought_forward_by_what_changed_give_the_same_run_as_counting_every_report()
    {
        var random = new Random(19);
        var reports = City(random);
        // A report dated after the first run's date, which the second run takes in.
        reports.Add(TestReports.Report(new PlanarPoint(TestReports.West + 2200, TestReports.South + 1800), -10));
        var first = TestReports.AsOf;
        var counts = LocalExcessCounts.Count(reports, Parameters, first);
        var counted = reports.ToList();
        AssertSame(HotspotPipeline.Run(counted, Parameters, first), HotspotPipeline.Run(counts, counted));

        // Twenty days later, so reports leave the last half-life and the trend period and change trend bins.
        var second = first.AddDays(20);
        var changed = new List<(int Position, HotspotReport? Before)>();
        void Change(int position, HotspotReport report)
        {
            changed.Add((position, reports[position]));
            reports[position] = report;
        }

        // Regraded, moved to another cell (one out of the hotspot, one into it), redated.
        Change(3, reports[3] with { SourceEvaluation = SourceEvaluation.NotReliable, IntelligenceAssessment = IntelligenceAssessment.NotKnown });
        Change(7, reports[7] with { IntelligenceAssessment = IntelligenceAssessment.SuspectedFalse });
        var member = reports.FindIndex(r => r.Point.DistanceTo(Hotspot) < 40);
        Change(member, reports[member] with { Point = new PlanarPoint(TestReports.West + 3500, TestReports.South + 300) });
        Change(11, reports[11] with { Point = TestReports.Near(random, Hotspot, 30) });
        Change(13, reports[13] with { OccurredAt = second.AddDays(-1) });
        Change(17, reports[17] with { OccurredAt = second.AddDays(5) });
        // New reports: a new cluster, and more in the old one.
        foreach (var report in Cluster(random, new PlanarPoint(TestReports.West + 1000, TestReports.South + 3000), 60, second)
            .Concat(Cluster(random, Hotspot, 15, second)))
        {
            changed.Add((reports.Count, null));
            reports.Add(report);
        }

        var advanced = counts.Advance(reports, changed, Parameters, second);
        Assert.NotNull(advanced);
        var full = HotspotPipeline.Run(reports, Parameters, second);
        Assert.True(full.Hotspots.Count >= 2);
        AssertSame(full, HotspotPipeline.Run(advanced, reports));
        // The counts it started from are as they were.
        AssertSame(HotspotPipeline.Run(counted, Parameters, first), HotspotPipeline.Run(counts, counted));
    }

    [Fact]
    public void A_report_beyond_the_counted_bounds_or_one_on_them_moved_asks_for_counting_afresh()
    {
        var random = new Random(20);
        var reports = City(random);
        var counts = LocalExcessCounts.Count(reports, Parameters, TestReports.AsOf);
        var beyond = new List<HotspotReport>(reports) { TestReports.Report(new PlanarPoint(TestReports.West + 9000, TestReports.South), 3) };
        Assert.Null(counts.Advance(beyond, [(reports.Count, null)], Parameters, TestReports.AsOf));

        var westmost = reports.FindIndex(r => r.Point.X == reports.Min(other => other.Point.X));
        var moved = new List<HotspotReport>(reports);
        moved[westmost] = moved[westmost] with { Point = new PlanarPoint(TestReports.West + 2000, TestReports.South + 2000) };
        Assert.Null(counts.Advance(moved, [(westmost, reports[westmost])], Parameters, TestReports.AsOf));

        // Regraded where it is, it leaves the bounds as they were.
        var regraded = new List<HotspotReport>(reports);
        regraded[westmost] = regraded[westmost] with { SourceEvaluation = SourceEvaluation.Untested };
        var advanced = counts.Advance(regraded, [(westmost, reports[westmost])], Parameters, TestReports.AsOf);
        Assert.NotNull(advanced);
        AssertSame(HotspotPipeline.Run(regraded, Parameters, TestReports.AsOf), HotspotPipeline.Run(advanced, regraded));
    }

    private static readonly PlanarPoint Hotspot = new(TestReports.West + 2210, TestReports.South + 1630);

    private static List<HotspotReport> City(Random random) =>
        [.. TestReports.Uniform(random, 3000), .. Cluster(random, Hotspot, 80, TestReports.AsOf)];

    private static IEnumerable<HotspotReport> Cluster(Random random, PlanarPoint centre, int count, DateTimeOffset asOf) =>
        Enumerable.Range(0, count).Select(_ => TestReports.Report(TestReports.Near(random, centre, 60), random.Next(0, 200), asOf)
            with
        { SourceEvaluation = (SourceEvaluation)random.Next(0, 3), IntelligenceAssessment = (IntelligenceAssessment)random.Next(0, 4) });

    private static void AssertSame(HotspotAnalysis expected, HotspotAnalysis actual)
    {
        Assert.Equal(expected.StudyCells, actual.StudyCells);
        Assert.Equal(expected.Warnings, actual.Warnings);
        Assert.Equal(expected.Hotspots.Count, actual.Hotspots.Count);
        for (var i = 0; i < expected.Hotspots.Count; i++)
        {
            var (e, a) = (expected.Hotspots[i], actual.Hotspots[i]);
            Assert.Equal(e.Area.Cells, a.Area.Cells);
            Assert.Equal(e.Reports, a.Reports);
            Assert.Equal(e.WeightedScore, a.WeightedScore);
            Assert.Equal(e.ZScore, a.ZScore);
            Assert.Equal(e.PValue, a.PValue);
            Assert.Equal(e.Confidence, a.Confidence);
            Assert.Equal(e.Trend, a.Trend);
        }

        Assert.Equal(expected.CellScores, actual.CellScores);
    }
}
