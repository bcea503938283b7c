using HotspotIntel.Api.Data;
using HotspotIntel.Api.Network;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Concerns;

/// <summary>
/// A report that mentions a premises or vehicle, as a licensing check shows it: what was reported, when, how it is
/// graded and by whom. Never who it is about: no persons, no location. The narrative is the one
/// <c>reports_for_role</c> gives the caller. Tasking members and licensing officers are never listed a child-linked
/// report: listed against a premises or vehicle, it would say where the child was (migrations/0015).
/// </summary>
/// <param name="ReportId">The report's id.</param>
/// <param name="Category">What kind of concern it is, e.g. premises_concern.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="Grading">The 3x5x2 grading as written, e.g. 2B P.</param>
/// <param name="SourceEvaluation">1 (reliable), 2 (untested) or 3 (not reliable).</param>
/// <param name="IntelligenceAssessment">A to E.</param>
/// <param name="HandlingConditions">The conditions of dissemination of a C handling code; null for P.</param>
/// <param name="HistoricGrading">A 5x5x5 grading as first given, never converted.</param>
/// <param name="AgencyId">The recording agency.</param>
/// <param name="AgencyName">The recording agency's name.</param>
/// <param name="Narrative">What the report says, as the caller's role may read it.</param>
public sealed record ReportConcern(
    Guid ReportId,
    ReportCategory Category,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Grading,
    SourceEvaluation SourceEvaluation,
    IntelligenceAssessment IntelligenceAssessment,
    string? HandlingConditions,
    string? HistoricGrading,
    Guid AgencyId,
    string AgencyName,
    string Narrative);

/// <summary>The kinds of record a check lists the concerns of, each read through its mention table.</summary>
public enum MentionedKind
{
    Person,
    Premises,
    Vehicle,
    Location,
}

/// <summary>The concerns of one record (or group of merged records), newest first, and whether there are more than are listed.</summary>
public sealed record ConcernList(IReadOnlyList<ReportConcern> Concerns, bool More)
{
    public static readonly ConcernList None = new([], false);
}

/// <summary>
/// The reports that mention records, through <c>reports_for_role</c> and row-level security on the mention tables
/// (which hide mentions of child-linked reports from masked roles) and on the records themselves, as a check lists them.
/// One query for any number of records: a check asks it of one, a meeting pack of every premises or vehicle it lists.
/// </summary>
public static class ReportConcerns
{
    /// <summary>At most this many concerns, newest first; a premises with more is flagged so the reader knows.</summary>
    public const int MaxConcerns = 500;

    /// <summary>The concerns of reports mentioning any of <paramref name="recordIds"/> (a record and those merged into it).</summary>
    public static async Task<ConcernList> ListAsync(HotspotIntelDbContext db, MentionedKind kind, IEnumerable<Guid> recordIds,
        CancellationToken cancellationToken) =>
        (await ListByKeyAsync(db, kind, [.. recordIds.Select(id => (Guid.Empty, id))], cancellationToken)).GetValueOrDefault(Guid.Empty, ConcernList.None);

