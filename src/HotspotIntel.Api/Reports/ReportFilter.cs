using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Reports;

/// <summary>
/// The report filters GET /api/reports and the report tiles both take, with the same names and codes: time window
/// (<c>to</c> exclusive), categories, grading (source evaluation, intelligence assessment, handling code), recording
/// agency and risk indicators (a report carrying any of them). An empty list or a null means no filter.
/// </summary>
public sealed record ReportFilter(DateTimeOffset? From, DateTimeOffset? To, List<ReportCategory> Categories, List<SourceEvaluation> SourceEvaluations,
    List<IntelligenceAssessment> IntelligenceAssessments, List<HandlingCode> HandlingCodes, Guid? AgencyId, List<string> IndicatorCodes)
{
    public static ReportFilter None => new(null, null, [], [], [], [], null, []);

    /// <summary>
    /// The filter from a request's query values, each bad one named in <paramref name="errors"/>. Indicator codes are
    /// checked for their shape only: the list is the partnership's data, and a code not on it matches no report.
    /// </summary>
    public static ReportFilter Read(DateTimeOffset? from, DateTimeOffset? to, string[]? category, string[]? sourceEvaluation,
        string[]? intelligenceAssessment, string[]? handlingCode, Guid? agencyId, string[]? indicator, ValidationErrors errors)
    {
        if (from >= to)
        {
            errors.Add("to", "Must be later than from.");
        }

        return new ReportFilter(from, to,
            CodeListInput.Read<ReportCategory>(category, "category", errors),
            CodeListInput.Read<SourceEvaluation>(sourceEvaluation, "sourceEvaluation", errors),
            CodeListInput.Read<IntelligenceAssessment>(intelligenceAssessment, "intelligenceAssessment", errors),
            CodeListInput.Read<HandlingCode>(handlingCode, "handlingCode", errors),
            agencyId,
            ReadIndicatorCodes(indicator, errors));
    }

    private static List<string> ReadIndicatorCodes(string[]? values, ValidationErrors errors)
    {
        var codes = new List<string>();
        foreach (var code in (values ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!RiskIndicator.IsCode(code))
            {
                errors.Add("indicator", $"'{code}' is not a risk indicator code (GET /api/risk-indicators lists them).");
            }
            else if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    public bool IsEmpty => From is null && To is null && Categories.Count == 0 && SourceEvaluations.Count == 0
        && IntelligenceAssessments.Count == 0 && HandlingCodes.Count == 0 && AgencyId is null && IndicatorCodes.Count == 0;

    /// <summary>
    /// The filter as SQL parameters, in the stored codes and in this order: the time window's start and end (null: open),
    /// the categories, source evaluations, intelligence assessments and handling codes (each empty: all), the
    /// recording agency (null: all) and the indicator codes (empty: all). New parameters each call: a parameter belongs
    /// to one command.
    /// </summary>
    internal NpgsqlParameter[] SqlParameters() =>
    [
        new() { Value = (object?)From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        new() { Value = (object?)To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        Codes(Categories),
        Codes(SourceEvaluations),
        Codes(IntelligenceAssessments),
        Codes(HandlingCodes),
        new() { Value = (object?)AgencyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
        new() { Value = IndicatorCodes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
    ];

    private static NpgsqlParameter Codes<TEnum>(List<TEnum> values) where TEnum : struct, Enum =>
        new() { Value = values.Select(EnumCodes<TEnum>.ToCode).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
