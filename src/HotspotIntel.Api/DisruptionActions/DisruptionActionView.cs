using HotspotIntel.Api.Records;
using HotspotIntel.Core.Tasking;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>
/// A recorded disruption action; <c>overdue</c> when it is open and its due date has passed; <c>reportIds</c> the linked
/// intelligence the reader may read (a link to a report they may not read is not shown).
/// </summary>
public sealed record DisruptionActionView(
    Guid Id,
    string TacticCode,
    ActionTargetKind TargetKind,
    Guid? HotspotId,
    Guid? PremisesId,
    Guid? VehicleId,
    Guid? LocationId,
    Guid? PersonId,
    Guid OwnerAgencyId,
    string? OwnerOfficer,
    ActionStatus Status,
    DateOnly? StartOn,
    DateOnly? DueOn,
    DateOnly? DoneOn,
    bool Overdue,
    string? Outcome,
    string? Notes,
    IReadOnlyList<Guid> ReportIds,
    RestrictionsView Restrictions)
{
    public static DisruptionActionView Of(DisruptionAction action, DateOnly today) => new(action.Id, action.TacticCode, action.TargetKind,
        action.HotspotId, action.PremisesId, action.VehicleId, action.LocationId, action.PersonId, action.OwnerAgencyId, action.OwnerOfficer,
        action.Status, action.StartOn, action.DueOn, action.DoneOn, ActionWorkflow.IsOverdue(action.Status, action.DueOn, today),
        action.Outcome, action.Notes, [.. action.Reports.Select(report => report.Id).Order()], RestrictionsView.Of(action));
}
