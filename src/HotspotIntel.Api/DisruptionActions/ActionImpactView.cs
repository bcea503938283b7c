using HotspotIntel.Analysis.Impact;
using HotspotIntel.Core.Tasking;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>
/// The impact of one disruption action (issue 15 §3): reports in its target area over equal windows before and after its
/// start against a comparison ring around it, and in the ring between them for displacement, counted from the reports the
/// caller may read.
/// </summary>
/// <param name="ActionId">The action.</param>
/// <param name="TacticCode">Its tactic.</param>
/// <param name="TargetKind">What it is taken against.</param>
/// <param name="Assessable">False when its target has no place (a person or a vehicle), no start date, or no place the caller may see; then <paramref name="Assessment"/> is null.</param>
/// <param name="Reason">Why it is not assessable, or the assessment's reason.</param>
/// <param name="BinDays">Days in each bin the windows are counted in.</param>
/// <param name="WindowDays">The longest window asked for, in days; each window holds as many whole bins of it as have passed since the start.</param>
/// <param name="Before">The before window; null when not assessable or no bin has passed yet.</param>
/// <param name="After">The after window, starting at the action's start; null with <paramref name="Before"/>.</param>
/// <param name="TargetRadiusMetres">The buffer round a premises or place that is its target area; null for a hotspot (its own area is the target).</param>
/// <param name="RingMetres">Outer edge of the displacement ring, metres beyond the target's edge.</param>
/// <param name="Comparison">What the target was compared against: the ring beyond the displacement ring, or matched areas.</param>
/// <param name="ComparisonMetres">Outer edge of the comparison ring (which begins at the displacement ring's outer edge), metres beyond the target's edge; null for matched areas.</param>
/// <param name="MatchRadiusMetres">How far from the target matched areas were looked for; null for the ring.</param>
/// <param name="MatchedAreas">The matched areas whose reports, summed, are the comparison, best match first; empty for the ring.</param>
/// <param name="Assessment">The difference-in-differences estimate, its interval, displacement and verdict; null when not assessable.</param>
/// <param name="Series">Reports in each bin of both windows, oldest first, in each area.</param>
public sealed record ActionImpactView(
    Guid ActionId,
    string TacticCode,
    ActionTargetKind TargetKind,
    bool Assessable,
    string Reason,
    int BinDays,
    int WindowDays,
    ImpactPeriod? Before,
    ImpactPeriod? After,
    double? TargetRadiusMetres,
    double RingMetres,
    ImpactComparison Comparison,
    double? ComparisonMetres,
    double? MatchRadiusMetres,
    IReadOnlyList<MatchedArea> MatchedAreas,
    ImpactAssessment? Assessment,
    IReadOnlyList<ImpactBin> Series);

/// <summary>A window, half-open: from (inclusive) to (exclusive), UTC.</summary>
public sealed record ImpactPeriod(DateTimeOffset From, DateTimeOffset To);

/// <summary>Reports in one bin of the target, the ring and the comparison area.</summary>
/// <param name="PeriodStart">The bin's start (UTC); it lasts the view's binDays.</param>
/// <param name="Window">Before or after the action's start.</param>
/// <param name="Target">Reports in the target area.</param>
/// <param name="Ring">Reports in the ring around it.</param>
/// <param name="Comparison">Reports in the comparison area (the ring, or the matched areas together).</param>
public sealed record ImpactBin(DateTimeOffset PeriodStart, ImpactWindow Window, int Target, int Ring, int Comparison);

/// <summary>Which window a bin is in; codes as in JSON.</summary>
public enum ImpactWindow
{
    /// <summary>Before the action's start.</summary>
    Before,

    /// <summary>From the action's start.</summary>
    After,
}

/// <summary>The impact summary per tactic across the done actions the caller may read that have a place.</summary>
/// <param name="Tactics">One summary per tactic, by tactic code.</param>
public sealed record TacticImpactView(IReadOnlyList<TacticImpactSummary> Tactics);
