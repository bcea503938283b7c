using HotspotIntel.Api.Records;
using HotspotIntel.Core.Tasking;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>A disruption action to record, or the new state of one: its tactic, its one target, its owner, dates, status and outcome.</summary>
public sealed record DisruptionActionRequest : RestrictedRecordRequest
{
    /// <summary>The tactic's code, from GET /api/disruption-tactics.</summary>
    /// <example>premises_licence_review</example>
    public required string TacticCode { get; init; }

    /// <summary>What the action is against: hotspot, premises, vehicle, location or person; set only that target's id.</summary>
    /// <example>premises</example>
    public required ActionTargetKind TargetKind { get; init; }

    /// <summary>The hotspot (of the published run), when the target is a hotspot; the action follows it through later splits and merges.</summary>
    public Guid? HotspotId { get; init; }

    /// <summary>The premises, when the target is premises.</summary>
    public Guid? PremisesId { get; init; }

    /// <summary>The vehicle, when the target is a vehicle.</summary>
    public Guid? VehicleId { get; init; }

    /// <summary>The named place, when the target is a location.</summary>
    public Guid? LocationId { get; init; }

    /// <summary>The person, when the target is a person: only roles and agencies that may read the person see the action.</summary>
    public Guid? PersonId { get; init; }

    /// <summary>The agency that carries the action out (it reads the action even without a sharing agreement).</summary>
    public required Guid OwnerAgencyId { get; init; }

    /// <summary>The officer who owns it, by name or collar number, at most 200 characters.</summary>
    /// <example>PC 4411</example>
    public string? OwnerOfficer { get; init; }

    /// <summary>proposed, agreed, in_progress, done or cancelled; a new action starts at proposed, agreed, in_progress or done.</summary>
    /// <example>agreed</example>
    public required ActionStatus Status { get; init; }

    /// <summary>When it starts (or started); required once in progress or done, and not in the future then.</summary>
    /// <example>2026-11-02</example>
    public DateOnly? StartOn { get; init; }

    /// <summary>When it is due; not before startOn.</summary>
    /// <example>2026-12-15</example>
    public DateOnly? DueOn { get; init; }

    /// <summary>When it was done; only for a done action, which needs it; not before startOn nor in the future.</summary>
    public DateOnly? DoneOn { get; init; }

    /// <summary>What came of it, at most 5000 characters; a done action needs one.</summary>
    public string? Outcome { get; init; }

    /// <summary>Notes for the tasking group, at most 5000 characters.</summary>
    public string? Notes { get; init; }

    /// <summary>
    /// The intelligence reports behind the action or that it produced, at most 200; each one you may read (a role that
    /// sees child-linked locations masked may not link child-linked reports). Replaces the links on an update.
    /// </summary>
    public IReadOnlyList<Guid> ReportIds { get; init; } = [];
}
