namespace HotspotIntel.Bench.City;

/// <summary>Splits a whole number of records among parts so the parts add up exactly.</summary>
internal static class Apportion
{
    /// <summary>The offset and count of part <paramref name="index"/> when <paramref name="total"/> is split as evenly as possible into <paramref name="parts"/>.</summary>
    public static (long Offset, int Count) Evenly(long total, int parts, int index)
    {
        var size = total / parts;
        var remainder = total % parts;
        var offset = index * size + Math.Min(index, remainder);
        return (offset, (int)(size + (index < remainder ? 1 : 0)));
    }

    /// <summary><paramref name="total"/> split in proportion to <paramref name="weights"/> by largest remainder.</summary>
    public static int[] ByWeight(int total, IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(weight => total * weight / sum).ToArray();
        var counts = exact.Select(value => (int)Math.Floor(value)).ToArray();
        var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).ToArray();
        var remainder = total - counts.Sum();
        for (var i = 0; i < remainder; i++)
        {
            counts[order[i]]++;
        }

        return counts;
    }
}
