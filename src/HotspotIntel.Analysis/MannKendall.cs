namespace HotspotIntel.Analysis;

/// <summary>
/// The Mann-Kendall test for a monotonic trend in a series of values ordered in time (e.g. one value per time bin),
/// with no assumption about their distribution.
/// </summary>
/// <remarks>
/// Gilbert, "Statistical Methods for Environmental Pollution Monitoring" (1987), ch. 16:
/// S = Σ_{i&lt;j} sign(x_j − x_i); Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18 over groups g of t_g equal
/// values; z = (S − 1)/√Var if S &gt; 0, (S + 1)/√Var if S &lt; 0, else 0; p from the normal distribution.
/// The normal approximation is rough below about ten values, which errs towards "no trend".
/// </remarks>
public static class MannKendall
{
    /// <summary>Tests <paramref name="series"/>, oldest value first.</summary>
    public static MannKendallResult Test(IReadOnlyList<double> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var n = series.Count;
        if (series.Any(value => !double.IsFinite(value)))
        {
            throw new ArgumentException("Every value must be a finite number.", nameof(series));
        }

        var s = 0L;
        for (var i = 0; i < n - 1; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                s += Math.Sign(series[j] - series[i]);
            }
        }

        var tieTerm = series
            .GroupBy(value => value)
            .Select(group => (double)group.Count())
            .Where(t => t > 1)
            .Sum(t => t * (t - 1) * ((2 * t) + 5));
        var variance = ((n * (n - 1.0) * ((2.0 * n) + 5)) - tieTerm) / 18.0;
        var z = variance <= 0 || s == 0 ? 0.0 : (s - Math.Sign(s)) / Math.Sqrt(variance);
        return new MannKendallResult(s, variance, z, NormalDistribution.TwoSidedPValue(z));
    }
}
