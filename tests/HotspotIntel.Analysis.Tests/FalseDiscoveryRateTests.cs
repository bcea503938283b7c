namespace HotspotIntel.Analysis.Tests;

public sealed class FalseDiscoveryRateTests
{
    // Benjamini and Hochberg (1995) §4: 15 p-values from a study of myocardial infarction treatments.
    private static readonly double[] PaperPValues =
    [
        0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
        0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000,
    ];

    [Fact]
    public void The_benjamini_hochberg_example_rejects_four_hypotheses_at_five_percent()
    {
        var adjusted = FalseDiscoveryRate.AdjustedPValues(PaperPValues);

        Assert.Equal(4, adjusted.Count(q => q <= 0.05));
        Assert.All(adjusted.Take(4), q => Assert.True(q <= 0.05));
    }

    [Fact]
    public void Adjusted_p_values_match_the_step_up_formula()
    {
        // R: p.adjust(p, "BH").
        double[] expected =
        [
            0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571429, 0.0638571428571429, 0.0645, 0.0765,
            0.486, 0.581181818181818, 0.714875, 0.753230769230769, 0.813214285714286, 1,
        ];

        var adjusted = FalseDiscoveryRate.AdjustedPValues(PaperPValues);

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], adjusted[i], 12);
        }
    }

    [Fact]
    public void Adjusted_p_values_keep_input_order()
    {
        var adjusted = FalseDiscoveryRate.AdjustedPValues([0.5, 0.01, 0.04]);

        Assert.Equal([0.5, 0.03, 0.06], adjusted.Select(q => Math.Round(q, 12)));
    }

    [Fact]
    public void FDR_removes_a_lone_significant_cell_among_many()
    {
        // One cell at z = 2.9 (p ≈ 0.0037, hot at 99% on its own) among 999 unremarkable ones.
        var results = Enumerable.Range(0, 999)
            .Select(i => GiStarResult.FromZScore(((i % 21) - 10) / 10.0))
            .Append(GiStarResult.FromZScore(2.9))
            .ToList();

        var classes = FalseDiscoveryRate.Classify(results);

        Assert.True(results[^1].PValue < 0.01);
        Assert.All(classes, confidence => Assert.Equal(HotspotConfidence.NotSignificant, confidence));
    }

    [Fact]
    public void Cells_are_classed_hot_or_cold_at_the_confidence_their_adjusted_p_value_reaches()
    {
        // Alone, each cell's q-value is its p-value.
        Assert.Equal(HotspotConfidence.Hot99, FalseDiscoveryRate.Classify([GiStarResult.FromZScore(2.7)]).Single());
        Assert.Equal(HotspotConfidence.Hot95, FalseDiscoveryRate.Classify([GiStarResult.FromZScore(2.1)]).Single());
        Assert.Equal(HotspotConfidence.Hot90, FalseDiscoveryRate.Classify([GiStarResult.FromZScore(1.7)]).Single());
        Assert.Equal(HotspotConfidence.NotSignificant, FalseDiscoveryRate.Classify([GiStarResult.FromZScore(1.6)]).Single());
        Assert.Equal(HotspotConfidence.Cold95, FalseDiscoveryRate.Classify([GiStarResult.FromZScore(-2.1)]).Single());
    }

    [Fact]
    public void Confidence_numbers_are_the_arcgis_gi_bin()
    {
        Assert.Equal(3, (int)HotspotConfidence.Hot99);
        Assert.Equal(0, (int)HotspotConfidence.NotSignificant);
        Assert.Equal(-1, (int)HotspotConfidence.Cold90);
    }
}
