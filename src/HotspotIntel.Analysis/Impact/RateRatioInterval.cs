namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// A ratio of report rates with its confidence interval: 1 is no change, 0.5 half the reports the comparison says
/// to expect, 2 twice as many. Estimated on the log scale, where it is close to normal.
/// </summary>
/// <param name="LogRateRatio">Natural log of the rate ratio.</param>
/// <param name="StandardError">Standard error of <paramref name="LogRateRatio"/>.</param>
/// <param name="Lower">Lower confidence bound of the rate ratio.</param>
/// <param name="Upper">Upper confidence bound of the rate ratio.</param>
/// <param name="ConfidencePercent">Confidence of the interval, in percent.</param>
public abstract record RateRatioInterval(double LogRateRatio, double StandardError, double Lower, double Upper, int ConfidencePercent)
{
    /// <summary>The rate ratio, e^<see cref="LogRateRatio"/>.</summary>
    public double RateRatio => Math.Exp(LogRateRatio);

    /// <summary>The rate ratio as a percentage change: −50 is half the expected reports.</summary>
    public double PercentChange => ToPercentChange(RateRatio);

    /// <summary><see cref="Lower"/> as a percentage change.</summary>
    public double PercentChangeLower => ToPercentChange(Lower);

    /// <summary><see cref="Upper"/> as a percentage change.</summary>
    public double PercentChangeUpper => ToPercentChange(Upper);

    /// <summary>What the interval says: fell, rose, no clear change, or too wide to say.</summary>
    internal ImpactDirection Direction(double widestInformativeRatio) =>
        Upper < 1 ? ImpactDirection.Fell
        : Lower > 1 ? ImpactDirection.Rose
        : Upper / Lower > widestInformativeRatio ? ImpactDirection.TooUncertain
        : ImpactDirection.NoClearChange;

    /// <summary>Bounds of an interval around <paramref name="logRateRatio"/> of ± <paramref name="criticalValue"/> standard errors, on the ratio scale.</summary>
    internal static (double Lower, double Upper) Bounds(double logRateRatio, double standardError, double criticalValue) =>
        (Math.Exp(logRateRatio - (criticalValue * standardError)), Math.Exp(logRateRatio + (criticalValue * standardError)));

    private static double ToPercentChange(double ratio) => 100 * (ratio - 1);
}

/// <summary>What a rate ratio's interval says, before it is named for the target or the ring.</summary>
internal enum ImpactDirection
{
    Fell,
    Rose,
    NoClearChange,
    TooUncertain,
}
