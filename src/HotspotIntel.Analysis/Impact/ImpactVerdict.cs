namespace HotspotIntel.Analysis.Impact;

/// <summary>What the reports say about an action's effect at its target; codes as in JSON (snake_case).</summary>
public enum ImpactVerdict
{
    /// <summary>No full bin has passed since the action began: nothing to compare yet.</summary>
    TooEarly,

    /// <summary>Too few reports in the target or the comparison to state any estimate (<see cref="ImpactOptions.MinimumReports"/>).</summary>
    InsufficientData,

    /// <summary>The interval includes no change and is too wide to rule out large effects either way (<see cref="ImpactOptions.WidestInformativeRatio"/>).</summary>
    TooUncertain,

    /// <summary>The interval includes no change and is narrow enough to rule out large effects.</summary>
    NoClearChange,

    /// <summary>Reports at the target fell against the comparison: the whole interval is below no change.</summary>
    Reduced,

    /// <summary>Reports at the target rose against the comparison: the whole interval is above no change.</summary>
    Increased,
}
