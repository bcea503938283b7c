namespace HotspotIntel.Analysis.Tests;

public sealed class NormalDistributionTests
{
    // Reference values from CPython's math.erfc (the C library's erfc, correctly rounded or nearly so).
    [Theory]
    [InlineData(-3.0, 1.9999779095030015)]
    [InlineData(-1.5, 1.9661051464753108)]
    [InlineData(-0.3, 1.3286267594591274)]
    [InlineData(0.0, 1.0)]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.46875, 0.507386526782062)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.5, 0.0004069520174449589)]
    [InlineData(3.9, 3.479224859723177e-08)]
    [InlineData(4.0, 1.541725790028002e-08)]
    [InlineData(4.5, 1.9661604415428873e-10)]
    [InlineData(6.0, 2.1519736712498916e-17)]
    [InlineData(10.0, 2.088487583762545e-45)]
    public void Erfc_matches_reference_values_to_near_machine_precision(double x, double expected)
    {
        var relativeError = Math.Abs(NormalDistribution.Erfc(x) - expected) / expected;

        Assert.True(relativeError < 1e-14, $"erfc({x}) relative error {relativeError}");
    }

    [Fact]
    public void The_95_percent_critical_value_has_two_sided_p_of_five_percent()
    {
        Assert.Equal(0.05, NormalDistribution.TwoSidedPValue(1.959963984540054), 12);
        Assert.Equal(0.05, NormalDistribution.TwoSidedPValue(-1.959963984540054), 12);
        Assert.Equal(0.025, NormalDistribution.UpperTail(1.959963984540054), 12);
        Assert.Equal(0.975, NormalDistribution.Cdf(1.959963984540054), 12);
    }

    [Fact]
    public void A_z_score_far_in_the_tail_keeps_a_tiny_p_value_instead_of_rounding_to_zero()
    {
        // 1 − Φ(8) ≈ 6.22e-16, which 1 − Cdf would lose to cancellation.
        Assert.Equal(6.220960574271819e-16, NormalDistribution.UpperTail(8.0), 1e-27);
    }
}
