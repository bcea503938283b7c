using HotspotIntel.Analysis.Impact;
using static HotspotIntel.Analysis.Tests.Impact.DifferenceInDifferencesTests;

namespace HotspotIntel.Analysis.Tests.Impact;

public sealed class ImpactAssessorTests
{
    private static readonly ImpactOptions Options = new();

    // The comparison: a ring beyond the displacement ring with a steady 40 reports a week, 12 weeks each side.
    private static readonly AreaCounts SteadyComparison = new(Weeks(12, 40), Weeks(12, 40));

    [Fact]
    public void A_fifty_percent_drop_at_the_target_and_none_in_the_comparison_is_a_reduction_near_fifty_percent()
    {
        // Weekly counts that vary as Poisson counts do around 20 before and 10 after.
        int[] before = [18, 23, 21, 17, 20, 24, 19, 16, 22, 20, 21, 19];
        int[] after = [9, 12, 8, 11, 10, 7, 13, 10, 9, 11, 10, 10];
        int[] comparisonBefore = [38, 43, 41, 36, 40, 44, 39, 42, 37, 40, 41, 39];
        int[] comparisonAfter = [41, 37, 40, 43, 38, 39, 42, 40, 36, 44, 40, 40];

        var assessment = ImpactAssessor.Assess(
            new ImpactCounts(new AreaCounts(before, after), new AreaCounts(comparisonBefore, comparisonAfter)), Options);

        Assert.Equal(ImpactVerdict.Reduced, assessment.Verdict);
        var estimate = assessment.Estimate!;
        // (120/240)/(480/480): exactly half, as the series were made.
        Assert.Equal(-50, estimate.PercentChange, 6);
        Assert.True(estimate.PercentChangeUpper < 0, $"Upper bound {estimate.PercentChangeUpper}% should exclude no change.");
        Assert.True(estimate.PercentChangeLower > -75);
        Assert.Contains("fell", assessment.Reason);
        Assert.Equal((240, 120, 480, 480), (assessment.TargetBefore, assessment.TargetAfter, assessment.ComparisonBefore, assessment.ComparisonAfter));
    }

    [Fact]
    public void No_change_gives_an_interval_that_includes_no_change()
    {
        int[] target = [18, 23, 21, 17, 20, 24, 19, 16, 22, 20, 21, 19];
        int[] targetAfter = [21, 19, 20, 22, 17, 23, 18, 20, 24, 19, 16, 21];

        var assessment = ImpactAssessor.Assess(new ImpactCounts(new AreaCounts(target, targetAfter), SteadyComparison), Options);

        Assert.Equal(ImpactVerdict.NoClearChange, assessment.Verdict);
        Assert.True(assessment.Estimate!.PercentChangeLower < 0 && assessment.Estimate.PercentChangeUpper > 0);
    }

    [Fact]
    public void A_rise_at_the_target_is_an_increase()
    {
        var assessment = ImpactAssessor.Assess(new ImpactCounts(new AreaCounts(Weeks(12, 10), Weeks(12, 20)), SteadyComparison), Options);

        Assert.Equal(ImpactVerdict.Increased, assessment.Verdict);
        Assert.Equal(100, assessment.Estimate!.PercentChange, 6);
    }

    [Fact]
    public void Too_few_reports_at_the_target_is_insufficient_data_with_no_estimate()
    {
        // 9 reports over both windows, one short of the default minimum of 10.
        var assessment = ImpactAssessor.Assess(new ImpactCounts(new AreaCounts([2, 1, 3], [1, 2, 0]), new AreaCounts(Weeks(3, 40), Weeks(3, 40))), Options);

        Assert.Equal(ImpactVerdict.InsufficientData, assessment.Verdict);
        Assert.Null(assessment.Estimate);
        Assert.Contains("9 reports", assessment.Reason);
    }

    [Fact]
    public void Too_few_reports_in_one_comparison_window_is_insufficient_data()
    {
        var assessment = ImpactAssessor.Assess(new ImpactCounts(new AreaCounts(Weeks(3, 20), Weeks(3, 10)), new AreaCounts(Weeks(3, 40), [3, 2, 4])), Options);

        Assert.Equal(ImpactVerdict.InsufficientData, assessment.Verdict);
        Assert.Null(assessment.Estimate);
        Assert.Contains("comparison", assessment.Reason);
    }

    [Fact]
    public void A_target_that_falls_to_no_reports_at_all_is_a_reduction_not_missing_data()
    {
        var assessment = ImpactAssessor.Assess(new ImpactCounts(new AreaCounts(Weeks(3, 10), Weeks(3, 0)), new AreaCounts(Weeks(3, 40), Weeks(3, 40))), Options);

        Assert.Equal(ImpactVerdict.Reduced, assessment.Verdict);
        Assert.True(assessment.Estimate!.ContinuityCorrected);
    }

