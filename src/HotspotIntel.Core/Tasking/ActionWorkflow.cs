namespace HotspotIntel.Core.Tasking;

/// <summary>
/// The moves a disruption action may make between statuses: proposed → agreed → in progress → done, an agreed action
/// straight to done, and any open action to cancelled. Done and cancelled are final.
/// </summary>
public static class ActionWorkflow
{
    /// <summary>The statuses an action in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<ActionStatus> NextStatuses(ActionStatus from) => from switch
    {
        ActionStatus.Proposed => [ActionStatus.Agreed, ActionStatus.Cancelled],
        // A one-off action (a letter, a notice served) is often done between two meetings without being tracked in progress.
        ActionStatus.Agreed => [ActionStatus.InProgress, ActionStatus.Done, ActionStatus.Cancelled],
        ActionStatus.InProgress => [ActionStatus.Done, ActionStatus.Cancelled],
        // Final: a wrongly closed action is recorded again as a new one, so the record of what was claimed stays.
        _ => [],
    };

    /// <summary>The statuses a new action may be recorded in: any but cancelled, so past actions can be recorded as done.</summary>
    public static IReadOnlyList<ActionStatus> InitialStatuses { get; } =
        [ActionStatus.Proposed, ActionStatus.Agreed, ActionStatus.InProgress, ActionStatus.Done];

    /// <summary>True while the action is still to be done: proposed, agreed or in progress.</summary>
    public static bool IsOpen(ActionStatus status) => status is ActionStatus.Proposed or ActionStatus.Agreed or ActionStatus.InProgress;

    /// <summary>True when an open action's due date is before <paramref name="today"/>: the action board highlights it.</summary>
    public static bool IsOverdue(ActionStatus status, DateOnly? dueOn, DateOnly today) => IsOpen(status) && dueOn < today;

    /// <summary>
    /// The problem with moving an action from <paramref name="from"/> to <paramref name="to"/> (from null: recording a
    /// new action in <paramref name="to"/>), naming the field <c>status</c>; none when allowed. Staying in the same
    /// status is not a move and is always allowed.
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(ActionStatus? from, ActionStatus to)
    {
        if (from is not { } current)
        {
            return InitialStatuses.Contains(to)
                ? []
                : [("status", $"A new action cannot be {Code(to)}: record it as {string.Join(", ", InitialStatuses.Select(Code))}.")];
        }

        if (current == to || NextStatuses(current).Contains(to))
        {
            return [];
        }

        var next = NextStatuses(current);
        var allowed = next.Count == 0
            ? $"a {Code(current)} action is final"
            : $"from {Code(current)} it may move to {string.Join(" or ", next.Select(Code))}";
        return [("status", $"Cannot move from {Code(current)} to {Code(to)}: {allowed}.")];
    }

    private static string Code(ActionStatus status) => EnumCodes<ActionStatus>.ToCode(status);
}
