namespace HotspotIntel.Analysis.Impact;

/// <summary>One done action's tactic and its impact, the unit <see cref="TacticImpactSummaries"/> summarises.</summary>
/// <param name="TacticCode">The tactic's code (e.g. <c>closure_notice_and_order</c>).</param>
/// <param name="Assessment">The action's impact.</param>
public sealed record ActionImpact(string TacticCode, ImpactAssessment Assessment);

/// <summary>How one tactic has worked across its done actions: their verdicts, and their estimates pooled.</summary>
/// <param name="TacticCode">The tactic's code.</param>
/// <param name="Actions">Done actions of this tactic, whatever their verdict.</param>
/// <param name="Verdicts">How many of them got each verdict.</param>
/// <param name="Pooled">The pooled estimate over the actions with one; null when none has.</param>
/// <param name="PooledVerdict">What the pooled interval says, as <see cref="ImpactVerdict"/>; insufficient data when nothing was pooled.</param>
/// <param name="Reason">One sentence saying what the pooled verdict rests on.</param>
public sealed record TacticImpactSummary(
    string TacticCode,
    int Actions,
    VerdictCounts Verdicts,
    PooledRateRatio? Pooled,
    ImpactVerdict PooledVerdict,
    string Reason);
