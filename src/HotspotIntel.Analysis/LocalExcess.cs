using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Analysis;

/// <summary>
/// The <see cref="HotspotMethod.LocalExcess"/> classing: hex cells whose own weighted report count is significantly
/// above its local expectation (<see cref="BackgroundSurface"/>), and only those, so a hotspot has no halo of
/// neighbours that are hot only because a hot cell is near them.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Each cell's weighted count is tested against its expectation, and so is each cell with its six neighbours
/// (a seven-cell window, so that a hotspot spread thinly over several cells of a busy area is still found). Counts are
/// quasi-Poisson: weighted counts are divided by Σw² / Σw, the unit in which a weighted Poisson count's variance equals
/// its mean. All p-values of both scales get one Bonferroni correction at the run's confidence, so the chance that any
/// cell of ordinary background passes is at most 1 − confidence. False-discovery-rate control would let through a share
/// of the discoveries, and real hotspots make so many that chance high cells of a busy centre would pass with them,
/// and would then bias its background low.</item>
/// <item>The cells found count at no more than their expectation in the background and the tests are repeated, so
/// that a strong hotspot does not raise the expectation of the cells around it.</item>
/// <item>Candidates are the significant cells and, in a significant window, the cells above their expectation.
/// Within each connected group of candidates, a cell is kept when its count is likelier from a cell mostly covered by
/// the group's excess than from one barely touched by it (Poisson likelihood ratio; the excess of a fully covered
/// cell is estimated from the kept cells, weighted towards the fullest, until nothing changes): the edge cells that a
/// hot centre or a window dragged in fall away, the cells a hotspot covers stay. A cell with four or more kept
/// neighbours fills a hole.</item>
/// </list>
/// </remarks>
internal static class LocalExcess
{
    /// <summary>
    /// The classing of cells whose weighted counts are <paramref name="values"/> (report unit <paramref name="unit"/>),
    /// <paramref name="plainExpected"/> being their expectation with no cell capped (<see cref="BackgroundSurface.Expected"/>).
    /// </summary>
    public static ExcessCells Classify(StudyArea study, BackgroundSurface background, double[] values, double unit, double[] plainExpected, double alpha)
    {
        var candidates = Candidates(study, values, plainExpected, unit, alpha);
        var expected = background.Expected(values, candidates, plainExpected);
        candidates = Candidates(study, values, expected, unit, alpha);
        return new ExcessCells(Trim(study, candidates, values, expected, unit), values, expected);
    }

    /// <summary>
    /// The hot cells of a run from the cells hot in several windows, widest outline first (the trend period, then all
    /// the run's reports, then now: the last half-life): every hotspot the first window found with its outline there,
    /// and each hotspot that only a later window found with that window's outline. A year of reports draws a hotspot's
    /// edge far better than a few months, in which one report makes a cell look covered, and better than two years
    /// over which a hotspot may have moved.
    /// </summary>
    public static bool[] Combine(StudyArea study, IReadOnlyList<bool[]> windows)
    {
        var hot = (bool[])windows[0].Clone();
        foreach (var window in windows.Skip(1))
        {
            var known = (bool[])hot.Clone();
            foreach (var group in Groups(study, window))
            {
                if (!group.Any(i => known[i] || study.Adjacent[i].Any(j => known[j])))
                {
                    group.ForEach(i => hot[i] = true);
                }
            }
        }

        return hot;
    }

    /// <summary>
    /// Each study cell's summed report weight, and the report unit Σw² / Σw over all reports: a cell's weighted count
    /// divided by it varies as a Poisson count would (1 when every weight is 1).
    /// </summary>
    public static (double[] Values, double Unit) CellTotals(StudyArea study, IReadOnlyList<double> reportWeights)
    {
        var values = new double[study.Cells.Count];
        var (sum, sumOfSquares) = (0.0, 0.0);
        for (var i = 0; i < reportWeights.Count; i++)
        {
            values[study.CellOfReport[i]] += reportWeights[i];
            sum += reportWeights[i];
            sumOfSquares += reportWeights[i] * reportWeights[i];
        }

        return (values, sum > 0 ? sumOfSquares / sum : 1.0);
    }

    /// <summary>One-sided quasi-Poisson p-value of <paramref name="observed"/> against <paramref name="expected"/>, both in weight units.</summary>
    public static double UpperTail(double observed, double expected, double unit) =>
        observed <= expected ? 1.0 : PoissonDistribution.UpperTail(observed / unit, expected / unit);

