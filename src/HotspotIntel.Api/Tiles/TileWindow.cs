namespace HotspotIntel.Api.Tiles;

/// <summary>
/// A report filter's time window as a city-wide tile reads it: its whole months (UTC), added up from the counts made
/// ahead by month (<see cref="MonthsFrom"/> to <see cref="MonthsTo"/>, each null where the window is open), and the days
/// at its ends that are not a whole month (<see cref="Head"/> before them, <see cref="Tail"/> after), counted live from
/// the reports. A window shorter than its first whole month (the last 28 days, say) is all head: no counts are read.
/// </summary>
public sealed record TileWindow(DateTimeOffset? MonthsFrom, DateTimeOffset? MonthsTo, bool HasMonths, (DateTimeOffset From, DateTimeOffset To)? Head,
    (DateTimeOffset From, DateTimeOffset To)? Tail)
{
    public static TileWindow Of(DateTimeOffset? from, DateTimeOffset? to)
    {
        // The least instant there is goes to PostgreSQL as -infinity, where no series of months can start: from it is no
        // bound at all, and until it is nothing.
        if (to == DateTimeOffset.MinValue)
        {
            return new TileWindow(null, null, HasMonths: false, (DateTimeOffset.MinValue, DateTimeOffset.MinValue), null);
        }

        from = from == DateTimeOffset.MinValue ? null : from;
        if (from is { } last && !IsMonthStart(last) && MonthStart(last) == MonthStart(DateTimeOffset.MaxValue))
        {
            // No whole month follows the last month there is: all of it is days.
            return new TileWindow(null, null, HasMonths: false, (last, to ?? DateTimeOffset.MaxValue), null);
        }

        var monthsFrom = from is { } f && !IsMonthStart(f) ? MonthStart(f).AddMonths(1) : from;
        var monthsTo = to is { } t && !IsMonthStart(t) ? MonthStart(t) : to;
        if (from is { } start && to is { } end && monthsFrom >= monthsTo)
        {
            return new TileWindow(null, null, HasMonths: false, (start, end), null);
        }

        return new TileWindow(monthsFrom, monthsTo, HasMonths: true,
            from is { } headFrom && monthsFrom is { } headTo && headFrom < headTo ? (headFrom, headTo) : null,
            to is { } tailTo && monthsTo is { } tailFrom && tailFrom < tailTo ? (tailFrom, tailTo) : null);
    }

    /// <summary>Whether some of the window is counted live.</summary>
    public bool HasDays => Head is not null || Tail is not null;

    private static bool IsMonthStart(DateTimeOffset time) => time.UtcDateTime.Day == 1 && time.UtcDateTime.TimeOfDay == TimeSpan.Zero;

    private static DateTimeOffset MonthStart(DateTimeOffset time) => new(time.UtcDateTime.Year, time.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
}
