namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// A difference-in-differences estimate for one area against a comparison: the ratio of rate ratios
/// (area after / before) ÷ (comparison after / before), with its interval (<see cref="DifferenceInDifferences"/>).
/// </summary>
/// <param name="LogRateRatio">Natural log of the ratio of rate ratios.</param>
/// <param name="StandardError">Standard error of <paramref name="LogRateRatio"/>, scaled by the dispersion under quasi-Poisson.</param>
/// <param name="Lower">Lower confidence bound of the ratio.</param>
/// <param name="Upper">Upper confidence bound of the ratio.</param>
/// <param name="ConfidencePercent">Confidence of the interval, in percent.</param>
/// <param name="Model">The count model the interval comes from.</param>
/// <param name="Dispersion">
/// Pearson χ² over its degrees of freedom: about 1 when the bins vary as Poisson counts do, above 1 when they vary
/// more; null when there are too few bins to tell (totals only).
/// </param>
/// <param name="DispersionPValue">Chance of a Pearson χ² at least this large if the counts were Poisson; null with <paramref name="Dispersion"/>.</param>
/// <param name="DegreesOfFreedom">Residual degrees of freedom of the bins: non-empty bins minus the two fitted shares.</param>
/// <param name="ContinuityCorrected">True when a window held no report, so 0.5 was added to each of the four totals (Haldane–Anscombe) to keep the ratio finite.</param>
public sealed record RateRatioEstimate(
    double LogRateRatio,
    double StandardError,
    double Lower,
    double Upper,
    int ConfidencePercent,
    CountModel Model,
    double? Dispersion,
    double? DispersionPValue,
    int DegreesOfFreedom,
    bool ContinuityCorrected)
    : RateRatioInterval(LogRateRatio, StandardError, Lower, Upper, ConfidencePercent);