    [Fact]
    public void An_interval_that_allows_both_halving_and_doubling_is_too_uncertain()
    {
        // 12 → 6 at the target: SE ≈ √(1/12 + 1/6 + 1/480 + 1/480) = 0.504; interval 0.19 to 1.34, 7 times wider
        // at the top than at the bottom, and it includes no change.
        var assessment = ImpactAssessor.Assess(new ImpactCounts(new AreaCounts([4, 4, 4], [2, 2, 2]), new AreaCounts(Weeks(3, 160), Weeks(3, 160))), Options);

        Assert.Equal(ImpactVerdict.TooUncertain, assessment.Verdict);
        Assert.NotNull(assessment.Estimate);
        Assert.True(assessment.Estimate!.Upper / assessment.Estimate.Lower > Options.WidestInformativeRatio);
    }

    [Fact]
    public void No_bin_passed_since_the_action_is_too_early()
    {
        var assessment = ImpactAssessor.Assess(new ImpactCounts(new AreaCounts([], []), new AreaCounts([], []), new AreaCounts([], [])), Options);

        Assert.Equal(ImpactVerdict.TooEarly, assessment.Verdict);
        Assert.Null(assessment.Estimate);
        Assert.Null(assessment.Displacement);
    }

    [Fact]
    public void Reports_moving_into_the_ring_are_displacement_with_the_hand_computed_quotient()
    {
        // Target 240 → 120, ring 120 → 240, comparison 480 → 480.
        // WDQ = (240/480 − 120/480) / (120/480 − 240/480) = 0.25 / −0.25 = −1: the ring gained what the target lost.
        var counts = new ImpactCounts(new AreaCounts(Weeks(12, 20), Weeks(12, 10)), SteadyComparison, new AreaCounts(Weeks(12, 10), Weeks(12, 20)));

        var assessment = ImpactAssessor.Assess(counts, Options);

        Assert.Equal(ImpactVerdict.Reduced, assessment.Verdict);
        var displacement = assessment.Displacement!;
        Assert.Equal(DisplacementVerdict.Displacement, displacement.Verdict);
        Assert.True(displacement.Estimate!.Lower > 1);
        Assert.Equal(-1, displacement.WeightedDisplacementQuotient!.Value, 12);
        Assert.Equal((120, 240), (displacement.RingBefore, displacement.RingAfter));
    }

    [Fact]
    public void Reports_falling_in_the_ring_too_are_a_diffusion_of_benefits()
    {
        // Ring 240 → 180 while the target goes 240 → 120: WDQ = (180/480 − 240/480) / (120/480 − 240/480) = 0.5.
        var counts = new ImpactCounts(new AreaCounts(Weeks(12, 20), Weeks(12, 10)), SteadyComparison, new AreaCounts(Weeks(12, 20), Weeks(12, 15)));

        var displacement = ImpactAssessor.Assess(counts, Options).Displacement!;

        Assert.Equal(DisplacementVerdict.DiffusionOfBenefits, displacement.Verdict);
        Assert.Equal(0.5, displacement.WeightedDisplacementQuotient!.Value, 12);
    }

    [Fact]
    public void A_steady_ring_is_no_clear_displacement()
    {
        var counts = new ImpactCounts(new AreaCounts(Weeks(12, 20), Weeks(12, 10)), SteadyComparison, new AreaCounts(Weeks(12, 20), Weeks(12, 20)));

        var displacement = ImpactAssessor.Assess(counts, Options).Displacement!;

        Assert.Equal(DisplacementVerdict.NoClearDisplacement, displacement.Verdict);
        Assert.Equal(0, displacement.WeightedDisplacementQuotient!.Value, 12);
    }

    [Fact]
    public void The_quotient_is_left_out_when_the_target_did_not_fall()
    {
        var counts = new ImpactCounts(new AreaCounts(Weeks(12, 20), Weeks(12, 20)), SteadyComparison, new AreaCounts(Weeks(12, 10), Weeks(12, 20)));

        var displacement = ImpactAssessor.Assess(counts, Options).Displacement!;

        Assert.Equal(DisplacementVerdict.Displacement, displacement.Verdict);
        Assert.Null(displacement.WeightedDisplacementQuotient);
    }

    [Fact]
    public void A_ring_with_too_few_reports_is_insufficient_data()
    {
        var counts = new ImpactCounts(new AreaCounts(Weeks(12, 20), Weeks(12, 10)), SteadyComparison, new AreaCounts(Weeks(12, 0), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]));

        var displacement = ImpactAssessor.Assess(counts, Options).Displacement!;

        Assert.Equal(DisplacementVerdict.InsufficientData, displacement.Verdict);
        Assert.Null(displacement.Estimate);
        Assert.Null(displacement.WeightedDisplacementQuotient);
    }

    [Fact]
    public void Windows_of_unequal_length_are_refused()
    {
        // Both areas have the same bins, but 12 weeks before against 11 after.
        var counts = new ImpactCounts(new AreaCounts(Weeks(12, 20), Weeks(11, 10)), new AreaCounts(Weeks(12, 40), Weeks(11, 40)));

        Assert.Throws<ArgumentException>(() => ImpactAssessor.Assess(counts, Options));
    }

    [Fact]
    public void Options_name_each_problem()
    {
        var problems = new ImpactOptions { ConfidencePercent = 80, MinimumReports = 0, WidestInformativeRatio = 1 }.Problems();

        Assert.Equal(["confidencePercent", "minimumReports", "widestInformativeRatio"], problems.Select(problem => problem.Option));
        Assert.Empty(new ImpactOptions().Problems());
    }
}
