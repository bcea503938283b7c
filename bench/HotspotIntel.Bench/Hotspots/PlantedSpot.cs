using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Bench.Hotspots;

/// <summary>How a planted hotspot's monthly rate moves over its active months.</summary>
internal enum SpotCourse
{
    Steady,
    Rising,
    Falling,
}

/// <summary>
/// A hotspot planted in the evaluation city: reports fall uniformly inside <see cref="Shape"/> from month
/// <see cref="FirstMonth"/> to <see cref="LastMonth"/> (inclusive), about <see cref="ReportsPerMonth"/> a month on
/// average over those months, steady, rising or falling.
/// </summary>
internal sealed record PlantedSpot(string Id, string Story, PlantedShape Shape, int FirstMonth, int LastMonth, double ReportsPerMonth, SpotCourse Course)
{
    /// <summary>The mean number of reports in <paramref name="month"/>: 0 outside the active months.</summary>
    public double MeanReports(int month)
    {
        if (month < FirstMonth || month > LastMonth)
        {
            return 0;
        }

        // Rising and falling go linearly between a fifth and nine fifths of the average rate.
        var span = LastMonth - FirstMonth;
        var progress = span == 0 ? 0.5 : (double)(month - FirstMonth) / span;
        return Course switch
        {
            SpotCourse.Rising => ReportsPerMonth * (0.2 + (1.6 * progress)),
            SpotCourse.Falling => ReportsPerMonth * (1.8 - (1.6 * progress)),
            _ => ReportsPerMonth,
        };
    }

    public bool ActiveIn(int month) => month >= FirstMonth && month <= LastMonth;

    /// <summary>
    /// The trends a run as of the start of <paramref name="asOfMonth"/> may rightly give this spot, its trend window
    /// starting in <paramref name="windowStartMonth"/>, by issue 18's two rules: a spot that stopped is historical or
    /// diminishing, one that started inside the window is new or intensifying; null for a spot active throughout.
    /// </summary>
    public IReadOnlySet<HotspotTrend>? RightTrends(int asOfMonth, int windowStartMonth) =>
        LastMonth < asOfMonth - 1 ? new HashSet<HotspotTrend> { HotspotTrend.Historical, HotspotTrend.Diminishing }
        : FirstMonth > windowStartMonth ? new HashSet<HotspotTrend> { HotspotTrend.New, HotspotTrend.Intensifying }
        : null;

    /// <summary>The trend planted for a spot active throughout the window: persistent, intensifying or diminishing by its course.</summary>
    public HotspotTrend PlantedTrend => Course switch
    {
        SpotCourse.Rising => HotspotTrend.Intensifying,
        SpotCourse.Falling => HotspotTrend.Diminishing,
        _ => HotspotTrend.Persistent,
    };
}
