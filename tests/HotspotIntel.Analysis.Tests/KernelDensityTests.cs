namespace HotspotIntel.Analysis.Tests;

public sealed class KernelDensityTests
{
    [Fact]
    public void The_quartic_kernel_integrates_to_one_and_vanishes_at_the_bandwidth()
    {
        // ∫0^h K(r) 2πr dr by the midpoint rule.
        const double h = 250;
        var integral = 0.0;
        const int steps = 100_000;
        for (var i = 0; i < steps; i++)
        {
            var r = (i + 0.5) * h / steps;
            integral += KernelDensity.Quartic(r, h) * 2 * Math.PI * r * (h / steps);
        }

        Assert.Equal(1.0, integral, 6);
        Assert.Equal(0.0, KernelDensity.Quartic(h, h));
        Assert.Equal(3 / (Math.PI * h * h), KernelDensity.Quartic(0, h), 15);
    }
}
