using HotspotIntel.Core.Reports;

namespace HotspotIntel.Bench.Output;

/// <summary>
/// The reports CSV of the import contract (POST /api/imports/reports): exactly these columns, in this order, with enum
/// values as their codes and timestamps in ISO 8601 with offset. The recording agency is the import's, not a column.
/// </summary>
internal static class ReportCsv
{
    public static readonly string[] Header =
    [
        "occurred_at", "recorded_at", "category", "narrative", "longitude", "latitude", "location_precision_meters",
        "source_evaluation", "intelligence_assessment", "handling_code", "handling_conditions", "historic_grading",
        "security_marking", "lawful_basis", "review_on", "indicator_codes",
    ];

    public static string?[] Row(IntelligenceReport report) =>
    [
        CsvFields.Time(report.OccurredAt),
        CsvFields.Time(report.RecordedAt),
        CsvFields.Code(report.Category),
        report.Narrative,
        CsvFields.Degrees(report.Location.X),
        CsvFields.Degrees(report.Location.Y),
        CsvFields.Number(report.LocationPrecisionMeters),
        CsvFields.Code(report.SourceEvaluation),
        CsvFields.Code(report.IntelligenceAssessment),
        CsvFields.Code(report.HandlingCode),
        report.HandlingConditions,
        report.HistoricGrading,
        CsvFields.Code(report.SecurityMarking),
        CsvFields.Code(report.LawfulBasis),
        CsvFields.Date(report.ReviewOn),
        string.Join(',', report.IndicatorCodes),
    ];
}
