using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;

namespace HotspotIntel.Api.Common;

/// <summary>The fields every request that records personal or intelligence data carries (see <see cref="RecordRestrictions"/>).</summary>
public abstract record RestrictedRecordRequest
{
    /// <summary>The recording agency.</summary>
    /// <example>0199a000-0000-7000-8000-000000000001</example>
    public required Guid AgencyId { get; init; }

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

    /// <summary>Checks these fields into <paramref name="errors"/> and copies them onto <paramref name="record"/>.</summary>
    public void ApplyRestrictions(RecordRestrictions record, DateOnly today, int reviewPeriodDays, ValidationErrors errors)
    {
        if (Grading.Problem(HandlingCode, HandlingConditions) is { } problem)
        {
            errors.Add("handlingConditions", problem);
        }

        if (HandlingConditions is { Length: > 2000 })
        {
            errors.Add("handlingConditions", "At most 2000 characters.");
        }

        if (ReviewOn is { } reviewOn && reviewOn <= today)
        {
            errors.Add("reviewOn", "A review date must be in the future.");
        }

        record.AgencyId = AgencyId;
        record.HandlingCode = HandlingCode;
        record.HandlingConditions = string.IsNullOrWhiteSpace(HandlingConditions) ? null : HandlingConditions.Trim();
        record.SecurityMarking = SecurityMarking;
        record.LawfulBasis = LawfulBasis;
        record.ReviewOn = ReviewOn ?? ReviewPeriods.ReviewDate(today, reviewPeriodDays);
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
