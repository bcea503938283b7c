namespace HotspotIntel.Analysis.Tests;

public sealed class PoissonDistributionTests
{
    // Exact tail sums e^-μ Σ_{i≥k} μ^i / i!, computed with 80-digit decimals.
    [Theory]
    [InlineData(3, 1.0, 8.030139707139419e-02)]
    [InlineData(10, 2.0, 4.649807501726380e-05)]
    [InlineData(150, 100.0, 1.884210466038670e-06)]
    [InlineData(40, 5.5, 2.379874116855164e-21)]
    [InlineData(1, 0.25, 2.211992169285951e-01)]
    [InlineData(60, 100.0, 9.999936584965726e-01)]
    public void The_upper_tail_matches_the_exact_sum(int count, double mean, double expected)
    {
        Assert.Equal(expected, PoissonDistribution.UpperTail(count, mean), expected * 1e-9);
    }

    // A weighted count in report units need not be whole: P(a, μ) for half-integers is closed-form,
    // P(½, μ) = erf(√μ) and P(3/2, μ) = erf(√μ) − 2√(μ/π) e^−μ (Abramowitz and Stegun 6.5.16-17).
    [Theory]
    [InlineData(0.5, 2.0, 0.9544997361036416)]
    [InlineData(1.5, 2.0, 0.7385358700508893)]
    [InlineData(1.5, 7.5, 0.9981833510334277)]
    public void A_count_between_whole_numbers_takes_the_incomplete_gamma_function(double count, double mean, double expected)
    {
        Assert.Equal(expected, PoissonDistribution.UpperTail(count, mean), 1e-12);
        Assert.InRange(PoissonDistribution.UpperTail(count, mean),
            PoissonDistribution.UpperTail(Math.Ceiling(count), mean), PoissonDistribution.UpperTail(Math.Floor(count), mean));
    }

    [Fact]
    public void At_least_none_is_certain_and_a_mean_of_zero_gives_nothing()
    {
        Assert.Equal(1.0, PoissonDistribution.UpperTail(0, 3.0));
        Assert.Equal(0.0, PoissonDistribution.UpperTail(2, 0.0));
    }

    [Theory]
    [InlineData(0.5, 0.5723649429247004)]
    [InlineData(10.0, 12.801827480081467)]
    [InlineData(123.4, 469.3360974421906)]
    public void Log_gamma_matches_the_standard_library(double x, double expected)
    {
        Assert.Equal(expected, PoissonDistribution.LogGamma(x), 1e-10);
    }
}
