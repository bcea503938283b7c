using HotspotIntel.Core.Grading;

namespace HotspotIntel.Core.Tests.Grading;

public sealed class GradingTests
{
    [Fact]
    public void The_code_is_written_as_analysts_write_it()
    {
        var grading = new Core.Grading.Grading(SourceEvaluation.Untested, IntelligenceAssessment.KnownIndirectly, HandlingCode.Conditional, "Police only");

        Assert.Equal("2C C", grading.Code);
    }

    [Fact]
    public void A_conditional_handling_code_requires_conditions()
    {
        Assert.NotNull(Core.Grading.Grading.Problem(HandlingCode.Conditional, " "));
        Assert.Null(Core.Grading.Grading.Problem(HandlingCode.Conditional, "Not to be shared with the licence holder"));
    }

    [Fact]
    public void A_permissive_handling_code_carries_no_conditions()
    {
        Assert.NotNull(Core.Grading.Grading.Problem(HandlingCode.LawfulSharingPermitted, "Some condition"));
        Assert.Null(Core.Grading.Grading.Problem(HandlingCode.LawfulSharingPermitted, null));
    }
}
