using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Records;

namespace HotspotIntel.Core.Tests;

public sealed class EnumCodesTests
{
    [Fact]
    public void Codes_are_snake_case_names_unless_the_member_names_its_own()
    {
        Assert.Equal("late_night_refreshment", EnumCodes<PremisesType>.ToCode(PremisesType.LateNightRefreshment));
        Assert.Equal("E", EnumCodes<IntelligenceAssessment>.ToCode(IntelligenceAssessment.SuspectedFalse));
        Assert.Equal("OFFICIAL-SENSITIVE", EnumCodes<SecurityMarking>.ToCode(SecurityMarking.OfficialSensitive));
    }

    [Fact]
    public void Parsing_ignores_case_and_rejects_unknown_codes()
    {
        Assert.True(EnumCodes<IntelligenceAssessment>.TryParse("b", out var assessment));
        Assert.Equal(IntelligenceAssessment.KnownIndirectlyCorroborated, assessment);
        Assert.False(EnumCodes<IntelligenceAssessment>.TryParse("F", out _));
        Assert.False(EnumCodes<PremisesType>.TryParse("1", out _));
    }

    [Fact]
    public void Every_code_round_trips()
    {
        foreach (var code in EnumCodes<PremisesType>.All)
        {
            Assert.Equal(code, EnumCodes<PremisesType>.ToCode(EnumCodes<PremisesType>.Parse(code)));
        }
    }
}
