namespace HotspotIntel.Bench.City;

/// <summary>UK civil time: GMT in winter, BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.</summary>
internal static class UkTime
{
    public static DateTimeOffset ToLocal(DateTimeOffset instant)
    {
        var year = instant.UtcDateTime.Year;
        var summer = instant >= LastSunday(year, 3).AddHours(1) && instant < LastSunday(year, 10).AddHours(1);
        return instant.ToOffset(summer ? TimeSpan.FromHours(1) : TimeSpan.Zero);
    }

    private static DateTimeOffset LastSunday(int year, int month)
    {
        var last = new DateTimeOffset(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, TimeSpan.Zero);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
