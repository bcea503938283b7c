using HotspotIntel.Core.Reports;

namespace HotspotIntel.Bench.Tests;

/// <summary>The risk indicators of the synthetic city's reports: mostly on reports about children, and fitting what each is about.</summary>
public sealed class IndicatorTests
{
    private static readonly ReportCategory[] AboutChildren =
        [ReportCategory.ChildWithAdults, ReportCategory.PartyHouse, ReportCategory.VehiclePickUp, ReportCategory.MissingFoundLocation];

    [Fact]
    public void Most_reports_about_children_record_indicators_and_few_others_do()
    {
        var reports = TestCities.Demo.Reports;
        double Share(IEnumerable<IntelligenceReport> some) => some.Average(r => r.IndicatorCodes.Count > 0 ? 1.0 : 0.0);

        Assert.InRange(Share(reports.Where(r => AboutChildren.Contains(r.Category))), 0.55, 0.75);
        Assert.InRange(Share(reports.Where(r => !AboutChildren.Contains(r.Category))), 0.05, 0.15);
        Assert.All(reports, r => Assert.InRange(r.IndicatorCodes.Count, 0, 3));
    }

    [Theory]
    [InlineData(ReportCategory.VehiclePickUp, "transported_by_adults")]
    [InlineData(ReportCategory.MissingFoundLocation, "going_missing")]
    [InlineData(ReportCategory.PartyHouse, "substance_misuse")]
    public void The_commonest_indicator_fits_what_the_report_is_about(ReportCategory category, string expected)
    {
        var commonest = TestCities.Demo.Reports.Where(r => r.Category == category).SelectMany(r => r.IndicatorCodes)
            .GroupBy(code => code).MaxBy(g => g.Count())!.Key;

        Assert.Equal(expected, commonest);
    }
}
