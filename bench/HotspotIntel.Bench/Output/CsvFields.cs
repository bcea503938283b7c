using System.Globalization;
using HotspotIntel.Bench.City;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;

namespace HotspotIntel.Bench.Output;

/// <summary>How values are spelled in the dataset's CSV files; null is an empty field.</summary>
internal static class CsvFields
{
    /// <summary>The restriction columns every entity file ends with (reports put historic_grading among them, as the import contract says).</summary>
    public static readonly string[] RestrictionHeader = ["handling_code", "handling_conditions", "security_marking", "lawful_basis", "review_on"];

    /// <summary>ISO 8601 with the UK offset of the moment (+00:00 in winter, +01:00 in summer), as a recorder would write it.</summary>
    public static string Time(DateTimeOffset instant) =>
        UkTime.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? instant) => instant is { } value ? Time(value) : null;

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Degrees to six decimal places (about 0.1 m), the precision the generator rounds to.</summary>
    public static string Degrees(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string Code<TEnum>(TEnum value) where TEnum : struct, Enum => EnumCodes<TEnum>.ToCode(value);

    public static string?[] Restrictions(RecordRestrictions record) =>
    [
        Code(record.HandlingCode), record.HandlingConditions, Code(record.SecurityMarking), Code(record.LawfulBasis), Date(record.ReviewOn),
    ];
}
