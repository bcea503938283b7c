using HotspotIntel.Core.MissingEpisodes;

namespace HotspotIntel.Core.Tests.MissingEpisodes;

public sealed class FrequentlyMissingRuleTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Three_episodes_in_ninety_days_is_frequently_missing()
    {
        var starts = new[] { AsOf.AddDays(-5), AsOf.AddDays(-40), AsOf.AddDays(-89) };

        Assert.True(new FrequentlyMissingRule().IsFrequentlyMissing(starts, AsOf));
    }

    [Fact]
    public void Two_episodes_in_ninety_days_is_not()
    {
        var starts = new[] { AsOf.AddDays(-5), AsOf.AddDays(-40), AsOf.AddDays(-91) };

        Assert.False(new FrequentlyMissingRule().IsFrequentlyMissing(starts, AsOf));
    }

    [Fact]
    public void Episodes_after_the_assessment_date_do_not_count()
    {
        var starts = new[] { AsOf.AddDays(-5), AsOf.AddDays(-40), AsOf.AddDays(1) };

        Assert.Equal(2, new FrequentlyMissingRule().EpisodesInWindow(starts, AsOf));
    }

    [Fact]
    public void The_threshold_and_window_are_the_partnership_s_to_set()
    {
        var starts = new[] { AsOf.AddDays(-5), AsOf.AddDays(-100) };

        Assert.True(new FrequentlyMissingRule(EpisodeThreshold: 2, WindowDays: 120).IsFrequentlyMissing(starts, AsOf));
        Assert.False(new FrequentlyMissingRule(EpisodeThreshold: 2, WindowDays: 90).IsFrequentlyMissing(starts, AsOf));
    }
}
