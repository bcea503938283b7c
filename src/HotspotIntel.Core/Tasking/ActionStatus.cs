namespace HotspotIntel.Core.Tasking;

/// <summary>Where a disruption action stands in the tasking group's workflow (<see cref="ActionWorkflow"/>); codes as in JSON.</summary>
public enum ActionStatus
{
    /// <summary>Suggested, not yet agreed by the tasking group or the owner agency.</summary>
    Proposed,

    /// <summary>Agreed, with an owner, not yet begun.</summary>
    Agreed,

    /// <summary>Begun and not finished.</summary>
    InProgress,

    /// <summary>Finished, with its outcome recorded.</summary>
    Done,

    /// <summary>Dropped before it was done.</summary>
    Cancelled,
}
