using MathNet.Numerics.Distributions;

namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// The impact summary per tactic across done actions: how many actions got each verdict, and their estimates pooled
/// by inverse-variance weighting of log ratios with DerSimonian–Laird random effects.
/// </summary>
/// <remarks>
/// Random effects because the same tactic works differently at different places: the pooled interval covers the
/// average effect across places, not one shared effect, and widens as the actions disagree (DerSimonian and Laird,
/// "Meta-analysis in clinical trials", Controlled Clinical Trials 7 (1986) 177–188; I² from Higgins and Thompson,
/// Statistics in Medicine 21 (2002) 1539–1558). Actions without an estimate (too early, too few reports) are counted
/// but not pooled. Actions are taken as independent: two actions at one place over the same months share their
/// reports, and pooling both overstates the evidence.
/// </remarks>
public static class TacticImpactSummaries
{
    /// <summary>One summary per tactic in <paramref name="impacts"/>, ordered by tactic code.</summary>
    public static IReadOnlyList<TacticImpactSummary> Summarise(IEnumerable<ActionImpact> impacts, ImpactOptions options)
    {
        if (options.Problems() is [var (option, message), ..])
        {
            throw new ArgumentException($"{option}: {message}", nameof(options));
        }

        return impacts
            .GroupBy(impact => impact.TacticCode, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => Summarise(group.Key, [.. group.Select(impact => impact.Assessment)], options))
            .ToList();
    }

    /// <summary>
    /// The random-effects pooled ratio of <paramref name="estimates"/> at <paramref name="confidencePercent"/>; null
    /// when there are none.
    /// </summary>
    public static PooledRateRatio? Pool(IReadOnlyList<RateRatioInterval> estimates, int confidencePercent)
    {
        if (estimates.Count == 0)
        {
            return null;
        }

        var weights = estimates.Select(estimate => 1 / (estimate.StandardError * estimate.StandardError)).ToArray();
        var weightSum = weights.Sum();
        var fixedEffect = estimates.Select((estimate, i) => weights[i] * estimate.LogRateRatio).Sum() / weightSum;
        var cochranQ = estimates.Select((estimate, i) => weights[i] * Math.Pow(estimate.LogRateRatio - fixedEffect, 2)).Sum();
        var freedom = estimates.Count - 1;
        var scale = weightSum - (weights.Sum(weight => weight * weight) / weightSum);
        var betweenActionVariance = freedom > 0 && scale > 0 ? Math.Max(0, (cochranQ - freedom) / scale) : 0;
        double? heterogeneityPercent = freedom > 0 ? (cochranQ > 0 ? Math.Max(0, (cochranQ - freedom) / cochranQ) * 100 : 0) : null;

        var randomWeights = estimates.Select(estimate => 1 / ((estimate.StandardError * estimate.StandardError) + betweenActionVariance)).ToArray();
        var randomWeightSum = randomWeights.Sum();
        var pooled = estimates.Select((estimate, i) => randomWeights[i] * estimate.LogRateRatio).Sum() / randomWeightSum;
        var standardError = Math.Sqrt(1 / randomWeightSum);
        var criticalValue = Normal.InvCDF(0, 1, 1 - ((1 - (confidencePercent / 100.0)) / 2));
        var (lower, upper) = RateRatioInterval.Bounds(pooled, standardError, criticalValue);
        return new PooledRateRatio(pooled, standardError, lower, upper, confidencePercent, estimates.Count,
            betweenActionVariance, cochranQ, heterogeneityPercent);
    }

    private static TacticImpactSummary Summarise(string tacticCode, IReadOnlyList<ImpactAssessment> assessments, ImpactOptions options)
    {
        var verdicts = VerdictCounts.Of(assessments.Select(assessment => assessment.Verdict));
        var estimates = assessments.Select(assessment => assessment.Estimate).OfType<RateRatioInterval>().ToList();
        var pooled = Pool(estimates, options.ConfidencePercent);
        if (pooled is null)
        {
            return new TacticImpactSummary(tacticCode, assessments.Count, verdicts, null, ImpactVerdict.InsufficientData,
                $"None of the {assessments.Count} done actions has an estimate yet (too early or too few reports).");
        }

        var (verdict, reason) = ImpactAssessor.Judge(pooled, options, "at this tactic's targets", "their comparison areas");
        return new TacticImpactSummary(tacticCode, assessments.Count, verdicts, pooled, verdict,
            $"{reason} Pooled over {pooled.ActionsPooled} of {assessments.Count} actions.");
    }
}
