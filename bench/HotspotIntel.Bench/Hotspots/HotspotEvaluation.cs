using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Analysis;
using HotspotIntel.Bench.City;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// <c>hotspot-evaluation</c>: how well each method predicts where reports come next, on the synthetic city with planted
/// hotspots. Each method is fitted with <see cref="HotspotPipeline"/> (exactly what the job runs) on every month but the
/// last, as of the last month's start, and scored on the held-out last month:
/// PAI and RRI (<see cref="PredictionAccuracy"/>) of its best cells cut at the same coverage of the study area for
/// every method, the hit rate there, and recall of the planted hotspots and the share of its hotspots that match none.
/// </summary>
internal static class HotspotEvaluation
{
    public static int Run(CommandOptions options)
    {
        var scale = options.Scale("demo");
        var coverage = HotspotBenchOptions.Double(options, "coverage", 0.03);
        var watch = Stopwatch.StartNew();
        var city = CityReports.Of(new SyntheticCity(scale, options.Seed));
        var heldOut = ReportingWindow.Months - 1;
        var asOf = ReportingWindow.MonthStart(heldOut);
        var fit = Enumerable.Range(0, city.Reports.Count).Where(i => city.Months[i] < heldOut).Select(i => city.Reports[i]).ToList();
        var test = Enumerable.Range(0, city.Reports.Count).Where(i => city.Months[i] == heldOut).Select(i => city.Reports[i]).ToList();
        Console.WriteLine($"City of {scale.Reports:N0} reports (seed {options.Seed}), generated in {watch.Elapsed.TotalSeconds:F1} s: "
            + $"fitted on {fit.Count:N0} reports of months {ReportingWindow.MonthName(0)} to {ReportingWindow.MonthName(heldOut - 1)}, "
            + $"scored on {test.Count:N0} of {ReportingWindow.MonthName(heldOut)}; {city.Planted.Count} planted hotspots; coverage {coverage:P1}.");

        var defaults = HotspotBenchOptions.Parameters(options, scale);
        Console.WriteLine($"Parameters: {Describe(defaults)}");
        Console.WriteLine();
        Console.WriteLine("| method | hotspots | their coverage | PAI @ coverage | hit rate @ coverage | RRI @ coverage | planted recall | unmatched hotspots | trend as planted | seconds |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var method in Enum.GetValues<HotspotMethod>())
        {
            var parameters = defaults with { Method = method };
            var fitting = Stopwatch.StartNew();
            var analysis = HotspotPipeline.Run(fit, parameters, asOf);
            var seconds = fitting.Elapsed.TotalSeconds;
            Console.WriteLine(Row(Score(analysis, parameters, city, fit, test, coverage), seconds));
            if (options.Flag("verbose"))
            {
                Missed(analysis, parameters, city);
            }
        }

        return 0;
    }

    private static MethodScore Score(HotspotAnalysis analysis, HotspotParameters parameters, CityReports city,
        List<HotspotReport> fit, List<HotspotReport> test, double coverage)
    {
        var grid = analysis.Grid;
        var top = analysis.TopCells(coverage).ToHashSet();
        var fitHits = fit.Count(report => top.Contains(grid.CellOf(report.Point)));
        var testHits = test.Count(report => top.Contains(grid.CellOf(report.Point)));
        var studyArea = analysis.StudyAreaSquareMeters;
        var topArea = top.Count * grid.CellAreaSquareMeters;
        var hotspotCells = analysis.Hotspots.Sum(h => h.Area.Cells.Count);
        var planted = city.Planted.Select(p => p.Area.CellsOn(grid)).ToList();
        var reported = analysis.Hotspots.Select(h => (IReadOnlyCollection<HexCell>)h.Area.Cells).ToList();
        var plantedScore = PredictionAccuracy.ScorePlantedHotspots(planted, reported, parameters.MinimumOverlapShare);
        return new MethodScore(
            parameters.Method,
            analysis.Hotspots.Count,
            hotspotCells * grid.CellAreaSquareMeters / studyArea,
            topArea / studyArea,
            PredictionAccuracy.PredictionAccuracyIndex(testHits, test.Count, topArea, studyArea),
            (double)testHits / test.Count,
            fitHits == 0 ? double.NaN : PredictionAccuracy.RecaptureRateIndex(fitHits, fit.Count, testHits, test.Count),
            plantedScore,
            TrendAgreement(analysis, city, planted, parameters));
    }

    /// <summary>Of the planted hotspots that a reported one matches, the share whose trend is the one planted.</summary>
    private static double TrendAgreement(HotspotAnalysis analysis, CityReports city, List<IReadOnlyCollection<HexCell>> planted, HotspotParameters parameters)
    {
        var matcher = new HotspotIdentityMatcher(parameters.MinimumOverlapShare);
        var (matched, agreed) = (0, 0);
        for (var p = 0; p < planted.Count; p++)
        {
            var best = analysis.Hotspots.Where(h => matcher.SamePlace(planted[p], h.Area.Cells))
                .MaxBy(h => HotspotIdentityMatcher.OverlapShare(planted[p], h.Area.Cells));
            if (best is null)
            {
                continue;
            }

            matched++;
            var expected = HotspotIntel.Bench.City.HotspotPlan.Twelve.Single(plan => plan.Id == city.Planted[p].Id).Trend;
            agreed += best.Trend?.ToString() == expected.ToString() ? 1 : 0;
        }

        return matched == 0 ? double.NaN : (double)agreed / matched;
    }

    private static void Missed(HotspotAnalysis analysis, HotspotParameters parameters, CityReports city)
    {
        var matcher = new HotspotIdentityMatcher(parameters.MinimumOverlapShare);
        foreach (var (area, id) in city.Planted)
        {
            var cells = area.CellsOn(analysis.Grid);
            var best = analysis.Hotspots.Select(h => HotspotIdentityMatcher.OverlapShare(cells, h.Area.Cells)).DefaultIfEmpty(0).Max();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"|   planted {id} |  | best overlap {best:P0} {(best >= matcher.MinimumOverlapShare ? "found" : "MISSED")} |"));
        }

