using HotspotIntel.Api.Errors;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;

namespace HotspotIntel.Api.Records;

/// <summary>The fields every request that records personal or intelligence data carries (see <see cref="RecordRestrictions"/>).</summary>
public abstract record RestrictedRecordRequest
{
    /// <summary>P (lawful sharing permitted) or C (conditions apply).</summary>
    /// <example>P</example>
    public required HandlingCode HandlingCode { get; init; }

    /// <summary>The conditions of dissemination: required with handling code C, absent with P.</summary>
    public string? HandlingConditions { get; init; }

    /// <summary>OFFICIAL or OFFICIAL-SENSITIVE.</summary>
    /// <example>OFFICIAL-SENSITIVE</example>
    public required SecurityMarking SecurityMarking { get; init; }

    /// <summary>The lawful basis for holding it.</summary>
    /// <example>law_enforcement</example>
    public required LawfulBasis LawfulBasis { get; init; }

    /// <summary>The review date; defaults to the partnership's review period for this kind of record.</summary>
    public DateOnly? ReviewOn { get; init; }

    /// <summary>
    /// Checks these fields into <paramref name="errors"/> and copies them onto <paramref name="record"/>. A new record
    /// belongs to the recording user's agency; a changed one keeps its owner.
    /// </summary>
    public void ApplyRestrictions(RecordRestrictions record, RecordingContext recording, int reviewPeriodDays, ValidationErrors errors)
    {
        if (Grading.Problem(HandlingCode, HandlingConditions) is { } problem)
        {
            errors.Add("handlingConditions", problem);
        }

        if (HandlingConditions is { Length: > 2000 })
        {
            errors.Add("handlingConditions", "At most 2000 characters.");
        }

        if (ReviewOn is { } reviewOn && reviewOn <= recording.Today)
        {
            errors.Add("reviewOn", "A review date must be in the future.");
        }

        if (record.AgencyId == Guid.Empty)
        {
            record.AgencyId = recording.AgencyId;
        }

        record.HandlingCode = HandlingCode;
        record.HandlingConditions = string.IsNullOrWhiteSpace(HandlingConditions) ? null : HandlingConditions.Trim();
        record.SecurityMarking = SecurityMarking;
        record.LawfulBasis = LawfulBasis;
        record.ReviewOn = ReviewOn ?? ReviewPeriods.ReviewDate(recording.Today, reviewPeriodDays);
    }
}

/// <summary>The restriction fields as responses show them.</summary>
public sealed record RestrictionsView(
    Guid AgencyId,
    HandlingCode HandlingCode,
    string? HandlingConditions,
    SecurityMarking SecurityMarking,
    LawfulBasis LawfulBasis,
    DateOnly ReviewOn,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static RestrictionsView Of(RecordRestrictions record) => new(record.AgencyId, record.HandlingCode, record.HandlingConditions,
        record.SecurityMarking, record.LawfulBasis, record.ReviewOn, record.CreatedAt, record.UpdatedAt);
}
