using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Analysis;
using HotspotIntel.Core;
using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>
/// <c>hotspot-evaluation</c>: how well each hotspot method predicts where reports come next, on the
/// <see cref="EvaluationCity"/> with a sparse and a dense background, two seeds each, all with the same parameters.
/// Each method is fitted with <see cref="HotspotPipeline"/> (exactly what the job runs) on months 0 to 22 as of the
/// start of month 23, and scored on the held-out month 23 at the area its current (not historical) hotspots cover,
/// against a quartic KDE's best cells at the same share of the study area; a run one month earlier gives the ids that
/// the scored run should keep (<see cref="HotspotIdentityMatcher"/>).
/// </summary>
internal static class HotspotEvaluation
{
    private const int ScoredMonth = EvaluationCity.Months - 1;

    public static int Run(CommandOptions options)
    {
        var defaults = HotspotBenchOptions.Parameters(options);
        var seeds = (options.Text("seeds") ?? "1,2").Split(',').Select(seed => ulong.Parse(seed, CultureInfo.InvariantCulture)).ToList();
        var backgrounds = new[] { ("sparse", options.Number("sparse", 200)), ("dense", options.Number("dense", 1500)) };
        var methods = options.Flag("default-only") ? [defaults.Method] : new[] { defaults.Method }.Concat(Enum.GetValues<HotspotMethod>().Where(m => m != defaults.Method)).ToList();
        Console.WriteLine($"Evaluation city: {EvaluationCity.Plan.Count} planted hotspots of 80-300 m over {EvaluationCity.Months} months; "
            + $"fitted on months 0-{ScoredMonth - 1} as of {EvaluationCity.MonthStart(ScoredMonth):yyyy-MM-dd}, scored on month {ScoredMonth}; "
            + $"identity against a run one month earlier.");
        Console.WriteLine($"Parameters (the same for every data set): {Describe(defaults)}");
        Console.WriteLine();
        Console.WriteLine("| data | method | hotspots | current | area share | PAI | KDE PAI, same share | ratio | recall | unmatched | area ÷ planted | ids kept | trends: stopped, started | trends: others | seconds |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var summary = new List<(string Data, Figures Default, double Ceiling)>();
        foreach (var (name, background) in backgrounds)
        {
            foreach (var seed in seeds)
            {
                var city = new EvaluationCity(background, seed);
                var data = $"{name} {background}/month, seed {seed}";
                var dataset = new Dataset(city, defaults);
                foreach (var method in methods)
                {
                    var figures = dataset.Score(defaults with { Method = method });
                    Console.WriteLine(Row(data, method, figures));
                    if (method == defaults.Method)
                    {
                        summary.Add((data, figures, dataset.CeilingRatio()));
                    }

                    if (options.Flag("verbose"))
                    {
                        dataset.Explain(figures);
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"The default ({EnumCodes<HotspotMethod>.ToCode(defaults.Method)}) against the targets of issue 18:");
        Console.WriteLine();
        Console.WriteLine("| data | PAI ÷ KDE PAI (≥ 1.2 sparse, ≥ 1.1 dense) | ceiling: planted shapes ÷ KDE | recall (≥ 90%) | unmatched (≤ 10%) | area ÷ planted (≤ 1.5) | ids kept (≥ 90%) | trends of stopped and late spots |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (data, figures, ceiling) in summary)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {data} | {figures.Ratio:F2} | {ceiling:F2} | {figures.Recall:P0} | {figures.Unmatched:P0} | {figures.AreaRatio:F2} | {figures.IdsKept} | {figures.Trends.Lifetimes} |"));
        }

        foreach (var (name, _) in backgrounds)
        {
            var rows = summary.Where(row => row.Data.StartsWith(name, StringComparison.Ordinal)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name}, mean of {rows.Count} | {rows.Average(r => r.Default.Ratio):F2} (lowest {rows.Min(r => r.Default.Ratio):F2}) | {rows.Average(r => r.Ceiling):F2} | "
                + $"{rows.Average(r => r.Default.Recall):P0} | {rows.Average(r => r.Default.Unmatched):P0} | {rows.Average(r => r.Default.AreaRatio):F2} | | |"));
        }

        return 0;
    }

