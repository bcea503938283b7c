using HotspotIntel.Analysis.Impact;
using static HotspotIntel.Analysis.Tests.Impact.DifferenceInDifferencesTests;

namespace HotspotIntel.Analysis.Tests.Impact;

public sealed class MatchedComparisonTests
{
    // The target: 20 reports a week for 8 weeks before the action, halved after it.
    private static readonly AreaCounts Target = new(Weeks(8, 20), Weeks(8, 10));

    [Fact]
    public void The_candidates_most_like_the_target_before_the_action_are_chosen_whatever_came_after()
    {
        MatchCandidate[] candidates =
        [
            new(new AreaCounts(Weeks(8, 5), Weeks(8, 5)), 500),                     // far lower level
            new(new AreaCounts(Weeks(8, 21), Weeks(8, 40)), 4000),                  // alike before; doubled after
            new(new AreaCounts([10, 10, 10, 10, 30, 30, 30, 30], Weeks(8, 20)), 600), // same level, rising trend
            new(new AreaCounts(Weeks(8, 19), Weeks(8, 0)), 3000),                   // alike before; empty after
            new(new AreaCounts(Weeks(8, 0), Weeks(8, 20)), 100),                    // nothing before
        ];

        var chosen = MatchedComparison.Choose(Target, candidates, 2);

        // 21 and 19 a week are nearest the target's 20 in level and trend, whatever came after; the rising area has its level, not its trend.
        Assert.Equal([1, 3], chosen.Order());
    }

    [Fact]
    public void A_rising_trend_before_the_action_is_a_worse_match_than_a_steady_one_of_the_same_level()
    {
        MatchCandidate[] candidates =
        [
            new(new AreaCounts([10, 10, 10, 10, 30, 30, 30, 30], Weeks(8, 20)), 100),
            new(new AreaCounts(Weeks(8, 20), Weeks(8, 20)), 5000),
        ];

        Assert.Equal([1], MatchedComparison.Choose(Target, candidates, 1));
        Assert.True(MatchedComparison.Distance(Target, candidates[0].Counts) > MatchedComparison.Distance(Target, candidates[1].Counts));
    }

    [Fact]
    public void Equally_good_matches_go_to_the_nearer_area_and_an_area_without_reports_before_is_never_chosen()
    {
        MatchCandidate[] candidates =
        [
            new(new AreaCounts(Weeks(8, 20), Weeks(8, 20)), 3000),
            new(new AreaCounts(Weeks(8, 20), Weeks(8, 20)), 1000),
            new(new AreaCounts(Weeks(8, 0), Weeks(8, 0)), 10),
        ];

        Assert.Equal([1, 0], MatchedComparison.Choose(Target, candidates, 5));
    }

    [Fact]
    public void A_halving_against_matched_areas_that_did_not_change_is_estimated_near_minus_50_percent()
    {
        MatchCandidate[] candidates =
        [
            new(new AreaCounts([22, 18, 21, 19, 20, 20, 23, 17], [19, 21, 20, 22, 18, 20, 21, 19]), 2000),
            new(new AreaCounts([18, 22, 19, 21, 20, 20, 17, 23], [21, 19, 20, 18, 22, 20, 19, 21]), 2500),
            new(new AreaCounts(Weeks(8, 60), Weeks(8, 30)), 900),
        ];

        var chosen = MatchedComparison.Choose(Target, candidates, 2);
        var comparison = MatchedComparison.Sum([.. chosen.Select(index => candidates[index].Counts)], 8);
        var assessment = ImpactAssessor.Assess(new ImpactCounts(Target, comparison), new ImpactOptions());

        Assert.Equal([0, 1], chosen.Order());
        Assert.Equal((320, 320), (comparison.Before, comparison.After));
        Assert.Equal(ImpactVerdict.Reduced, assessment.Verdict);
        Assert.InRange(assessment.Estimate!.PercentChange, -55, -45);
        Assert.True(assessment.Estimate.PercentChangeUpper < 0);
    }

    [Fact]
    public void Candidates_must_have_the_targets_bins()
    {
        MatchCandidate[] candidates = [new(new AreaCounts(Weeks(4, 20), Weeks(4, 20)), 100)];

        Assert.Throws<ArgumentException>(() => MatchedComparison.Choose(Target, candidates, 1));
    }
}
