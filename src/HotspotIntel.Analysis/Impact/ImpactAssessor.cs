using System.Globalization;

namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// Judges one action's impact from report counts: the target's difference-in-differences against the comparison
/// area (<see cref="DifferenceInDifferences"/>), displacement into the ring, and a verdict that says plainly when the
/// data are too few or the interval too wide to say anything.
/// </summary>
public static class ImpactAssessor
{
    /// <summary>The impact of the action whose areas were counted in <paramref name="counts"/>, judged by <paramref name="options"/>.</summary>
    public static ImpactAssessment Assess(ImpactCounts counts, ImpactOptions options)
    {
        counts.Validate();
        if (options.Problems() is [var (option, message), ..])
        {
            throw new ArgumentException($"{option}: {message}", nameof(options));
        }

        var (target, comparison) = (counts.Target, counts.Comparison);
        ImpactAssessment Verdict(ImpactVerdict verdict, string reason, RateRatioEstimate? estimate = null, DisplacementAssessment? displacement = null) =>
            new(verdict, reason, estimate, displacement, counts.BinsPerWindow, target.Before, target.After, comparison.Before, comparison.After);

        if (counts.BinsPerWindow == 0)
        {
            return Verdict(ImpactVerdict.TooEarly, "No full bin has passed since the action began, so there is nothing to compare yet.");
        }

        var minimum = options.MinimumReports;
        var comparisonShortfall = ComparisonShortfall(comparison, minimum);
        if (comparisonShortfall is not null)
        {
            return Verdict(ImpactVerdict.InsufficientData, comparisonShortfall);
        }

        var displacement = counts.Ring is null ? null : AssessRing(counts.Ring, target, comparison, options);
        if (target.Total < minimum)
        {
            return Verdict(ImpactVerdict.InsufficientData,
                $"The target area held {target.Total} reports over both windows; at least {minimum} are needed to estimate a change.",
                displacement: displacement);
        }

        var estimate = DifferenceInDifferences.Estimate(target, comparison, options.ConfidencePercent);
        var (verdict, reason) = Judge(estimate, options, "at the target", "the comparison");
        return Verdict(verdict, reason, estimate, displacement is { Estimate: not null } ? WithQuotient(displacement, target, comparison) : displacement);
    }

    /// <summary>The verdict on reports <paramref name="where"/> against <paramref name="against"/> that <paramref name="estimate"/>'s interval gives, with its sentence.</summary>
    internal static (ImpactVerdict Verdict, string Reason) Judge(RateRatioInterval estimate, ImpactOptions options, string where, string against)
    {
        var (verdict, finding) = estimate.Direction(options.WidestInformativeRatio) switch
        {
            ImpactDirection.Fell => (ImpactVerdict.Reduced, $"Reports {where} fell against {against}"),
            ImpactDirection.Rose => (ImpactVerdict.Increased, $"Reports {where} rose against {against}"),
            ImpactDirection.NoClearChange => (ImpactVerdict.NoClearChange, $"No clear change in reports {where} against {against}"),
            _ => (ImpactVerdict.TooUncertain, $"The interval is too wide to say whether reports {where} changed against {against}"),
        };
        return (verdict, Sentence(finding, estimate));
    }

    private static string? ComparisonShortfall(AreaCounts comparison, int minimum) =>
        comparison.Before < minimum || comparison.After < minimum
            ? $"The comparison area held {comparison.Before} reports before the action and {comparison.After} after; at least {minimum} are needed in each window to know the background trend."
            : null;

    private static DisplacementAssessment AssessRing(AreaCounts ring, AreaCounts target, AreaCounts comparison, ImpactOptions options)
    {
        if (ring.Total < options.MinimumReports)
        {
            return new DisplacementAssessment(DisplacementVerdict.InsufficientData,
                $"The ring around the target held {ring.Total} reports over both windows; at least {options.MinimumReports} are needed to estimate displacement.",
                null, null, ring.Before, ring.After);
        }

        var estimate = DifferenceInDifferences.Estimate(ring, comparison, options.ConfidencePercent);
        var (verdict, finding) = estimate.Direction(options.WidestInformativeRatio) switch
        {
            ImpactDirection.Rose => (DisplacementVerdict.Displacement, "Reports in the ring around the target rose against the comparison"),
            ImpactDirection.Fell => (DisplacementVerdict.DiffusionOfBenefits, "Reports in the ring around the target fell against the comparison too"),
            ImpactDirection.NoClearChange => (DisplacementVerdict.NoClearDisplacement, "No clear change in reports in the ring around the target"),
            _ => (DisplacementVerdict.TooUncertain, "The interval for the ring is too wide to say whether reports moved into it"),
        };
        return new DisplacementAssessment(verdict, Sentence(finding, estimate), estimate, null, ring.Before, ring.After);
    }

    private static DisplacementAssessment WithQuotient(DisplacementAssessment displacement, AreaCounts target, AreaCounts comparison)
    {
        // Comparison windows hold at least MinimumReports (≥ 1) here, so the divisions are defined.
        double comparisonBefore = comparison.Before, comparisonAfter = comparison.After;
        var success = (target.After / comparisonAfter) - (target.Before / comparisonBefore);
        if (success >= 0)
        {
            return displacement;
        }

        var ringChange = (displacement.RingAfter / comparisonAfter) - (displacement.RingBefore / comparisonBefore);
        return displacement with { WeightedDisplacementQuotient = ringChange / success };
    }

    /// <summary>"<paramref name="finding"/>: −50% (95% interval −66% to −26%).", with a note when the interval was widened for overdispersion.</summary>
    private static string Sentence(string finding, RateRatioInterval estimate)
    {
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{finding}: {Percent(estimate.PercentChange)} ({estimate.ConfidencePercent}% interval {Percent(estimate.PercentChangeLower)} to {Percent(estimate.PercentChangeUpper)}).");
        return estimate is RateRatioEstimate { Model: CountModel.QuasiPoisson }
            ? sentence + " Counts varied between bins more than chance would vary them, so the interval is widened (quasi-Poisson)."
            : sentence;
    }

    private static string Percent(double percentChange) =>
        percentChange.ToString("+0;-0;0", CultureInfo.InvariantCulture) + "%";
}