    private static string Row(string data, HotspotMethod method, Figures f) => string.Create(CultureInfo.InvariantCulture,
        $"| {data} | {EnumCodes<HotspotMethod>.ToCode(method)} | {f.Hotspots} | {f.Current} | {f.Share:P2} | {f.Pai:F1} | {f.KdePai:F1} | {f.Ratio:F2} | "
        + $"{f.Recall:P0} | {f.Unmatched:P0} | {f.AreaRatio:F2} | {f.IdsKept} | {f.Trends.Lifetimes} | {f.Trends.Others} | {f.Seconds:F1} |");

    private static string Describe(HotspotParameters p) => string.Create(CultureInfo.InvariantCulture,
        $"cell {p.CellSizeMeters} m, background bandwidth {p.BackgroundBandwidthMeters} m, confidence {p.ConfidencePercent}%, "
        + $"Gi* {p.NeighbourhoodRings} ring(s), KDE bandwidth {p.BandwidthMeters} m at mean + {p.DensityThresholdStandardDeviations} SD, "
        + $"DBSCAN eps {p.EpsMeters} m and min points {p.MinPoints}, half-life {p.HalfLifeDays} days, at least {p.MinimumReports} reports, "
        + $"overlap {p.MinimumOverlapShare:P0}, trend {p.TrendBins} × {p.TrendBinDays} days");

    /// <summary>One method's figures on one data set.</summary>
    private sealed record Figures(HotspotAnalysis Analysis, int Hotspots, int Current, double Share, double Pai, double KdePai, double Ratio,
        double Recall, double Unmatched, double AreaRatio, string IdsKept, (string Lifetimes, string Others) Trends, double Seconds);

    /// <summary>One city with its fitted KDE baseline, scoring any method against it.</summary>
    private sealed class Dataset
    {
        private readonly EvaluationCity _city;
        private readonly List<HotspotReport> _earlier;
        private readonly List<HotspotReport> _fit;
        private readonly List<HotspotReport> _test;
        private readonly HotspotAnalysis _kde;
        private readonly double _plantedArea = EvaluationCity.Plan.Sum(spot => spot.Shape.AreaSquareMeters);

        public Dataset(EvaluationCity city, HotspotParameters defaults)
        {
            _city = city;
            _earlier = city.Before(ScoredMonth - 1);
            _fit = city.Before(ScoredMonth);
            _test = city.In(ScoredMonth);
            _kde = HotspotPipeline.Run(_fit, defaults with { Method = HotspotMethod.KernelDensity }, EvaluationCity.MonthStart(ScoredMonth));
        }

        public Figures Score(HotspotParameters parameters)
        {
            var watch = Stopwatch.StartNew();
            var analysis = HotspotPipeline.Run(_fit, parameters, EvaluationCity.MonthStart(ScoredMonth));
            var seconds = watch.Elapsed.TotalSeconds;
            var earlier = HotspotPipeline.Run(_earlier, parameters, EvaluationCity.MonthStart(ScoredMonth - 1));
            var grid = analysis.Grid;
            var planted = EvaluationCity.Plan.Select(spot => spot.Shape.CellsOn(grid)).ToList();
            var current = analysis.Hotspots.Where(h => h.Trend != HotspotTrend.Historical).ToList();
            var cells = current.SelectMany(h => h.Area.Cells).ToHashSet();
            var share = (double)cells.Count / analysis.StudyCells.Count;
            var pai = Pai(cells, analysis);
            var kdePai = Pai(_kde.TopCells(share).ToHashSet(), _kde);
            var score = PredictionAccuracy.ScorePlantedHotspots(planted, [.. analysis.Hotspots.Select(h => (IReadOnlyCollection<HexCell>)h.Area.Cells)],
                parameters.MinimumOverlapShare);
            var area = analysis.Hotspots.Sum(h => h.Area.Cells.Count) * grid.CellAreaSquareMeters;
            return new Figures(analysis, analysis.Hotspots.Count, current.Count, share, pai, kdePai, kdePai > 0 ? pai / kdePai : double.NaN,
                score.Recall, score.UnmatchedReportedShare, area / _plantedArea, IdsKept(earlier, analysis, planted, parameters),
                TrendsRight(analysis, planted, parameters), seconds);
        }

