namespace HotspotIntel.Api.Lists;

/// <summary>The type of a list column as GIS tools and spreadsheets read it (JSON Schema types for queryables and schemas).</summary>
public enum ColumnType
{
    String,
    Integer,
    Number,
    Boolean,

    /// <summary>An ISO 8601 calendar date, e.g. 2026-03-01.</summary>
    Date,

    /// <summary>An RFC 3339 date and time in UTC, e.g. 2026-03-01T21:30:00Z.</summary>
    DateTime,
}

/// <summary>A column of a list: its name (the JSON member name, camelCase), type, meaning, and how a row gives its value.</summary>
/// <remarks>Values are strings (codes for enumerations), numbers, booleans, <see cref="DateOnly"/> or <see cref="DateTimeOffset"/>, or null.</remarks>
public sealed record ListColumn<TRow>(string Name, ColumnType Type, string Description, Func<TRow, object?> Value)
{
    public ColumnInfo Info => new(Name, Type, Description);
}

/// <summary>What a column is, without how to read it.</summary>
public sealed record ColumnInfo(string Name, ColumnType Type, string Description);
