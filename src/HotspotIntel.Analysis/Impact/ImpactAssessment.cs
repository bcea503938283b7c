namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// The impact of one action: whether reports at its target fell against a comparison area over equal windows before
/// and after it (<see cref="ImpactAssessor"/>), and whether they moved into the ring around it.
/// </summary>
/// <param name="Verdict">What the reports say, always present: a verdict, never a bare NaN.</param>
/// <param name="Reason">One sentence saying what the verdict rests on, with the figures.</param>
/// <param name="Estimate">The target's ratio of rate ratios against the comparison; null when too early or too few reports.</param>
/// <param name="Displacement">The ring's own assessment; null when no ring was counted or no bin has passed.</param>
/// <param name="BinsPerWindow">Bins in each of the two windows.</param>
/// <param name="TargetBefore">Reports in the target area before the action.</param>
/// <param name="TargetAfter">Reports in the target area after it.</param>
/// <param name="ComparisonBefore">Reports in the comparison area before the action.</param>
/// <param name="ComparisonAfter">Reports in the comparison area after it.</param>
public sealed record ImpactAssessment(
    ImpactVerdict Verdict,
    string Reason,
    RateRatioEstimate? Estimate,
    DisplacementAssessment? Displacement,
    int BinsPerWindow,
    int TargetBefore,
    int TargetAfter,
    int ComparisonBefore,
    int ComparisonAfter);

/// <summary>
/// Displacement into the ring around a target: the ring's own difference-in-differences against the comparison, and
/// the weighted displacement quotient that relates it to the target's change.
/// </summary>
/// <param name="Verdict">What the ring's reports say.</param>
/// <param name="Reason">One sentence saying what the verdict rests on, with the figures.</param>
/// <param name="Estimate">The ring's ratio of rate ratios against the comparison; null when too few reports.</param>
/// <param name="WeightedDisplacementQuotient">
/// Bowers and Johnson's WDQ, (Ra/Ca − Rb/Cb) ÷ (Ta/Ca − Tb/Cb) for ring R, target T and comparison C before (b) and
/// after (a) ("Measuring the geographical displacement and diffusion of benefit effects of crime prevention activity",
/// Journal of Quantitative Criminology 19 (2003) 275–301): above 0 the benefit spread into the ring, below 0 reports
/// were displaced into it, below −1 more than the target gained. Defined only when the target fell against the
/// comparison (the denominator is negative) and the ring has an estimate; null otherwise. A descriptive figure: the interval is <see cref="Estimate"/>'s.
/// </param>
/// <param name="RingBefore">Reports in the ring before the action.</param>
/// <param name="RingAfter">Reports in the ring after it.</param>
public sealed record DisplacementAssessment(
    DisplacementVerdict Verdict,
    string Reason,
    RateRatioEstimate? Estimate,
    double? WeightedDisplacementQuotient,
    int RingBefore,
    int RingAfter);
