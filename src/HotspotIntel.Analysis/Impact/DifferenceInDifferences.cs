using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// The difference-in-differences estimate of a change in reports in one area against a comparison area: the ratio of
/// rate ratios (area after / before) ÷ (comparison after / before), from a Poisson model with the bins' overdispersion
/// taken into account.
/// </summary>
/// <remarks>
/// <para>
/// The model is the two-way fixed-effects Poisson regression for counts (Wooldridge, "Simple approaches to nonlinear
/// difference-in-differences with panel data", Econometrics Journal 26 (2023) C31–C66): log E[y(area, bin)] =
/// α(area) + τ(bin) + δ·[area is the target and the bin is after the action]. Each bin's own effect τ takes out what
/// changed in both areas in that bin, and e^δ is the ratio of rate ratios.
/// </para>
/// <para>
/// Given each bin's total, the target's count is binomial with one share of the bin's reports before the action and
/// another after (Poisson fixed effects are conditional multinomial), so the maximum-likelihood estimate and its
/// standard error have a closed form: δ = ln(Ta/Tb) − ln(Ca/Cb) and SE² = 1/Tb + 1/Ta + 1/Cb + 1/Ca, T and C the
/// target's and comparison's totals before (b) and after (a). The test suite checks both against the full model fitted
/// by iteratively reweighted least squares.
/// </para>
/// <para>
/// Overdispersion: Pearson's χ² of the bins against the fitted shares, over its degrees of freedom (non-empty bins
/// minus 2), estimates the dispersion φ. When Pearson's test rejects Poisson at <see cref="OverdispersionSignificance"/>,
/// the estimate becomes quasi-Poisson (McCullagh and Nelder, Generalized Linear Models, 2nd ed., §6.2): SE² is
/// multiplied by φ and the interval uses Student's t with those degrees of freedom. Bins are taken as independent;
/// serial correlation between neighbouring bins would widen the interval further.
/// </para>
/// </remarks>
public static class DifferenceInDifferences
{
    /// <summary>Significance at which Pearson's χ² test of the bins rejects Poisson and the estimate turns quasi-Poisson.</summary>
    public const double OverdispersionSignificance = 0.05;

    /// <summary>
    /// The ratio of rate ratios of <paramref name="area"/> against <paramref name="comparison"/>, with its interval at
    /// <paramref name="confidencePercent"/>. Both must have the same bins and no window of the comparison may be empty
    /// of reports in both areas (the caller's minimum-reports rule sees to it).
    /// </summary>
    public static RateRatioEstimate Estimate(AreaCounts area, AreaCounts comparison, int confidencePercent)
    {
        if (area.BeforeBins.Count != comparison.BeforeBins.Count || area.AfterBins.Count != comparison.AfterBins.Count)
        {
            throw new ArgumentException("The area and its comparison must have the same bins.", nameof(comparison));
        }

        if (confidencePercent is <= 0 or >= 100)
        {
            throw new ArgumentOutOfRangeException(nameof(confidencePercent), confidencePercent, "Must be above 0 and below 100.");
        }

        double areaBefore = area.Before, areaAfter = area.After, comparisonBefore = comparison.Before, comparisonAfter = comparison.After;
        var continuityCorrected = areaBefore == 0 || areaAfter == 0 || comparisonBefore == 0 || comparisonAfter == 0;
        if (continuityCorrected)
        {
            // Haldane–Anscombe: a window without reports would make the log ratio infinite; 0.5 in every cell keeps it
            // finite and its standard error honest (large).
            areaBefore += 0.5;
            areaAfter += 0.5;
            comparisonBefore += 0.5;
            comparisonAfter += 0.5;
        }

        var logRateRatio = Math.Log(areaAfter / areaBefore) - Math.Log(comparisonAfter / comparisonBefore);
        var poissonVariance = (1 / areaBefore) + (1 / areaAfter) + (1 / comparisonBefore) + (1 / comparisonAfter);

        var (pearsonChiSquare, degreesOfFreedom) = PearsonChiSquare(area, comparison);
        double? dispersion = degreesOfFreedom >= 1 ? pearsonChiSquare / degreesOfFreedom : null;
        double? dispersionPValue = degreesOfFreedom >= 1
            ? SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, pearsonChiSquare / 2.0)
            : null;
        var overdispersed = dispersionPValue < OverdispersionSignificance;

        var upperTailProbability = 1 - ((1 - (confidencePercent / 100.0)) / 2);
        var (model, standardError, criticalValue) = overdispersed
            ? (CountModel.QuasiPoisson, Math.Sqrt(poissonVariance * dispersion!.Value), StudentT.InvCDF(0, 1, degreesOfFreedom, upperTailProbability))
            : (CountModel.Poisson, Math.Sqrt(poissonVariance), Normal.InvCDF(0, 1, upperTailProbability));
        var (lower, upper) = RateRatioInterval.Bounds(logRateRatio, standardError, criticalValue);
        return new RateRatioEstimate(logRateRatio, standardError, lower, upper, confidencePercent, model, dispersion,
            dispersionPValue, Math.Max(0, degreesOfFreedom), continuityCorrected);
    }

    // Pearson's χ² of the two-way model: in each window the area's share of each bin's reports is binomial around the
    // window's share, and (y − n·p)² / (n·p·(1 − p)) is what the Poisson residuals of both areas add up to. A window
    // whose share is 0 or 1 is fitted exactly by the model (δ at ±∞) and gives neither χ² nor degrees of freedom.
    private static (double ChiSquare, int DegreesOfFreedom) PearsonChiSquare(AreaCounts area, AreaCounts comparison)
    {
        var (beforeChiSquare, beforeFreedom) = WindowChiSquare(area.BeforeBins, comparison.BeforeBins);
        var (afterChiSquare, afterFreedom) = WindowChiSquare(area.AfterBins, comparison.AfterBins);
        return (beforeChiSquare + afterChiSquare, beforeFreedom + afterFreedom);
    }

    private static (double ChiSquare, int DegreesOfFreedom) WindowChiSquare(IReadOnlyList<int> areaBins, IReadOnlyList<int> comparisonBins)
    {
        double areaTotal = areaBins.Sum();
        var share = areaTotal / (areaTotal + comparisonBins.Sum());
        if (!(share is > 0 and < 1))
        {
            return (0, 0);
        }

        var chiSquare = 0.0;
        var nonEmptyBins = 0;
        for (var bin = 0; bin < areaBins.Count; bin++)
        {
            double reports = areaBins[bin] + comparisonBins[bin];
            if (reports == 0)
            {
                continue;
            }

            var expected = reports * share;
            chiSquare += Math.Pow(areaBins[bin] - expected, 2) / (expected * (1 - share));
            nonEmptyBins++;
        }

        // One share fitted per window.
        return (chiSquare, nonEmptyBins - 1);
    }
}
