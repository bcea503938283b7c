using HotspotIntel.Core.Grading;

namespace HotspotIntel.Core.Records;

/// <summary>
/// What every record of personal or intelligence data carries from the moment it is created:
/// the agency that owns it, how it may be disseminated and under what marking, the lawful basis
/// it is held on and the date by which it must be reviewed.
/// </summary>
public abstract class RecordRestrictions
{
    /// <summary>Identity (UUID v7, so ids sort by creation).</summary>
    public Guid Id { get; set; }

    /// <summary>The agency that recorded it and owns it.</summary>
    public Guid AgencyId { get; set; }

    /// <summary>P or C: whether it may be shared.</summary>
    public HandlingCode HandlingCode { get; set; }

    /// <summary>The conditions of dissemination; required with a C handling code, absent with P.</summary>
    public string? HandlingConditions { get; set; }

    /// <summary>The protective marking.</summary>
    public SecurityMarking SecurityMarking { get; set; }

    /// <summary>The basis on which it is held.</summary>
    public LawfulBasis LawfulBasis { get; set; }

    /// <summary>The date by which someone must decide to retain or erase it.</summary>
    public DateOnly ReviewOn { get; set; }

    /// <summary>When it was first recorded in this system.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