    /// <summary>
    /// For each key of <paramref name="records"/>, the concerns of reports mentioning any record paired with it, newest
    /// first (at most <see cref="MaxConcerns"/> each): a report mentioning two records of one key counts once. Keys no
    /// report the reader may see mentions are absent.
    /// </summary>
    public static async Task<Dictionary<Guid, ConcernList>> ListByKeyAsync(HotspotIntelDbContext db, MentionedKind kind,
        IReadOnlyCollection<(Guid Key, Guid RecordId)> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var connection = await NetworkStore.OpenAsync(db, cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT record_key, id, category, occurred_at, recorded_at, source_evaluation, intelligence_assessment, handling_code,
                   handling_conditions, historic_grading, agency_id, agency_name, narrative
            FROM (
                SELECT w.record_key, r.id, r.category, r.occurred_at, r.recorded_at, r.source_evaluation::text AS source_evaluation,
                       r.intelligence_assessment::text AS intelligence_assessment, r.handling_code::text AS handling_code, r.handling_conditions,
                       r.historic_grading, r.agency_id, a.name AS agency_name, r.narrative,
                       row_number() OVER (PARTITION BY w.record_key ORDER BY r.occurred_at DESC, r.id DESC) AS newest
                FROM {Mentioning(kind)}
                JOIN agencies a ON a.id = r.agency_id
            ) ranked
            WHERE newest <= $3
            ORDER BY record_key, occurred_at DESC, id DESC
            """, connection);
        AddRecords(command, records);
        command.Parameters.Add(new() { Value = (long)MaxConcerns + 1, NpgsqlDbType = NpgsqlDbType.Bigint });
        var rows = new Dictionary<Guid, List<ReportConcern>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (source, assessment, handling) = (EnumCodes<SourceEvaluation>.Parse(reader.GetString(5)),
                    EnumCodes<IntelligenceAssessment>.Parse(reader.GetString(6)), EnumCodes<HandlingCode>.Parse(reader.GetString(7)));
                var conditions = reader.IsDBNull(8) ? null : reader.GetString(8);
                var key = reader.GetGuid(0);
                if (!rows.TryGetValue(key, out var concerns))
                {
                    rows[key] = concerns = [];
                }

                concerns.Add(new ReportConcern(reader.GetGuid(1), EnumCodes<ReportCategory>.Parse(reader.GetString(2)), reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4), new Grading(source, assessment, handling, conditions).Code, source, assessment, conditions,
                    reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetGuid(10), reader.GetString(11), reader.GetString(12)));
            }
        }

        return rows.ToDictionary(pair => pair.Key, pair => new ConcernList([.. pair.Value.Take(MaxConcerns)], pair.Value.Count > MaxConcerns));
    }

    /// <summary>
    /// For each key of <paramref name="records"/>, how many reports mention any record paired with it and the newest of
    /// them (a report mentioning two records of one key counts once); keys no report the reader may see mentions are absent.
    /// </summary>
    public static async Task<Dictionary<Guid, MentionSummary>> SummariseByKeyAsync(HotspotIntelDbContext db, MentionedKind kind,
        IReadOnlyCollection<(Guid Key, Guid RecordId)> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var connection = await NetworkStore.OpenAsync(db, cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT DISTINCT ON (w.record_key) w.record_key, count(*) OVER (PARTITION BY w.record_key), r.occurred_at, r.source_evaluation::text,
                   r.intelligence_assessment::text, r.handling_code::text, r.handling_conditions
            FROM {Mentioning(kind)}
            ORDER BY w.record_key, r.occurred_at DESC, r.id DESC
            """, connection);
        AddRecords(command, records);
        var summaries = new Dictionary<Guid, MentionSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var grading = new Grading(EnumCodes<SourceEvaluation>.Parse(reader.GetString(3)), EnumCodes<IntelligenceAssessment>.Parse(reader.GetString(4)),
                EnumCodes<HandlingCode>.Parse(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6));
            summaries[reader.GetGuid(0)] = new MentionSummary((int)reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), grading.Code);
        }

        return summaries;
    }

    /// <summary>
    /// <c>w (record_key, report_id)</c>, each report mentioning a record of a key once, joined to <c>reports_for_role r</c>.
    /// The record table is joined as EF joins a skip navigation, so its row-level security applies as well as the mention table's.
    /// Each report is looked up by id (the lateral subquery, kept apart by OFFSET 0): row-level security's filters make the
    /// planner guess a handful of rows on each side, and a plain join then ran as a nested loop comparing every mention
    /// with every report (over 30 s for 492 premises at 100k reports, against 0.6 s looked up).
    /// </summary>
    private static string Mentioning(MentionedKind kind)
    {
        // Fixed names, never input.
        var (mentions, column, table) = kind switch
        {
            MentionedKind.Person => ("report_persons", "person_id", "persons"),
            MentionedKind.Premises => ("report_premises", "premises_id", "premises"),
            MentionedKind.Vehicle => ("report_vehicles", "vehicle_id", "vehicles"),
            _ => ("report_locations", "location_id", "locations"),
        };
        return $"""
            (SELECT DISTINCT w.record_key, m.report_id
                  FROM unnest($1::uuid[], $2::uuid[]) AS w (record_key, record_id)
                  JOIN {mentions} m ON m.{column} = w.record_id
                  JOIN {table} x ON x.id = m.{column}) w
                CROSS JOIN LATERAL (SELECT * FROM reports_for_role r WHERE r.id = w.report_id OFFSET 0) r
            """;
    }

    private static void AddRecords(NpgsqlCommand command, IReadOnlyCollection<(Guid Key, Guid RecordId)> records)
    {
        command.Parameters.Add(new() { Value = records.Select(r => r.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = records.Select(r => r.RecordId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
    }
}

/// <summary>How many reports mention a record (or group of records), and the newest's time and grading as written.</summary>
public sealed record MentionSummary(int Reports, DateTimeOffset LatestAt, string LatestGrading);
