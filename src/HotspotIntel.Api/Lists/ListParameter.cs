namespace HotspotIntel.Api.Lists;

/// <summary>
/// A filter a list takes besides <c>bbox</c> and <c>datetime</c>, by query parameter: its name, meaning and type, and
/// the codes it accepts (null: any value of the type). Repeated or comma-separated values are read as a list where the
/// list's filter reads one.
/// </summary>
public sealed record ListParameter(string Name, string Description, ColumnType Type, IReadOnlyList<string>? Codes = null);
