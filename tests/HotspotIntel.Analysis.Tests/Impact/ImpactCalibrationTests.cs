using HotspotIntel.Analysis.Impact;
using MathNet.Numerics.Distributions;

namespace HotspotIntel.Analysis.Tests.Impact;

public sealed class ImpactCalibrationTests
{
    [Fact]
    public void With_no_effect_and_overdispersed_bins_about_one_interval_in_twenty_claims_a_change()
    {
        // 2,000 actions with no effect: 12 weekly bins each side, 15 reports a week expected at the target and 40 in the
        // comparison, each week's rate drawn from a gamma of shape 5 (variance 1 + mean/5 times Poisson's). A 95 %
        // interval should exclude no change about 5 % of the time; Poisson's alone excludes it far more often.
        var random = new Random(20260512);
        int[] Weeks(double mean) => Enumerable.Range(0, 12).Select(_ => Poisson.Sample(random, Gamma.Sample(random, 5, 5 / mean))).ToArray();
        var claimed = 0;
        var poissonClaimed = 0;
        const int actions = 2000;
        for (var i = 0; i < actions; i++)
        {
            var target = new AreaCounts(Weeks(15), Weeks(15));
            var comparison = new AreaCounts(Weeks(40), Weeks(40));
            var estimate = DifferenceInDifferences.Estimate(target, comparison, 95);
            claimed += estimate.Lower > 1 || estimate.Upper < 1 ? 1 : 0;
            var poissonStandardError = Math.Sqrt((1.0 / target.Before) + (1.0 / target.After) + (1.0 / comparison.Before) + (1.0 / comparison.After));
            poissonClaimed += Math.Abs(estimate.LogRateRatio) > 1.959964 * poissonStandardError ? 1 : 0;
        }

        Assert.InRange(claimed / (double)actions, 0.025, 0.085);
        Assert.True(poissonClaimed / (double)actions > 0.2, $"Poisson alone claimed a change for {poissonClaimed} of {actions}.");
    }
}
