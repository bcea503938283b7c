using HotspotIntel.Core.Reports;

namespace HotspotIntel.Core.Tests.Reports;

public sealed class RiskIndicatorTests
{
    [Fact]
    public void Every_built_in_indicator_is_valid_and_has_its_own_code()
    {
        Assert.All(BuiltInRiskIndicators.All, indicator => Assert.Empty(indicator.Problems()));
        Assert.Equal(BuiltInRiskIndicators.All.Count, BuiltInRiskIndicators.All.Select(indicator => indicator.Code).Distinct().Count());
    }

    [Fact]
    public void An_administrator_s_indicator_is_checked_field_by_field()
    {
        var indicator = new RiskIndicator("Hotel Stays!", " ", "");

        Assert.Equal(["code", "label", "description"], indicator.Problems().Select(problem => problem.Field));
    }

    [Theory]
    [InlineData("going_missing", true)]
    [InlineData("g", false)]
    [InlineData("2nd_phone", false)]
    [InlineData("Going_missing", false)]
    [InlineData(null, false)]
    public void A_code_is_a_lower_case_word_of_2_to_64_letters_digits_or_underscores(string? code, bool valid) =>
        Assert.Equal(valid, RiskIndicator.IsCode(code));
}
