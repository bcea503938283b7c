namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// Several actions' ratios of rate ratios pooled into one, weighting each by the inverse of its variance plus the
/// variance between actions (DerSimonian–Laird random effects; <see cref="TacticImpactSummaries"/>).
/// </summary>
/// <param name="LogRateRatio">Natural log of the pooled ratio.</param>
/// <param name="StandardError">Standard error of <paramref name="LogRateRatio"/>.</param>
/// <param name="Lower">Lower confidence bound of the pooled ratio.</param>
/// <param name="Upper">Upper confidence bound of the pooled ratio.</param>
/// <param name="ConfidencePercent">Confidence of the interval, in percent.</param>
/// <param name="ActionsPooled">Actions whose estimates were pooled.</param>
/// <param name="BetweenActionVariance">τ²: the variance of the actions' true log ratios around the pooled one; 0 when they agree as well as chance allows.</param>
/// <param name="CochranQ">Cochran's Q: the weighted squared deviations of the actions' log ratios from their fixed-effect mean.</param>
/// <param name="HeterogeneityPercent">I², the share of the spread between actions that is real rather than chance, in percent; null for one action.</param>
public sealed record PooledRateRatio(
    double LogRateRatio,
    double StandardError,
    double Lower,
    double Upper,
    int ConfidencePercent,
    int ActionsPooled,
    double BetweenActionVariance,
    double CochranQ,
    double? HeterogeneityPercent)
    : RateRatioInterval(LogRateRatio, StandardError, Lower, Upper, ConfidencePercent);
