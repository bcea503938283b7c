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

    [Fact]
    public void The_density_integrates_to_the_weighted_point_count()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 300)
            .Select(_ => new WeightedPoint(new PlanarPoint(random.NextDouble() * 2000, random.NextDouble() * 2000), 0.25 + random.NextDouble()))
            .ToList();
        const double bandwidth = 200;

        // Padded by the bandwidth so no point's kernel is cut off.
        var grid = KernelDensity.Estimate(points, new PlanarExtent(-bandwidth, -bandwidth, 2000 + bandwidth, 2000 + bandwidth), bandwidth, cellSizeMeters: 10);

        var total = 0.0;
        for (var row = 0; row < grid.Rows; row++)
        {
            for (var column = 0; column < grid.Columns; column++)
            {
                total += grid.Density(column, row) * grid.CellAreaSquareMeters;
            }
        }

        Assert.Equal(points.Sum(p => p.Weight), total, points.Sum(p => p.Weight) * 0.002);
    }

    [Fact]
    public void The_peak_is_at_a_planted_cluster()
    {
        var random = new Random(5);
        var cluster = new PlanarPoint(1320, 610);
        var points = Enumerable.Range(0, 400)
            .Select(_ => new WeightedPoint(new PlanarPoint(random.NextDouble() * 2000, random.NextDouble() * 2000), 1.0))
            .Concat(Enumerable.Range(0, 30).Select(_ => new WeightedPoint(
                new PlanarPoint(cluster.X + ((random.NextDouble() - 0.5) * 60), cluster.Y + ((random.NextDouble() - 0.5) * 60)), 1.0)))
            .ToList();

        var grid = KernelDensity.Estimate(points, new PlanarExtent(0, 0, 2000, 2000), bandwidthMeters: 150, cellSizeMeters: 20);
        var peak = grid.TopCells(0.0001).First();

        Assert.True(grid.CellCentre(peak.Column, peak.Row).DistanceTo(cluster) < 50, $"peak at {grid.CellCentre(peak.Column, peak.Row)}");
    }

    [Fact]
    public void Top_cells_cover_the_requested_share_of_the_area_densest_first()
    {
        var grid = KernelDensity.Estimate(
            [new(new PlanarPoint(50, 50), 1.0), new(new PlanarPoint(150, 150), 3.0)],
            new PlanarExtent(0, 0, 200, 200), bandwidthMeters: 40, cellSizeMeters: 10);

        var top = grid.TopCells(0.05);

        Assert.Equal(20, top.Count);
        Assert.True(top.Zip(top.Skip(1)).All(pair => pair.First.Density >= pair.Second.Density));
        Assert.Equal(new PlanarPoint(145, 145), grid.CellCentre(top[0].Column, top[0].Row));
    }

    [Fact]
    public void Top_cells_never_include_cells_no_report_reaches()
    {
        var grid = KernelDensity.Estimate(
            [new(new PlanarPoint(50, 50), 1.0)], new PlanarExtent(0, 0, 1000, 1000), bandwidthMeters: 20, cellSizeMeters: 10);

        var top = grid.TopCells(0.5);

        Assert.All(top, cell => Assert.True(cell.Density > 0));
        Assert.True(top.Count < 20);
    }
}
