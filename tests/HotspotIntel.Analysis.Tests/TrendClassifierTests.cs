using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Analysis.Tests;

public sealed class TrendClassifierTests
{
    private readonly TrendClassifier _classifier = new();

    [Fact]
    public void Hot_only_in_the_final_bins_is_new()
    {
        var bins = Bins([0.1, -0.2, 0.3, 0.0, 0.2, -0.1, 3.0, 3.5], hot: [6, 7]);

        Assert.Equal(HotspotTrend.New, _classifier.Classify(bins));
    }

    [Fact]
    public void Hot_in_most_bins_and_rising_significantly_is_intensifying()
    {
        var bins = Bins([1.0, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0], hot: [1, 2, 3, 4, 5, 6, 7]);

        Assert.Equal(HotspotTrend.Intensifying, _classifier.Classify(bins));
    }

    [Fact]
    public void Hot_in_most_bins_with_no_significant_trend_is_persistent()
    {
        var bins = Bins([3.1, 2.8, 3.3, 2.9, 3.2, 2.7, 3.0, 3.1], hot: [0, 1, 2, 3, 4, 5, 6, 7]);

        Assert.Equal(HotspotTrend.Persistent, _classifier.Classify(bins));
    }

    [Fact]
    public void Hot_now_but_falling_significantly_is_diminishing()
    {
        var bins = Bins([5.0, 4.6, 4.2, 3.8, 3.4, 3.0, 2.6, 2.2], hot: [0, 1, 2, 3, 4, 5, 6, 7]);

        Assert.Equal(HotspotTrend.Diminishing, _classifier.Classify(bins));
    }

    [Fact]
    public void Hot_before_but_not_in_the_latest_bin_is_historical()
    {
        var bins = Bins([3.0, 3.2, 2.9, 3.1, 2.8, 1.0, 0.5, 0.2], hot: [0, 1, 2, 3, 4]);

        Assert.Equal(HotspotTrend.Historical, _classifier.Classify(bins));
    }

    [Fact]
    public void Hot_now_and_on_and_off_before_is_sporadic()
    {
        var bins = Bins([0.5, 2.8, 0.1, 0.4, 2.9, 0.2, 0.3, 2.7], hot: [1, 4, 7]);

        Assert.Equal(HotspotTrend.Sporadic, _classifier.Classify(bins));
    }

    [Fact]
    public void Never_hot_has_no_trend()
    {
        Assert.Null(_classifier.Classify(Bins([0.1, 0.2, 0.3, 0.4], hot: [])));
    }

    [Fact]
    public void A_longer_recent_period_keeps_a_hotspot_that_missed_only_the_latest_bin_current()
    {
        var bins = Bins([3.0, 3.2, 2.9, 3.1, 2.8, 3.0, 3.1, 1.0], hot: [0, 1, 2, 3, 4, 5, 6]);

        Assert.Equal(HotspotTrend.Historical, _classifier.Classify(bins));
        Assert.Equal(HotspotTrend.Persistent, new TrendClassifier(recentBins: 2).Classify(bins));
    }

    [Fact]
    public void Hot_recently_with_a_gap_and_rising_significantly_is_new_not_sporadic()
    {
        // Started in bin 6, quiet by chance in bin 8: not one unbroken run, but clearly a new hotspot.
        var bins = Bins([0.1, -0.2, 0.3, 0.0, 0.2, -0.1, 3.0, 3.5, 1.2, 4.0, 3.8, 4.2], hot: [6, 7, 9, 10, 11]);

        Assert.Equal(HotspotTrend.New, _classifier.Classify(bins));
    }

    private static TrendBin[] Bins(double[] zScores, int[] hot) =>
        zScores.Select((z, i) => new TrendBin(z, hot.Contains(i))).ToArray();
}
