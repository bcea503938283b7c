using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Links;
using HotspotIntel.Core.Reports;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Network;

/// <summary>What a link rests on, as the reader may see it: a recorded link's source reports, a derived link's evidence.</summary>
public sealed record LinkEvidenceView(Guid LinkId, LinkDerivation Derivation, Guid From, Guid To, IReadOnlyList<EvidenceReport> Reports);

/// <summary>
/// One report a link rests on. For co-location, the report that names <c>from</c> paired with the one that names
/// <c>to</c>, how far apart (metres) and how long apart (minutes) they happened.
/// </summary>
public sealed record EvidenceReport(
    Guid Id,
    ReportCategory Category,
    DateTimeOffset OccurredAt,
    string Grading,
    SourceEvaluation SourceEvaluation,
    IntelligenceAssessment IntelligenceAssessment,
    Guid AgencyId,
    Guid? PairedReportId,
    DateTimeOffset? PairedOccurredAt,
    double? DistanceMeters,
    double? MinutesApart);

/// <summary>Reads a link's evidence under the reader's row-level security (reports through <c>reports_for_role</c>).</summary>
public static class LinkEvidence
{
    public static async Task<List<EvidenceReport>> OfRecordedAsync(NpgsqlConnection connection, Guid linkId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.id, r.category, r.occurred_at, r.source_evaluation::text, r.intelligence_assessment::text, r.agency_id,
                   NULL::uuid, NULL::timestamptz, NULL::double precision, NULL::double precision
            FROM link_reports p JOIN reports_for_role r ON r.id = p.report_id
            WHERE p.link_id = $1
            ORDER BY r.occurred_at, r.id
            """, connection)
        {
            Parameters = { new() { Value = linkId, NpgsqlDbType = NpgsqlDbType.Uuid } },
        };
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// The evidence of the derived link of <paramref name="derivation"/> between two entities, oldest first: of each
    /// entity and of every record merged into it that the reader may see merged.
    /// </summary>
    public static async Task<List<EvidenceReport>> OfDerivedAsync(NpgsqlConnection connection, LinkDerivation derivation, Guid one, Guid other,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.id, r.category, r.occurred_at, r.source_evaluation::text, r.intelligence_assessment::text, r.agency_id,
                   CASE WHEN e.report_id <> e.paired_report_id THEN s.id END,
                   CASE WHEN e.report_id <> e.paired_report_id THEN s.occurred_at END,
                   CASE WHEN e.report_id <> e.paired_report_id THEN e.distance_meters END,
                   CASE WHEN e.report_id <> e.paired_report_id THEN e.minutes_apart END
            FROM derived_link_evidence e
            JOIN reports_for_role r ON r.id = e.report_id
            JOIN reports_for_role s ON s.id = e.paired_report_id
            WHERE ((e.entity_id = ANY (ARRAY(SELECT m.merged_id FROM entity_merges m WHERE m.survivor_id = $1 AND m.reversed_at IS NULL) || $1)
                    AND e.other_id = ANY (ARRAY(SELECT m.merged_id FROM entity_merges m WHERE m.survivor_id = $2 AND m.reversed_at IS NULL) || $2))
                   OR (e.entity_id = ANY (ARRAY(SELECT m.merged_id FROM entity_merges m WHERE m.survivor_id = $2 AND m.reversed_at IS NULL) || $2)
                       AND e.other_id = ANY (ARRAY(SELECT m.merged_id FROM entity_merges m WHERE m.survivor_id = $1 AND m.reversed_at IS NULL) || $1)))
              AND ((e.report_id = e.paired_report_id) = $3)
            ORDER BY r.occurred_at, r.id, s.id
            """, connection)
        {
            Parameters =
            {
                new() { Value = one, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = other, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = derivation == LinkDerivation.CoOccurrence, NpgsqlDbType = NpgsqlDbType.Boolean },
            },
        };
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<EvidenceReport>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var reports = new List<EvidenceReport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (source, assessment) = (reader.GetString(3), reader.GetString(4));
            reports.Add(new EvidenceReport(reader.GetGuid(0), EnumCodes<ReportCategory>.Parse(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2),
                source + assessment, EnumCodes<SourceEvaluation>.Parse(source), EnumCodes<IntelligenceAssessment>.Parse(assessment), reader.GetGuid(5),
                reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : Math.Round(reader.GetDouble(8), 1), reader.IsDBNull(9) ? null : Math.Round(reader.GetDouble(9), 2)));
        }

        return reports;
    }
}