        /// <summary>The planted shapes active in the scored month, drawn in the default's cells, against KDE at their share.</summary>
        public double CeilingRatio()
        {
            var grid = _kde.Grid;
            var cells = EvaluationCity.Plan.Where(spot => spot.ActiveIn(ScoredMonth)).SelectMany(spot => spot.Shape.CellsOn(grid)).ToHashSet();
            var share = (double)cells.Count / _kde.StudyCells.Count;
            return Pai(cells, _kde) / Pai(_kde.TopCells(share).ToHashSet(), _kde);
        }

        public void Explain(Figures figures)
        {
            var analysis = figures.Analysis;
            var matcher = new HotspotIdentityMatcher(analysis.Parameters.MinimumOverlapShare);
            for (var s = 0; s < EvaluationCity.Plan.Count; s++)
            {
                var spot = EvaluationCity.Plan[s];
                var cells = spot.Shape.CellsOn(analysis.Grid);
                var best = analysis.Hotspots.MaxBy(h => HotspotIdentityMatcher.OverlapShare(cells, h.Area.Cells));
                var overlap = best is null ? 0 : HotspotIdentityMatcher.OverlapShare(cells, best.Area.Cells);
                var hits = _test.Count(r => best is not null && best.Area.Cells.Contains(analysis.Grid.CellOf(r.Point)));
                var plantedCells = Enumerable.Range(0, _city.Reports.Count).Where(i => _city.SpotOf[i] == s && _city.MonthOf[i] < ScoredMonth)
                    .Select(i => analysis.Grid.CellOf(_city.Reports[i].Point)).ToHashSet();
                var empty = best?.Area.Cells.Count(cell => !plantedCells.Contains(cell)) ?? 0;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"|   {spot.Id} {spot.Shape.LengthMeters}×{spot.Shape.WidthMeters} m, {cells.Count} cells, {spot.Shape.AreaSquareMeters / 10_000:F1} ha | "
                    + $"{(overlap >= matcher.MinimumOverlapShare ? "found" : "MISSED")} | overlap {overlap:P0} | {best?.Area.Cells.Count ?? 0} cells ({empty} without its reports) | "
                    + $"{best?.Trend?.ToString() ?? "-"} | right: {string.Join("/", spot.RightTrends(ScoredMonth, WindowStartMonth(analysis.Parameters)) ?? new HashSet<HotspotTrend> { spot.PlantedTrend })} | scored-month hits {hits} |"));
            }

