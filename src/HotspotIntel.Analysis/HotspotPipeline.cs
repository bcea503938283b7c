namespace HotspotIntel.Analysis;

/// <summary>
/// A whole hotspot analysis, from reports to hotspots, exactly as the nightly job runs it and as <c>bench/</c>
/// evaluates it: weigh each report (<see cref="ReportWeighting"/>), class hex cells of the study area hot by the chosen
/// <see cref="HotspotMethod"/>, merge adjacent hot cells into areas (<see cref="HotspotArea.FromHotCells"/>), keep the
/// areas holding at least <see cref="HotspotParameters.MinimumReports"/> weighted reports and more than chance would
/// put there, and give each a trend.
/// Coordinates are metres in a metric CRS (British National Grid in the job).
/// </summary>
/// <remarks>
/// Every method ends in hex cells, so hotspots of any method are cell sets of one grid: the identity matcher, PAI
/// and the stored polygons (the union of PostGIS <c>ST_Hexagon</c> cells) treat them all alike.
/// The trend comes from emerging-hot-spot style bins: <see cref="HotspotParameters.TrendBins"/> bins of
/// <see cref="HotspotParameters.TrendBinDays"/> ending at the run's time; in each, Gi* of grading-weighted counts
/// (no recency weight, which would fake an upward trend) with FDR correction; per hotspot, the mean z-score of its
/// cells and whether any was hot go to <see cref="TrendClassifier"/> (Mann-Kendall on the z-scores).
/// </remarks>
public static class HotspotPipeline
{
    /// <summary>Analyses <paramref name="reports"/> as of <paramref name="asOf"/> (the age recency weights and trend bins count from).</summary>
    public static HotspotAnalysis Run(IReadOnlyList<HotspotReport> reports, HotspotParameters parameters, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => $"{p.Parameter}: {p.Message}")), nameof(parameters));
        }

        var grid = new HexGrid(parameters.CellSizeMeters);
        if (reports.Count == 0)
        {
            return new HotspotAnalysis(grid, [], [], [], []);
        }

        var study = StudyArea.Around(grid, reports, parameters.NeighbourhoodRings);
        var weighting = new ReportWeighting(parameters.HalfLifeDays);
        var weights = new double[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            weights[i] = weighting.Weight(reports[i].SourceEvaluation, reports[i].IntelligenceAssessment, reports[i].OccurredAt, asOf);
        }

        var cells = Classify(study, reports, weights, parameters);

        // Recency weighting ranks cells by what is happening now; on its own it would let a hotspot that went quiet
        // months ago vanish instead of showing as historical. So cells hot over the whole trend period, by grading
        // weight alone, are hot too (DBSCAN clusters points without regard to age, so it needs no second pass).
        var period = parameters.Method == HotspotMethod.Dbscan ? null : Classify(study, reports, PeriodWeights(reports, parameters, asOf), parameters);
        var hotCells = Enumerable.Range(0, study.Cells.Count).Where(i => cells.Hot[i] || period?.Hot[i] == true).Select(i => study.Cells[i]);
        var areas = HotspotArea.FromHotCells(hotCells);
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
        var countedReports = new int[areas.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            var area = areaOfCell[study.CellOfReport[i]];
            if (area >= 0)
            {
                members[area].Add(i);
                countedReports[area] += weights[i] > 0 ? 1 : 0;
            }
        }

        // An area is a hotspot only if it holds more reports than chance would put there: a Poisson test of its count
        // against the study area's mean rate, Bonferroni-corrected for the number of cells an area could start from.
        // Gi*'s normal approximation is anti-conservative for the few reports per cell of a small partnership (a
        // handful of reports in a cell reaches z = 4), so without this test pure noise makes "hotspots".
        var ratePerCell = (double)weights.Count(weight => weight > 0) / study.Cells.Count;
        var alpha = (100 - parameters.ConfidencePercent) / 100.0 / study.Cells.Count;
        var trends = new TrendSeries(study, reports, parameters, asOf);
        var hotspots = new List<DetectedHotspot>();
        for (var a = 0; a < areas.Count; a++)
        {
            if (countedReports[a] < parameters.MinimumReports
                || PoissonDistribution.UpperTail(countedReports[a], ratePerCell * areas[a].Cells.Count) > alpha)
            {
                continue;
            }

            var positions = areas[a].Cells.Select(study.PositionOf).ToArray();
            var score = members[a].Sum(i => weights[i]);
            var (z, p, confidence) = Strongest(positions, cells.Significance, period?.Significance);
            hotspots.Add(new DetectedHotspot(areas[a], members[a], score, z, p, confidence, trends.Classify(positions)));
        }

        // Highest score first; equal scores keep the areas' (deterministic) order.
        var ordered = hotspots.Select((hotspot, order) => (hotspot, order))
            .OrderByDescending(pair => pair.hotspot.WeightedScore).ThenBy(pair => pair.order)
            .Select(pair => pair.hotspot).ToList();
        var cellWeights = new double[study.Cells.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            cellWeights[study.CellOfReport[i]] += weights[i];
        }

        return new HotspotAnalysis(grid, study.Cells, cells.Scores, cellWeights, ordered);
    }

    /// <summary>Which cells are hot, each cell's score, and (Gi* only) each cell's result and confidence class.</summary>
    private sealed record CellClassing(bool[] Hot, double[] Scores, (IReadOnlyList<GiStarResult> Results, IReadOnlyList<HotspotConfidence> Classes)? Significance);

    private static CellClassing GiStarCells(StudyArea study, double[] weights, HotspotConfidence hotClass)
    {
        var values = new double[study.Cells.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            values[study.CellOfReport[i]] += weights[i];
        }

        var (results, classes) = GiStar(study, values);
        return new CellClassing(
            [.. classes.Select(confidence => confidence >= hotClass)],
            [.. results.Select(result => result.ZScore)],
            (results, classes));
    }

    private static (IReadOnlyList<GiStarResult> Results, IReadOnlyList<HotspotConfidence> Classes) GiStar(StudyArea study, double[] values)
    {
        var results = GetisOrdGiStar.Compute(values, study.Neighbours);
        return (results, FalseDiscoveryRate.Classify(results));
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
        return new CellClassing([.. densities.Select(d => d > 0 && d >= threshold)], densities, null);
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

        return new CellClassing([.. scores.Select(score => score > 0)], scores, null);
    }

    private static CellClassing Classify(StudyArea study, IReadOnlyList<HotspotReport> reports, double[] weights, HotspotParameters parameters) =>
        parameters.Method switch
        {
            HotspotMethod.GiStar => GiStarCells(study, weights, parameters.HotClass),
            HotspotMethod.KernelDensity => KernelDensityCells(study, reports, weights, parameters),
            HotspotMethod.Dbscan => DbscanCells(study, reports, weights, parameters),
            _ => throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Method, "Not a hotspot method."),
        };

    /// <summary>Grading weight for reports in the trend period (the bins), 0 for the rest.</summary>
    private static double[] PeriodWeights(IReadOnlyList<HotspotReport> reports, HotspotParameters parameters, DateTimeOffset asOf)
    {
        var start = asOf - TimeSpan.FromDays((double)parameters.TrendBins * parameters.TrendBinDays);
        return [.. reports.Select(report => report.OccurredAt >= start && report.OccurredAt < asOf
            ? ReportWeighting.GradingWeight(report.SourceEvaluation, report.IntelligenceAssessment)
            : 0.0)];
    }

    /// <summary>Gi*: the highest z-score among the cells in either classing, its p-value, and the highest confidence class.</summary>
    private static (double?, double?, HotspotConfidence?) Strongest(int[] positions,
        params (IReadOnlyList<GiStarResult> Results, IReadOnlyList<HotspotConfidence> Classes)?[] classings)
    {
        var present = classings.OfType<(IReadOnlyList<GiStarResult> Results, IReadOnlyList<HotspotConfidence> Classes)>().ToList();
        if (present.Count == 0)
        {
            return (null, null, null);
        }

        var best = present.SelectMany(c => positions.Select(position => c.Results[position])).MaxBy(result => result.ZScore);
        var confidence = present.SelectMany(c => positions.Select(position => c.Classes[position])).Max();
        return (best.ZScore, best.PValue, confidence);
    }

    /// <summary>Gi* per time bin over the study cells, and the trend of a set of cells from it.</summary>
    private sealed class TrendSeries
    {
        private readonly List<(IReadOnlyList<GiStarResult> Results, IReadOnlyList<HotspotConfidence> Classes)> _bins = [];
        private readonly HotspotConfidence _hotClass;
        private readonly TrendClassifier _classifier = new();

        public TrendSeries(StudyArea study, IReadOnlyList<HotspotReport> reports, HotspotParameters parameters, DateTimeOffset asOf)
        {
            _hotClass = parameters.HotClass;
            var binLength = TimeSpan.FromDays(parameters.TrendBinDays);
            var start = asOf - (binLength * parameters.TrendBins);
            var values = new double[parameters.TrendBins][];
            for (var b = 0; b < values.Length; b++)
            {
                values[b] = new double[study.Cells.Count];
            }

            for (var i = 0; i < reports.Count; i++)
            {
                var bin = (int)Math.Floor((reports[i].OccurredAt - start) / binLength);
                if (bin >= 0 && bin < values.Length)
                {
                    values[bin][study.CellOfReport[i]] += ReportWeighting.GradingWeight(reports[i].SourceEvaluation, reports[i].IntelligenceAssessment);
                }
            }

            foreach (var binValues in values)
            {
                _bins.Add(GiStar(study, binValues));
            }
        }

        public HotspotTrend? Classify(int[] positions) => _classifier.Classify([.. _bins.Select(bin => new TrendBin(
            positions.Average(position => bin.Results[position].ZScore),
            positions.Any(position => bin.Classes[position] >= _hotClass)))]);
    }
}
