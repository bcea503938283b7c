using HotspotIntel.Analysis.Impact;

namespace HotspotIntel.Analysis.Tests.Impact;

public sealed class ImpactWindowsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_windows_hold_only_bins_that_have_passed_and_stay_equal()
    {
        // 20 days after the start: two whole weeks have passed, so two weeks on each side.
        var windows = ImpactWindows.Plan(Start, Start.AddDays(20), binDays: 7, maxBinsPerWindow: 12);

        Assert.Equal(2, windows.BinsPerWindow);
        Assert.Equal(Start.AddDays(-14), windows.BeforeStart);
        Assert.Equal(Start.AddDays(14), windows.AfterEnd);
    }

    [Fact]
    public void A_long_past_action_gets_the_full_windows()
    {
        Assert.Equal(12, ImpactWindows.Plan(Start, Start.AddYears(2), 7, 12).BinsPerWindow);
        Assert.Equal(0, ImpactWindows.Plan(Start, Start.AddDays(6), 7, 12).BinsPerWindow);
    }

    [Fact]
    public void Reports_fall_into_half_open_bins_either_side_of_the_start()
    {
        var windows = new ImpactWindows(Start, 7, 2);

        Assert.Equal(-1, windows.BinOf(Start.AddTicks(-1)));
        Assert.Equal(0, windows.BinOf(Start));
        Assert.Equal(-2, windows.BinOf(Start.AddDays(-14)));
        Assert.Null(windows.BinOf(Start.AddDays(-14).AddTicks(-1)));
        Assert.Null(windows.BinOf(Start.AddDays(14)));
        Assert.Equal(Start.AddDays(-7), windows.BinStart(-1));
    }

    [Fact]
    public void Counting_puts_each_report_in_its_bin()
    {
        var windows = new ImpactWindows(Start, 7, 2);
        DateTimeOffset[] reports = [Start.AddDays(-13), Start.AddDays(-8), Start.AddDays(-1), Start, Start.AddDays(13.9), Start.AddDays(30)];

        var counts = windows.Count(reports);

        Assert.Equal([2, 1], counts.BeforeBins);
        Assert.Equal([1, 1], counts.AfterBins);
    }
}
