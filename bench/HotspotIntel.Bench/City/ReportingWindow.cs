namespace HotspotIntel.Bench.City;

/// <summary>
/// The 18 months the synthetic reports cover, ending at a fixed reference date so the same seed always gives the same
/// city, except where a flow ends it on another day (<see cref="EndOn"/>): the demo ends on the day it is loaded, so a
/// new user sees current hotspots. Month 0 is the first month, month 17 the last before the reference date.
/// </summary>
internal static class ReportingWindow
{
    public const int Months = 18;

    /// <summary>The end of the window (exclusive), UTC, unless the calling flow ended it elsewhere.</summary>
    public static readonly DateTimeOffset FixedReferenceDate = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    // Per async flow, so that tests generating cities side by side never see each other's end.
    private static readonly AsyncLocal<DateTimeOffset?> FlowReferenceDate = new();

    /// <summary>The end of the window (exclusive), UTC.</summary>
    public static DateTimeOffset ReferenceDate => FlowReferenceDate.Value ?? FixedReferenceDate;

    /// <summary>Ends the window at the start of <paramref name="day"/> (UTC) for whatever the calling async flow generates next.</summary>
    public static void EndOn(DateOnly day) => FlowReferenceDate.Value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateTimeOffset Start => MonthStart(0);

    public static DateTimeOffset MonthStart(int month) => ReferenceDate.AddMonths(month - Months);

    /// <summary>The month as <c>yyyy-MM</c>.</summary>
    public static string MonthName(int month) => MonthStart(month).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A random instant in <paramref name="month"/> at an hour drawn from <see cref="EveningHours"/>, UTC.</summary>
    public static DateTimeOffset InstantIn(int month, Prng prng)
    {
        var start = MonthStart(month);
        var days = (MonthStart(month + 1) - start).Days;
        var day = start.AddDays(prng.Next(days));
        var hour = EveningHours.Pick(prng);
        var instant = day.AddHours(hour).AddMinutes(prng.Next(60)).AddSeconds(prng.Next(60));
        // An evening after midnight can spill past the window's end on its last day.
        return instant < ReferenceDate ? instant : ReferenceDate.AddMinutes(-prng.Next(30, 600));
    }

    /// <summary>Exploitation is reported mostly from late afternoon to the small hours.</summary>
    public static readonly Weighted<int> EveningHours = new(
        [.. Enumerable.Range(0, 24).Select(hour => (hour, hour switch
        {
            >= 18 or <= 1 => 6.0,
            >= 15 => 3.0,
            <= 4 => 2.0,
            _ => 1.0,
        }))]);
}
