using HotspotIntel.Api.Records;
using HotspotIntel.Core.Panels;

namespace HotspotIntel.Api.Panels;

/// <summary>A panel to record, or its new name and restrictions.</summary>
public sealed record PanelRequest : RestrictedRecordRequest
{
    /// <summary>mace, cmog or perpetrator_forum.</summary>
    /// <example>mace</example>
    public required PanelKind Kind { get; init; }

    /// <summary>Its name, 1 to 200 characters.</summary>
    /// <example>Northfield MACE</example>
    public required string Name { get; init; }
}

/// <summary>A person (never a child), premises, vehicle or named place to put on a panel's list, and why.</summary>
public sealed record PanelListItemRequest
{
    /// <summary>person, premises, vehicle or location.</summary>
    /// <example>premises</example>
    public required PanelEntityKind EntityKind { get; init; }

    /// <summary>The record's id; one you may see (a child is refused: a panel knows children only by case reference).</summary>
    public required Guid EntityId { get; init; }

    /// <summary>Why the panel follows it, 1 to 2000 characters.</summary>
    /// <example>Repeated sightings of children with older males; licence review pending</example>
    public required string Reason { get; init; }
}

/// <summary>The new reason for a list entry.</summary>
public sealed record PanelListItemChange
{
    /// <summary>Why the panel follows it, 1 to 2000 characters.</summary>
    /// <example>Licence review granted; keep on the list until the hearing</example>
    public required string Reason { get; init; }
}

/// <summary>A child the panel is concerned with, as the case reference of the social-care system that holds the case.</summary>
public sealed record PanelCaseReferenceRequest
{
    /// <summary>
    /// The case reference: 4 to 40 letters, digits, / and -, with at least three digits and no spaces. Never a child's
    /// name or date of birth: a reference shaped like one is refused.
    /// </summary>
    /// <example>LCS-204518</example>
    public required string CaseReference { get; init; }

    /// <summary>The agency (usually a council's children's services) whose system holds the case.</summary>
    public required Guid HoldingAgencyId { get; init; }
}

/// <summary>A panel meeting as recorded: when, who attended, what it decided and which disruption actions it agreed.</summary>
public sealed record PanelMeetingRequest
{
    /// <summary>When it was held (ISO 8601), not in the future.</summary>
    /// <example>2026-12-03T10:00:00Z</example>
    public required DateTimeOffset HeldAt { get; init; }

    /// <summary>Who attended: professionals by agency and role, at most 100.</summary>
    public IReadOnlyList<PanelAttendeeRequest> Attendees { get; init; } = [];

    /// <summary>What it decided, at most 200.</summary>
    public IReadOnlyList<PanelDecisionRequest> Decisions { get; init; } = [];

    /// <summary>
    /// The disruption actions it agreed: record each on the action board (POST /api/disruption-actions) and name it here.
    /// </summary>
    public IReadOnlyList<Guid> ActionIds { get; init; } = [];
}

/// <summary>A professional at a meeting.</summary>
public sealed record PanelAttendeeRequest
{
    /// <summary>The agency they attended for.</summary>
    public required Guid AgencyId { get; init; }

    /// <summary>Their role, 1 to 200 characters.</summary>
    /// <example>DS, exploitation team</example>
    public required string Role { get; init; }

    /// <summary>Their name, if the panel records it, at most 200 characters.</summary>
    public string? Name { get; init; }
}

/// <summary>A decision of a meeting.</summary>
public sealed record PanelDecisionRequest
{
    /// <summary>What was decided, 1 to 5000 characters.</summary>
    /// <example>Licensing to request a review of the premises licence; police to serve CAWNs</example>
    public required string Text { get; init; }

    /// <summary>When it was decided (ISO 8601); defaults to when the meeting was held.</summary>
    public DateTimeOffset? DecidedAt { get; init; }
}
