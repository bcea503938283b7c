using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Panels;

namespace HotspotIntel.Api.Panels;

/// <summary>A panel: its kind, name and restrictions.</summary>
public sealed record PanelView(Guid Id, PanelKind Kind, string Name, RestrictionsView Restrictions)
{
    public static PanelView Of(Panel panel) => new(panel.Id, panel.Kind, panel.Name, RestrictionsView.Of(panel));
}

/// <summary>
/// A panel's list as the reader may see it: only the entries whose records the reader may read (no count of others),
/// each with its current intelligence and actions, and the case references of the children it is concerned with.
/// </summary>
public sealed record PanelListView(Guid PanelId, string PanelName, IReadOnlyList<PanelListEntry> Items, IReadOnlyList<PanelCaseReferenceView> CaseReferences);

/// <summary>
/// One entry of a panel's list. <c>label</c> names the record: a person's name only for the roles that read persons
/// (analysts and supervisors); other roles see "Person (details withheld)", as the persons API withholds them.
/// </summary>
public sealed record PanelListEntry(
    Guid Id,
    PanelEntityKind EntityKind,
    Guid EntityId,
    string Label,
    string Reason,
    DateTimeOffset AddedAt,
    string AddedBy,
    PanelIntelligence Intelligence,
    IReadOnlyList<DisruptionActionView> Actions);

/// <summary>
/// The intelligence that mentions a record, as the reader may read it: how many reports, the latest's date and its
/// 3x5x2 grading as written (e.g. 2B P); null dates and grading when there is none.
/// </summary>
public sealed record PanelIntelligence(int ReportCount, DateTimeOffset? LatestReportAt, string? LatestGrading);

/// <summary>A child the panel is concerned with, as a case reference and the agency that holds the case.</summary>
public sealed record PanelCaseReferenceView(Guid Id, string CaseReference, Guid HoldingAgencyId, string HoldingAgencyName, DateTimeOffset AddedAt,
    string AddedBy)
{
    public static PanelCaseReferenceView Of(PanelCaseReference reference, string agencyName) => new(reference.Id, reference.CaseReference,
        reference.HoldingAgencyId, agencyName, reference.AddedAt, reference.AddedBy);
}

/// <summary>A panel meeting: when, who attended by agency, its decisions and the disruption actions it agreed that the reader may see.</summary>
public sealed record PanelMeetingView(
    Guid Id,
    Guid PanelId,
    DateTimeOffset HeldAt,
    IReadOnlyList<PanelAttendeeView> Attendees,
    IReadOnlyList<PanelDecisionView> Decisions,
    IReadOnlyList<DisruptionActionView> Actions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PanelMeetingView Of(PanelMeeting meeting, DateOnly today) => new(meeting.Id, meeting.PanelId, meeting.HeldAt,
        [.. meeting.Attendees.OrderBy(a => a.Id).Select(a => new PanelAttendeeView(a.Id, a.AgencyId, a.Role, a.Name))],
        [.. meeting.Decisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).Select(PanelDecisionView.Of)],
        [.. meeting.Actions.OrderBy(a => a.Id).Select(a => DisruptionActionView.Of(a, today))],
        meeting.CreatedAt, meeting.UpdatedAt);
}

/// <summary>A professional at a meeting: agency, role, and name if recorded.</summary>
public sealed record PanelAttendeeView(Guid Id, Guid AgencyId, string Role, string? Name);

/// <summary>A decision of a meeting.</summary>
public sealed record PanelDecisionView(Guid Id, Guid MeetingId, string Text, DateTimeOffset DecidedAt)
{
    public static PanelDecisionView Of(PanelDecision decision) => new(decision.Id, decision.MeetingId, decision.Text, decision.DecidedAt);
}
