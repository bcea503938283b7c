namespace HotspotIntel.Analysis.Tests;

public sealed class HexGiStarTests
{
    // A 4 km square of 100 m hexagons; coordinates are offsets in metres, not a real place.
    private static readonly PlanarExtent StudyArea = new(0, 0, 4000, 4000);
    private static readonly HexGrid Grid = new(cellSizeMeters: 100);

    [Fact]
    public void A_tight_planted_cluster_in_a_uniform_background_is_found_hot()
    {
        var random = new Random(7);
        var centre = new PlanarPoint(2210, 1630);
        var points = UniformPoints(random, 1500)
            .Concat(Enumerable.Range(0, 40).Select(_ => Near(random, centre, radiusMeters: 120)))
            .ToList();

        var (cells, classes) = Analyse(points);

        var hot = cells.Where((_, i) => classes[i] >= HotspotConfidence.Hot95).ToList();
        var areas = HotspotArea.FromHotCells(hot);
        var area = Assert.Single(areas);
        Assert.Contains(Grid.CellOf(centre), area.Cells);
        Assert.Equal(HotspotConfidence.Hot99, classes[cells.ToList().IndexOf(Grid.CellOf(centre))]);
    }

    [Fact]
    public void Uniform_noise_yields_no_significant_hotspot_after_FDR()
    {
        var points = UniformPoints(new Random(11), 1500).ToList();

        var (cells, classes) = Analyse(points);

        Assert.All(classes, confidence => Assert.True(confidence <= HotspotConfidence.NotSignificant));
    }

    [Fact]
    public void Uniform_noise_does_show_hot_cells_when_p_values_are_not_corrected()
    {
        // The same noise as above: without FDR, chance alone makes some cells "hot" at 90%.
        var points = UniformPoints(new Random(11), 1500).ToList();
        var cells = Grid.CellsWithCentresIn(StudyArea);

        var results = GetisOrdGiStar.ForHexCells(Grid, cells, WeightedCounts(points), Grid.NeighbourDistanceMeters);

        Assert.Contains(results, result => result.ZScore > 0 && result.PValue <= 0.10);
    }

    private static (IReadOnlyList<HexCell> Cells, IReadOnlyList<HotspotConfidence> Classes) Analyse(List<WeightedPoint> points)
    {
        var cells = Grid.CellsWithCentresIn(StudyArea);
        var results = GetisOrdGiStar.ForHexCells(Grid, cells, WeightedCounts(points), Grid.NeighbourDistanceMeters);
        return (cells, FalseDiscoveryRate.Classify(results));
    }

    private static IEnumerable<WeightedPoint> UniformPoints(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => new WeightedPoint(
            new PlanarPoint(random.NextDouble() * StudyArea.Width, random.NextDouble() * StudyArea.Height), 1.0));

    private static WeightedPoint Near(Random random, PlanarPoint centre, double radiusMeters)
    {
        var angle = random.NextDouble() * 2 * Math.PI;
        var distance = radiusMeters * Math.Sqrt(random.NextDouble());
        return new WeightedPoint(new PlanarPoint(centre.X + (distance * Math.Cos(angle)), centre.Y + (distance * Math.Sin(angle))), 1.0);
    }

    /// <summary>The total weight of the points in each cell that has any: the weighted report counts Gi* takes.</summary>
    private static Dictionary<HexCell, double> WeightedCounts(IEnumerable<WeightedPoint> points)
    {
        var counts = new Dictionary<HexCell, double>();
        foreach (var point in points)
        {
            var cell = Grid.CellOf(point.Point);
            counts[cell] = counts.GetValueOrDefault(cell) + point.Weight;
        }

        return counts;
    }

    /// <summary>A report's position (metres, BNG) and its weight.</summary>
    private readonly record struct WeightedPoint(PlanarPoint Point, double Weight);
}
