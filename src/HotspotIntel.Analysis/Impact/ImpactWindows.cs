namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// The equal windows before and after an action that its impact is counted over: <see cref="BinsPerWindow"/> bins of
/// <see cref="BinDays"/> days on each side of <see cref="ActionStart"/>, half-open [from, to), in UTC.
/// </summary>
/// <remarks>
/// The after window begins when the action starts, so a patrol's effect during the patrols counts. It holds only bins
/// that have fully passed by the assessment's date, and the before window is cut to the same length, so the windows
/// stay equal while an action is recent. In SQL a report's bin is
/// <c>floor(extract(epoch FROM occurred_at - :action_start) / (:bin_days * 86400))</c>: −n to −1 before, 0 to n − 1 after.
/// </remarks>
public sealed record ImpactWindows(DateTimeOffset ActionStart, int BinDays, int BinsPerWindow)
{
    /// <summary>
    /// The windows for an action that started at <paramref name="actionStart"/>, assessed at <paramref name="asOf"/>:
    /// as many whole bins of <paramref name="binDays"/> days as have passed since the start, at most
    /// <paramref name="maxBinsPerWindow"/>, on each side.
    /// </summary>
    public static ImpactWindows Plan(DateTimeOffset actionStart, DateTimeOffset asOf, int binDays, int maxBinsPerWindow)
    {
        if (binDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(binDays), binDays, "Must be at least one day.");
        }

        if (maxBinsPerWindow < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBinsPerWindow), maxBinsPerWindow, "Must be at least one bin.");
        }

        var passedBins = asOf <= actionStart ? 0 : (int)Math.Min(maxBinsPerWindow, (asOf - actionStart).Ticks / TimeSpan.FromDays(binDays).Ticks);
        return new ImpactWindows(actionStart, binDays, passedBins);
    }

    /// <summary>Start of the before window (inclusive).</summary>
    public DateTimeOffset BeforeStart => ActionStart - (BinLength * BinsPerWindow);

    /// <summary>End of the after window (exclusive).</summary>
    public DateTimeOffset AfterEnd => ActionStart + (BinLength * BinsPerWindow);

    private TimeSpan BinLength => TimeSpan.FromDays(BinDays);

    /// <summary>Start of bin <paramref name="bin"/>: −<see cref="BinsPerWindow"/> to −1 before the action, 0 to <see cref="BinsPerWindow"/> − 1 after.</summary>
    public DateTimeOffset BinStart(int bin) => ActionStart + (BinLength * bin);

    /// <summary>The bin <paramref name="at"/> falls in (−n to −1 before, 0 to n − 1 after); null outside both windows.</summary>
    public int? BinOf(DateTimeOffset at)
    {
        if (at < BeforeStart || at >= AfterEnd)
        {
            return null;
        }

        var (quotient, remainder) = Math.DivRem((at - ActionStart).Ticks, BinLength.Ticks);
        // Rounded down, not toward zero: the instant just before the action is in bin −1.
        return (int)(remainder < 0 ? quotient - 1 : quotient);
    }

    /// <summary>The counts of reports that happened at <paramref name="occurredAt"/>, in these windows' bins.</summary>
    public AreaCounts Count(IEnumerable<DateTimeOffset> occurredAt)
    {
        var before = new int[BinsPerWindow];
        var after = new int[BinsPerWindow];
        foreach (var at in occurredAt)
        {
            if (BinOf(at) is { } bin)
            {
                if (bin < 0)
                {
                    before[bin + BinsPerWindow]++;
                }
                else
                {
                    after[bin]++;
                }
            }
        }

        return new AreaCounts(before, after);
    }
}
