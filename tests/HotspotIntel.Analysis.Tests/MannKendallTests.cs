namespace HotspotIntel.Analysis.Tests;

public sealed class MannKendallTests
{
    [Fact]
    public void A_textbook_series_gives_the_published_S_variance_and_z()
    {
        // "A Mann-Kendall example by hand", D. Little, College of the Holy Cross (Montserrat seminar notes):
        // S = 54, V = 14·13·33/18 − 2·1·9/18 (one pair of ties), Z = 2.9058, one-sided p ≈ 0.0018.
        double[] series = [12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7];

        var result = MannKendall.Test(series);

        Assert.Equal(54, result.S);
        Assert.Equal((14.0 * 13 * 33 / 18) - (2.0 * 1 * 9 / 18), result.Variance, 9);
        Assert.Equal(2.9058, result.ZScore, 4);
        Assert.Equal(0.0018, result.PValue / 2, 4);
    }

    [Fact]
    public void A_falling_series_has_negative_S_and_z()
    {
        var result = MannKendall.Test([9, 8, 8.5, 7, 6, 5, 5.5, 3, 2, 1]);

        Assert.True(result.S < 0);
        Assert.True(result.ZScore < -2);
        Assert.True(result.PValue < 0.05);
    }

    [Fact]
    public void A_flat_series_has_no_trend()
    {
        var result = MannKendall.Test([4, 4, 4, 4, 4]);

        Assert.Equal(0, result.S);
        Assert.Equal(0.0, result.ZScore);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Ties_reduce_the_variance()
    {
        var untied = MannKendall.Test([1, 2, 3, 4, 5, 6]);
        var tied = MannKendall.Test([1, 2, 2, 4, 5, 5]);

        // n = 6: 6·5·17/18 = 28.33; two tied pairs remove 2·(2·1·9)/18 = 2.
        Assert.Equal(28.333333333, untied.Variance, 8);
        Assert.Equal(26.333333333, tied.Variance, 8);
    }
}
