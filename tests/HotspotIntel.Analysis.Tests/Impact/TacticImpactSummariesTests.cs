using HotspotIntel.Analysis.Impact;
using static HotspotIntel.Analysis.Tests.Impact.DifferenceInDifferencesTests;

namespace HotspotIntel.Analysis.Tests.Impact;

public sealed class TacticImpactSummariesTests
{
    private static readonly ImpactOptions Options = new();

    [Fact]
    public void Two_disagreeing_actions_pool_to_the_hand_computed_random_effects_estimate()
    {
        // ln 0.5 and ln 0.8, each with SE 0.2, so weights 25 and 25. Fixed-effect mean −0.458145;
        // Q = 25·(−0.693147 + 0.458145)² + 25·(−0.223144 + 0.458145)² = 2.761293 on 1 degree of freedom;
        // τ² = (2.761293 − 1) / (50 − 1250/50) = 0.070452; each weight 1/(0.04 + 0.070452) = 9.053731;
        // pooled −0.458145 (ratio 0.632456 = √(0.5·0.8)), SE = 1/√18.107461 = 0.235002; I² = 1.761293/2.761293 = 63.785%.
        RateRatioInterval[] estimates = [Estimate(Math.Log(0.5), 0.2), Estimate(Math.Log(0.8), 0.2)];

        var pooled = TacticImpactSummaries.Pool(estimates, 95)!;

        Assert.Equal(Math.Sqrt(0.5 * 0.8), pooled.RateRatio, 9);
        Assert.Equal(2.761293, pooled.CochranQ, 6);
        Assert.Equal(0.070452, pooled.BetweenActionVariance, 6);
        Assert.Equal(0.235002, pooled.StandardError, 6);
        Assert.Equal(63.785, pooled.HeterogeneityPercent!.Value, 3);
        Assert.Equal(2, pooled.ActionsPooled);
    }

    [Fact]
    public void Agreeing_actions_pool_with_no_between_action_variance_and_a_narrower_interval()
    {
        // Two estimates of ln 0.6 ± 0.3: Q = 0, τ² = 0, pooled SE = 0.3/√2.
        RateRatioInterval[] estimates = [Estimate(Math.Log(0.6), 0.3), Estimate(Math.Log(0.6), 0.3)];

        var pooled = TacticImpactSummaries.Pool(estimates, 95)!;

        Assert.Equal(0, pooled.BetweenActionVariance);
        Assert.Equal(0.3 / Math.Sqrt(2), pooled.StandardError, 12);
        Assert.Equal(0.6, pooled.RateRatio, 12);
    }

    [Fact]
    public void Each_tactic_gets_its_verdict_counts_and_a_pooled_estimate_from_the_actions_that_have_one()
    {
        var comparison = new AreaCounts(Weeks(12, 40), Weeks(12, 40));
        ImpactAssessment Assess(int before, int after) =>
            ImpactAssessor.Assess(new ImpactCounts(new AreaCounts(Weeks(12, before), Weeks(12, after)), comparison), Options);
        ActionImpact[] impacts =
        [
            new("closure_notice_and_order", Assess(20, 10)),
            new("closure_notice_and_order", Assess(30, 12)),
            new("closure_notice_and_order", Assess(0, 0)),
            new("patrols", Assess(20, 20)),
            new("patrols", ImpactAssessor.Assess(new ImpactCounts(new AreaCounts([], []), new AreaCounts([], [])), Options)),
        ];

        var summaries = TacticImpactSummaries.Summarise(impacts, Options);

        Assert.Equal(["closure_notice_and_order", "patrols"], summaries.Select(summary => summary.TacticCode));
        var closures = summaries[0];
        Assert.Equal(3, closures.Actions);
        Assert.Equal(new VerdictCounts(TooEarly: 0, InsufficientData: 1, TooUncertain: 0, NoClearChange: 0, Reduced: 2, Increased: 0), closures.Verdicts);
        Assert.Equal(2, closures.Pooled!.ActionsPooled);
        Assert.Equal(ImpactVerdict.Reduced, closures.PooledVerdict);
        // The pooled ratio lies between the two actions' own: 0.5 and 0.4.
        Assert.InRange(closures.Pooled.RateRatio, 0.4, 0.5);
        var patrols = summaries[1];
        Assert.Equal(new VerdictCounts(TooEarly: 1, InsufficientData: 0, TooUncertain: 0, NoClearChange: 1, Reduced: 0, Increased: 0), patrols.Verdicts);
        Assert.Equal(ImpactVerdict.NoClearChange, patrols.PooledVerdict);
    }

    [Fact]
    public void A_tactic_whose_actions_have_no_estimate_says_so()
    {
        var tooEarly = ImpactAssessor.Assess(new ImpactCounts(new AreaCounts([], []), new AreaCounts([], [])), Options);

        var summary = Assert.Single(TacticImpactSummaries.Summarise([new ActionImpact("cctv", tooEarly)], Options));

        Assert.Null(summary.Pooled);
        Assert.Equal(ImpactVerdict.InsufficientData, summary.PooledVerdict);
    }

    private static RateRatioEstimate Estimate(double logRateRatio, double standardError) =>
        new(logRateRatio, standardError, Math.Exp(logRateRatio - (1.96 * standardError)), Math.Exp(logRateRatio + (1.96 * standardError)),
            95, CountModel.Poisson, null, null, 0, false);
}