            var current = analysis.Hotspots.Where(h => h.Trend != HotspotTrend.Historical).SelectMany(h => h.Area.Cells).ToHashSet();
            var top = _kde.TopCells((double)current.Count / analysis.StudyCells.Count).ToHashSet();
            var scoredMonth = Enumerable.Range(0, _city.Reports.Count).Where(i => _city.MonthOf[i] == ScoredMonth).ToList();
            string Caught(IReadOnlySet<HexCell> cells) => string.Join(" ", scoredMonth.Where(i => cells.Contains(analysis.Grid.CellOf(_city.Reports[i].Point)))
                .GroupBy(i => _city.SpotOf[i] < 0 ? "background" : EvaluationCity.Plan[_city.SpotOf[i]].Id).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
            Console.WriteLine($"|   scored month caught by the current hotspots ({current.Count} cells): {Caught(current)} |");
            Console.WriteLine($"|   scored month caught by KDE's best {top.Count} cells: {Caught(top)} |");
            foreach (var hotspot in analysis.Hotspots.Where(h => !EvaluationCity.Plan.Any(spot => matcher.SamePlace(spot.Shape.CellsOn(analysis.Grid), h.Area.Cells))))
            {
                var centre = analysis.Grid.Centre(hotspot.Area.Cells[0]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"|   unmatched | {hotspot.Area.Cells.Count} cells at {centre.X - EvaluationCity.Centre.X:F0} E, {centre.Y - EvaluationCity.Centre.Y:F0} N | "
                    + $"{hotspot.ReportCount} reports | z {hotspot.ZScore:F1} | p {hotspot.PValue:G2} | {hotspot.Trend} |"));
            }
        }

        private double Pai(IReadOnlySet<HexCell> cells, HotspotAnalysis analysis)
        {
            if (cells.Count == 0)
            {
                return 0;
            }

            var hits = _test.Count(report => cells.Contains(analysis.Grid.CellOf(report.Point)));
            return PredictionAccuracy.PredictionAccuracyIndex(hits, _test.Count, cells.Count * analysis.Grid.CellAreaSquareMeters, analysis.StudyAreaSquareMeters);
        }

        /// <summary>Of the planted hotspots the earlier run found, how many the scored run found under the same id.</summary>
        private static string IdsKept(HotspotAnalysis earlier, HotspotAnalysis later, List<IReadOnlyCollection<HexCell>> planted, HotspotParameters parameters)
        {
            var matcher = new HotspotIdentityMatcher(parameters.MinimumOverlapShare);
            var previous = earlier.Hotspots.Select((h, i) => new PreviousHotspot(new Guid(i, 0, 0, new byte[8]), h.Area.Cells)).ToList();
            var matching = matcher.Match(previous, [.. later.Hotspots.Select(h => (IReadOnlyCollection<HexCell>)h.Area.Cells)]);
            var (found, kept) = (0, 0);
            foreach (var cells in planted)
            {
                var before = Best(earlier, cells, matcher);
                if (before < 0)
                {
                    continue;
                }

                found++;
                var after = Best(later, cells, matcher);
                kept += after >= 0 && matching.KeptIds[after] == previous[before].Id ? 1 : 0;
            }

            return found == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{kept}/{found} ({(double)kept / found:P0})");
        }

        /// <summary>
        /// Of the planted hotspots found that stopped or started within the trend window, how many have a trend their
        /// lifetime allows; and of the others found, how many have the trend planted (persistent, intensifying, diminishing).
        /// </summary>
        private static (string Lifetimes, string Others) TrendsRight(HotspotAnalysis analysis, List<IReadOnlyCollection<HexCell>> planted, HotspotParameters parameters)
        {
            var matcher = new HotspotIdentityMatcher(parameters.MinimumOverlapShare);
            var windowStart = WindowStartMonth(parameters);
            var (judged, right, others, othersRight) = (0, 0, 0, 0);
            for (var s = 0; s < planted.Count; s++)
            {
                var best = Best(analysis, planted[s], matcher);
                if (best < 0)
                {
                    continue;
                }

                var trend = analysis.Hotspots[best].Trend;
                if (EvaluationCity.Plan[s].RightTrends(ScoredMonth, windowStart) is { } allowed)
                {
                    judged++;
                    right += trend is { } t && allowed.Contains(t) ? 1 : 0;
                }
                else
                {
                    others++;
                    othersRight += trend == EvaluationCity.Plan[s].PlantedTrend ? 1 : 0;
                }
            }

            return ($"{right}/{judged}", $"{othersRight}/{others}");
        }

        /// <summary>The index of the hotspot that matches <paramref name="cells"/> best, or -1.</summary>
        private static int Best(HotspotAnalysis analysis, IReadOnlyCollection<HexCell> cells, HotspotIdentityMatcher matcher)
        {
            var (best, bestShare) = (-1, 0.0);
            for (var h = 0; h < analysis.Hotspots.Count; h++)
            {
                var share = HotspotIdentityMatcher.OverlapShare(cells, analysis.Hotspots[h].Area.Cells);
                if (share >= matcher.MinimumOverlapShare && share > bestShare)
                {
                    (best, bestShare) = (h, share);
                }
            }

            return best;
        }

        private static int WindowStartMonth(HotspotParameters parameters) =>
            EvaluationCity.MonthHolding(EvaluationCity.MonthStart(ScoredMonth) - TimeSpan.FromDays((double)parameters.TrendBins * parameters.TrendBinDays));
    }
}
