using System.Globalization;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Lists;

/// <summary>
/// What a request asks of a list besides paging and output: a bounding box (<c>bbox</c>, in <c>bbox-crs</c>), a time
/// window (<c>datetime</c>, for lists with a time) and the list's own filters by name. A parameter the list does not
/// take is an error, never silently ignored.
/// </summary>
public sealed class ListQuery
{
    private readonly Dictionary<string, string[]> _values;

    private ListQuery(Envelope? box, OutputCrs boxCrs, DateTimeOffset? from, DateTimeOffset? to, Dictionary<string, string[]> values)
    {
        Box = box;
        BoxCrs = boxCrs;
        From = from;
        To = to;
        _values = values;
    }

    /// <summary>No filter at all.</summary>
    public static ListQuery None => new(null, OutputCrs.Crs84, null, null, []);

    /// <summary>The box in <see cref="BoxCrs"/>'s axis order; null: no box.</summary>
    public Envelope? Box { get; }

    public OutputCrs BoxCrs { get; }

    /// <summary>The start of the time window, inclusive; null: open.</summary>
    public DateTimeOffset? From { get; }

    /// <summary>The end of the time window, exclusive; null: open.</summary>
    public DateTimeOffset? To { get; }

    /// <summary>The values of the list's parameter <paramref name="name"/>, as given (repeated parameters kept apart); null when absent.</summary>
    public string[]? Values(string name) => _values.GetValueOrDefault(name);

    /// <summary>The one value of <paramref name="name"/>; null when absent.</summary>
    public string? Value(string name) => _values.GetValueOrDefault(name) is [var only, ..] ? only : null;

    /// <summary>The value of a Guid parameter, or null (absent, or wrong, with the reason in <paramref name="errors"/>).</summary>
    public Guid? Guid(string name, ValidationErrors errors)
    {
        if (Value(name) is not { } text)
        {
            return null;
        }

        if (System.Guid.TryParse(text, out var id))
        {
            return id;
        }

        errors.Add(name, $"'{text}' is not an id (a UUID such as 0192f3a4-5b6c-7d8e-9f00-112233445566).");
        return null;
    }

    /// <summary>The value of a number parameter, or null (absent, or wrong, with the reason in <paramref name="errors"/>).</summary>
    public double? Number(string name, ValidationErrors errors)
    {
        if (Value(name) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        errors.Add(name, $"'{text}' is not a number.");
        return null;
    }

    /// <summary>
    /// Reads <paramref name="query"/> for a list that takes <paramref name="parameters"/> (and <c>datetime</c> when
    /// <paramref name="takesTime"/>); <paramref name="reserved"/> are the endpoint's own (paging, output), read elsewhere.
    /// </summary>
    public static ListQuery Read(IQueryCollection query, string listTitle, IReadOnlyList<ListParameter> parameters, bool takesTime,
        IReadOnlySet<string> reserved, ValidationErrors errors)
    {
        var known = parameters.Select(parameter => parameter.Name).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, given) in query)
        {
            if (known.Contains(name))
            {
                values[name] = [.. given.OfType<string>().Where(value => value.Length > 0)];
                if (given.Count > 1 && parameters.First(parameter => parameter.Name == name).Codes is null)
                {
                    errors.Add(name, "Give it once.");
                }
            }
            else if (!reserved.Contains(name) && name is not ("bbox" or "bbox-crs" or "datetime"))
            {
                errors.Add(name, $"{listTitle} take no parameter '{name}'; they take: "
                    + string.Join(", ", new[] { "bbox", "bbox-crs" }.Concat(takesTime ? ["datetime"] : []).Concat(known).Concat(reserved)) + ".");
            }
        }

        var boxCrs = OutputCrs.FromOgc(query["bbox-crs"].FirstOrDefault());
        if (boxCrs is null)
        {
            errors.Add("bbox-crs", $"Must be one of: {string.Join(", ", OutputCrs.All.Select(crs => crs.Uri))}.");
        }

        var box = ReadBox(query["bbox"].FirstOrDefault(), boxCrs ?? OutputCrs.Crs84, errors);
        var (from, to) = (default(DateTimeOffset?), default(DateTimeOffset?));
        if (query["datetime"].FirstOrDefault() is { Length: > 0 } datetime)
        {
            if (takesTime)
            {
                (from, to) = ReadInterval(datetime, errors);
            }
            else
            {
                errors.Add("datetime", $"{listTitle} have no time to filter by.");
            }
        }