    private static bool[] Candidates(StudyArea study, double[] values, double[] expected, double unit, double alpha)
    {
        var cells = study.Cells.Count;
        var pValues = new double[2 * cells];
        for (var i = 0; i < cells; i++)
        {
            pValues[i] = UpperTail(values[i], expected[i], unit);
            var (windowValue, windowExpected) = (values[i], expected[i]);
            foreach (var j in study.Adjacent[i])
            {
                windowValue += values[j];
                windowExpected += expected[j];
            }

            pValues[cells + i] = UpperTail(windowValue, windowExpected, unit);
        }

        // Bonferroni over every test: the chance that any cell of pure background passes is at most alpha.
        var threshold = alpha / pValues.Length;
        var candidates = new bool[cells];
        for (var i = 0; i < cells; i++)
        {
            var inSignificantWindow = pValues[cells + i] <= threshold || study.Adjacent[i].Any(j => pValues[cells + j] <= threshold);
            candidates[i] = pValues[i] <= threshold || (inSignificantWindow && values[i] > expected[i]);
        }

        return candidates;
    }

    private static bool[] Trim(StudyArea study, bool[] candidates, double[] values, double[] expected, double unit)
    {
        var kept = new bool[candidates.Length];
        foreach (var group in Groups(study, candidates))
        {
            var inside = group.ToDictionary(i => i, _ => true);
            for (var iteration = 0; iteration < 50; iteration++)
            {
                // The excess of a cell the hotspot covers fully, in report units: the kept cells' excesses weighted by
                // themselves (Σd² / Σd), so partly covered edge cells do not pull it down and lower the bar for others.
                var (sumOfSquares, sum) = (0.0, 0.0);
                foreach (var i in group.Where(i => inside[i]))
                {
                    var d = Math.Max(0.0, values[i] - expected[i]) / unit;
                    (sumOfSquares, sum) = (sumOfSquares + (d * d), sum + d);
                }

                var excess = sum > 0 ? sumOfSquares / sum : 0.0;
                var changed = false;
                foreach (var i in group)
                {
                    var now = BetterAsHotspot(values[i] / unit, expected[i] / unit, excess);
                    changed |= now != inside[i];
                    inside[i] = now;
                }

                if (!changed)
                {
                    break;
                }
            }

            foreach (var (i, isInside) in inside)
            {
                kept[i] = isInside;
            }
        }

        // Holes: a cell almost surrounded by kept cells belongs to them.
        var holes = Enumerable.Range(0, kept.Length).Where(i => !kept[i] && study.Adjacent[i].Count(j => kept[j]) >= 4).ToList();
        foreach (var i in holes)
        {
            kept[i] = true;
        }

        return kept;
    }

    /// <summary>
    /// Whether <paramref name="count"/> is likelier from a cell three-quarters covered by the hotspot than from one a
    /// quarter covered: Poisson(<paramref name="expected"/> + ¾ <paramref name="excess"/>) against
    /// Poisson(<paramref name="expected"/> + ¼ <paramref name="excess"/>). Where the background is empty the threshold is
    /// about half the hotspot's excess (a half-maximum outline); where it is busy, halfway between the two means.
    /// </summary>
    private static bool BetterAsHotspot(double count, double expected, double excess)
    {
        if (excess <= 0 || count <= 0)
        {
            return false;
        }

        var (mostly, barely) = (expected + (0.75 * excess), expected + (0.25 * excess));
        return count * Math.Log(mostly / barely) >= mostly - barely;
    }

    /// <summary>The connected groups (through shared edges) of the cells <paramref name="marked"/>, as lists of positions.</summary>
    private static IEnumerable<List<int>> Groups(StudyArea study, bool[] marked)
    {
        var seen = new bool[marked.Length];
        for (var start = 0; start < marked.Length; start++)
        {
            if (!marked[start] || seen[start])
            {
                continue;
            }

            var group = new List<int> { start };
            seen[start] = true;
            for (var k = 0; k < group.Count; k++)
            {
                foreach (var j in study.Adjacent[group[k]])
                {
                    if (marked[j] && !seen[j])
                    {
                        seen[j] = true;
                        group.Add(j);
                    }
                }
            }

            yield return group;
        }
    }
}

/// <summary>What <see cref="LocalExcess"/> found for one set of report weights: the cells kept as hot, and each cell's weighted count and local expectation.</summary>
internal sealed record ExcessCells(bool[] Hot, double[] Values, double[] Expected);
