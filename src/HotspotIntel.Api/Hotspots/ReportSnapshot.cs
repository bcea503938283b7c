using HotspotIntel.Analysis;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;
using Npgsql;

namespace HotspotIntel.Api.Hotspots;

/// <summary>
/// Every intelligence report as a run analyses it, read in one query inside the run's transaction: id, point in
/// British National Grid metres (PostGIS <c>ST_Transform(location, 27700)</c>), time, grading and category. Erased
/// reports are included: erasure keeps place, time, category and grading precisely so that hotspots still count them.
/// </summary>
public sealed class ReportSnapshot
{
    private ReportSnapshot(List<Guid> ids, List<HotspotReport> reports, List<ReportCategory> categories, DateTimeOffset? watermark)
    {
        Ids = ids;
        Reports = reports;
        Categories = categories;
        Watermark = watermark;
    }

    public IReadOnlyList<Guid> Ids { get; }

    public IReadOnlyList<HotspotReport> Reports { get; }

    public IReadOnlyList<ReportCategory> Categories { get; }

    /// <summary>The latest created_at or updated_at among the reports; null when there are none.</summary>
    public DateTimeOffset? Watermark { get; }

    /// <summary>How many reports there are and the latest change among them, without reading them: enough to tell whether anything changed.</summary>
    public static async Task<(int Count, DateTimeOffset? Watermark)> MeasureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*)::int, max(greatest(created_at, updated_at)) FROM intelligence_reports", connection, transaction) { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    public static async Task<ReportSnapshot> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        var reports = new List<HotspotReport>();
        var categories = new List<ReportCategory>();
        DateTimeOffset? watermark = null;
        await using var command = new NpgsqlCommand(
            """
            SELECT r.id, ST_X(p.point), ST_Y(p.point), r.occurred_at, r.source_evaluation, r.intelligence_assessment, r.category,
                   greatest(r.created_at, r.updated_at)
            FROM intelligence_reports r CROSS JOIN LATERAL (SELECT ST_Transform(r.location, 27700) AS point) p
            """, connection, transaction) { CommandTimeout = RunHotspotAnalysisJob.CommandTimeoutSeconds };
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
            reports.Add(new HotspotReport(
                new PlanarPoint(reader.GetDouble(1), reader.GetDouble(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                EnumCodes<SourceEvaluation>.Parse(reader.GetString(4)),
                EnumCodes<IntelligenceAssessment>.Parse(reader.GetString(5))));
            categories.Add(EnumCodes<ReportCategory>.Parse(reader.GetString(6)));
            var changed = reader.GetFieldValue<DateTimeOffset>(7);
            watermark = watermark is null || changed > watermark ? changed : watermark;
        }

        return new ReportSnapshot(ids, reports, categories, watermark);
    }
}
