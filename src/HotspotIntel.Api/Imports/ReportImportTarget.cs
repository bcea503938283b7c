using HotspotIntel.Api.Data;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Reports;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;
using HotspotIntel.Core.Reports;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Imports;

/// <summary>Intelligence reports from a file: each row is read into a <see cref="ReportRequest"/> and checked by <see cref="ReportRules"/>.</summary>
internal sealed class ReportImportTarget(RecordingContext recording, RiskIndicatorList indicators) : ImportTarget<IntelligenceReport>
{
    internal static readonly ImportField[] FileFields =
    [
        new("occurredAt", Required: true),
        new("recordedAt"),
        new("category", Required: true),
        new("narrative", Required: true),
        new("locationPrecisionMeters"),
        new("sourceEvaluation", Required: true),
        new("intelligenceAssessment", Required: true),
        new("historicGrading"),
        new("indicatorCodes"),
        .. RestrictionFields,
    ];

    public override ImportKind Kind => ImportKind.Reports;

    public override IReadOnlyList<ImportField> Fields => FileFields;

    protected override string Table => "intelligence_reports";

    // Not mentions_child (false until a mention of a child is added: imports add none) nor masking_cell (generated).
    protected override string Columns => "id, category, narrative, occurred_at, recorded_at, location, location_precision_meters, "
        + $"source_evaluation, intelligence_assessment, historic_grading, indicator_codes, {RestrictionColumns}";

    public override IntelligenceReport? Read(ImportRow row, Import import)
    {
        var request = new ReportRequest
        {
            OccurredAt = row.Timestamp("occurredAt"),
            RecordedAt = row.OptionalTimestamp("recordedAt"),
            Category = row.Code<ReportCategory>("category"),
            Narrative = row.RequiredText("narrative"),
            Location = row.Location(),
            CoordinateSystem = row.CoordinateSystem,
            LocationPrecisionMeters = row.OptionalInteger("locationPrecisionMeters") ?? ReportRequest.DefaultLocationPrecisionMeters,
            SourceEvaluation = row.Code<SourceEvaluation>("sourceEvaluation"),
            IntelligenceAssessment = row.Code<IntelligenceAssessment>("intelligenceAssessment"),
            HistoricGrading = row.Text("historicGrading"),
            // One text field in CSV and GeoJSON alike: codes separated by commas or semicolons.
            IndicatorCodes = row.Text("indicatorCodes")?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            HandlingCode = row.Code<HandlingCode>("handlingCode"),
            HandlingConditions = row.Text("handlingConditions"),
            SecurityMarking = row.Code<SecurityMarking>("securityMarking"),
            LawfulBasis = row.Code<LawfulBasis>("lawfulBasis"),
            ReviewOn = row.OptionalDate("reviewOn"),
        };

        // A field that could not be read has a placeholder value; the rules would only add confusing errors about it.
        if (row.Errors.Any)
        {
            return null;
        }

        var now = recording.Now;
        var report = new IntelligenceReport
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = import.AgencyId,
            Narrative = "",
            Location = Point.Empty,
            CreatedAt = now,
            ImportId = import.Id,
        };
        ReportRules.Apply(request, report, recording, indicators, row.Errors);
        return row.Errors.Any ? null : report;
    }

    public override async Task WriteAsync(NpgsqlBinaryImporter copy, IntelligenceReport report, Guid importId, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(report.Id, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(EnumCodes<ReportCategory>.ToCode(report.Category), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(report.Narrative, NpgsqlDbType.Text, cancellationToken);
        await WriteTimestampAsync(copy, report.OccurredAt, cancellationToken);
        await WriteTimestampAsync(copy, report.RecordedAt, cancellationToken);
        await copy.WriteAsync(report.Location, NpgsqlDbType.Geometry, cancellationToken);
        await copy.WriteAsync(report.LocationPrecisionMeters, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(EnumCodes<SourceEvaluation>.ToCode(report.SourceEvaluation), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(EnumCodes<IntelligenceAssessment>.ToCode(report.IntelligenceAssessment), NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(copy, report.HistoricGrading, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(report.IndicatorCodes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await WriteRestrictionsAsync(copy, report, importId, cancellationToken);
    }
}
