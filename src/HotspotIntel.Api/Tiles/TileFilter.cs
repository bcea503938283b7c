using HotspotIntel.Api.Common;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Tiles;

/// <summary>
/// The report filters a tile honours, with the names and codes GET /api/reports takes: time window (UTC, <c>to</c>
/// exclusive), categories, grading (source evaluation, intelligence assessment, handling code) and recording agency.
/// An empty list or a null means no filter.
/// </summary>
public sealed record TileFilter(DateTimeOffset? From, DateTimeOffset? To, string[] Categories, string[] SourceEvaluations,
    string[] IntelligenceAssessments, string[] HandlingCodes, Guid? AgencyId)
{
    public static TileFilter Read(DateTimeOffset? from, DateTimeOffset? to, string[]? category, string[]? sourceEvaluation,
        string[]? intelligenceAssessment, string[]? handlingCode, Guid? agencyId, ValidationErrors errors)
    {
        if (from >= to)
        {
            errors.Add("to", "Must be later than from.");
        }

        return new TileFilter(from, to,
            Codes<ReportCategory>(category, "category", errors),
            Codes<SourceEvaluation>(sourceEvaluation, "sourceEvaluation", errors),
            Codes<IntelligenceAssessment>(intelligenceAssessment, "intelligenceAssessment", errors),
            Codes<HandlingCode>(handlingCode, "handlingCode", errors),
            agencyId);
    }

    public bool IsEmpty => From is null && To is null && Categories.Length == 0 && SourceEvaluations.Length == 0
        && IntelligenceAssessments.Length == 0 && HandlingCodes.Length == 0 && AgencyId is null;

    /// <summary>The filter as the report layer's SQL parameters $4 to $10 (<see cref="TileLayer.Reports"/>).</summary>
    public IEnumerable<NpgsqlParameter> Parameters() =>
    [
        new() { Value = (object?)From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        new() { Value = (object?)To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        new() { Value = Categories, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        new() { Value = SourceEvaluations, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        new() { Value = IntelligenceAssessments, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        new() { Value = HandlingCodes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        new() { Value = (object?)AgencyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
    ];

    private static string[] Codes<TEnum>(string[]? values, string field, ValidationErrors errors) where TEnum : struct, Enum =>
        [.. CodeListInput.Read<TEnum>(values, field, errors).Select(EnumCodes<TEnum>.ToCode)];
}
