namespace HotspotIntel.Analysis.Tests;

public sealed class GetisOrdGiStarTests
{
    // The example of PySAL esda.G_Local (star=True, binary DistanceBand(threshold=15)), with its published z-scores.
    private static readonly PlanarPoint[] PysalPoints =
        [new(10, 10), new(20, 10), new(40, 10), new(15, 20), new(30, 20), new(30, 30)];

    private static readonly double[] PysalValues = [2, 3, 3.2, 5, 8, 7];

    [Fact]
    public void Gi_star_matches_pysal_reference_values()
    {
        double[] expected = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];

        var results = GetisOrdGiStar.ForPoints(PysalPoints, PysalValues, distanceThresholdMeters: 15);

        Assert.Equal(expected.Length, results.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], results[i].ZScore, 1e-6);
        }
    }

    [Fact]
    public void A_neighbour_exactly_at_the_threshold_counts()
    {
        // (15,20) and (30,20) are exactly 15 m apart; with them excluded point 3 would score −1.397, not −0.289.
        var results = GetisOrdGiStar.ForPoints(PysalPoints, PysalValues, distanceThresholdMeters: 15);

        Assert.Equal(-0.28917762, results[3].ZScore, 1e-6);
    }

    [Fact]
    public void P_values_come_from_the_normal_distribution_two_sided_and_one_sided_hot()
    {
        var results = GetisOrdGiStar.ForPoints(PysalPoints, PysalValues, distanceThresholdMeters: 15);

        var hottest = results[5];
        Assert.Equal(NormalDistribution.TwoSidedPValue(2.02424331), hottest.PValue, 1e-7);
        Assert.Equal(0.0429, hottest.PValue, 4);
        Assert.Equal(hottest.PValue / 2, hottest.PValueHot, 12);
        Assert.True(results[0].PValueHot > 0.9, "a cold point is far from a hotspot");
    }

    [Fact]
    public void Equal_values_everywhere_give_zero_not_nan()
    {
        var results = GetisOrdGiStar.ForPoints(PysalPoints, [4, 4, 4, 4, 4, 4], distanceThresholdMeters: 15);

        Assert.All(results, result => Assert.Equal(0.0, result.ZScore));
        Assert.All(results, result => Assert.Equal(1.0, result.PValue));
    }

    [Fact]
    public void Neighbour_lists_give_the_same_answer_as_distances()
    {
        // The DistanceBand(15) neighbours of the PySAL example, self left out.
        IReadOnlyList<int>[] neighbours = [[1, 3], [0, 3, 4], [4], [0, 1, 4], [1, 2, 3, 5], [4]];

        var fromLists = GetisOrdGiStar.Compute(PysalValues, neighbours);
        var fromDistances = GetisOrdGiStar.ForPoints(PysalPoints, PysalValues, 15);

        Assert.Equal(fromDistances.Select(r => r.ZScore), fromLists.Select(r => r.ZScore));
    }
}
