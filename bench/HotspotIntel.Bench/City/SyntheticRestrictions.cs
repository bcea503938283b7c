using HotspotIntel.Core.Agencies;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;

namespace HotspotIntel.Bench.City;

/// <summary>Realistic gradings, handling codes, markings and lawful bases for synthetic records.</summary>
internal static class SyntheticRestrictions
{
    public static readonly ReviewPeriods ReviewPeriods = new();

    public static readonly string[] Conditions =
    [
        "Not to be disseminated outside the safeguarding partnership without the originator's consent.",
        "Share with licensing officers only; do not disclose the source.",
        "For tasking meetings only; not to be recorded on partner case files.",
        "Do not disclose to the premises holder or any person named.",
    ];

    /// <summary>Mostly 2B, 2C and 3C, some 1A, a few E (suspected false), as an intelligence unit's holdings look.</summary>
    public static readonly Weighted<(SourceEvaluation Source, IntelligenceAssessment Assessment)> Gradings = new(
        ((SourceEvaluation.Untested, IntelligenceAssessment.KnownIndirectlyCorroborated), 28),
        ((SourceEvaluation.Untested, IntelligenceAssessment.KnownIndirectly), 24),
        ((SourceEvaluation.NotReliable, IntelligenceAssessment.KnownIndirectly), 18),
        ((SourceEvaluation.Reliable, IntelligenceAssessment.KnownDirectly), 6),
        ((SourceEvaluation.Reliable, IntelligenceAssessment.KnownIndirectlyCorroborated), 7),
        ((SourceEvaluation.Untested, IntelligenceAssessment.KnownDirectly), 3),
        ((SourceEvaluation.NotReliable, IntelligenceAssessment.KnownIndirectlyCorroborated), 4),
        ((SourceEvaluation.Reliable, IntelligenceAssessment.KnownIndirectly), 2),
        ((SourceEvaluation.Untested, IntelligenceAssessment.NotKnown), 3),
        ((SourceEvaluation.NotReliable, IntelligenceAssessment.NotKnown), 2),
        ((SourceEvaluation.Untested, IntelligenceAssessment.SuspectedFalse), 1.5),
        ((SourceEvaluation.NotReliable, IntelligenceAssessment.SuspectedFalse), 1.5));

    /// <summary>5x5x5 gradings as they were written before 3x5x2, for old records.</summary>
    public static readonly string[] HistoricGradings = ["B24", "C34", "B21", "A11", "C44", "B34"];

    /// <summary>
    /// Gives <paramref name="record"/> its owner, handling code (C with <paramref name="conditionalShare"/>, with conditions),
    /// marking, lawful basis, creation time and the review date <paramref name="reviewPeriodDays"/> after it.
    /// </summary>
    public static void Apply(RecordRestrictions record, Agency agency, DateTimeOffset createdAt, int reviewPeriodDays,
        double conditionalShare, double sensitiveShare, Prng prng)
    {
        var conditional = prng.Chance(conditionalShare);
        record.AgencyId = agency.Id;
        record.HandlingCode = conditional ? HandlingCode.Conditional : HandlingCode.LawfulSharingPermitted;
        record.HandlingConditions = conditional ? prng.Pick(Conditions) : null;
        record.SecurityMarking = prng.Chance(sensitiveShare) ? SecurityMarking.OfficialSensitive : SecurityMarking.Official;
        record.LawfulBasis = agency.Kind switch
        {
            AgencyKind.Police => LawfulBasis.LawEnforcement,
            AgencyKind.Health => prng.Chance(0.3) ? LawfulBasis.VitalInterests : LawfulBasis.PublicTask,
            _ => prng.Chance(0.25) ? LawfulBasis.LegalObligation : LawfulBasis.PublicTask,
        };
        record.CreatedAt = createdAt;
        record.UpdatedAt = createdAt;
        record.ReviewOn = ReviewPeriods.ReviewDate(DateOnly.FromDateTime(createdAt.UtcDateTime), reviewPeriodDays);
    }

    /// <summary>A time before the window opened, when an entity was first recorded.</summary>
    public static DateTimeOffset EarlierThanWindow(Prng prng) =>
        ReportingWindow.Start.AddDays(-prng.Next(1, 720)).AddSeconds(prng.Next(86_400));
}
