using HotspotIntel.Core.Grading;

namespace HotspotIntel.Analysis;

/// <summary>
/// How much one intelligence report counts in hotspot analysis, between 0 and 1: its recency weight
/// 0.5^(age in days / half-life in days) times its grading weight (intelligence assessment × source evaluation).
/// The one place these weights are defined.
/// </summary>
/// <remarks>
/// The grading weights are this service's analytical convention, not a College of Policing figure:
/// intelligence assessment A (known directly) 1.0, B (known indirectly, corroborated) 0.9, C (known indirectly) 0.7,
/// D (not known) 0.4, E (suspected to be false) 0.0, so a report suspected to be false never makes a hotspot;
/// source evaluation 1 (reliable) 1.0, 2 (untested) 0.8, 3 (not reliable) 0.5.
/// So a 1A report from today counts 1, a 2C report one half-life old counts 0.8 × 0.7 × 0.5 = 0.28.
/// </remarks>
public sealed class ReportWeighting
{
    /// <summary>Weights that halve for every <paramref name="halfLifeDays"/> days of a report's age.</summary>
    public ReportWeighting(double halfLifeDays)
    {
        Ensure.PositiveFinite(halfLifeDays);
        HalfLifeDays = halfLifeDays;
    }

    /// <summary>Days after which a report counts half as much.</summary>
    public double HalfLifeDays { get; }

    /// <summary>The weight of a report with this grading that happened at <paramref name="occurredAt"/>, seen from <paramref name="asOf"/>.</summary>
    public double Weight(
        SourceEvaluation sourceEvaluation,
        IntelligenceAssessment intelligenceAssessment,
        DateTimeOffset occurredAt,
        DateTimeOffset asOf) =>
        GradingWeight(sourceEvaluation, intelligenceAssessment) * RecencyWeight(occurredAt, asOf);

    /// <summary>
    /// 0.5^(age in days / <see cref="HalfLifeDays"/>). A report dated after <paramref name="asOf"/> (clock skew,
    /// an analysis run for an earlier date) counts as new, weight 1, rather than more than new.
    /// </summary>
    public double RecencyWeight(DateTimeOffset occurredAt, DateTimeOffset asOf)
    {
        var ageDays = Math.Max(0.0, (asOf - occurredAt).TotalDays);
        return Math.Pow(0.5, ageDays / HalfLifeDays);
    }

    /// <summary>Intelligence assessment weight × source evaluation weight.</summary>
    public static double GradingWeight(SourceEvaluation sourceEvaluation, IntelligenceAssessment intelligenceAssessment) =>
        AssessmentWeight(intelligenceAssessment) * SourceWeight(sourceEvaluation);

    /// <summary>A 1.0, B 0.9, C 0.7, D 0.4, E 0.0.</summary>
    public static double AssessmentWeight(IntelligenceAssessment intelligenceAssessment) => intelligenceAssessment switch
    {
        IntelligenceAssessment.KnownDirectly => 1.0,
        IntelligenceAssessment.KnownIndirectlyCorroborated => 0.9,
        IntelligenceAssessment.KnownIndirectly => 0.7,
        IntelligenceAssessment.NotKnown => 0.4,
        IntelligenceAssessment.SuspectedFalse => 0.0,
        _ => throw new ArgumentOutOfRangeException(nameof(intelligenceAssessment), intelligenceAssessment, "Not an intelligence assessment."),
    };

    /// <summary>1 1.0, 2 0.8, 3 0.5.</summary>
    public static double SourceWeight(SourceEvaluation sourceEvaluation) => sourceEvaluation switch
    {
        SourceEvaluation.Reliable => 1.0,
        SourceEvaluation.Untested => 0.8,
        SourceEvaluation.NotReliable => 0.5,
        _ => throw new ArgumentOutOfRangeException(nameof(sourceEvaluation), sourceEvaluation, "Not a source evaluation."),
    };
}
