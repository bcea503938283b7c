using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Analysis;

/// <summary>
/// A whole hotspot analysis, from reports to hotspots, exactly as the nightly job runs it and as <c>bench/</c>
/// evaluates it: weigh each report as of the run's date (<see cref="ReportWeighting"/>), class hex cells of the study
/// area hot by the chosen <see cref="HotspotMethod"/>, merge adjacent hot cells into areas
/// (<see cref="HotspotArea.FromHotCells"/>), keep the areas holding at least <see cref="HotspotParameters.MinimumReports"/>
/// reports and significantly more than their local expectation (local excess then joins those one cell apart), and
/// give each a trend.
/// Coordinates are metres in a metric CRS (British National Grid in the job).
/// </summary>
/// <remarks>
/// Every method ends in hex cells, so hotspots of any method are cell sets of one grid: the identity matcher, PAI
/// and the stored polygons (the union of PostGIS <c>ST_Hexagon</c> cells) treat them all alike.
/// Time is the run's <c>asOf</c> and nothing else: recency weights count back from it, the trend bins end at it, and
/// reports dated after it are left out (with a warning), so a run over data that ended months ago, given the date
/// the data ended, reads as it would have then, whatever the clock says.
/// Expectations are local (<see cref="BackgroundSurface"/>, <see cref="HotspotParameters.BackgroundBandwidthMeters"/>),
/// for every method: an area is tested against the cells around it, not against the study area's mean rate, so a
/// busy town centre is compared with itself.
/// The trend comes from <see cref="HotspotParameters.TrendBins"/> bins of <see cref="HotspotParameters.TrendBinDays"/>
/// ending at <c>asOf</c>: in each, the hotspot's grading-weighted count (no recency weight, which would fake an upward
/// trend) against its local expectation for that bin; whether it was significantly above it, and by how many standard
/// deviations, go to <see cref="TrendClassifier"/>. When a bin holds no report at all, the data do not cover the
/// trend window (they end before <c>asOf</c>, or start inside the window): no hotspot gets a trend, and the analysis
/// says why in a <see cref="HotspotWarningKind.TrendDataMissing"/> warning.
/// </remarks>
public static class HotspotPipeline
{
    /// <summary>Analyses <paramref name="reports"/> as of <paramref name="asOf"/> (the date recency weights and trend bins count back from).</summary>
    public static HotspotAnalysis Run(IReadOnlyList<HotspotReport> reports, HotspotParameters parameters, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => $"{p.Parameter}: {p.Message}")), nameof(parameters));
        }

        if (parameters.Method == HotspotMethod.LocalExcess)
        {
            return Run(LocalExcessCounts.Count(reports, parameters, asOf), reports);
        }

        var grid = new HexGrid(parameters.CellSizeMeters);
        var warnings = new List<HotspotWarning>();
        var used = Enumerable.Range(0, reports.Count).Where(i => reports[i].OccurredAt <= asOf).ToArray();
        AfterAsOf(reports.Count - used.Length, asOf, warnings);
        if (used.Length == 0)
        {
            return new HotspotAnalysis(grid, [], [], [], [], parameters, asOf, warnings);
        }

        var input = used.Length == reports.Count ? reports : [.. used.Select(i => reports[i])];
        var study = StudyArea.Around(grid, input, parameters.NeighbourhoodRings);
        var background = study.Background(parameters.BackgroundBandwidthMeters);
        var weighting = new ReportWeighting(parameters.HalfLifeDays);
        var weights = new double[input.Count];
        for (var i = 0; i < input.Count; i++)
        {
            weights[i] = weighting.Weight(input[i].SourceEvaluation, input[i].IntelligenceAssessment, input[i].OccurredAt, asOf);
        }

        var recentWeights = GradingWeightsSince(input, asOf - TimeSpan.FromDays(parameters.HalfLifeDays));
        var periodWeights = GradingWeightsSince(input, asOf - TimeSpan.FromDays((double)parameters.TrendBins * parameters.TrendBinDays));
        var cells = Classify(study, input, weights, parameters);

        // Recency weighting ranks cells by what is happening now; on its own it would let a hotspot that went quiet
        // months ago vanish instead of showing as historical. So cells hot over the whole trend period, by grading
        // weight alone, are hot too (DBSCAN clusters points without regard to age, so it needs no second pass).
        var period = parameters.Method == HotspotMethod.Dbscan ? null : Classify(study, input, periodWeights, parameters);
        bool[] hot = [.. Enumerable.Range(0, study.Cells.Count).Select(i => cells.Hot[i] || period?.Hot[i] == true)];

        // An area is a hotspot only if it holds at least the minimum number of reports and significantly more than its
        // local expectation, now (the last half-life) or over the trend period, Bonferroni-corrected for every window
        // and for every cell an area could have started from (see the local excess run below). These methods' hot
        // cells (a density threshold, a clustering) are the highest of whatever there is, noise included, and capping
        // those would lower the expectation around them, so none is capped.
        LocalCounts[] windows = [new(study, background, recentWeights), new(study, background, periodWeights)];
        var alpha = (100 - parameters.ConfidencePercent) / 100.0;
        var tests = (double)windows.Length * study.Cells.Count;
        var countedInCell = new int[study.Cells.Count];
        for (var i = 0; i < input.Count; i++)
        {
            countedInCell[study.CellOfReport[i]] += weights[i] > 0 ? 1 : 0;
        }

        // The other methods' areas carry a halo that closes one-cell gaps, so they are not joined across them.
        var areas = HotspotArea.FromHotCells(Enumerable.Range(0, hot.Length).Where(i => hot[i]).Select(i => study.Cells[i]))
            .Where(piece => Test(study, windows, tests, countedInCell, parameters, alpha, piece).IsHotspot)
            .ToList();
        var areaOfCell = new int[study.Cells.Count];
        Array.Fill(areaOfCell, -1);
        for (var a = 0; a < areas.Count; a++)
        {
            foreach (var cell in areas[a].Cells)
            {
                areaOfCell[study.PositionOf(cell)] = a;
            }
        }

        var members = areas.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < input.Count; i++)
        {
            if (areaOfCell[study.CellOfReport[i]] is var area and >= 0)
            {
                members[area].Add(i);
            }
        }

        var trends = TrendSeries.For(study, background, input, parameters, asOf, warnings);
        var hotspots = new List<DetectedHotspot>();
        for (var a = 0; a < areas.Count; a++)
        {
            var (z, p, _) = Test(study, windows, tests, countedInCell, parameters, alpha, areas[a]);
            var score = members[a].Sum(i => weights[i]);
            hotspots.Add(new DetectedHotspot(areas[a], [.. members[a].Select(i => used[i])], score, z, p, ConfidenceOf(p),
                trends?.Classify([.. areas[a].Cells.Select(study.PositionOf)])));
        }

        var cellWeights = new double[study.Cells.Count];
        for (var i = 0; i < input.Count; i++)
        {
            cellWeights[study.CellOfReport[i]] += weights[i];
        }

        return new HotspotAnalysis(grid, study.Cells, cells.Scores, cellWeights, Ordered(hotspots), parameters, asOf, warnings);
    }

    /// <summary>
    /// A <see cref="HotspotMethod.LocalExcess"/> run from its reports counted per cell (<see cref="LocalExcessCounts"/>)
    /// as of the counts' date, with the counts' parameters; <paramref name="reports"/> are the reports counted, at the
    /// same positions, for the hotspots' members and scores. Counts kept up to date by the reports that changed give
    /// the same run as counts made from all of them.
    /// </summary>
    public static HotspotAnalysis Run(LocalExcessCounts counts, IReadOnlyList<HotspotReport> reports)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(reports);
        if (counts.ReportCount != reports.Count)
        {
            throw new ArgumentException("The reports must be the ones counted.", nameof(reports));
        }

        var (parameters, asOf) = (counts.Parameters, counts.AsOf);
        var grid = new HexGrid(parameters.CellSizeMeters);
        var warnings = new List<HotspotWarning>();
        AfterAsOf(reports.Count - counts.UsedCount, asOf, warnings);
        if (counts.Study is not { } study)
        {
            return new HotspotAnalysis(grid, [], [], [], [], parameters, asOf, warnings);
        }

        var background = study.Background(parameters.BackgroundBandwidthMeters);
        var alpha = (100 - parameters.ConfidencePercent) / 100.0;

        // Local excess tests counts, so it looks at plain windows: now (the last half-life), the trend period and all
        // the run's reports, each weighted by grading alone; recency weights are so skewed that a few recent reports
        // would pass for many more in a count test. They rank and score instead. The trend period, and all the
        // reports, keep a hotspot that went quiet months ago from vanishing instead of showing as historical; all the
        // reports lift a steady but modest hotspot in a busy district (twice the reports over two years that it has
        // over one) clear of a busy background; the trend period draws the outline of every hotspot it finds.
        int[] windowIds = [LocalExcessCounts.RecentWindow, LocalExcessCounts.PeriodWindow, LocalExcessCounts.HistoryWindow];
        var totals = windowIds.Select(counts.Window).ToArray();
        var plain = totals.Select(window => background.Expected(window.Values)).ToArray();
        var found = windowIds.Select((_, w) => LocalExcess.Classify(study, background, totals[w].Values, totals[w].Unit, plain[w], alpha)).ToArray();
        var hot = LocalExcess.Combine(study, [found[1].Hot, found[2].Hot, found[0].Hot]);

        // An area is a hotspot only if it holds at least the minimum number of reports and significantly more than its
        // local expectation, in any of the three windows (cells in excess count at their expectation in the
        // background, so a hotspot does not raise its own), Bonferroni-corrected for every window and for every cell
        // an area could have started from: the cells were chosen by these same counts, so anything less would let
        // chance clusters of a busy centre through.
        var windows = windowIds.Select((_, w) => new LocalCounts(totals[w].Values, totals[w].Unit, background.Expected(totals[w].Values, hot, plain[w]))).ToArray();
        var tests = (double)windows.Length * study.Cells.Count;
        var countedInCell = counts.Counted();
        var pieces = HotspotArea.FromHotCells(Enumerable.Range(0, hot.Length).Where(i => hot[i]).Select(i => study.Cells[i]))
            .Where(piece => Test(study, windows, tests, countedInCell, parameters, alpha, piece).IsHotspot)
            .ToList();

        // Local excess outlines a thin hotspot (a street) cell by cell, and a cell that chance left with few reports
        // would cut it in pieces, each taking its own id; so pieces that are hotspots on their own join across one-cell
        // gaps (the gap stays out).
        var areas = HotspotArea.FromHotCells(pieces.SelectMany(piece => piece.Cells), joinWithinRings: 2);
        var areaOfCell = new int[study.Cells.Count];
        Array.Fill(areaOfCell, -1);
        for (var a = 0; a < areas.Count; a++)
        {
            foreach (var cell in areas[a].Cells)
            {
                areaOfCell[study.PositionOf(cell)] = a;
            }
        }

        var members = areas.Select(_ => new List<int>()).ToArray();
        var cellOfReport = counts.CellOfReport;
        for (var i = 0; i < cellOfReport.Count; i++)
        {
            if (cellOfReport[i] >= 0 && areaOfCell[cellOfReport[i]] is var area and >= 0)
            {
                members[area].Add(i);
            }
        }

        // The trend bins' counts are the trend period's, bin by bin: their expectation is the period's, unless they differ.
        var trends = TrendSeries.For(study, background, counts, hot,
            counts.BinsAreThePeriod() ? windows[1].Expected : null, asOf, warnings);
        var weighting = new ReportWeighting(parameters.HalfLifeDays);
        var hotspots = new List<DetectedHotspot>();
        for (var a = 0; a < areas.Count; a++)
        {
            var (z, p, _) = Test(study, windows, tests, countedInCell, parameters, alpha, areas[a]);
            var score = 0.0;
            foreach (var i in members[a])
            {
                score += weighting.Weight(reports[i].SourceEvaluation, reports[i].IntelligenceAssessment, reports[i].OccurredAt, asOf);
            }

            hotspots.Add(new DetectedHotspot(areas[a], members[a], score, z, p, ConfidenceOf(p),
                trends?.Classify([.. areas[a].Cells.Select(study.PositionOf)])));
        }

        var scores = found[0].Values.Select((value, i) => value - found[0].Expected[i]).ToArray();
        var cellWeights = new Lazy<double[]>(() =>
        {
            var sums = new double[study.Cells.Count];
            for (var i = 0; i < cellOfReport.Count; i++)
            {
                if (cellOfReport[i] >= 0)
                {
                    sums[cellOfReport[i]] += weighting.Weight(reports[i].SourceEvaluation, reports[i].IntelligenceAssessment, reports[i].OccurredAt, asOf);
                }
            }

            return sums;
        });
        return new HotspotAnalysis(grid, study.Cells, scores, new LazyList(cellWeights), Ordered(hotspots), parameters, asOf, warnings);
    }

    /// <summary>An area's excess in the most significant window, Bonferroni-corrected, and whether it makes a hotspot.</summary>
    private static (double Z, double P, bool IsHotspot) Test(StudyArea study, LocalCounts[] windows, double tests, int[] countedInCell,
        HotspotParameters parameters, double alpha, HotspotArea area)
    {
        var positions = area.Cells.Select(study.PositionOf).ToArray();
        var (z, p) = windows.Select(window => window.Test(positions)).MinBy(result => result.P);
        var corrected = Math.Min(1.0, p * tests);
        return (z, corrected, positions.Sum(i => countedInCell[i]) >= parameters.MinimumReports && corrected <= alpha);
    }

    /// <summary>Highest score first; equal scores keep the areas' (deterministic) order.</summary>
    private static List<DetectedHotspot> Ordered(List<DetectedHotspot> hotspots) => hotspots.Select((hotspot, order) => (hotspot, order))
        .OrderByDescending(pair => pair.hotspot.WeightedScore).ThenBy(pair => pair.order)
        .Select(pair => pair.hotspot).ToList();

    private static void AfterAsOf(int leftOut, DateTimeOffset asOf, List<HotspotWarning> warnings)
    {
        if (leftOut > 0)
        {
            warnings.Add(new HotspotWarning(HotspotWarningKind.ReportsAfterAsOf,
                $"{leftOut} report(s) dated after the run's date {asOf:yyyy-MM-dd HH:mm} were left out; run as of a later date to include them."));
        }
    }

    /// <summary>A list made when first read: the cells' recency-weighted counts, which runs of the service never read.</summary>
    private sealed class LazyList(Lazy<double[]> items) : IReadOnlyList<double>
    {
        public double this[int index] => items.Value[index];

        public int Count => items.Value.Length;

        public IEnumerator<double> GetEnumerator() => ((IEnumerable<double>)items.Value).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => items.Value.GetEnumerator();
    }

    /// <summary>Which cells are hot and each cell's score on the method's own scale.</summary>
    private sealed record CellClassing(bool[] Hot, double[] Scores);

    private static CellClassing Classify(StudyArea study, IReadOnlyList<HotspotReport> reports, double[] weights,
        HotspotParameters parameters) => parameters.Method switch
        {
            HotspotMethod.GiStar => GiStarCells(study, weights, parameters.HotClass),
            HotspotMethod.KernelDensity => KernelDensityCells(study, reports, weights, parameters),
            HotspotMethod.Dbscan => DbscanCells(study, reports, weights, parameters),
            _ => throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Method, "Not a method of cells classed from their reports."),
        };


    private static CellClassing GiStarCells(StudyArea study, double[] weights, HotspotConfidence hotClass)
    {
        var values = new double[study.Cells.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            values[study.CellOfReport[i]] += weights[i];
        }

        var results = GetisOrdGiStar.Compute(values, study.Neighbours);
        var classes = FalseDiscoveryRate.Classify(results);
        return new CellClassing([.. classes.Select(confidence => confidence >= hotClass)], [.. results.Select(result => result.ZScore)]);
    }

    private static CellClassing KernelDensityCells(StudyArea study, IReadOnlyList<HotspotReport> reports, double[] weights, HotspotParameters parameters)
    {
        var grid = study.Grid;
        var bandwidth = parameters.BandwidthMeters;
        var densities = new double[study.Cells.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            // A cell whose centre is within the bandwidth of the report lies within bandwidth + size of the report's cell centre.
            foreach (var cell in grid.CellsWithin(study.Cells[study.CellOfReport[i]], bandwidth + grid.CellSizeMeters))
            {
                var position = study.PositionOf(cell);
                if (position >= 0)
                {
                    densities[position] += weights[i] * KernelDensity.Quartic(reports[i].Point.DistanceTo(grid.Centre(cell)), bandwidth);
                }
            }
        }

        // The practitioners' thematic threshold: mean + k standard deviations of the density surface.
        var mean = densities.Average();
        var deviation = Math.Sqrt(densities.Sum(d => (d - mean) * (d - mean)) / densities.Length);
        var threshold = mean + (parameters.DensityThresholdStandardDeviations * deviation);
        return new CellClassing([.. densities.Select(d => d > 0 && d >= threshold)], densities);
    }

    private static CellClassing DbscanCells(StudyArea study, IReadOnlyList<HotspotReport> reports, double[] weights, HotspotParameters parameters)
    {
        // Reports of zero weight (assessed E, suspected false) take no part, as they count for nothing elsewhere.
        var counted = Enumerable.Range(0, reports.Count).Where(i => weights[i] > 0).ToArray();
        var clusters = Dbscan.Cluster([.. counted.Select(i => reports[i].Point)], parameters.EpsMeters, parameters.MinPoints);
        var scores = new double[study.Cells.Count];
        for (var k = 0; k < counted.Length; k++)
        {
            if (clusters[k] is not null)
            {
                scores[study.CellOfReport[counted[k]]] += weights[counted[k]];
            }
        }

        return new CellClassing([.. scores.Select(score => score > 0)], scores);
    }

    /// <summary>Grading weight for reports from <paramref name="start"/> on (to the run's date), 0 for the rest.</summary>
    private static double[] GradingWeightsSince(IReadOnlyList<HotspotReport> reports, DateTimeOffset start) =>
        [.. reports.Select(report => report.OccurredAt >= start
            ? ReportWeighting.GradingWeight(report.SourceEvaluation, report.IntelligenceAssessment)
            : 0.0)];

    private static HotspotConfidence ConfidenceOf(double pValue) => pValue switch
    {
        <= 0.01 => HotspotConfidence.Hot99,
        <= 0.05 => HotspotConfidence.Hot95,
        <= 0.10 => HotspotConfidence.Hot90,
        _ => HotspotConfidence.NotSignificant,
    };

    /// <summary>Each study cell's weighted count and its local expectation, the cells in excess capped at theirs in the background.</summary>
    private sealed class LocalCounts
    {
        private readonly double[] _values;
        private readonly double[] _expected;
        private readonly double _unit;

        public LocalCounts(StudyArea study, BackgroundSurface background, IReadOnlyList<double> weights)
        {
            (_values, _unit) = LocalExcess.CellTotals(study, weights);
            _expected = background.Expected(_values);
        }

        public LocalCounts(double[] values, double unit, double[] expected)
        {
            (_values, _unit, _expected) = (values, unit, expected);
        }

        /// <summary>Each cell's local expectation.</summary>
        public double[] Expected => _expected;

        /// <summary>The cells' excess in quasi-Poisson standard deviations and its one-sided p-value.</summary>
        public (double Z, double P) Test(IEnumerable<int> positions)
        {
            var (observed, expected) = (0.0, 0.0);
            foreach (var i in positions)
            {
                observed += _values[i];
                expected += _expected[i];
            }

            var z = (observed - expected) / Math.Sqrt(_unit * Math.Max(expected, _unit * 1e-6));

            return (z, LocalExcess.UpperTail(observed, expected, _unit));
        }
    }

    /// <summary>Per trend bin, each cell's grading-weighted count and the whole study area's, and the trend of a set of cells from them.</summary>
    private sealed class TrendSeries
    {
        private readonly double[][] _values;
        private readonly double[] _binTotals;
        private readonly double[] _expected;
        private readonly double _unit;
        private readonly double _alpha;
        // Two quiet bins before a hotspot is historical: a hotspot of a few reports a month has a quiet month by chance.
        private readonly TrendClassifier _classifier = new(recentBins: 2);

        private TrendSeries(double[][] values, double[] binTotals, double[] expected, double unit, double alpha)
        {
            (_values, _binTotals, _expected, _unit, _alpha) = (values, binTotals, expected, unit, alpha);
        }

        /// <summary>
        /// The series from a local excess run's counts, the cells in <paramref name="excess"/> capped in the background;
        /// <paramref name="expected"/>, when given, is the expectation of the bins' counts summed (the trend period's).
        /// Null (with a warning added) when a bin holds no report.
        /// </summary>
        public static TrendSeries? For(StudyArea study, BackgroundSurface background, LocalExcessCounts counts, bool[] excess, double[]? expected,
            DateTimeOffset asOf, List<HotspotWarning> warnings)
        {
            var parameters = counts.Parameters;
            var values = new double[parameters.TrendBins][];
            var binTotals = new double[parameters.TrendBins];
            var perCell = new double[study.Cells.Count];
            for (var b = 0; b < values.Length; b++)
            {
                (values[b], _) = counts.Window(LocalExcessCounts.BinWindow(b));
                foreach (var value in values[b])
                {
                    binTotals[b] += value;
                }
            }

            if (Empty(binTotals, parameters, asOf, warnings))
            {
                return null;
            }

            if (expected is null)
            {
                for (var b = 0; b < values.Length; b++)
                {
                    for (var i = 0; i < perCell.Length; i++)
                    {
                        perCell[i] += values[b][i];
                    }
                }

                expected = background.Expected(perCell, excess);
            }

            var (sum, sumOfSquares) = counts.BinWeights();
            return new TrendSeries(values, binTotals, expected, sumOfSquares / sum, (100 - parameters.ConfidencePercent) / 100.0);
        }

        /// <summary>Whether a trend bin holds no report; if so, the warning that says so is added.</summary>
        private static bool Empty(double[] binTotals, HotspotParameters parameters, DateTimeOffset asOf, List<HotspotWarning> warnings)
        {
            var empty = Enumerable.Range(0, binTotals.Length).Where(b => binTotals[b] == 0).ToList();
            if (empty.Count == 0)
            {
                return false;
            }

            var latest = empty[^1] == binTotals.Length - 1 ? " including the latest, so the data seem to end before the run's date" : "";
            warnings.Add(new HotspotWarning(HotspotWarningKind.TrendDataMissing,
                $"{empty.Count} of the {binTotals.Length} trend bins of {parameters.TrendBinDays} days counted back from {asOf:yyyy-MM-dd} hold no report{latest}; "
                + "no hotspot has a trend. Run as of the date the data end, or with fewer or longer trend bins."));
            return true;
        }

        /// <summary>The series, or null (with a warning added) when a bin holds no report.</summary>
        public static TrendSeries? For(StudyArea study, BackgroundSurface background, IReadOnlyList<HotspotReport> reports,
            HotspotParameters parameters, DateTimeOffset asOf, List<HotspotWarning> warnings)
        {
            var binLength = TimeSpan.FromDays(parameters.TrendBinDays);
            var start = asOf - (binLength * parameters.TrendBins);
            var values = new double[parameters.TrendBins][];
            for (var b = 0; b < values.Length; b++)
            {
                values[b] = new double[study.Cells.Count];
            }

            var binTotals = new double[parameters.TrendBins];
            var perCell = new double[study.Cells.Count];
            var (sum, sumOfSquares) = (0.0, 0.0);
            for (var i = 0; i < reports.Count; i++)
            {
                var weight = ReportWeighting.GradingWeight(reports[i].SourceEvaluation, reports[i].IntelligenceAssessment);
                // Bins are [start, end), but the last one ends at asOf and takes a report dated exactly then.
                var bin = Math.Min((int)Math.Floor((reports[i].OccurredAt - start) / binLength), values.Length - 1);
                if (bin >= 0 && weight > 0)
                {
                    values[bin][study.CellOfReport[i]] += weight;
                    binTotals[bin] += weight;
                    perCell[study.CellOfReport[i]] += weight;
                    sum += weight;
                    sumOfSquares += weight * weight;
                }
            }

            if (Empty(binTotals, parameters, asOf, warnings))
            {
                return null;
            }

            return new TrendSeries(values, binTotals, background.Expected(perCell), sumOfSquares / sum, (100 - parameters.ConfidencePercent) / 100.0);

        }

        /// <summary>
        /// The trend of the cells at <paramref name="positions"/>: per bin, their count against their expectation over
        /// the period shared out by how many reports the whole study area had in that bin.
        /// </summary>
        public HotspotTrend? Classify(int[] positions)
        {
            var expectedOverPeriod = positions.Sum(i => _expected[i]);
            var total = _binTotals.Sum();
            var bins = new TrendBin[_values.Length];
            for (var b = 0; b < bins.Length; b++)
            {
                var observed = positions.Sum(i => _values[b][i]);
                var expected = expectedOverPeriod * _binTotals[b] / total;
                var z = (observed - expected) / Math.Sqrt(_unit * Math.Max(expected, _unit * 1e-6));
                bins[b] = new TrendBin(z, LocalExcess.UpperTail(observed, expected, _unit) <= _alpha);
            }


            return _classifier.Classify(bins);
        }
    }
}