        foreach (var hotspot in analysis.Hotspots.Where(h => !city.Planted.Any(p => matcher.SamePlace(p.Area.CellsOn(analysis.Grid), h.Area.Cells))))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"|   unmatched | {hotspot.Area.Cells.Count} cells, {hotspot.ReportCount} reports, score {hotspot.WeightedScore:F1}, z {hotspot.ZScore:F1} |"));
        }
    }

    private static string Row(MethodScore score, double seconds)
    {
        var invariant = CultureInfo.InvariantCulture;
        return string.Create(invariant, $"| {Core.EnumCodes<HotspotMethod>.ToCode(score.Method)} | {score.Hotspots} | {score.OwnCoverage:P2} | "
            + $"{score.Pai:F2} | {score.HitRate:P1} | {score.Rri:F2} | {score.Planted.Recall:P0} | {score.Planted.UnmatchedReportedShare:P0} | "
            + $"{score.TrendAgreement:P0} | {seconds:F1} |");
    }

    private static string Describe(HotspotParameters parameters) => string.Create(CultureInfo.InvariantCulture,
        $"cell {parameters.CellSizeMeters} m, Gi* {parameters.NeighbourhoodRings} ring(s) at {parameters.ConfidencePercent}% (FDR), "
        + $"KDE bandwidth {parameters.BandwidthMeters} m and threshold mean + {parameters.DensityThresholdStandardDeviations} SD, "
        + $"DBSCAN eps {parameters.EpsMeters} m and min points {parameters.MinPoints}, half-life {parameters.HalfLifeDays} days, "
        + $"at least {parameters.MinimumReports} reports, overlap {parameters.MinimumOverlapShare:P0}, trend {parameters.TrendBins} × {parameters.TrendBinDays} days");

    private sealed record MethodScore(HotspotMethod Method, int Hotspots, double OwnCoverage, double Coverage, double Pai,
        double HitRate, double Rri, PlantedHotspotScore Planted, double TrendAgreement);
}
