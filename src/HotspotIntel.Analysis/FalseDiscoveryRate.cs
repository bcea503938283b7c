namespace HotspotIntel.Analysis;

/// <summary>
/// Benjamini–Hochberg false-discovery-rate correction: when thousands of cells are tested at once, it keeps the
/// expected share of false hotspots among those reported at the chosen rate, instead of letting 5% of all cells
/// pass at 95% by chance.
/// </summary>
/// <remarks>
/// Benjamini and Hochberg, "Controlling the false discovery rate", J. R. Statist. Soc. B 57 (1995) 289–300.
/// Valid for the positively dependent tests of overlapping Gi* neighbourhoods (Benjamini and Yekutieli 2001);
/// ArcGIS Hot Spot Analysis applies the same correction.
/// </remarks>
public static class FalseDiscoveryRate
{
    /// <summary>
    /// The BH-adjusted p-values (q-values), in input order: q_(k) = min over i ≥ k of m · p_(i) / i, capped at 1,
    /// where p_(1) ≤ … ≤ p_(m). A test is a discovery at rate α exactly when its q-value is ≤ α
    /// (the same as R's <c>p.adjust(p, "BH")</c>).
    /// </summary>
    public static IReadOnlyList<double> AdjustedPValues(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var order = new int[m];
        for (var i = 0; i < m; i++)
        {
            if (double.IsNaN(pValues[i]) || pValues[i] < 0 || pValues[i] > 1)
            {
                throw new ArgumentException($"p-value {i} is not between 0 and 1.", nameof(pValues));
            }

            order[i] = i;
        }

        // Stable order by p-value so ties keep input order and the result never depends on the sort's whims.
        Array.Sort(order, (a, b) => pValues[a] != pValues[b] ? pValues[a].CompareTo(pValues[b]) : a.CompareTo(b));
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var index = order[rank - 1];
            running = Math.Min(running, pValues[index] * m / rank);
            adjusted[index] = running;
        }

        return adjusted;
    }

    /// <summary>
    /// Classes each Gi* result as hot or cold at 99, 95 or 90% confidence after BH correction of the two-sided
    /// p-values, as ArcGIS's <c>Gi_Bin</c>: Hot99 when its q-value ≤ 0.01 and z &gt; 0, Hot95 when ≤ 0.05,
    /// Hot90 when ≤ 0.10, and the same for cold spots with z &lt; 0. Results are in input order.
    /// </summary>
    public static IReadOnlyList<HotspotConfidence> Classify(IReadOnlyList<GiStarResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var adjusted = AdjustedPValues(results.Select(result => result.PValue).ToArray());
        var classes = new HotspotConfidence[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            var level = adjusted[i] switch
            {
                <= 0.01 => 3,
                <= 0.05 => 2,
                <= 0.10 => 1,
                _ => 0,
            };
            classes[i] = (HotspotConfidence)(Math.Sign(results[i].ZScore) * level);
        }

        return classes;
    }
}
