using HotspotIntel.Core.Grading;

namespace HotspotIntel.Analysis.Tests;

public sealed class ReportWeightingTests
{
    private static readonly DateTimeOffset AsOf = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ReportWeighting _weighting = new(halfLifeDays: 30);

    [Fact]
    public void Recency_weight_halves_every_half_life()
    {
        Assert.Equal(1.0, _weighting.RecencyWeight(AsOf, AsOf));
        Assert.Equal(0.5, _weighting.RecencyWeight(AsOf.AddDays(-30), AsOf), 12);
        Assert.Equal(0.25, _weighting.RecencyWeight(AsOf.AddDays(-60), AsOf), 12);
        Assert.Equal(Math.Pow(0.5, 0.5), _weighting.RecencyWeight(AsOf.AddDays(-15), AsOf), 12);
    }

    [Fact]
    public void A_report_dated_after_the_analysis_counts_as_new_not_more()
    {
        Assert.Equal(1.0, _weighting.RecencyWeight(AsOf.AddDays(2), AsOf));
    }

    [Theory]
    [InlineData(IntelligenceAssessment.KnownDirectly, 1.0)]
    [InlineData(IntelligenceAssessment.KnownIndirectlyCorroborated, 0.9)]
    [InlineData(IntelligenceAssessment.KnownIndirectly, 0.7)]
    [InlineData(IntelligenceAssessment.NotKnown, 0.4)]
    [InlineData(IntelligenceAssessment.SuspectedFalse, 0.0)]
    public void Intelligence_assessment_weights_run_from_A_to_E(IntelligenceAssessment assessment, double expected)
    {
        Assert.Equal(expected, ReportWeighting.AssessmentWeight(assessment));
    }

    [Theory]
    [InlineData(SourceEvaluation.Reliable, 1.0)]
    [InlineData(SourceEvaluation.Untested, 0.8)]
    [InlineData(SourceEvaluation.NotReliable, 0.5)]
    public void Source_evaluation_weights_run_from_1_to_3(SourceEvaluation evaluation, double expected)
    {
        Assert.Equal(expected, ReportWeighting.SourceWeight(evaluation));
    }

    [Fact]
    public void A_report_s_weight_is_its_grading_weight_times_its_recency_weight()
    {
        var weight = _weighting.Weight(SourceEvaluation.Untested, IntelligenceAssessment.KnownIndirectly, AsOf.AddDays(-30), AsOf);

        Assert.Equal(0.8 * 0.7 * 0.5, weight, 12);
    }

    [Fact]
    public void A_report_suspected_to_be_false_counts_for_nothing()
    {
        Assert.Equal(0.0, _weighting.Weight(SourceEvaluation.Reliable, IntelligenceAssessment.SuspectedFalse, AsOf, AsOf));
    }

    [Fact]
    public void A_half_life_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportWeighting(0));
    }
}