        return new ListQuery(box, boxCrs ?? OutputCrs.Crs84, from, to, values);
    }

    /// <summary>Four numbers (or six, with heights, which are ignored): the lower corner, then the upper, in the CRS's axis order.</summary>
    private static Envelope? ReadBox(string? bbox, OutputCrs crs, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(bbox))
        {
            return null;
        }

        var parts = bbox.Split(',');
        var numbers = new double[parts.Length];
        if (parts.Length is not (4 or 6)
            || !parts.Select((part, i) => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(ok => ok))
        {
            errors.Add("bbox", "Must be four numbers (or six with heights): the lower corner, then the upper, in bbox-crs's axis order "
                + "(CRS84: minLon,minLat,maxLon,maxLat; EPSG:27700: minEasting,minNorthing,maxEasting,maxNorthing).");
            return null;
        }

        var (min1, min2, max1, max2) = parts.Length == 4 ? (numbers[0], numbers[1], numbers[2], numbers[3]) : (numbers[0], numbers[1], numbers[3], numbers[4]);
        if (min1 >= max1 || min2 >= max2)
        {
            errors.Add("bbox", "Each lower coordinate must be less than the upper one.");
            return null;
        }

        var (lonMin, latMin, lonMax, latMax) = crs.LatitudeFirst ? (min2, min1, max2, max1) : (min1, min2, max1, max2);
        if (crs.IsGeographic && (lonMin < -180 || lonMax > 180 || latMin < -90 || latMax > 90))
        {
            errors.Add("bbox", crs.LatitudeFirst
                ? "In EPSG:4326 latitude comes first: minLat,minLon,maxLat,maxLon, latitudes in [-90, 90] and longitudes in [-180, 180]."
                : "Longitudes must lie in [-180, 180] and latitudes in [-90, 90]; longitude comes first.");
            return null;
        }

        if (!crs.IsGeographic && (min1 < -1e7 || max1 > 1e7 || min2 < -1e7 || max2 > 1e7))
        {
            errors.Add("bbox", "Eastings and northings are metres within 10,000 km of the grid's origin.");
            return null;
        }

        return new Envelope(min1, max1, min2, max2);
    }

    /// <summary>
    /// An RFC 3339 instant or a closed interval <c>start/end</c> (<c>..</c> or nothing for an open end), as
    /// OGC API Features reads <c>datetime</c>: a time, or a day (the whole day); ends are included.
    /// </summary>
    private static (DateTimeOffset? From, DateTimeOffset? To) ReadInterval(string datetime, ValidationErrors errors)
    {
        var ends = datetime.Split('/');
        if (ends.Length > 2)
        {
            errors.Add("datetime", "Must be a time, a day, or an interval start/end of them (.. for an open end).");
            return (null, null);
        }

        var start = ReadEnd(ends[0], "start", errors);
        var end = ends.Length == 2 ? ReadEnd(ends[1], "end", errors) : start;
        if (ends.Length == 2 && ends[0] is ("" or "..") && ends[1] is ("" or ".."))
        {
            errors.Add("datetime", "At least one end of the interval must be given.");
        }

        var from = start?.From;
        var to = end?.Through;
        if (from is not null && to is not null && from >= to)
        {
            errors.Add("datetime", "The start must come before the end.");
        }

        return (from, to);
    }

    /// <summary>One end of an interval: the instant it starts and the instant just after it (a day lasts to the next midnight UTC).</summary>
    private static (DateTimeOffset From, DateTimeOffset Through)? ReadEnd(string text, string which, ValidationErrors errors)
    {
        if (text is "" or "..")
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return (midnight, midnight.AddDays(1));
        }

        if (text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            // PostgreSQL keeps microseconds: the instant just after this one.
            return (instant, instant.AddTicks(TimeSpan.TicksPerMicrosecond));
        }

        errors.Add("datetime", $"The {which} '{text}' is not an RFC 3339 time (2026-03-01T21:30:00Z) or a day (2026-03-01).");
        return null;
    }
}
