namespace HotspotIntel.Bench.Benchmarks;

/// <summary>Nearest-rank percentiles of measured latencies.</summary>
internal static class Percentiles
{
    /// <summary>The value below which <paramref name="share"/> (0 to 1) of the samples fall; NaN when there are none.</summary>
    public static double Of(IEnumerable<double> samples, double share)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(share * sorted.Count))];
    }
}
