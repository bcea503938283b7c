using HotspotIntel.Core;
using HotspotIntel.Core.Records;

namespace HotspotIntel.Api.Lists;

/// <summary>Columns by type, and the columns every restricted record shares, so that each list names them alike.</summary>
public static class ListColumns
{
    /// <summary>
    /// Every row's last column: the protective marking of what it shows (the strictest of the records it draws on), which
    /// exports and GIS layers carry so that whoever opens them sees how to handle each row.
    /// </summary>
    public static readonly ColumnInfo MarkingColumn = new("securityMarking", ColumnType.String,
        $"The row's protective marking, the strictest of the records it shows. One of: {string.Join(", ", Core.EnumCodes<Core.Records.SecurityMarking>.All)}.");

    public static ListColumn<TRow> Text<TRow>(string name, string description, Func<TRow, string?> value) =>
        new(name, ColumnType.String, description, value);

    public static ListColumn<TRow> Code<TRow, TEnum>(string name, string description, Func<TRow, TEnum?> value) where TEnum : struct, Enum =>
        new(name, ColumnType.String, $"{description} One of: {string.Join(", ", EnumCodes<TEnum>.All)}.",
            row => value(row) is { } code ? EnumCodes<TEnum>.ToCode(code) : null);

    public static ListColumn<TRow> Integer<TRow>(string name, string description, Func<TRow, long?> value) =>
        new(name, ColumnType.Integer, description, row => value(row));

    public static ListColumn<TRow> Number<TRow>(string name, string description, Func<TRow, double?> value) =>
        new(name, ColumnType.Number, description, row => value(row));

    public static ListColumn<TRow> Time<TRow>(string name, string description, Func<TRow, DateTimeOffset?> value) =>
        new(name, ColumnType.DateTime, description, row => value(row)?.ToUniversalTime());

    public static ListColumn<TRow> Day<TRow>(string name, string description, Func<TRow, DateOnly?> value) =>
        new(name, ColumnType.Date, description, row => value(row));

    public static ListColumn<TRow> Id<TRow>(string name, string description, Func<TRow, Guid?> value) =>
        new(name, ColumnType.String, description, row => value(row)?.ToString());

    /// <summary>The owner, handling, lawful basis, review date and times every restricted record carries (the marking is every row's last column, <see cref="IListTable.Columns"/>).</summary>
    public static IEnumerable<ListColumn<TRow>> Restrictions<TRow>(Func<TRow, RecordRestrictions> record) =>
    [
        Id<TRow>("agencyId", "The agency that recorded it and owns it.", row => record(row).AgencyId),
        Code<TRow, Core.Grading.HandlingCode>("handlingCode", "P (lawful sharing permitted) or C (conditions apply).", row => record(row).HandlingCode),
        Text<TRow>("handlingConditions", "The conditions of dissemination of a C handling code.", row => record(row).HandlingConditions),
        Code<TRow, LawfulBasis>("lawfulBasis", "The basis it is held on.", row => record(row).LawfulBasis),
        Day<TRow>("reviewOn", "When it must be reviewed for retention.", row => record(row).ReviewOn),
        Time<TRow>("createdAt", "When it was first recorded in this system (UTC).", row => record(row).CreatedAt),
        Time<TRow>("updatedAt", "When it was last changed (UTC).", row => record(row).UpdatedAt),
    ];

    /// <summary>The stricter of two markings.</summary>
    public static SecurityMarking Stricter(SecurityMarking a, SecurityMarking b) => a > b ? a : b;
}
