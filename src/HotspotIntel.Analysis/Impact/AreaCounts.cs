namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// Reports counted in one area in equal time bins before and after an action, oldest bin first: the before window's
/// last bin ends where the after window's first bin begins, at the action's start (<see cref="ImpactWindows"/>).
/// </summary>
/// <remarks>
/// Bin i of every area in one assessment covers the same dates, so that what changes everywhere in a bin (a holiday,
/// a recording backlog) is taken out by the comparison. Totals alone are one bin per window
/// (<see cref="FromTotals"/>): they give the same estimate, but overdispersion cannot be seen in them.
/// </remarks>
public sealed record AreaCounts(IReadOnlyList<int> BeforeBins, IReadOnlyList<int> AfterBins)
{
    /// <summary>Reports in the before window.</summary>
    public int Before => BeforeBins.Sum();

    /// <summary>Reports in the after window.</summary>
    public int After => AfterBins.Sum();

    /// <summary>Reports in both windows.</summary>
    public int Total => Before + After;

    /// <summary>Counts known only as totals: one bin per window.</summary>
    public static AreaCounts FromTotals(int before, int after) => new([before], [after]);
}
