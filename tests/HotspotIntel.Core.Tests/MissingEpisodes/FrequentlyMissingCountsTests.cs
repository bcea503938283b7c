using HotspotIntel.Core.MissingEpisodes;

namespace HotspotIntel.Core.Tests.MissingEpisodes;

public sealed class FrequentlyMissingCountsTests
{
    private static readonly DateTimeOffset January = new(2026, 1, 31, 23, 0, 0, TimeSpan.Zero);
    private static readonly Guid Amy = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Ben = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Cal = Guid.Parse("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void Children_are_counted_once_in_all_and_once_in_each_area_of_their_episodes()
    {
        EpisodeInArea[] episodes =
        [
            // Amy: three episodes in January, two found in ward A, one in ward B: frequently missing, in A and in B.
            new(Amy, January.AddDays(-20), "A"), new(Amy, January.AddDays(-10), "A"), new(Amy, January.AddDays(-2), "B"),
            // Ben: three episodes, one with no known area: frequently missing, in A only.
            new(Ben, January.AddDays(-60), "A"), new(Ben, January.AddDays(-30), null), new(Ben, January.AddDays(-1), "A"),
            // Cal: two episodes in ward B: not frequently missing.
            new(Cal, January.AddDays(-5), "B"), new(Cal, January.AddDays(-3), "B"),
        ];

        var count = Assert.Single(FrequentlyMissingCounts.Over(episodes, [January], new FrequentlyMissingRule()));

        Assert.Equal(2, count.Children);
        Assert.Equal([new AreaChildren("A", 2), new AreaChildren("B", 1)], count.ByArea);
    }

    [Fact]
    public void Counts_over_time_follow_the_rolling_window()
    {
        // Three episodes 10 days apart from 1 January: flagged from the third (21 January) until 90 days after the
        // first has passed (the window no longer holds it from 1 April).
        var first = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        EpisodeInArea[] episodes = [new(Amy, first, "A"), new(Amy, first.AddDays(10), "A"), new(Amy, first.AddDays(20), "A")];
        DateTimeOffset[] monthEnds = [new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), new(2026, 1, 31, 0, 0, 0, TimeSpan.Zero),
            new(2026, 3, 31, 0, 0, 0, TimeSpan.Zero), new(2026, 4, 30, 0, 0, 0, TimeSpan.Zero)];

        var counts = FrequentlyMissingCounts.Over(episodes, monthEnds, new FrequentlyMissingRule());

        Assert.Equal([0, 1, 1, 0], counts.Select(count => count.Children));
        Assert.Equal(monthEnds, counts.Select(count => count.AsOf));
        Assert.Empty(counts[0].ByArea);
    }

    [Fact]
    public void The_partnership_s_threshold_decides_the_counts()
    {
        EpisodeInArea[] episodes = [new(Cal, January.AddDays(-5), "B"), new(Cal, January.AddDays(-3), "B")];

        Assert.Equal(0, FrequentlyMissingCounts.Over(episodes, [January], new FrequentlyMissingRule())[0].Children);
        Assert.Equal(1, FrequentlyMissingCounts.Over(episodes, [January], new FrequentlyMissingRule(EpisodeThreshold: 2))[0].Children);
    }
}
