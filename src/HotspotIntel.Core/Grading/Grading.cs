namespace HotspotIntel.Core.Grading;

/// <summary>
/// A 3x5x2 grading (College of Policing APP, Intelligence management): source evaluation,
/// intelligence assessment and handling code, with the conditions that a C handling code requires.
/// </summary>
public sealed record Grading(
    SourceEvaluation SourceEvaluation,
    IntelligenceAssessment IntelligenceAssessment,
    HandlingCode HandlingCode,
    string? HandlingConditions)
{
    /// <summary>The grading as analysts write it, e.g. <c>1A P</c> or <c>2C C</c>.</summary>
    public string Code =>
        $"{EnumCodes<SourceEvaluation>.ToCode(SourceEvaluation)}{EnumCodes<IntelligenceAssessment>.ToCode(IntelligenceAssessment)} {EnumCodes<HandlingCode>.ToCode(HandlingCode)}";

    /// <summary>
    /// Why this grading cannot be recorded, or null when it can: a C handling code must say its conditions,
    /// and a P handling code has none to say.
    /// </summary>
    public static string? Problem(HandlingCode handlingCode, string? handlingConditions) =>
        (handlingCode, string.IsNullOrWhiteSpace(handlingConditions)) switch
        {
            (HandlingCode.Conditional, true) => "A C handling code must record the conditions of dissemination.",
            (HandlingCode.LawfulSharingPermitted, false) => "Conditions apply only to a C handling code; a P handling code has none.",
            _ => null,
        };
}
