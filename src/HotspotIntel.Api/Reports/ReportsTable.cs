using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Lists;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;

namespace HotspotIntel.Api.Reports;

/// <summary>
/// Reports as a flat list for GIS tools and exports: the rows and filters of <c>GET /api/reports</c>
/// (<see cref="ReportsApi.Filter"/>: masking, suppression and row-level security alike).
/// </summary>
internal static class ReportsTable
{
    /// <summary>The report filters of <see cref="ReportFilter"/> by the names GET /api/reports gives them.</summary>
    public static readonly IReadOnlyList<ListParameter> FilterParameters =
    [
        new("category", "Category codes, comma-separated.", ColumnType.String, EnumCodes<ReportCategory>.All),
        new("sourceEvaluation", "Source evaluations 1, 2, 3, comma-separated.", ColumnType.String, EnumCodes<SourceEvaluation>.All),
        new("intelligenceAssessment", "Intelligence assessments A to E, comma-separated.", ColumnType.String, EnumCodes<IntelligenceAssessment>.All),
        new("handlingCode", "Handling codes P, C, comma-separated.", ColumnType.String, EnumCodes<HandlingCode>.All),
        new("agencyId", "The recording agency's id.", ColumnType.String),
        new("indicator", "Risk indicator codes, comma-separated: reports that record any of them.", ColumnType.String),
    ];

    /// <summary>The <see cref="ReportFilter"/> a list query asks for; <c>datetime</c> is its time window.</summary>
    public static ReportFilter ReadFilter(ListQuery query, ValidationErrors errors) =>
        ReportFilter.Read(query.From, query.To, query.Values("category"), query.Values("sourceEvaluation"), query.Values("intelligenceAssessment"),
            query.Values("handlingCode"), query.Guid("agencyId", errors), query.Values("indicator"), errors);

    /// <summary>The columns of a report that GIS tools and spreadsheets get (everything but the ids of what it mentions).</summary>
    public static IEnumerable<ListColumn<IntelligenceReport>> Columns() =>
    [
        ListColumns.Code<IntelligenceReport, ReportCategory>("category", "What it is about.", r => r.Category),
        ListColumns.Text<IntelligenceReport>("indicatorCodes", "The risk indicator codes it records, comma-separated.", r => string.Join(",", r.IndicatorCodes)),
        ListColumns.Time<IntelligenceReport>("occurredAt", "When it happened (UTC).", r => r.OccurredAt),
        ListColumns.Time<IntelligenceReport>("recordedAt", "When the agency recorded it (UTC).", r => r.RecordedAt),
        ListColumns.Integer<IntelligenceReport>("locationPrecisionMeters", "Radius in metres within which the true location lies.", r => r.LocationPrecisionMeters),
        ListColumns.Text<IntelligenceReport>("grading", "The 3x5x2 grading as written, e.g. 2B P.", r => r.Grading.Code),
        ListColumns.Code<IntelligenceReport, SourceEvaluation>("sourceEvaluation", "1 (reliable), 2 (untested) or 3 (not reliable).", r => r.SourceEvaluation),
        ListColumns.Code<IntelligenceReport, IntelligenceAssessment>("intelligenceAssessment", "A to E.", r => r.IntelligenceAssessment),
        ListColumns.Text<IntelligenceReport>("historicGrading", "A 5x5x5 grading as first given, never converted.", r => r.HistoricGrading),
        ListColumns.Text<IntelligenceReport>("narrative", "What was seen or heard, as your role may read it.", r => r.Narrative),
        ListColumns.Day<IntelligenceReport>("erasedOn", "The day its personal content was erased on review.", r => r.ErasedOn),
        ListColumns.Id<IntelligenceReport>("importId", "The bulk import that brought it in.", r => r.ImportId),
        .. ListColumns.Restrictions<IntelligenceReport>(r => r),
    ];

    public static readonly ListTable<IntelligenceReport, ReportFilter> Table = new()
    {
        Id = "reports",
        Title = "Intelligence reports",
        Description = "Reports at the place your role may see: tasking members and licensing officers get a child-linked report only at the centre "
            + "of its 500 m cell, without narrative, and none from cells with too few (as GET /api/reports).",
        Geometry = ListGeometry.Point,
        Parameters = FilterParameters,
        RowColumns = [.. Columns()],
        Filter = ReadFilter,
        Query = (db, filter, area) => ReportsApi.Filter(db, area, filter),
        Key = r => r.Id,
        Time = r => r.OccurredAt,
        GeometryOf = r => r.Location,
        Marking = r => r.SecurityMarking,
    };
}
