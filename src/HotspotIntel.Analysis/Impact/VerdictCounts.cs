namespace HotspotIntel.Analysis.Impact;

/// <summary>How many actions got each <see cref="ImpactVerdict"/>.</summary>
public sealed record VerdictCounts(int TooEarly, int InsufficientData, int TooUncertain, int NoClearChange, int Reduced, int Increased)
{
    /// <summary>The counts of <paramref name="verdicts"/>.</summary>
    public static VerdictCounts Of(IEnumerable<ImpactVerdict> verdicts)
    {
        var counts = new int[Enum.GetValues<ImpactVerdict>().Length];
        foreach (var verdict in verdicts)
        {
            counts[(int)verdict]++;
        }

        return new VerdictCounts(
            counts[(int)ImpactVerdict.TooEarly],
            counts[(int)ImpactVerdict.InsufficientData],
            counts[(int)ImpactVerdict.TooUncertain],
            counts[(int)ImpactVerdict.NoClearChange],
            counts[(int)ImpactVerdict.Reduced],
            counts[(int)ImpactVerdict.Increased]);
    }
}
