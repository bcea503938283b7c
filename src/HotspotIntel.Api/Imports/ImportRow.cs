using System.Globalization;
using System.Text.RegularExpressions;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Core;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// One data row of an import file, whatever its format: values looked up by the field's JSON API name, read into the
/// types the API's requests hold, with every problem recorded in <see cref="Errors"/> under that name.
/// </summary>
internal abstract partial class ImportRow
{
    /// <summary>The 1-based data row (CSV, header not counted) or feature (GeoJSON).</summary>
    public int Number { get; private set; }

    /// <summary>This row's problems, keyed by JSON API field name.</summary>
    public ValidationErrors Errors { get; private set; } = new();

    /// <summary>The coordinate system of <see cref="Location"/>.</summary>
    public abstract CoordinateSystem CoordinateSystem { get; }

    /// <summary>The field's value as the file gives it, or null when it is absent or empty.</summary>
    protected abstract string? Raw(string field);

    /// <summary>The row's point in <see cref="CoordinateSystem"/>, not yet checked; an empty point, with the reason in <see cref="Errors"/>, when it cannot be read.</summary>
    public abstract Geometry Location();

    /// <summary>How the file names a field (its CSV column or GeoJSON member), for error messages.</summary>
    public abstract string FileName(string field);

    /// <summary>Moves on to the next row.</summary>
    protected void Start(int number)
    {
        Number = number;
        Errors = new ValidationErrors();
    }

    public string? Text(string field)
    {
        var text = Raw(field);
        // PostgreSQL text cannot hold U+0000; refusing it here keeps it from failing the whole COPY.
        if (text is not null && TextInput.Unstorable(text) is { } problem)
        {
            Errors.Add(field, problem);
        }

        return text;
    }

    public string RequiredText(string field) => Text(field) ?? Missing(field, "");

    public TEnum Code<TEnum>(string field) where TEnum : struct, Enum =>
        Raw(field) is { } text ? ParseCode<TEnum>(field, text) : Missing<TEnum>(field, default);

    public TEnum? OptionalCode<TEnum>(string field) where TEnum : struct, Enum =>
        Raw(field) is { } text ? ParseCode<TEnum>(field, text) : null;

    public DateTimeOffset Timestamp(string field) =>
        Raw(field) is { } text ? ParseTimestamp(field, text) : Missing<DateTimeOffset>(field, default);

    public DateTimeOffset? OptionalTimestamp(string field) => Raw(field) is { } text ? ParseTimestamp(field, text) : null;

    public DateOnly? OptionalDate(string field)
    {
        if (Raw(field) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Errors.Add(field, $"Not a date: '{text}'; use yyyy-MM-dd.");
        return null;
    }

    public int? OptionalInteger(string field)
    {
        if (Raw(field) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add(field, $"Not a whole number: '{text}'.");
        return null;
    }

    public long? OptionalLong(string field)
    {
        if (Raw(field) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add(field, $"Not a whole number: '{text}'.");
        return null;
    }

    /// <summary>Reads a coordinate given as text (CSV), recording a problem under <c>location</c> with the column's name.</summary>
    protected double? Coordinate(string column, string? text)
    {
        if (text is null)
        {
            Errors.Add("location", $"{column}: Required.");
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Errors.Add("location", $"{column}: Not a number: '{text}'.");
        return null;
    }

    private TEnum ParseCode<TEnum>(string field, string text) where TEnum : struct, Enum
    {
        if (EnumCodes<TEnum>.TryParse(text, out var value))
        {
            return value;
        }

        Errors.Add(field, $"'{text}' is not a {typeof(TEnum).Name} code. Allowed values: {string.Join(", ", EnumCodes<TEnum>.All)}.");
        return default;
    }

    private DateTimeOffset ParseTimestamp(string field, string text)
    {
        var trimmed = text.Trim();
        if (IsoTimestamp().IsMatch(trimmed)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        Errors.Add(field, $"Not an ISO 8601 timestamp with an offset: '{text}'; e.g. 2026-10-14T23:10:00+01:00.");
        return default;
    }

    private T Missing<T>(string field, T placeholder)
    {
        Errors.Add(field, "Required.");
        return placeholder;
    }

    // Date, time to the minute at least, and an explicit offset: a timestamp without one would silently take the server's zone.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoTimestamp();
}
